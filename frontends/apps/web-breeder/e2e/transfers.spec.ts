import type { Page } from "@playwright/test";

import { expect, test } from "./fixtures";

import { screenshots, signUp, uniqueEmail } from "./support";

/** Give the breeder an animal the way a breeder would: a one-row CSV import. */
async function importOneAnimal(page: Page, displayId: string): Promise<void> {
  await page.goto("/data");
  const file = `display_id,name,species,sex,hatch_date,morph,genotype\n${displayId},Comet,Ball python,female,2023-07-01,Pastel Clown,Pastel; Clown\n`;
  await page.getByLabel("CSV file").setInputFiles({ name: "one.csv", mimeType: "text/csv", buffer: Buffer.from(file) });
  await page.getByRole("button", { name: "Import 1 animal" }).click();
  await expect(page.getByRole("heading", { name: /^Imported 1 animal/ })).toBeVisible();
}

test("breeder A sends an animal to breeder B, who accepts it; A keeps the history and a read-only record", async ({ browser }) => {
  const alice = await browser.newContext();
  const bob = await browser.newContext();
  const a = await alice.newPage();
  const b = await bob.newPage();
  const animal = `TR-${Date.now().toString(36).toUpperCase()}`;

  // B shares the id of their vivarium.
  await signUp(b, "Bob's Boas", uniqueEmail("bob"));
  await b.goto("/transfers");
  const bobsVivarium = (await b.getByLabel("Vivarium ID").first().textContent())!.trim();
  expect(bobsVivarium).toMatch(/^[0-9a-f-]{36}$/);

  // A offers an animal to that vivarium.
  await signUp(a, "Alice's Pythons", uniqueEmail("alice"));
  await importOneAnimal(a, animal);
  await a.getByRole("link", { name: "Transfers" }).first().click();
  await a.getByRole("button", { name: "Send an animal" }).first().click();
  const dialog = a.getByRole("dialog", { name: "Send an animal" });
  await dialog.getByRole("combobox", { name: "Animal" }).fill(animal);
  await dialog.getByRole("option", { name: new RegExp(animal) }).click();
  await dialog.getByLabel("Receiving vivarium ID").fill(bobsVivarium);
  await dialog.getByLabel("Message to the receiver (optional)").fill("Paid in full, pick-up Saturday.");
  await dialog.getByRole("button", { name: "Send transfer" }).click();
  await expect(dialog).toBeHidden();
  const waiting = a.getByRole("region", { name: /Sent, waiting for the receiver/ });
  await expect(waiting.getByRole("listitem", { name: new RegExp(`${animal}.*to Bob's Boas`) })).toBeVisible();

  // B sees the offer with the animal's details and accepts it.
  await b.reload();
  const offer = b.getByRole("region", { name: /Waiting for your answer/ }).getByRole("listitem", { name: new RegExp(animal) });
  await expect(offer).toContainText("Paid in full, pick-up Saturday.");
  await expect(offer).toContainText("Ball python");
  await expect(offer.getByRole("list", { name: "Genotype" })).toContainText("Clown");
  await screenshots(b, "transfers-incoming");
  await offer.getByRole("button", { name: "Accept" }).click();
  const history = b.getByRole("list", { name: "Transfer history" });
  await expect(history).toContainText("Received from Alice's Pythons");
  await expect(history).toContainText("Accepted");

  // The animal is B's now, with its genotype.
  await history.getByRole("link", { name: new RegExp(animal) }).click();
  await expect(b).toHaveURL(/\/animals\/[0-9a-f-]{36}$/);
  await expect(b.getByText(animal).first()).toBeVisible();
  await b.getByRole("link", { name: "Collection" }).first().click();
  await expect(b.getByText(animal).first()).toBeVisible();

  // A: the history says it was accepted, and the read-only record stays.
  await a.reload();
  await expect(a.getByRole("list", { name: "Transfer history" })).toContainText("Sent to Bob's Boas");
  const record = a.getByRole("list", { name: "Animals transferred away" }).getByRole("listitem", { name: new RegExp(animal) });
  await expect(record).toContainText("Accepted");
  await expect(record).toContainText("Pastel Clown");
  await expect(record.getByRole("button")).toHaveCount(0);
  await screenshots(a, "transfers");

  // A no longer has the animal in the collection.
  await a.getByRole("link", { name: "Collection" }).first().click();
  await expect(a.getByRole("heading", { name: "Collection" })).toBeVisible();
  await expect(a.getByText(animal)).toHaveCount(0);

  await alice.close();
  await bob.close();
});

import { expect, test, type Page } from "@playwright/test";

import { screenshots, signUp, uniqueEmail } from "./support";

/** One animal, imported the way a breeder would: a one-row CSV. */
async function importAnimal(page: Page, row: string): Promise<void> {
  await page.goto("/data");
  const file = `display_id,name,species,sex,hatch_date,visibility\n${row}\n`;
  await page.getByLabel("CSV file").setInputFiles({ name: "one.csv", mimeType: "text/csv", buffer: Buffer.from(file) });
  await page.getByRole("button", { name: "Import 1 animal" }).click();
  await expect(page.getByRole("heading", { name: /^Imported 1 animal/ })).toBeVisible();
}

async function openAnimal(page: Page, displayId: string): Promise<string> {
  await page.goto("/animals");
  await page.getByLabel("Search the collection").fill(displayId);
  // The search settles (and writes itself into the address) before the animal is opened.
  await expect(page).toHaveURL(new RegExp(`q=${displayId}`));
  await expect(page.getByRole("status").filter({ hasText: "1 animal match" })).toBeVisible();
  await page.getByRole("link", { name: new RegExp(displayId) }).first().click();
  await expect(page).toHaveURL(/\/animals\/[0-9a-f-]{36}$/);
  return page.url().split("/").pop()!;
}

test("breeder B asks for breeder A's public animal as a sire; it is linked only once A approves", async ({ browser }) => {
  // Two breeders, two imports and a round trip between them: more steps than most tests.
  test.slow();
  const alice = await browser.newContext();
  const bob = await browser.newContext();
  const a = await alice.newPage();
  const b = await bob.newPage();
  const stamp = Date.now().toString(36).toUpperCase();
  const sire = `PS-${stamp}`;
  const child = `PC-${stamp}`;

  // A has a public male; B knows its profile link.
  await signUp(a, "Alice's Pythons", uniqueEmail("alice"));
  await importAnimal(a, `${sire},Atlas,Ball python,male,2019-05-01,public`);
  const sireId = await openAnimal(a, sire);

  // B records a hatchling and asks for Atlas as its sire.
  await signUp(b, "Bob's Boas", uniqueEmail("bob"));
  await importAnimal(b, `${child},Pip,Ball python,unknown,2024-06-01,private`);
  await openAnimal(b, child);
  await b.getByRole("tab", { name: "Lineage" }).click();
  await b.getByRole("button", { name: "Choose sire" }).click();
  await b.getByRole("button", { name: "Another breeder's animal" }).click();
  await b.getByLabel("Sire from another vivarium").fill(`https://public.localhost/animals/${sireId}`);
  await b.getByRole("button", { name: "Ask its owner" }).click();
  await expect(b.getByText(/Request sent: that animal belongs to another vivarium/)).toBeVisible();
  const open = b.getByRole("list", { name: "Parents from other vivariums" });
  await expect(open.getByRole("listitem", { name: "sire: Waiting for approval" })).toContainText("Atlas");
  await expect(b.getByText("Not recorded.").first()).toBeVisible();
  await screenshots(b, "parent-request-pending");

  // A sees the request with the hatchling it would parent, and approves it.
  await a.getByRole("link", { name: "Parent requests" }).first().click();
  const asking = a.getByRole("region", { name: "Asking for your animals" });
  const request = asking.getByRole("listitem").filter({ hasText: child });
  await expect(request).toContainText("Asked by Bob's Boas");
  await screenshots(a, "parent-requests");
  await request.getByRole("button", { name: "Approve" }).click();
  await expect(asking.getByRole("listitem")).toHaveCount(0);

  // B's hatchling now has Atlas as its sire, and nothing is left open.
  await b.reload();
  await b.getByRole("tab", { name: "Lineage" }).click();
  await expect(b.getByRole("link", { name: new RegExp(`${sire}.*Atlas`) })).toBeVisible();
  await expect(b.getByRole("list", { name: "Parents from other vivariums" })).toHaveCount(0);

  await alice.close();
  await bob.close();
});

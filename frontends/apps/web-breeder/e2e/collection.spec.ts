import type { Page } from "@playwright/test";

import { expect, test } from "./fixtures";

import { screenshots, signUp, uniqueEmail } from "./support";

/** A datetime-local value `daysAgo` days before now, in the browser's time zone. */
function localDateTime(daysAgo: number): string {
  const date = new Date(Date.now() - daysAgo * 86_400_000);
  const offset = date.getTimezoneOffset() * 60_000;
  return new Date(date.getTime() - offset).toISOString().slice(0, 16);
}

async function startAnimal(page: Page, sex: "♂ Male" | "♀ Female" | "Unknown", name: string, hatchDate: string) {
  await page.goto("/animals");
  await page.getByRole("link", { name: "New animal" }).first().click();
  await expect(page.getByRole("heading", { name: "New animal" })).toBeVisible();
  await page.getByLabel("Species").selectOption({ label: "Ball python (Python regius)" });
  await page.getByRole("radio", { name: sex }).check();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Hatch date").fill(hatchDate);
}

async function pickParent(page: Page, role: "Sire" | "Dam", name: string) {
  await page.getByRole("combobox", { name: role }).fill(name);
  await page.getByRole("option", { name: new RegExp(name) }).click();
}

test("a breeder builds a collection: parents, an offspring, its genotype, weights and the list", async ({ page }) => {
  await signUp(page, "Collection Keeper", uniqueEmail("collection"));

  // Empty at first, with the next step offered.
  await page.goto("/animals");
  await expect(page.getByText("No animals yet")).toBeVisible();

  // Sire and dam.
  await startAnimal(page, "♂ Male", "Apollo", "2021-05-01");
  await page.getByLabel("Morph description").fill("Pastel");
  await page.getByRole("button", { name: "Add animal" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Apollo");
  await expect(page).toHaveURL(/\/animals\/[0-9a-f-]{36}$/);

  await startAnimal(page, "♀ Female", "Luna", "2021-06-01");
  await page.getByRole("button", { name: "Add animal" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Luna");

  // The offspring: a hatch date before its sire's is refused in plain words, on the field.
  await startAnimal(page, "Unknown", "Nova", "2020-01-01");
  await pickParent(page, "Sire", "Apollo");
  await pickParent(page, "Dam", "Luna");
  await screenshots(page, "new-animal");
  await page.getByRole("button", { name: "Add animal" }).click();
  await expect(page.getByText(/a parent must be older than its offspring/).first()).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Not saved yet" })).toBeVisible();
  await expect(page).toHaveURL(/\/animals\/new$/);

  await page.getByLabel("Hatch date").fill("2024-07-15");
  await page.getByRole("button", { name: "Add animal" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Nova");
  // The COI is shown with the depth it was computed on.
  await expect(page.getByText(/generations/).first()).toBeVisible();
  await expect(page.getByText("COI", { exact: true })).toBeVisible();

  // Lineage: both parents are linked.
  await page.getByRole("tab", { name: "Lineage" }).click();
  await expect(page.getByRole("link", { name: /Apollo/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Luna/ })).toBeVisible();

  // Genotype: a 66 % possible het Clown and a visual Pastel.
  await page.getByRole("tab", { name: "Genotype" }).click();
  await page.getByLabel("Add a trait").selectOption({ label: "Clown (recessive)" });
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await page.getByLabel("State of Clown").selectOption("possible_het");
  await page.getByLabel("Chance it carries Clown").selectOption("66");
  await page.getByLabel("Add a trait").selectOption({ label: "Pastel (incomplete dominant)" });
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await page.getByRole("button", { name: "Save genotype" }).click();
  await expect(page.getByText("Genotype saved.")).toBeVisible();
  const header = page.getByRole("list", { name: "Genotype" });
  await expect(header.getByText("66% het Clown")).toBeVisible();
  await expect(header.getByText("Pastel", { exact: true })).toBeVisible();

  // Its pedigree: both parents in the tree, the COI with its depth.
  await page.getByRole("link", { name: "Pedigree", exact: true }).click();
  await expect(page.getByRole("link", { name: /Apollo, sire of .*Nova$/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Luna, dam of .*Nova$/ })).toBeVisible();
  await expect(page.getByText(/computed over \d+ generations/).first()).toBeVisible();

  // The calculator on the new breeder's own pair: unrelated, so a what-if COI of 0 %.
  await page.getByRole("link", { name: "Genetics" }).first().click();
  await page.getByLabel("Species").selectOption({ label: "Ball python (Python regius)" });
  await pickParent(page, "Sire", "Apollo");
  await pickParent(page, "Dam", "Luna");
  const outcomes = page.getByRole("table", { name: "Offspring outcomes, most likely first" });
  await expect(outcomes.getByRole("row", { name: /Normal/ })).toContainText("100 %");
  await expect(page.getByText("Offspring COI of this pairing (what-if)")).toBeVisible();
  await page.goBack();
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Nova");

  // Husbandry: two weighings draw the growth chart.
  await page.getByRole("tab", { name: "Husbandry" }).click();
  await expect(page.getByText("Log a weight to start the growth chart.")).toBeVisible();
  await page.getByRole("radio", { name: "Weight" }).check();
  await page.getByLabel("Weight (grams)").fill("48");
  await page.getByLabel("When").fill(localDateTime(21));
  await page.getByRole("button", { name: "Log weight" }).click();
  await expect(page.getByText("Weight logged for")).toBeVisible();
  await page.getByLabel("Weight (grams)").fill("63,5");
  await page.getByRole("button", { name: "Log weight" }).click();
  await expect(page.getByRole("img", { name: /2 weighings.*48 g to 63\.5 g/ })).toBeVisible();
  await expect(page.getByRole("list", { name: "Log entries" }).getByText("63.5 g")).toBeVisible();
  // The confirmations fade on their own; the picture is of the page, not of them.
  await expect(page.getByText("Weight logged for")).toHaveCount(0);
  await screenshots(page, "animal");

  // The list: three animals, filtered by sex (kept in the URL) and searched.
  await page.goto("/animals");
  const animals = page.getByRole("list", { name: "Animals" });
  await expect(animals.getByRole("listitem")).toHaveCount(3);
  await expect(page.getByText("3 animals.")).toBeVisible();
  await screenshots(page, "collection");

  const filters = page.getByRole("button", { name: /^Filters/ });
  if (await filters.isVisible()) await filters.click();
  await page.getByLabel("Sex").selectOption("female");
  await expect(page).toHaveURL(/sex=female/);
  await expect(animals.getByRole("listitem")).toHaveCount(1);
  await expect(animals.getByText("Luna")).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Sex")).toHaveValue("female");
  await expect(animals.getByRole("listitem")).toHaveCount(1);

  await page.getByRole("button", { name: "Clear search and filters" }).click();
  await expect(animals.getByRole("listitem")).toHaveCount(3);
  await page.getByLabel("Search the collection").fill("apol");
  await expect(page).toHaveURL(/q=apol/);
  await expect(animals.getByRole("listitem")).toHaveCount(1);
  await expect(animals.getByText("Apollo")).toBeVisible();

  await page.getByLabel("Search the collection").fill("no such animal");
  await expect(page.getByText("No animal matches")).toBeVisible();
});

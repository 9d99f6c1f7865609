import { expect, test } from "./fixtures";
import { readFileSync } from "node:fs";

import { screenshots, signUp, uniqueEmail } from "./support";

const HEADER = "display_id,name,species,sex,hatch_date,morph,sire,dam,genotype";

/** Three animals: a pair and their son, the son's parents named by display id. */
const FIXED = [
  HEADER,
  "IMP-1,Atlas,Ball python,male,2021-04-10,Pastel,,,Pastel",
  "IMP-2,Nova,Python regius,female,2021-06-02,Het Clown,,,het Clown",
  "IMP-3,Orbit,BP,m,2024-05-20,Pastel het Clown,IMP-1,IMP-2,Pastel; het Clown",
].join("\n");

/** The same file with three rows gone wrong in three ways. */
const BROKEN = [
  HEADER,
  "IMP-1,Atlas,Ball python,male,2021-04-10,Pastel,,,Pastel",
  "IMP-2,Nova,Komodo dragon,female,2021-06-02,Het Clown,,,het Clown",
  "IMP-3,Orbit,BP,m,03/04/2024,Pastel het Clown,IMP-1,IMP-9,Pastel; het Clown",
  "IMP-4,Echo,Ball python,dragon,2022-01-01,,,,",
].join("\n");

const csv = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });

test("a new breeder checks a CSV with bad rows, fixes it, imports it and exports the collection", async ({ page }) => {
  await signUp(page, "Import Isles", uniqueEmail("import"));
  await page.getByRole("link", { name: "Import & export" }).first().click();
  await expect(page.getByRole("heading", { name: "Import & export" })).toBeVisible();

  // The dry run lists each bad row with the column and what is wrong, and blocks the import.
  await page.getByLabel("CSV file").setInputFiles(csv("animals.csv", BROKEN));
  await expect(page.getByRole("status").filter({ hasText: "3 of 4 rows have problems" })).toBeVisible();
  const rows = page.getByRole("list", { name: "Rows of the file" });
  await expect(rows.getByRole("listitem", { name: /^Row 3:/ })).toContainText("Species: Unknown species 'Komodo dragon'");
  const row4 = rows.getByRole("listitem", { name: /^Row 4:/ });
  await expect(row4).toContainText("Hatch date: '03/04/2024' is ambiguous");
  await expect(row4).toContainText("Dam: No animal with display id 'IMP-9'");
  await expect(rows.getByRole("listitem", { name: /^Row 5:/ })).toContainText("Sex: 'dragon' is not one of");
  await expect(page.getByRole("button", { name: "Import 4 animals" })).toBeDisabled();

  // Every row is in the report, the good one too.
  await page.getByRole("button", { name: /^All rows/ }).click();
  await expect(rows.getByRole("listitem", { name: "Row 2: ready" })).toContainText("IMP-1");
  await screenshots(page, "import");

  // The fixed file passes the check; confirming writes every row.
  await page.getByLabel("CSV file").setInputFiles(csv("animals-fixed.csv", FIXED));
  await expect(page.getByRole("status").filter({ hasText: "All 3 rows are ready to import." })).toBeVisible();
  await expect(rows.getByRole("listitem", { name: "Row 4: ready" })).toContainText("sire IMP-1 · dam IMP-2");
  await page.getByRole("button", { name: "Import 3 animals" }).click();
  await expect(page.getByRole("heading", { name: "Imported 3 animals from animals-fixed.csv" })).toBeVisible();
  const imported = page.getByRole("list", { name: "Imported animals" });
  for (const id of ["IMP-1", "IMP-2", "IMP-3"]) await expect(imported.getByRole("link", { name: new RegExp(id) })).toBeVisible();

  // Export: a CSV named after the vivarium and the day, holding the imported pedigree.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^import-isles.*-animals-\d{4}-\d{2}-\d{2}\.csv$/);
  const exported = readFileSync((await download.path())!, "utf8");
  expect(exported.split(/\r?\n/)[0]).toBe("display_id,name,species,sex,hatch_date,status,visibility,morph,sire,dam,microchip,notes,genotype");
  expect(exported).toMatch(/IMP-3,Orbit,Python regius,male,2024-05-20,.*,IMP-1,IMP-2,/);

  const [json] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download JSON" }).click()]);
  expect(json.suggestedFilename()).toMatch(/-animals-\d{4}-\d{2}-\d{2}\.json$/);

  // The animals are in the collection.
  await imported.getByRole("link", { name: /IMP-3/ }).click();
  await expect(page).toHaveURL(/\/animals\/[0-9a-f-]{36}$/);
  await page.getByRole("link", { name: "Collection" }).first().click();
  for (const id of ["IMP-1", "IMP-2", "IMP-3"]) await expect(page.getByText(id, { exact: false }).first()).toBeVisible();
});

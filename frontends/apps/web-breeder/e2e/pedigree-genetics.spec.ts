import { expect, test } from "./fixtures";

import { DEMO, screenshots, signIn, signUp, uniqueEmail } from "./support";

/**
 * The demo collection (Reyes Reptiles): Echo is Atlas x Nova, and Nova is Atlas's daughter,
 * so Atlas appears twice in Echo's pedigree and Echo's COI is 25 %. Pixel shows Spider, which
 * the catalogue flags for welfare (the wobble). Nothing here changes the demo data.
 */
test("the demo breeder reads a pedigree with its COI, shares it, and runs the calculator", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, DEMO.email, DEMO.password);

  // From the collection to Echo's pedigree.
  await page.goto("/animals");
  await page.getByLabel("Search the collection").fill("Echo");
  await page.getByRole("link", { name: /· Echo$/ }).click();
  await page.getByRole("link", { name: "Pedigree", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/Pedigree of .*Echo/);

  // The bracket: sire above dam, each announced with whose parent it is; Atlas twice.
  await expect(page.getByRole("list", { name: /^Pedigree of .*Echo, 5 generations$/ })).toBeVisible();
  const parents = page.getByRole("list", { name: /^Parents of .*Echo$/ });
  await expect(parents.getByRole("link", { name: /Atlas, sire of .*Echo$/ })).toBeVisible();
  await expect(parents.getByRole("link", { name: /Nova, dam of .*Echo$/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Atlas, sire of .*Nova$/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Juniper, dam of .*Nova$/ })).toBeVisible();
  await expect(page.getByTitle("Appears 2 times in this pedigree (inbreeding)")).toHaveCount(2);
  const legend = page.getByRole("list", { name: "Legend" });
  await expect(legend).toContainText("Sire (father)");
  await expect(legend).toContainText("Dam (mother)");
  await expect(legend).toContainText("Private ancestor");
  // Founders bought in have no parents recorded: empty slots.
  await expect(page.getByText("No sire recorded").first()).toBeVisible();

  // The COI, with the depth it was computed on.
  await expect(page.getByText("Inbreeding coefficient (COI)")).toBeVisible();
  await expect(page.getByText(/^25\s%$/)).toBeVisible();
  await expect(page.getByText(/computed over \d+ generations/).first()).toBeVisible();

  // Sharing: Echo is public, so its profile link, a copy button and the QR code are there.
  const link = page.getByLabel("Public profile link");
  await expect(link).toHaveValue(/\/animals\/[0-9a-f-]{36}$/);
  const qr = page.getByRole("img", { name: /QR code that opens .*Echo's public profile/ });
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(page.getByRole("button", { name: "Print" })).toBeEnabled();
  await screenshots(page, "pedigree");
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByText(/Link copied/)).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await link.inputValue());

  // Fewer generations: the choice is kept in the address.
  await page.getByLabel("Generations", { exact: true }).selectOption("3");
  await expect(page).toHaveURL(/generations=3/);
  await expect(page.getByRole("list", { name: /^Pedigree of .*Echo, 3 generations$/ })).toBeVisible();

  // A private animal has nothing to share yet; the owner is offered to make it public.
  await page.goto("/animals");
  await page.getByLabel("Search the collection").fill("Rook");
  await page.getByRole("link", { name: /· Rook$/ }).click();
  await page.getByRole("link", { name: "Pedigree", exact: true }).click();
  await expect(page.getByText(/Rook is private: only members of Reyes Reptiles can see it/)).toBeVisible();
  await expect(page.getByLabel("Public profile link")).toHaveCount(0);
  await page.getByRole("button", { name: "Make public…" }).click();
  const dialog = page.getByRole("dialog", { name: /Make .*Rook public\?/ });
  await expect(dialog).toContainText("Not shown: notes, prices");
  await dialog.getByRole("button", { name: "Keep it private" }).click();
  await expect(dialog).toBeHidden();

  // The calculator: Atlas (Pastel het Clown) x Pixel (Spider).
  await page.getByRole("link", { name: "Genetics" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Genetics calculator" })).toBeVisible();
  await expect(page.getByText("Choose both parents to see the offspring")).toBeVisible();
  await page.getByLabel("Species").selectOption({ label: "Ball python (Python regius)" });
  await page.getByRole("combobox", { name: "Sire" }).fill("Atlas");
  await page.getByRole("option", { name: /Atlas/ }).click();
  await page.getByRole("combobox", { name: "Dam" }).fill("Pixel");
  await page.getByRole("option", { name: /Pixel/ }).click();
  await expect(page.getByRole("list", { name: /Genotype of .*Pixel/ })).toContainText("Spider");

  // Spider is welfare-flagged: the warning comes first, and on the outcomes that carry it.
  const warning = page.getByRole("region", { name: "Welfare warning" });
  await expect(warning).toContainText("Spider");
  await expect(warning).toContainText("50 % of offspring");
  await expect(warning).toContainText("wobble");
  const table = page.getByRole("table", { name: "Offspring outcomes, most likely first" });
  await expect(table.getByRole("row")).toHaveCount(5); // a header and four outcomes
  const pastelSpider = table.getByRole("row", { name: /Pastel Spider/ });
  await expect(pastelSpider).toContainText("25 %");
  await expect(pastelSpider).toContainText("1/4");
  await expect(pastelSpider).toContainText("50% possible het Clown");
  await expect(pastelSpider).toContainText("Welfare: Spider");

  // Two real animals: the what-if COI with its depth, and a way to plan the pairing.
  await expect(page.getByText("Offspring COI of this pairing (what-if)")).toBeVisible();
  await expect(page.getByText(/computed over 10 generations/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Plan this pairing" })).toHaveAttribute(
    "href",
    /^\/breeding\?sire=[0-9a-f-]{36}&dam=[0-9a-f-]{36}$/,
  );
  await screenshots(page, "genetics");

  // A dam typed by hand (het Clown, as a seller would describe her): visual Clowns and
  // 66 % possible hets, and no COI (she has no pedigree here).
  const damPanel = page.getByRole("group", { name: "Dam", exact: true });
  await damPanel.getByRole("radio", { name: "Type a genotype" }).check();
  await damPanel.getByRole("button", { name: "Add a gene" }).click();
  await damPanel.getByLabel("Dam gene 1").selectOption({ label: "Clown" });
  await damPanel.getByLabel("Clown state").selectOption({ label: "Het" });
  const looks = (visual: string) => table.getByRole("row").filter({ has: page.getByText(visual, { exact: true }) });
  await expect(looks("Clown")).toContainText("12.5 %");
  await expect(looks("Pastel Clown")).toContainText("1/8");
  await expect(looks("Pastel")).toContainText("37.5 %");
  await expect(looks("Pastel")).toContainText("66% possible het Clown");
  await expect(page.getByRole("region", { name: "Welfare warning" })).toHaveCount(0);
  await expect(page.getByText("Offspring COI of this pairing (what-if)")).toHaveCount(0);
});

test("a new breeder's animal without parents has an empty pedigree that says what to do", async ({ page }) => {
  await signUp(page, "Pedigree Starter", uniqueEmail("pedigree"));
  await page.goto("/animals/new");
  await page.getByLabel("Species").selectOption({ label: "Ball python (Python regius)" });
  await page.getByRole("radio", { name: "♀ Female" }).check();
  await page.getByLabel("Name", { exact: true }).fill("Solo");
  await page.getByRole("button", { name: "Add animal" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Solo");

  await page.getByRole("link", { name: "Pedigree", exact: true }).click();
  await expect(page.getByText(/No parents recorded for .*Solo yet/)).toBeVisible();
  await expect(page.getByText(/open the Lineage tab and choose its sire and dam/)).toBeVisible();
  // Private by default: nothing to share until it is made public.
  await expect(page.getByText(/Solo is private/)).toBeVisible();
  await screenshots(page, "pedigree-empty");
  await page.getByRole("link", { name: "Add its sire and dam" }).click();
  await expect(page).toHaveURL(/\/animals\/[0-9a-f-]{36}\?tab=lineage$/);
});

import { expect, test } from "./fixtures";

import { DEMO, signIn } from "./support";

test("the app works from the keyboard: skip link, navigation and picking an animal", async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);

  // The first Tab offers to skip the navigation, and Enter lands in the page's content.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();

  // A section is reached with Tab and opened with Enter.
  const genetics = page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Genetics" });
  await genetics.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Genetics calculator" })).toBeVisible();

  // The animal picker is a combobox: type, move with the arrows, pick with Enter.
  await page.getByLabel("Species").selectOption({ label: "Ball python (Python regius)" });
  const sire = page.getByRole("combobox", { name: "Sire" });
  await sire.focus();
  await page.keyboard.type("Atlas");
  await expect(page.getByRole("option", { name: /Atlas/ })).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page.getByText("BP-003 · Atlas").first()).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Sire" })).toHaveCount(0);
});

import { expect, test } from "./fixtures";

import { DEMO, screenshots, signIn } from "./support";

test("the dark theme is chosen once, remembered, and applied before the first paint", async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  const html = page.locator("html");
  await expect(html).not.toHaveClass(/dark/);
  await page.getByRole("button", { name: "Switch to dark theme" }).first().click();
  await expect(html).toHaveClass(/dark/);

  // The class is set by /theme-init.js, a blocking script in <head>, before React or any
  // stylesheet runs.
  const classAtFirstParse: string[] = [];
  await page.exposeFunction("recordThemeClass", (value: string) => classAtFirstParse.push(value));
  await page.addInitScript(() => {
    document.addEventListener("readystatechange", () => {
      if (document.readyState === "interactive") {
        (window as unknown as { recordThemeClass: (v: string) => void }).recordThemeClass(
          document.documentElement.className,
        );
      }
    });
  });
  await page.goto("/animals");
  await expect(page.getByRole("heading", { name: "Collection" })).toBeVisible();
  expect(classAtFirstParse[0]).toContain("dark");
  await screenshots(page, "collection-dark");
  await page.goto("/today");
  await expect(page.getByRole("heading", { name: "Today" })).toBeVisible();
  await screenshots(page, "today-dark");

  await page.getByRole("button", { name: "Switch to light theme" }).first().click();
  await expect(html).not.toHaveClass(/dark/);
});

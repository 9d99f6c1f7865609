import { expect, test } from "@playwright/test";

import { PASSWORD, readMail, screenshots, signIn, signUp, uniqueEmail } from "./support";

test("a new breeder signs up, signs out and back in, and resets a forgotten password", async ({ page }) => {
  const email = uniqueEmail("signup");
  await page.goto("/login");
  await screenshots(page, "login");
  await signUp(page, "Night Gecko Co", email);
  await expect(page.getByRole("heading", { name: "Today" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/login/);

  // A wrong password is refused in plain words, and nothing else happens.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("not-the-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);

  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.getByText(/reset link is on its way/)).toBeVisible();
  const mail = await readMail(email, "/reset-password?token=");
  const link = /https?:\/\/\S+\/reset-password\?token=[\w%-]+/.exec(mail);
  expect(link, mail).not.toBeNull();
  const url = new URL(link![0]);
  await page.goto(`${url.pathname}${url.search}`);
  await page.getByLabel("New password").fill(`${PASSWORD}-new`);
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, email, `${PASSWORD}-new`);
});

test("an expired access token renews itself; a revoked session asks to sign in again without losing the form", async ({ page }) => {
  const email = uniqueEmail("session");
  await signUp(page, "Session Keeper", email);
  const stored = () => page.evaluate(() => JSON.parse(localStorage.getItem("reptidex.session") ?? "null"));
  const before = await stored();

  // The access token's time is up: the next request refreshes first, without bothering anyone.
  await page.evaluate(() => {
    const session = JSON.parse(localStorage.getItem("reptidex.session")!);
    localStorage.setItem("reptidex.session", JSON.stringify({ ...session, accessExpiresAt: 0 }));
  });
  await page.reload();
  await expect(page.getByRole("heading", { name: "Today" })).toBeVisible();
  const after = await stored();
  expect(after.refreshToken).not.toBe(before.refreshToken);
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // The refresh token is no longer accepted (signed out elsewhere) while a form is half done:
  // saving fails, a dialog asks for the password over the page, and after signing in there
  // the form still holds what was typed, and saves.
  await page.goto("/animals/new");
  await page.getByLabel("Species").selectOption({ label: "Ball python (Python regius)" });
  await page.getByRole("radio", { name: "♀ Female" }).check();
  await page.getByLabel("Name", { exact: true }).fill("Halfway");
  await page.evaluate(() => {
    const session = JSON.parse(localStorage.getItem("reptidex.session")!);
    localStorage.setItem(
      "reptidex.session",
      JSON.stringify({ ...session, refreshToken: "revoked-elsewhere", accessExpiresAt: 0 }),
    );
  });
  await page.getByRole("button", { name: "Add animal" }).click();
  const dialog = page.getByRole("dialog", { name: "Your session has ended" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Password").fill(PASSWORD);
  await dialog.getByRole("button", { name: "Sign in and continue" }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/animals\/new$/);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Halfway");
  await page.getByRole("button", { name: "Add animal" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Halfway");
});

import { expect, test } from "./fixtures";

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

test("the session survives a reload through an HttpOnly cookie; a revoked session asks to sign in again without losing the form", async ({ page }) => {
  const email = uniqueEmail("session");
  await signUp(page, "Session Keeper", email);
  const refreshCookie = async () => (await page.context().cookies()).find((c) => c.name === "reptidex_refresh" && c.path === "/api/v1/auth/refresh");

  // No token is within a script's reach: not in storage, not in document.cookie.
  const reachable = await page.evaluate(() => JSON.stringify({ ...localStorage }) + document.cookie);
  expect(reachable).not.toMatch(/eyJ|refresh/i);
  const before = await refreshCookie();
  expect(before?.httpOnly).toBe(true);
  expect(before?.sameSite).toBe("Strict");

  // A reload forgets the access token (it lived in memory); the cookie restores the session.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Today" })).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect((await refreshCookie())?.value).not.toBe(before?.value);

  // Signed out everywhere (say, from another device) while a form is half done: the access
  // token stops at once, saving fails, a dialog asks for the password over the page, and after
  // signing in there the form still holds what was typed, and saves.
  await page.goto("/animals/new");
  await page.getByLabel("Species").selectOption({ label: "Ball python (Python regius)" });
  await page.getByRole("radio", { name: "♀ Female" }).check();
  await page.getByLabel("Name", { exact: true }).fill("Halfway");
  await page.evaluate(async () => {
    const renewed = await fetch("/api/v1/auth/refresh", { method: "POST", headers: { "X-ReptiDex-CSRF": "1" } });
    const { access_token } = (await renewed.json()) as { access_token: string };
    const core = `${location.protocol}//${location.host.replace(/^breeder\./, "api.")}`;
    await fetch(`${core}/api/v1/auth/logout-all`, { method: "POST", headers: { authorization: `Bearer ${access_token}` } });
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

test("tabs share the session: new tabs and reloads at the same moment stay signed in, and signing out in one signs out all", async ({ page, context }) => {
  const email = uniqueEmail("tabs");
  await signUp(page, "Two Tabs", email);
  const second = await context.newPage();
  const third = await context.newPage();
  // Three tabs restore the session from one cookie at the same moment.
  await Promise.all([page.reload(), second.goto("/today"), third.goto("/animals")]);
  await expect(page.getByRole("heading", { name: "Today" })).toBeVisible();
  await expect(second.getByRole("heading", { name: "Today" })).toBeVisible();
  await expect(third.getByRole("heading", { name: "Collection" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/login/);
  await expect(second).toHaveURL(/\/login/);
  await third.reload();
  await expect(third).toHaveURL(/\/login/);
});

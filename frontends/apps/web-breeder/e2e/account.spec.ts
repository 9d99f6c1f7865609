import { expect, test } from "./fixtures";

import { PASSWORD, screenshots, signIn, signUp, uniqueEmail } from "./support";

test("a breeder edits their profile, asks for the verification email again, changes the password and signs out everywhere", async ({ page }) => {
  const email = uniqueEmail("account");
  await signUp(page, "Morph Meadows", email);
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Account" })).toBeVisible();

  const profile = page.getByRole("form", { name: "Profile" });
  await profile.getByLabel("Display name").fill("Morph Meadows Reptiles");
  await profile.getByLabel("Bio").fill("Leopard geckos and ball pythons, hobby breeder since 2015.");
  await profile.getByRole("textbox", { name: "Location" }).fill("Utrecht");
  await profile.getByRole("checkbox", { name: /Show my location/ }).uncheck();
  await profile.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();
  await page.reload();
  await expect(profile.getByLabel("Display name")).toHaveValue("Morph Meadows Reptiles");
  await expect(profile.getByRole("textbox", { name: "Location" })).toHaveValue("Utrecht");
  await expect(profile.getByRole("checkbox", { name: /Show my location/ })).not.toBeChecked();

  await expect(page.getByText("Not verified")).toBeVisible();
  await page.getByRole("button", { name: "Send the link again" }).click();
  await expect(page.getByRole("status").filter({ hasText: `on its way to ${email}` })).toBeVisible();

  // A wrong current password is marked on its field; the right one changes it.
  const password = page.getByRole("form", { name: "Change password" });
  await password.getByLabel("Current password", { exact: true }).fill("not-my-password-1");
  await password.getByLabel("New password", { exact: true }).fill(`${PASSWORD}-2`);
  await password.getByLabel("Repeat the new password").fill(`${PASSWORD}-2`);
  await password.getByRole("button", { name: "Change password" }).click();
  await expect(password.getByText("This is not your current password.")).toBeVisible();
  await password.getByLabel("Current password", { exact: true }).fill(PASSWORD);
  await password.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed.")).toBeVisible();
  // Still signed in with the new token pair.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Account" })).toBeVisible();
  await screenshots(page, "account");

  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, email, `${PASSWORD}-2`);
});

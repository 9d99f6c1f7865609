import type { Page } from "@playwright/test";

import { expect, test } from "./fixtures";

import { PASSWORD, readMail, screenshots, signUp, uniqueEmail } from "./support";

async function importOneAnimal(page: Page, displayId: string): Promise<void> {
  await page.goto("/data");
  const file = `display_id,name,species,sex,hatch_date\n${displayId},Pebble,Leopard gecko,female,2024-03-01\n`;
  await page.getByLabel("CSV file").setInputFiles({ name: "one.csv", mimeType: "text/csv", buffer: Buffer.from(file) });
  await page.getByRole("button", { name: "Import 1 animal" }).click();
  await expect(page.getByRole("heading", { name: /^Imported 1 animal/ })).toBeVisible();
}

test("an owner invites a keeper, who signs up from the email, joins and cannot edit", async ({ browser }) => {
  const ownerContext = await browser.newContext();
  const keeperContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const keeper = await keeperContext.newPage();
  const keeperEmail = uniqueEmail("keeper");
  const animal = `MEM-${Date.now().toString(36).toUpperCase()}`;

  await signUp(owner, "Gecko Gardens", uniqueEmail("owner"));
  await importOneAnimal(owner, animal);

  // The owner invites by email; the invitation waits in the list.
  await owner.getByRole("link", { name: "Vivarium & members" }).first().click();
  const inviteForm = owner.getByRole("form", { name: "Invite a member" });
  await inviteForm.getByLabel("Email").fill(keeperEmail);
  await expect(inviteForm.getByLabel("Role").locator("option")).toHaveText(["Keeper", "Handler", "Curator", "Herpetologist (owner)"]);
  await inviteForm.getByLabel("Role").selectOption("keeper");
  await inviteForm.getByRole("button", { name: "Send invitation" }).click();
  await expect(owner.getByRole("list", { name: "Pending invitations" }).getByRole("listitem", { name: keeperEmail })).toContainText("Keeper");

  // The last owner cannot demote themselves: the API's refusal is shown in plain words.
  const ownerRow = owner.getByRole("list", { name: "Members" }).getByRole("listitem", { name: /\(you\)/ });
  await ownerRow.getByRole("combobox", { name: /^Role of/ }).selectOption("keeper");
  await expect(ownerRow.getByRole("alert")).toContainText("A vivarium always needs an owner");
  await expect(ownerRow.getByRole("combobox", { name: /^Role of/ })).toHaveValue("herpetologist");

  // The keeper opens the emailed link signed out, creates an account and comes back to it.
  const mail = await readMail(keeperEmail, "/invitations/");
  const link = /https?:\/\/\S+\/invitations\/[\w-]+/.exec(mail);
  expect(link, mail).not.toBeNull();
  const invitationPath = new URL(link![0]).pathname;
  await keeper.goto(invitationPath);
  await expect(keeper).toHaveURL(/\/login\?next=/);
  await keeper.getByRole("link", { name: "Create an account" }).click();
  await keeper.getByLabel("Your name or business").fill("Kim the Keeper");
  await keeper.getByLabel("Email").fill(keeperEmail);
  await keeper.getByLabel("Password").fill(PASSWORD);
  await keeper.getByRole("button", { name: "Create account" }).click();
  await expect(keeper).toHaveURL(new RegExp(`${invitationPath}$`));
  await expect(keeper.getByRole("heading", { name: "Join Gecko Gardens's vivarium" })).toBeVisible();
  await expect(keeper.getByText("keeper (view only)")).toBeVisible();

  // A new account's address is not confirmed yet: the invitation cannot be taken until it is.
  await expect(keeper.getByRole("alert").filter({ hasText: "Confirm your email address first" })).toBeVisible();
  await keeper.getByRole("button", { name: "Accept and join" }).click();
  await expect(keeper.getByRole("alert").filter({ hasText: "nobody else can take a place meant for you" })).toBeVisible();
  await expect(keeper).toHaveURL(new RegExp(`${invitationPath}$`));
  const verification = await readMail(keeperEmail, "/verify-email");
  const verifyLink = /https?:\/\/\S+\/verify-email\?token=[\w-]+/.exec(verification);
  expect(verifyLink, verification).not.toBeNull();
  const verifyUrl = new URL(verifyLink![0]);
  await keeper.goto(`${verifyUrl.pathname}${verifyUrl.search}`);
  await keeper.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(keeper.getByRole("status")).toContainText("your email address is confirmed");
  await keeper.goto(invitationPath);
  await expect(keeper.getByRole("heading", { name: "Join Gecko Gardens's vivarium" })).toBeVisible();
  await expect(keeper.getByText("Confirm your email address first")).toHaveCount(0);
  await screenshots(keeper, "invitation");
  await keeper.getByRole("button", { name: "Accept and join" }).click();

  // Switched to the owner's vivarium, as a keeper: the animal is there, nothing can be changed.
  await expect(keeper).toHaveURL(/\/animals$/);
  await expect(keeper.getByRole("combobox", { name: "Vivarium" }).first()).toHaveValue(/[0-9a-f-]{36}/);
  await expect(keeper.getByRole("combobox", { name: "Vivarium" }).first().locator("option:checked")).toHaveText("Gecko Gardens's vivarium");
  await expect(keeper.getByText(animal).first()).toBeVisible();
  await expect(keeper.getByRole("link", { name: "New animal" })).toHaveCount(0);
  await expect(keeper.getByRole("button", { name: "New animal" })).toHaveCount(0);
  await keeper.getByText(animal).first().click();
  await expect(keeper).toHaveURL(/\/animals\/[0-9a-f-]{36}$/);
  await expect(keeper.getByText(animal).first()).toBeVisible();
  await expect(keeper.getByRole("button", { name: /^(Edit|Save|Archive|Delete|Add)\b/ })).toHaveCount(0);

  await keeper.goto("/data");
  await expect(keeper.getByLabel("CSV file")).toHaveCount(0);
  await expect(keeper.getByText("needs the curator or owner role")).toBeVisible();
  await expect(keeper.getByRole("button", { name: "Download CSV" })).toBeEnabled();
  await keeper.goto("/transfers");
  await expect(keeper.getByRole("heading", { name: "Transfers" })).toBeVisible();
  await expect(keeper.getByRole("button", { name: "Send an animal" })).toHaveCount(0);
  await keeper.goto("/vivarium");
  await expect(keeper.getByRole("list", { name: "Members" })).toContainText("Gecko Gardens");
  await expect(keeper.getByRole("form", { name: "Invite a member" })).toHaveCount(0);
  await expect(keeper.getByRole("button", { name: "Edit details" })).toHaveCount(0);
  await expect(keeper.getByRole("combobox", { name: /^Role of/ })).toHaveCount(0);
  await expect(keeper.getByRole("button", { name: /^Remove / })).toHaveCount(0);

  // The owner sees the keeper among the members, and may change the role.
  await owner.reload();
  const keeperRow = owner.getByRole("list", { name: "Members" }).getByRole("listitem", { name: "Kim the Keeper" });
  await expect(keeperRow).toContainText(keeperEmail);
  await expect(keeperRow.getByRole("combobox", { name: "Role of Kim the Keeper" })).toHaveValue("keeper");
  await expect(owner.getByRole("list", { name: "Pending invitations" })).toHaveCount(0);
  await screenshots(owner, "members");

  await ownerContext.close();
  await keeperContext.close();
});

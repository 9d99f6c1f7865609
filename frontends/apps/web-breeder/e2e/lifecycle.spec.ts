import { expect, test } from "@playwright/test";

import { apiAs, signUp, uniqueEmail } from "./support";

interface Animal {
  id: string;
  display_id: string;
}

test("the pairing picker offers living animals only: a deceased male is no longer a sire", async ({ page }) => {
  await signUp(page, "Cinder Geckos", uniqueEmail("picker"));
  const api = apiAs(page);
  const me = await api.get<{ memberships: { vivarium_id: string }[] }>("/api/v1/auth/me");
  const vivariumId = me.memberships[0]!.vivarium_id;
  const species = await api.get<{ items: { id: string; common_name: string }[] }>("/api/v1/species?limit=100");
  const leopardGecko = species.items.find((item) => item.common_name === "Leopard gecko")!;
  const male = (name: string, status: "active" | "deceased") =>
    api.post<Animal>("/api/v1/animals", {
      vivarium_id: vivariumId,
      species_id: leopardGecko.id,
      sex: "male",
      name,
      hatch_date: "2021-06-01",
      status,
      visibility: "private",
    });
  await male("Sol", "active");
  await male("Ash", "deceased");

  await page.goto("/breeding");
  await page.getByRole("button", { name: "New pairing" }).click();
  const dialog = page.getByRole("dialog", { name: "New pairing" });
  const sire = dialog.getByRole("combobox", { name: "Sire (male)" });
  await sire.fill("S");
  await expect(dialog.getByRole("option", { name: /Sol/ })).toBeVisible();
  await sire.fill("Ash");
  await expect(dialog.getByRole("listbox", { name: "Sire (male)" })).toContainText("No matching animal");
  await expect(dialog.getByRole("option", { name: /Ash/ })).toHaveCount(0);
});

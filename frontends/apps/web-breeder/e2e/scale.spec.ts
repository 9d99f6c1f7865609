import { expect, test } from "./fixtures";

import { apiAs, signUp, uniqueEmail } from "./support";

interface Me {
  memberships: { vivarium_id: string }[];
}
interface SpeciesPage {
  items: { id: string; common_name: string }[];
}

test("a full rack: the list scrolls through every animal, and the plan's limit is said plainly", async ({ page }) => {
  await signUp(page, "Full Rack", uniqueEmail("scale"));
  const api = apiAs(page);
  const me = await api.get<Me>("/api/v1/auth/me");
  const vivariumId = me.memberships[0]!.vivarium_id;
  const species = await api.get<SpeciesPage>("/api/v1/species?q=Leopard%20gecko");
  const speciesId = species.items[0]!.id;

  // The free plan holds 50 animals: fill it.
  for (let number = 1; number <= 50; number += 1) {
    await api.post("/api/v1/animals", {
      vivarium_id: vivariumId,
      species_id: speciesId,
      name: `Gecko ${String(number).padStart(2, "0")}`,
    });
  }

  // A page at a time: the next one arrives as the end of the list comes into view.
  await page.goto("/animals");
  const animals = page.getByRole("list", { name: "Animals" });
  await expect(animals.getByRole("listitem")).toHaveCount(30);
  await page.getByRole("button", { name: "Load more animals" }).scrollIntoViewIfNeeded();
  await expect(animals.getByRole("listitem")).toHaveCount(50);
  await expect(page.getByRole("button", { name: "Load more animals" })).toHaveCount(0);

  // The 51st is refused with the reason and what to do, and nothing is added.
  await page.goto("/animals/new");
  await page.getByLabel("Species").selectOption({ label: "Leopard gecko (Eublepharis macularius)" });
  await page.getByLabel("Name", { exact: true }).fill("One too many");
  await page.getByRole("button", { name: "Add animal" }).click();
  const problem = page.getByRole("alert").filter({ hasText: /plan/i });
  await expect(problem).toBeVisible();
  await expect(problem).toContainText(/50/);
  await expect(page).toHaveURL(/\/animals\/new$/);
  await page.goto("/animals?q=too%20many");
  await expect(page.getByText("No animal matches")).toBeVisible();
});

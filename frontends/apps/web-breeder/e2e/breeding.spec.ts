import { expect, test } from "./fixtures";

import { apiAs, DEMO, screenshots, signIn, signUp, uniqueEmail } from "./support";

function isoDaysAgo(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() - days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}

interface Animal {
  id: string;
  display_id: string;
  sire: { id: string } | null;
  dam: { id: string } | null;
  clutch_id: string | null;
}

test("a new breeder pairs two geckos, lays and hatches a clutch, and batch-feeds the rack", async ({ page }) => {
  await signUp(page, "Ember Geckos", uniqueEmail("breeder"));
  // A new collection has nothing due.
  await expect(page.getByText("Nothing due today")).toBeVisible();

  // The founders come in through the API: a male and a female leopard gecko.
  const api = apiAs(page);
  const me = await api.get<{ memberships: { vivarium_id: string }[] }>("/api/v1/auth/me");
  const vivariumId = me.memberships[0]!.vivarium_id;
  const species = await api.get<{ items: { id: string; common_name: string }[] }>("/api/v1/species?limit=100");
  const leopardGecko = species.items.find((item) => item.common_name === "Leopard gecko")!;
  const founder = (name: string, sex: "male" | "female") =>
    api.post<Animal>("/api/v1/animals", {
      vivarium_id: vivariumId,
      species_id: leopardGecko.id,
      sex,
      name,
      hatch_date: "2023-06-01",
      status: "active",
      visibility: "private",
    });
  const sol = await founder("Sol", "male");
  const clementine = await founder("Clementine", "female");

  // A pairing, made in the app.
  await page.goto("/breeding");
  await expect(page.getByText(/No pairings for \d{4} yet/)).toBeVisible();
  await page.getByRole("button", { name: "New pairing" }).click();
  const pairingDialog = page.getByRole("dialog", { name: "New pairing" });
  await pairingDialog.getByRole("combobox", { name: "Sire (male)" }).fill("Sol");
  await pairingDialog.getByRole("option", { name: /Sol/ }).click();
  await pairingDialog.getByRole("combobox", { name: "Dam (female)" }).fill("Clem");
  await pairingDialog.getByRole("option", { name: /Clementine/ }).click();
  await pairingDialog.getByRole("button", { name: "Save pairing" }).click();
  await expect(page).toHaveURL(/\/breeding\/pairings\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Sol");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Clementine");

  const pairingUrl = page.url();

  // The genetics calculator's "plan this pairing" link opens the form with both parents set.
  await page.goto(`/breeding?sire=${sol.id}&dam=${clementine.id}`);
  const linked = page.getByRole("dialog", { name: "New pairing" });
  await expect(linked.getByText(`${sol.display_id} · Sol`)).toBeVisible();
  await expect(linked.getByText(`${clementine.display_id} · Clementine`)).toBeVisible();
  await linked.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/breeding$/);
  await expect(page.getByRole("link", { name: /Sol.*Clementine/ })).toBeVisible();
  await page.goto(pairingUrl);

  // Introduced weeks ago, with the date recorded.
  await page.getByRole("button", { name: "Introduce" }).click();
  const moveDialog = page.getByRole("dialog", { name: "Introduce" });
  await moveDialog.getByLabel("Introduced on").fill(isoDaysAgo(40));
  await moveDialog.getByRole("button", { name: "Introduce" }).click();
  await expect(page.getByText("Pairing marked active")).toBeVisible();
  await expect(page.getByRole("button", { name: "Record a lock" })).toBeVisible();

  // The eggs: laid 20 days ago; the expected hatch date shows before saving.
  await page.getByRole("button", { name: "Record a clutch" }).click();
  const layDialog = page.getByRole("dialog", { name: "Record a clutch" });
  await layDialog.getByLabel("Laid on").fill(isoDaysAgo(20));
  await layDialog.getByLabel("Total").fill("2");
  await expect(layDialog.getByLabel("Fertile", { exact: true })).toHaveValue("2");
  await layDialog.getByLabel("Incubation °C").fill("29");
  // Leopard geckos take 35–90 days, fewer the warmer: the estimate for 29 °C is in between.
  const estimate = layDialog.getByText(/Expected to hatch around .* \(\d+ days at 29 °C\)/);
  await expect(estimate).toBeVisible();
  const days = Number(/\((\d+) days/.exec((await estimate.textContent()) ?? "")![1]);
  expect(days).toBeGreaterThan(35);
  expect(days).toBeLessThan(90);
  await layDialog.getByRole("button", { name: "Save clutch" }).click();
  await expect(page.getByText(/Clutch of 2 eggs saved/)).toBeVisible();
  // Eggs prove the pairing took.
  await expect(page.getByText(/^Completed · Eggs laid$/)).toBeVisible();

  // The countdown, on the pairing and on the clutch.
  await expect(page.getByText(`${days - 20} days to go · day 20 of ${days}`)).toBeVisible();
  await page.getByRole("link", { name: /^Clutch laid / }).click();
  await expect(page).toHaveURL(/\/breeding\/clutches\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("progressbar", { name: "Incubation progress" })).toHaveAttribute("aria-valuenow", String(Math.round((20 / days) * 100)));
  await expect(page.getByText(`Day 20 of ${days}`)).toBeVisible();

  // Hatched early: two hatchlings, sexed and named.
  await page.getByRole("button", { name: "Hatch", exact: true }).click();
  await expect(page.getByRole("group", { name: "How many hatched" }).getByRole("textbox")).toHaveValue("2");
  await page.getByRole("group", { name: "Hatchling 1" }).getByRole("radio", { name: "Male", exact: true }).check();
  await page.getByLabel("Name of hatchling 1").fill("Pip");
  await page.getByRole("group", { name: "Hatchling 2" }).getByRole("radio", { name: "Female", exact: true }).check();
  await page.getByLabel("Name of hatchling 2").fill("Fig");
  await page.getByRole("button", { name: "Save 2 hatchlings" }).click();
  // 20 days is short of the leopard gecko's 35: the app asks before recording it.
  const early = page.getByRole("alertdialog", { name: "Hatched after only 20 days?" });
  await expect(early).toContainText("at least 35 days");
  await early.getByRole("button", { name: "Yes, record the early hatch" }).click();
  await expect(page.getByText("2 hatchlings added to your collection")).toBeVisible();
  await expect(page.getByText(/^Hatched .* · 2 hatchlings$/)).toBeVisible();
  const pip = page.getByRole("link", { name: /· Pip/ });
  await expect(pip).toBeVisible();
  await expect(page.getByRole("link", { name: /· Fig/ })).toBeVisible();
  await screenshots(page, "clutch-hatched");

  // The hatchling's own page; its record has the clutch's sire, dam and the clutch.
  const clutchId = new URL(page.url()).pathname.split("/").pop()!;
  await pip.click();
  await expect(page).toHaveURL(/\/animals\/[0-9a-f-]{36}$/);
  const pipId = new URL(page.url()).pathname.split("/").pop()!;
  const hatchling = await api.get<Animal>(`/api/v1/animals/${pipId}`);
  expect(hatchling.sire?.id).toBe(sol.id);
  expect(hatchling.dam?.id).toBe(clementine.id);
  expect(hatchling.clutch_id).toBe(clutchId);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Pip");
  await expect(page.getByText("no parents recorded")).toHaveCount(0);

  // The today list: four never-fed animals. Select all, feed, done in three taps.
  await page.goto("/today");
  const feedings = page.getByRole("region", { name: /To feed/ });
  await expect(feedings.getByRole("checkbox")).toHaveCount(4);
  await page.getByRole("button", { name: "Select all due feedings" }).click();
  await page.getByRole("button", { name: "Feed 4" }).click();
  const feedDialog = page.getByRole("dialog", { name: "Feed 4 animals" });
  await feedDialog.getByLabel("Prey").fill("cricket");
  await feedDialog.getByLabel("Size").fill("small");
  await feedDialog.getByLabel("Count").fill("5");
  await feedDialog.getByRole("button", { name: "Log 4 feedings" }).click();
  await expect(page.getByText("Fed 4 animals (5 small crickets each)").first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Logged just now" })).toContainText(sol.display_id);
  await expect(page.getByText("No feeding due today.")).toBeVisible();
  const logs = await api.get<{ items: { kind: string; prey_type: string; prey_count: number; feeding_outcome: string }[] }>(
    `/api/v1/animals/${clementine.id}/logs?kind=feeding`,
  );
  expect(logs.items[0]).toMatchObject({ kind: "feeding", prey_type: "cricket", prey_count: 5, feeding_outcome: "accepted" });

  // Weighing two of them: a grams input each, the rest stay due.
  await page.getByRole("region", { name: /To weigh/ }).getByText(sol.display_id).click();
  await page.getByRole("region", { name: /To weigh/ }).getByText(clementine.display_id).click();
  await page.getByRole("button", { name: "Weigh 2" }).click();
  const weighDialog = page.getByRole("dialog", { name: "Weigh 2 animals" });
  await weighDialog.getByLabel(new RegExp(`${sol.display_id} · Sol`)).fill("61,5");
  await weighDialog.getByLabel(new RegExp(`${clementine.display_id} · Clementine`)).fill("74");
  await weighDialog.getByRole("button", { name: "Save weights" }).click();
  await expect(page.getByText("Weighed 2 animals").first()).toBeVisible();
  await expect(page.getByRole("region", { name: /To weigh/ }).getByRole("checkbox")).toHaveCount(2);

  // A reminder for the whole vivarium.
  await page.goto("/reminders");
  await page.getByRole("button", { name: "New reminder" }).first().click();
  const reminderDialog = page.getByRole("dialog", { name: "New reminder" });
  await reminderDialog.getByLabel("What to do").fill("Deep clean the gecko tubs");
  await reminderDialog.getByLabel("Repeat").selectOption("7");
  await reminderDialog.getByLabel("What it is (optional)").selectOption("cleaning");
  await reminderDialog.getByRole("button", { name: "Save reminder" }).click();
  await expect(page.getByText("Reminder set: Deep clean the gecko tubs")).toBeVisible();
  const reminderRow = page.getByRole("region", { name: "Reminders", exact: true }).getByRole("listitem").filter({ hasText: "Deep clean the gecko tubs" });
  await expect(reminderRow).toContainText("Whole vivarium · Every week");
  await reminderRow.getByRole("button", { name: "Pause Deep clean the gecko tubs" }).click();
  await expect(page.getByText("Paused: Deep clean the gecko tubs")).toBeVisible();
});

test("a refused feeding is logged as a refusal and shown in plain words", async ({ page }) => {
  await signUp(page, "Refusal Rack", uniqueEmail("refusal"));
  const api = apiAs(page);
  const me = await api.get<{ memberships: { vivarium_id: string }[] }>("/api/v1/auth/me");
  const species = await api.get<{ items: { id: string; common_name: string }[] }>("/api/v1/species?limit=100");
  const ballPython = species.items.find((item) => item.common_name === "Ball python")!;
  const animal = await api.post<Animal>("/api/v1/animals", {
    vivarium_id: me.memberships[0]!.vivarium_id,
    species_id: ballPython.id,
    sex: "female",
    name: "Nova",
    status: "active",
    visibility: "private",
  });
  // It ate a month ago, so it is due today.
  await api.post(`/api/v1/animals/${animal.id}/logs`, {
    kind: "feeding",
    prey_type: "rat",
    prey_size: "small",
    prey_count: 1,
    outcome: "accepted",
    occurred_at: new Date(Date.now() - 30 * 86_400_000).toISOString(),
  });

  await page.goto("/today");
  const row = page.getByRole("region", { name: /To feed/ }).getByRole("listitem").filter({ hasText: "Nova" });
  await expect(row).toContainText("Usual meal: 1 small rat");
  await row.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Feed 1" }).click();
  const dialog = page.getByRole("dialog", { name: "Feed 1 animal" });
  // Its usual meal is offered as the meal for all.
  await expect(dialog.getByLabel("Prey")).toHaveValue("rat");
  await dialog.getByRole("radio", { name: "Refused" }).check();
  await expect(dialog.getByText(/come back on the list tomorrow/)).toBeVisible();
  await dialog.getByRole("button", { name: "Log 1 feeding" }).click();
  await expect(page.getByText("1 refusal logged; offer again tomorrow").first()).toBeVisible();
  const logs = await api.get<{ items: { feeding_outcome: string }[] }>(`/api/v1/animals/${animal.id}/logs?kind=feeding`);
  expect(logs.items[0]!.feeding_outcome).toBe("refused");
});

test("the demo breeder's breeding, clutch, today and reminders pages", async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);

  await page.goto("/breeding?season=all");
  await expect(page.getByRole("heading", { name: "In the incubator" })).toBeVisible();
  const incubating = page.getByRole("link", { name: /^Clutch laid / }).first();
  await expect(incubating).toBeVisible();
  await expect(page.getByRole("heading", { name: "Hatch rates · All seasons" })).toBeVisible();
  await page.goto("/breeding");
  await screenshots(page, "breeding");

  await incubating.click();
  await expect(page.getByRole("progressbar", { name: "Incubation progress" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Hatch", exact: true })).toBeVisible();
  await screenshots(page, "clutch");

  await page.goto("/today");
  await expect(page.getByRole("region", { name: /To feed/ }).getByRole("checkbox").first()).toBeVisible();
  // Selected, as at the rack before tapping "Feed" (nothing is logged).
  await page.getByRole("button", { name: "Select all due feedings" }).click();
  await expect(page.getByRole("button", { name: /^Feed \d+$/ })).toBeVisible();
  await screenshots(page, "today");

  await page.goto("/reminders");
  await expect(page.getByRole("heading", { name: "Due now" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Reminders", exact: true }).getByText("Deep clean Rack A tubs")).toBeVisible();
  await screenshots(page, "reminders");
});

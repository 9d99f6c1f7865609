import { afterEach, expect, it } from "vitest";

import { dateIn, setVivariumTimeZone, timeZoneChoices, vivariumToday } from "./timeZone";

// 21:30 UTC on 3 December 2026: already the 4th in Sydney, still the 3rd in Honolulu.
const EVENING = new Date("2026-12-03T21:30:00Z");

afterEach(() => setVivariumTimeZone(null));

it("reads the date on the given zone's calendar", () => {
  expect(dateIn("Australia/Sydney", EVENING)).toBe("2026-12-04");
  expect(dateIn("Pacific/Honolulu", EVENING)).toBe("2026-12-03");
  expect(dateIn("UTC", EVENING)).toBe("2026-12-03");
});

it("takes today from the vivarium on screen, not from the device", () => {
  setVivariumTimeZone("Pacific/Kiritimati");
  expect(vivariumToday(EVENING)).toBe("2026-12-04");
  setVivariumTimeZone("Pacific/Honolulu");
  expect(vivariumToday(EVENING)).toBe("2026-12-03");
});

it("offers every zone, UTC and the current one included", () => {
  const choices = timeZoneChoices("Europe/Berlin");
  expect(choices).toContain("UTC");
  expect(choices).toContain("Europe/Berlin");
  expect([...choices].sort((a, b) => a.localeCompare(b))).toEqual(choices);
});

import { defineConfig, devices } from "@playwright/test";

/**
 * Browser tests, run by `scripts/e2e.py` (part of `make test`), which starts the whole
 * platform and sets E2E_BASE_URL. Debian's Chromium drives them; Playwright never downloads
 * a browser of its own.
 */
const chromiumFlags = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "./e2e",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  // One retry: a test that passes only on its second attempt is reported as flaky (and its
  // first error printed by scripts/e2e.py), while a real defect still fails twice.
  retries: 1,
  reporter: [["list"]],
  outputDir: "../../../.data/e2e-results/web-breeder",
  use: {
    baseURL: process.env.E2E_BASE_URL ?? "http://breeder.localhost:8000",
    headless: true,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: chromiumFlags,
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined, viewport: { width: 1280, height: 860 } } },
  ],
});

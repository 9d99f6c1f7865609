import { expect, test as base } from "@playwright/test";

/**
 * Every browser test fails on a Content-Security-Policy violation: the app must run under the
 * strict policy the gateway serves (no inline script, APIs only), not merely load.
 */
export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on("console", (message) => {
        if (/content security policy/i.test(message.text())) violations.push(message.text());
      });
      await use();
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

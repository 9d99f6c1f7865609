import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const PASSWORD = "Sturdy-gecko-2026";
export const DEMO = { email: "demo@reptidex.app", password: "ReptiDex-demo-2026" };

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 860 };

/** A unique address per run, so the suite can run again on the same database. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
}

export async function signUp(page: Page, name: string, email: string): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("Your name or business").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/today/);
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/today/);
}

export async function signOut(page: Page): Promise<void> {
  // The session lives in an HttpOnly cookie (and the tab's memory, gone with the reload).
  await page.context().clearCookies();
  await page.evaluate(() => localStorage.clear());
  await page.goto("/login");
}

/**
 * A full-page screenshot at phone and desktop width, into E2E_SCREENSHOTS. Waits until no
 * spinner or skeleton is left, so the picture shows the page as a breeder sees it.
 */
export async function screenshots(page: Page, name: string): Promise<void> {
  const folder = process.env.E2E_SCREENSHOTS;
  if (!folder) return;
  const original = page.viewportSize();
  for (const [label, size] of [["phone", PHONE], ["desktop", DESKTOP]] as const) {
    await page.setViewportSize(size);
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expectAccessible(page, `${name} (${label})`);
    // A window as tall as the page, rather than a stitched full-page capture: fixed bars (the
    // phone's bottom navigation, the batch bar) then sit at the end, where a breeder sees them
    // after scrolling, instead of across the middle of the picture.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: size.width, height: Math.max(height, size.height) });
    await page.screenshot({ path: path.join(folder, `${name}-${label}.png`) });
  }
  if (original) await page.setViewportSize(original);
}

/**
 * No serious or critical WCAG 2.1 A/AA failure on the page as it is now (labels, names, roles,
 * contrast, landmarks), checked by axe-core. Run on every page the suite takes pictures of.
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join("\n  ")}`,
  );
  expect(report, `accessibility of ${where}`).toEqual([]);
}

/** Undo quoted-printable (soft line breaks, =3D escapes), so links read as sent. */
export function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** An email to `address` that contains `containing`, written by the worker (EMAIL_BACKEND=file). */
export async function readMail(address: string, containing: string, timeoutMs = 45_000): Promise<string> {
  const folder = process.env.E2E_MAIL_DIR;
  if (!folder) throw new Error("E2E_MAIL_DIR is not set");
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    let files: string[] = [];
    try {
      files = readdirSync(folder).filter((name) => name.endsWith(".eml"));
    } catch {
      files = [];
    }
    for (const file of files) {
      const text = readFileSync(path.join(folder, file), "utf8");
      const body = decodeQuotedPrintable(text);
      if (body.includes(`To: ${address}`) && body.includes(containing)) return body;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no email with ${containing} reached ${address}`);
}

/**
 * The services behind the app, as the app finds them: api.X and animal-api.X on the app's
 * own port (E2E_API_PORT when the app is served from elsewhere, e.g. a dev server).
 */
function serviceOrigin(service: "api" | "animal-api"): string {
  const base = new URL(process.env.E2E_BASE_URL ?? "http://breeder.localhost:8000");
  const host = base.hostname.replace(/^breeder\./, `${service}.`);
  const port = process.env.E2E_API_PORT ?? base.port;
  return `${base.protocol}//${host}${port ? `:${port}` : ""}`;
}

export interface Api {
  get: <T>(path: string) => Promise<T>;
  post: <T>(path: string, body: unknown) => Promise<T>;
}

/**
 * Calls as the signed-in breeder. The app keeps its access token in memory, out of reach, so
 * each call first gets one of its own through the session cookie, as a reload would. They run
 * in the page, as the app's own calls do (the test runner cannot resolve *.localhost).
 */
export function apiAs(page: Page): Api {
  async function call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    const origin = path.startsWith("/api/v1/auth") ? serviceOrigin("api") : serviceOrigin("animal-api");
    const result = await page.evaluate(
      async ({ url, method, body }) => {
        const renewed = await fetch("/api/v1/auth/refresh", { method: "POST", headers: { "X-ReptiDex-CSRF": "1" } });
        const { access_token: accessToken } = (await renewed.json()) as { access_token?: string };
        const response = await fetch(url, {
          method,
          headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { ok: response.ok, text: await response.text() };
      },
      { url: origin + path, method, body },
    );
    expect(result.ok, `${method} ${path}: ${result.text}`).toBe(true);
    return JSON.parse(result.text) as T;
  }
  return { get: (path) => call("GET", path), post: (path, body) => call("POST", path, body) };
}

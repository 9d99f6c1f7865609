import { describe, expect, it } from "vitest";

import { CSRF_HEADER, SESSION_MARK_KEY, Session, type KeyValueStore } from "../src/session";

class MemoryStore implements KeyValueStore {
  private values = new Map<string, string>();
  getItem(key: string) {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.values.set(key, value);
  }
  removeItem(key: string) {
    this.values.delete(key);
  }
  entries() {
    return [...this.values.entries()];
  }
}

/**
 * Core as a browser sees it: the refresh token sits in a cookie jar shared by every tab, which
 * scripts never read; each refresh rotates it, and the answers carry only an access token.
 */
function cookieCore() {
  const jar = { refresh: null as string | null };
  let generation = 0;
  const calls: { url: string; init?: RequestInit }[] = [];
  const bodies: string[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    calls.push({ url, init });
    if (url.endsWith("/api/v1/auth/login")) {
      jar.refresh = `refresh-${generation}`;
      return Response.json({ access_token: `access-${generation}`, expires_in: 900 });
    }
    if (url.endsWith("/api/v1/auth/refresh")) {
      const headers = new Headers(init?.headers);
      if (headers.get(CSRF_HEADER) !== "1") return new Response("{}", { status: 403 });
      if (jar.refresh !== `refresh-${generation}`) return new Response("{}", { status: 401 });
      generation += 1;
      jar.refresh = `refresh-${generation}`;
      return Response.json({ access_token: `access-${generation}`, expires_in: 900 });
    }
    if (url.endsWith("/api/v1/auth/logout")) {
      jar.refresh = null;
      return new Response(null, { status: 204 });
    }
    const auth = input instanceof Request ? input.headers.get("Authorization") : null;
    if (input instanceof Request && input.method === "POST") bodies.push(await input.text());
    return auth === `Bearer access-${generation}` ? Response.json({ ok: true }) : new Response("{}", { status: 401 });
  }) as typeof fetch;
  return { fetchImpl, calls, bodies, jar, generation: () => generation };
}

function tab(store: KeyValueStore, fetchImpl: typeof fetch, now: () => number) {
  return new Session({ sessionOrigin: "http://breeder.test", storage: store, fetch: fetchImpl, locks: null, now });
}

describe("Session", () => {
  it("keeps the access token in memory and only a non-secret mark in storage", async () => {
    const core = cookieCore();
    const store = new MemoryStore();
    const session = tab(store, core.fetchImpl, () => 0);
    await session.signIn({ email: "a@example.com", password: "pw" });
    expect(session.signedIn).toBe(true);
    expect(store.getItem(SESSION_MARK_KEY)).toBe("1");
    expect(store.entries()).toEqual([[SESSION_MARK_KEY, "1"]]);
    // The session endpoints are called on the app's own origin, with the CSRF header.
    const login = core.calls[0]!;
    expect(login.url).toBe("http://breeder.test/api/v1/auth/login");
    expect(new Headers(login.init?.headers).get(CSRF_HEADER)).toBe("1");
  });

  it("restores the session after a reload through the cookie", async () => {
    const core = cookieCore();
    const store = new MemoryStore();
    await tab(store, core.fetchImpl, () => 0).signIn({ email: "a@example.com", password: "pw" });
    const reloaded = tab(store, core.fetchImpl, () => 0);
    expect(reloaded.signedIn).toBe(false);
    expect(await reloaded.restore()).toBe(true);
    expect(await reloaded.accessToken()).toBe("access-1");
  });

  it("does not ask core for a session on an anonymous visit", async () => {
    const core = cookieCore();
    expect(await tab(new MemoryStore(), core.fetchImpl, () => 0).restore()).toBe(false);
    expect(core.calls).toHaveLength(0);
  });

  it("refreshes once for many requests that find the access token expired", async () => {
    const core = cookieCore();
    let clock = 0;
    const session = tab(new MemoryStore(), core.fetchImpl, () => clock);
    await session.signIn({ email: "a@example.com", password: "pw" });
    clock = 1_000_000; // long past the 15 minutes
    const answers = await Promise.all(
      [1, 2, 3].map(() => session.authorizedFetch(new Request("http://animal.test/api/v1/animals"))),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(core.calls.filter((call) => call.url.endsWith("/refresh"))).toHaveLength(1);
  });

  it("replays a request refused with 401 after refreshing, body and all", async () => {
    const core = cookieCore();
    const session = tab(new MemoryStore(), core.fetchImpl, () => 0);
    await session.signIn({ email: "a@example.com", password: "pw" });
    // The access token is refused (its login rotated elsewhere) though it has not expired.
    await tab(new MemoryStore(), core.fetchImpl, () => 0).refresh(null);
    const response = await session.authorizedFetch(
      new Request("http://animal.test/api/v1/logs/batch", { method: "POST", body: JSON.stringify({ a: 1 }) }),
    );
    expect(response.status).toBe(200);
    expect(core.bodies).toEqual(['{"a":1}', '{"a":1}']);
  });

  it("reports an expired session when core refuses the cookie", async () => {
    const core = cookieCore();
    let clock = 0;
    const session = tab(new MemoryStore(), core.fetchImpl, () => clock);
    await session.signIn({ email: "a@example.com", password: "pw" });
    core.jar.refresh = "revoked-elsewhere";
    const events: string[] = [];
    session.subscribe((event) => events.push(event));
    clock = 1_000_000;
    expect(await session.accessToken()).toBeNull();
    expect(events).toEqual(["expired"]);
    expect(session.signedIn).toBe(false);
  });

  it("signing out ends the login at core and clears the mark", async () => {
    const core = cookieCore();
    const store = new MemoryStore();
    const session = tab(store, core.fetchImpl, () => 0);
    await session.signIn({ email: "a@example.com", password: "pw" });
    await session.signOut();
    expect(session.signedIn).toBe(false);
    expect(store.getItem(SESSION_MARK_KEY)).toBeNull();
    expect(core.jar.refresh).toBeNull();
  });
});

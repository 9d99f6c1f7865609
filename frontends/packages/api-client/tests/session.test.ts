import { describe, expect, it } from "vitest";

import { Session, type KeyValueStore } from "../src/session";

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
}

/**
 * The refresh endpoint as core behaves: each refresh token works once; a reused one is refused
 * (and in core revokes the family). Counting calls shows whether the session refreshed once.
 */
function rotatingCore() {
  let generation = 0;
  const calls: string[] = [];
  const bodies: string[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    calls.push(url);
    if (url.endsWith("/api/v1/auth/refresh")) {
      const body = JSON.parse(String(init?.body)) as { refresh_token: string };
      if (body.refresh_token !== `refresh-${generation}`) return new Response("{}", { status: 401 });
      generation += 1;
      return Response.json({ access_token: `access-${generation}`, refresh_token: `refresh-${generation}`, expires_in: 900 });
    }
    const auth = input instanceof Request ? input.headers.get("Authorization") : null;
    if (input instanceof Request && input.method === "POST") bodies.push(await input.text());
    return auth === `Bearer access-${generation}` ? Response.json({ ok: true }) : new Response("{}", { status: 401 });
  }) as typeof fetch;
  return { fetchImpl, calls, bodies, generation: () => generation };
}

function signedInSession(store: KeyValueStore, fetchImpl: typeof fetch, now: () => number) {
  const session = new Session({ coreOrigin: "http://api.test", storage: store, fetch: fetchImpl, locks: null, now });
  session.signIn({ access_token: "access-0", refresh_token: "refresh-0", expires_in: 900 });
  return session;
}

describe("Session", () => {
  it("refreshes once for many requests that find the access token expired", async () => {
    const core = rotatingCore();
    let clock = 0;
    const session = signedInSession(new MemoryStore(), core.fetchImpl, () => clock);
    clock = 1_000_000; // long past the 15 minutes
    const answers = await Promise.all(
      [1, 2, 3].map(() => session.authorizedFetch(new Request("http://animal.test/api/v1/animals"))),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(core.calls.filter((url) => url.endsWith("/refresh"))).toHaveLength(1);
    expect(session.tokens()?.refreshToken).toBe("refresh-1");
  });

  it("replays a request refused with 401 after refreshing, body and all", async () => {
    const core = rotatingCore();
    const session = signedInSession(new MemoryStore(), core.fetchImpl, () => 0);
    // An access token the server no longer takes, though it has not expired by the clock.
    session.store({ access_token: "revoked-access", refresh_token: "refresh-0", expires_in: 900 });
    const response = await session.authorizedFetch(
      new Request("http://animal.test/api/v1/logs/batch", { method: "POST", body: JSON.stringify({ a: 1 }) }),
    );
    expect(response.status).toBe(200);
    // Both the refused attempt and the replay carried the whole body.
    expect(core.bodies).toEqual(['{"a":1}', '{"a":1}']);
  });

  it("uses the pair a neighbour tab already rotated instead of reusing the old refresh token", async () => {
    const core = rotatingCore();
    const store = new MemoryStore();
    let clock = 0;
    const first = signedInSession(store, core.fetchImpl, () => clock);
    const second = new Session({ coreOrigin: "http://api.test", storage: store, fetch: core.fetchImpl, locks: null, now: () => clock });
    clock = 1_000_000;
    await first.accessToken(); // rotates to generation 1
    clock = 1_000_100;
    // The second tab still holds the stale access token in memory: it must not refresh again.
    const renewed = await second.refresh("access-0");
    expect(renewed?.accessToken).toBe("access-1");
    expect(core.generation()).toBe(1);
  });

  it("reports an expired session when core refuses the refresh token", async () => {
    const core = rotatingCore();
    let clock = 0;
    const session = signedInSession(new MemoryStore(), core.fetchImpl, () => clock);
    session.store({ access_token: "access-0", refresh_token: "revoked", expires_in: 900 });
    const events: string[] = [];
    session.subscribe((event) => events.push(event));
    clock = 1_000_000;
    expect(await session.accessToken()).toBeNull();
    expect(events).toEqual(["expired"]);
    expect(session.signedIn).toBe(false);
  });
});

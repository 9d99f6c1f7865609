/**
 * The signed-in session. The access token lives in this tab's memory only; the refresh token
 * lives in an HttpOnly cookie that no script can read, set by core on the app's own origin
 * (the gateway serves core's session endpoints there), so a reload or a second tab restores
 * the session by refreshing through the cookie.
 *
 * Refresh tokens rotate and a reused one revokes its whole family (repti-core). Refreshes are
 * serialised across tabs with the Web Locks API, so a tab that waited refreshes with the
 * cookie its neighbour just rotated; core also accepts the same token twice within a short
 * grace window, for browsers without Web Locks.
 *
 * localStorage holds one non-secret mark ("a session may exist"), so an anonymous visit does
 * not ask core for a refresh, and other tabs hear (the `storage` event) of a sign-in or out.
 */
import { networkProblem, problemFrom } from "./problem";

/** What core answers a browser: the refresh token never appears here. */
export interface AccessGrant {
  access_token: string;
  expires_in: number;
}

export interface SignInBody {
  email: string;
  password: string;
  otp?: string | null;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

interface AccessToken {
  token: string;
  /** Epoch milliseconds after which the access token is no longer accepted. */
  expiresAt: number;
}

export type SessionEvent = "signed-in" | "refreshed" | "expired" | "signed-out";

/** The key of the "a session may exist" mark, for tabs listening to `storage` events. */
export const SESSION_MARK_KEY = "reptidex.signed-in";
/** Core refuses cookie use without it: a cross-site form cannot send a custom header. */
export const CSRF_HEADER = "X-ReptiDex-CSRF";
// Refresh a little before expiry, so a request in flight never carries a dying token.
const EARLY_REFRESH_MS = 30_000;

export interface SessionOptions {
  /** Where the session endpoints answer: the app's own origin, so the cookie is first-party. */
  sessionOrigin: string;
  storage?: KeyValueStore;
  fetch?: typeof fetch;
  locks?: LockManagerLike | null;
  now?: () => number;
}

export class Session {
  private readonly sessionOrigin: string;
  private readonly storage: KeyValueStore;
  private readonly fetchImpl: typeof fetch;
  private readonly locks: LockManagerLike | null;
  private readonly now: () => number;
  private access: AccessToken | null = null;
  private inFlight: Promise<AccessToken | null> | null = null;
  private readonly listeners = new Set<(event: SessionEvent) => void>();

  constructor(options: SessionOptions) {
    this.sessionOrigin = options.sessionOrigin;
    this.storage = options.storage ?? globalThis.localStorage;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.locks =
      options.locks !== undefined
        ? options.locks
        : ((globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks ?? null);
    this.now = options.now ?? Date.now;
  }

  subscribe(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: SessionEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** True while this tab holds an access token. */
  get signedIn(): boolean {
    return this.access !== null;
  }

  /** Whether a session cookie may exist (this or another tab signed in and did not sign out). */
  get mayRestore(): boolean {
    return this.storage.getItem(SESSION_MARK_KEY) !== null;
  }

  private keep(grant: AccessGrant): AccessToken {
    this.access = { token: grant.access_token, expiresAt: this.now() + grant.expires_in * 1000 };
    this.storage.setItem(SESSION_MARK_KEY, "1");
    return this.access;
  }

  private forget(): void {
    this.access = null;
    this.storage.removeItem(SESSION_MARK_KEY);
  }

  private post(path: string, body?: unknown): Promise<Response> {
    return this.fetchImpl(`${this.sessionOrigin}${path}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", [CSRF_HEADER]: "1" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** Sign in with a password; core sets the refresh cookie, the access token stays here. */
  async signIn(body: SignInBody): Promise<void> {
    let response: Response;
    try {
      response = await this.post("/api/v1/auth/login", body);
    } catch (cause) {
      throw networkProblem(cause);
    }
    if (!response.ok) throw await problemFrom(response);
    this.keep((await response.json()) as AccessGrant);
    this.emit("signed-in");
  }

  /** Continue with an access token core handed out otherwise (e.g. after a password change). */
  adopt(grant: AccessGrant): void {
    this.keep(grant);
    this.emit("signed-in");
  }

  /** After a reload or in a new tab: an access token from the cookie, if a session exists. */
  async restore(): Promise<boolean> {
    if (!this.mayRestore) return false;
    return (await this.refresh(null)) !== null;
  }

  /** Forget the access token here and end the login at core (best effort). */
  async signOut(): Promise<void> {
    this.forget();
    this.emit("signed-out");
    try {
      await this.post("/api/v1/auth/logout");
    } catch {
      // Offline: the refresh cookie expires on its own; this tab holds nothing any more.
    }
  }

  /** Another tab signed out: this one stops using its access token too. */
  dropped(): void {
    this.access = null;
    this.emit("signed-out");
  }

  /** An access token that is valid now, refreshing first when it is about to expire. */
  async accessToken(): Promise<string | null> {
    const access = this.access;
    if (!access) return null;
    if (access.expiresAt - EARLY_REFRESH_MS > this.now()) return access.token;
    return (await this.refresh(access.token))?.token ?? null;
  }

  /**
   * Rotate the refresh cookie. `staleAccess` is the token that failed: if this tab already
   * holds another, fresh one (a refresh finished meanwhile), that one is used instead.
   */
  refresh(staleAccess: string | null): Promise<AccessToken | null> {
    this.inFlight ??= this.refreshExclusively(staleAccess).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private refreshExclusively(staleAccess: string | null): Promise<AccessToken | null> {
    const work = () => this.rotate(staleAccess);
    return this.locks ? this.locks.request("reptidex.session.refresh", work) : work();
  }

  private async rotate(staleAccess: string | null): Promise<AccessToken | null> {
    const current = this.access;
    if (current && current.token !== staleAccess && current.expiresAt - EARLY_REFRESH_MS > this.now()) {
      return current;
    }
    let response: Response;
    try {
      response = await this.post("/api/v1/auth/refresh");
    } catch (cause) {
      throw networkProblem(cause);
    }
    if (response.status === 401 || response.status === 403) {
      const wasSignedIn = this.access !== null;
      this.forget();
      if (wasSignedIn) this.emit("expired");
      return null;
    }
    if (!response.ok) throw await problemFrom(response);
    const access = this.keep((await response.json()) as AccessGrant);
    this.emit("refreshed");
    return access;
  }

  /**
   * A fetch for the generated clients: adds the bearer token, and on a 401 refreshes once and
   * replays the request, so a form submitted after a long pause still lands.
   */
  authorizedFetch = async (request: Request): Promise<Response> => {
    const replay = request.clone();
    const token = await this.accessToken();
    if (token) request.headers.set("Authorization", `Bearer ${token}`);
    let response: Response;
    try {
      response = await this.fetchImpl(request);
    } catch (cause) {
      throw networkProblem(cause);
    }
    if (response.status !== 401 || !token) return response;
    const renewed = await this.refresh(token);
    if (!renewed) return response;
    replay.headers.set("Authorization", `Bearer ${renewed.token}`);
    try {
      return await this.fetchImpl(replay);
    } catch (cause) {
      throw networkProblem(cause);
    }
  };
}

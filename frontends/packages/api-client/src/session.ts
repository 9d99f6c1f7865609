/**
 * The signed-in session: tokens kept in storage (so a reload or a second tab stays signed in),
 * an access token refreshed before a request fails, and one refresh at a time across tabs.
 *
 * Refresh tokens rotate and a reused one revokes its whole family (repti-core), so two tabs
 * refreshing with the same token would sign the user out everywhere. Refreshes are therefore
 * serialised with the Web Locks API and re-read storage once inside the lock: a tab that
 * waited finds the pair its neighbour already rotated and uses it.
 */
import { networkProblem, problemFrom } from "./problem";

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds after which the access token is no longer accepted. */
  accessExpiresAt: number;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export type SessionEvent = "signed-in" | "refreshed" | "expired" | "signed-out";

const STORAGE_KEY = "reptidex.session";
// Refresh a little before expiry, so a request in flight never carries a dying token.
const EARLY_REFRESH_MS = 30_000;

export interface SessionOptions {
  coreOrigin: string;
  storage?: KeyValueStore;
  fetch?: typeof fetch;
  locks?: LockManagerLike | null;
  now?: () => number;
}

export class Session {
  private readonly coreOrigin: string;
  private readonly storage: KeyValueStore;
  private readonly fetchImpl: typeof fetch;
  private readonly locks: LockManagerLike | null;
  private readonly now: () => number;
  private inFlight: Promise<StoredTokens | null> | null = null;
  private readonly listeners = new Set<(event: SessionEvent) => void>();

  constructor(options: SessionOptions) {
    this.coreOrigin = options.coreOrigin;
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

  tokens(): StoredTokens | null {
    const raw = this.storage.getItem(STORAGE_KEY);
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as StoredTokens;
      return parsed.accessToken && parsed.refreshToken ? parsed : null;
    } catch {
      return null;
    }
  }

  get signedIn(): boolean {
    return this.tokens() !== null;
  }

  store(pair: TokenPair): StoredTokens {
    const tokens: StoredTokens = {
      accessToken: pair.access_token,
      refreshToken: pair.refresh_token,
      accessExpiresAt: this.now() + pair.expires_in * 1000,
    };
    this.storage.setItem(STORAGE_KEY, JSON.stringify(tokens));
    return tokens;
  }

  signIn(pair: TokenPair): void {
    this.store(pair);
    this.emit("signed-in");
  }

  /** Forget the tokens here and revoke the refresh token at core (best effort). */
  async signOut(): Promise<void> {
    const tokens = this.tokens();
    this.storage.removeItem(STORAGE_KEY);
    this.emit("signed-out");
    if (!tokens) return;
    try {
      await this.fetchImpl(`${this.coreOrigin}/api/v1/auth/logout`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ refresh_token: tokens.refreshToken }),
      });
    } catch {
      // Offline: the refresh token expires on its own; nothing here can use it any more.
    }
  }

  /** An access token that is valid now, refreshing first when it is about to expire. */
  async accessToken(): Promise<string | null> {
    const tokens = this.tokens();
    if (!tokens) return null;
    if (tokens.accessExpiresAt - EARLY_REFRESH_MS > this.now()) return tokens.accessToken;
    return (await this.refresh(tokens.accessToken))?.accessToken ?? null;
  }

  /**
   * Rotate the refresh token. `staleAccess` is the token that failed: if storage already holds
   * another one, a neighbour refreshed meanwhile and that one is used instead.
   */
  refresh(staleAccess: string | null): Promise<StoredTokens | null> {
    this.inFlight ??= this.refreshExclusively(staleAccess).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private refreshExclusively(staleAccess: string | null): Promise<StoredTokens | null> {
    const work = () => this.rotate(staleAccess);
    return this.locks ? this.locks.request("reptidex.session.refresh", work) : work();
  }

  private async rotate(staleAccess: string | null): Promise<StoredTokens | null> {
    const current = this.tokens();
    if (!current) return null;
    const fresh = current.accessExpiresAt - EARLY_REFRESH_MS > this.now();
    if (current.accessToken !== staleAccess && fresh) return current;
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.coreOrigin}/api/v1/auth/refresh`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ refresh_token: current.refreshToken }),
      });
    } catch (cause) {
      throw networkProblem(cause);
    }
    if (response.status === 401 || response.status === 403) {
      this.storage.removeItem(STORAGE_KEY);
      this.emit("expired");
      return null;
    }
    if (!response.ok) throw await problemFrom(response);
    const tokens = this.store((await response.json()) as TokenPair);
    this.emit("refreshed");
    return tokens;
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
    replay.headers.set("Authorization", `Bearer ${renewed.accessToken}`);
    try {
      return await this.fetchImpl(replay);
    } catch (cause) {
      throw networkProblem(cause);
    }
  };
}

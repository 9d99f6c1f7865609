/**
 * Typed clients for every ReptiDex service, generated from their OpenAPI documents
 * (`make api-client`), with the session that signs their requests.
 */
import createClient, { type Client } from "openapi-fetch";

import type { components as AnimalComponents, paths as AnimalPaths } from "./generated/animal";
import type { components as CoreComponents, paths as CorePaths } from "./generated/core";
import { serviceOrigin, type PageLocation } from "./hosts";
import { ApiProblem, networkProblem, problemFromBody, type ProblemBody } from "./problem";
import { CSRF_HEADER, Session, type KeyValueStore } from "./session";

export type { AnimalComponents, AnimalPaths, CoreComponents, CorePaths };
export { SERVICE_LABELS, serviceOrigin, type PageLocation, type ServiceName } from "./hosts";
export {
  ApiProblem,
  networkProblem,
  problemFrom,
  problemFromBody,
  type FieldError,
  type ProblemBody,
} from "./problem";
export {
  CSRF_HEADER,
  SESSION_MARK_KEY,
  Session,
  type AccessGrant,
  type SessionEvent,
  type SignInBody,
} from "./session";

export type CoreSchemas = CoreComponents["schemas"];
export type AnimalSchemas = AnimalComponents["schemas"];

export interface ReptiDexApi {
  session: Session;
  core: Client<CorePaths>;
  /** Core's session endpoints on the app's own origin (sign-in, password change). */
  sessionCore: Client<CorePaths>;
  animal: Client<AnimalPaths>;
  origins: { core: string; animal: string };
}

export interface ApiOptions {
  location: PageLocation;
  storage?: KeyValueStore;
  /** Per-service origin overrides, e.g. from build-time settings. */
  origins?: Partial<Record<"core" | "animal" | "session", string>>;
}

export function createApi(options: ApiOptions): ReptiDexApi {
  const origins = {
    core: options.origins?.core ?? serviceOrigin("core", options.location),
    animal: options.origins?.animal ?? serviceOrigin("animal", options.location),
  };
  // Core's session endpoints answer on the app's own origin (the gateway forwards them), so the
  // refresh cookie is first-party: each *.localhost host is a site of its own to browsers.
  const { protocol, hostname, port } = options.location;
  const sessionOrigin = options.origins?.session ?? `${protocol}//${hostname}${port ? `:${port}` : ""}`;
  const session = new Session({ sessionOrigin, storage: options.storage });
  return {
    session,
    origins,
    core: createClient<CorePaths>({ baseUrl: origins.core, fetch: session.authorizedFetch }),
    sessionCore: createClient<CorePaths>({
      baseUrl: sessionOrigin,
      fetch: session.authorizedFetch,
      headers: { [CSRF_HEADER]: "1" },
    }),
    animal: createClient<AnimalPaths>({ baseUrl: origins.animal, fetch: session.authorizedFetch }),
  };
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a call, or an ApiProblem thrown with the service's own words. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (cause) {
    throw cause instanceof ApiProblem ? cause : networkProblem(cause);
  }
  if (result.response.ok) return result.data as T;
  // openapi-fetch has already read the body into `error`.
  const body = result.error && typeof result.error === "object" ? result.error : {};
  return Promise.reject(problemFromBody(result.response, body as ProblemBody));
}

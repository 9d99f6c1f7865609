/**
 * Typed clients for every ReptiDex service, generated from their OpenAPI documents
 * (`make api-client`), with the session that signs their requests.
 */
import createClient, { type Client } from "openapi-fetch";

import type { components as AnimalComponents, paths as AnimalPaths } from "./generated/animal";
import type { components as CoreComponents, paths as CorePaths } from "./generated/core";
import { serviceOrigin, type PageLocation } from "./hosts";
import { ApiProblem, networkProblem, problemFromBody, type ProblemBody } from "./problem";
import { Session, type KeyValueStore } from "./session";

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
export { Session, type SessionEvent, type StoredTokens, type TokenPair } from "./session";

export type CoreSchemas = CoreComponents["schemas"];
export type AnimalSchemas = AnimalComponents["schemas"];

export interface ReptiDexApi {
  session: Session;
  core: Client<CorePaths>;
  animal: Client<AnimalPaths>;
  origins: { core: string; animal: string };
}

export interface ApiOptions {
  location: PageLocation;
  storage?: KeyValueStore;
  /** Per-service origin overrides, e.g. from build-time settings. */
  origins?: Partial<Record<"core" | "animal", string>>;
}

export function createApi(options: ApiOptions): ReptiDexApi {
  const origins = {
    core: options.origins?.core ?? serviceOrigin("core", options.location),
    animal: options.origins?.animal ?? serviceOrigin("animal", options.location),
  };
  const session = new Session({ coreOrigin: origins.core, storage: options.storage });
  return {
    session,
    origins,
    core: createClient<CorePaths>({ baseUrl: origins.core, fetch: session.authorizedFetch }),
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

/**
 * Where each service answers, seen from a web app. The apps and the APIs share one parent
 * domain and port, as the ALB routes them: `breeder.localhost:8000` calls
 * `animal-api.localhost:8000`; `breeder.reptidex.app` calls `animal-api.reptidex.app`.
 */
export const SERVICE_LABELS = {
  core: "api",
  animal: "animal-api",
  commerce: "commerce-api",
  media: "media-api",
  community: "community-api",
  ops: "ops-api",
} as const;

export type ServiceName = keyof typeof SERVICE_LABELS;

export interface PageLocation {
  protocol: string;
  hostname: string;
  port: string;
}

/** The service's origin for an app served at `location` (its first host label is the app's). */
export function serviceOrigin(service: ServiceName, location: PageLocation): string {
  const labels = location.hostname.split(".");
  const parent = labels.length > 1 ? labels.slice(1).join(".") : labels[0];
  const port = location.port ? `:${location.port}` : "";
  return `${location.protocol}//${SERVICE_LABELS[service]}.${parent}${port}`;
}

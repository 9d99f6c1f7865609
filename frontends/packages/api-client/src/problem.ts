/** An RFC 9457 problem answered by any service, or a network failure in the same shape. */
export interface FieldError {
  loc?: (string | number)[];
  field?: string;
  msg?: string;
  message?: string;
  type?: string;
}

export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export class ApiProblem extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly type: string;
  readonly errors: FieldError[];
  readonly body: ProblemBody;
  readonly retryAfterSeconds: number | null;

  constructor(status: number, body: ProblemBody, retryAfterSeconds: number | null = null) {
    super(body.detail || body.title || `Request failed (${status})`);
    this.name = "ApiProblem";
    this.status = status;
    this.body = body;
    this.title = body.title ?? "";
    this.detail = body.detail ?? "";
    this.type = body.type ?? "about:blank";
    this.errors = Array.isArray(body.errors) ? body.errors : [];
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The last segment of the problem type URI: `https://.../problems/conflict` → `conflict`. */
  get slug(): string {
    return this.type.split("/").pop() ?? "";
  }

  /** Field-level messages keyed by the field's name (the last part of its path). */
  fieldErrors(): Record<string, string> {
    const result: Record<string, string> = {};
    for (const error of this.errors) {
      const path = error.loc ?? (error.field ? error.field.split(".") : []);
      const name = String(path.filter((part) => part !== "body").at(-1) ?? "");
      const message = error.msg ?? error.message ?? "This value is not accepted.";
      if (name && !(name in result)) result[name] = message;
    }
    return result;
  }
}

/** Status 0: the request never got an answer (offline, server down, CORS refused). */
export function networkProblem(cause: unknown): ApiProblem {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new ApiProblem(0, { title: "No connection", detail, type: "network" });
}

export function problemFromBody(response: Response, body: ProblemBody): ApiProblem {
  const retry = Number(response.headers.get("Retry-After"));
  return new ApiProblem(response.status, body, Number.isFinite(retry) && retry > 0 ? retry : null);
}

export async function problemFrom(response: Response): Promise<ApiProblem> {
  let body: ProblemBody = { detail: response.statusText };
  try {
    const parsed: unknown = await response.clone().json();
    if (parsed && typeof parsed === "object") body = parsed as ProblemBody;
  } catch {
    // Not JSON (a proxy's HTML page): keep the status text.
  }
  return problemFromBody(response, body);
}

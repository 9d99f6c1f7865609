import { ApiProblem } from "@reptidex/api-client";

export interface Explanation {
  title: string;
  message: string;
  next: string;
}

/**
 * Every failure in plain words, with what to do next. The service's own `detail` is kept
 * where it says something specific (which field, which limit); the status decides the advice.
 */
export function explain(error: unknown): Explanation {
  if (!(error instanceof ApiProblem)) {
    return {
      title: "Something went wrong",
      message: error instanceof Error ? error.message : "An unexpected error happened.",
      next: "Reload the page and try again.",
    };
  }
  const detail = error.detail;
  switch (true) {
    case error.status === 0:
      return {
        title: "Can't reach ReptiDex",
        message: "Your device could not connect to the server.",
        next: "Check your connection, then try again. Nothing you typed has been lost.",
      };
    case error.status === 401:
      return {
        title: "You're signed out",
        message: detail || "Your session has ended.",
        next: "Sign in again; the page you are on stays as it is.",
      };
    case error.status === 402:
      return {
        title: "Your plan's limit is reached",
        message: detail,
        next: "Upgrade the vivarium's plan, or archive records you no longer need.",
      };
    case error.status === 403:
      return {
        title: "Not allowed",
        message: detail || "Your role in this vivarium does not allow this.",
        next: "Ask the vivarium's owner or a curator to do it, or to change your role.",
      };
    case error.status === 404:
      return {
        title: "Not found",
        message: detail || "This record does not exist or is not shared with you.",
        next: "It may have been archived or transferred. Go back to the list and look again.",
      };
    case error.status === 409:
      return {
        title: "That conflicts with your records",
        message: detail,
        next: "Check the details shown and change them, then save again.",
      };
    case error.status === 413:
      return {
        title: "That is too large",
        message: detail,
        next: "Send a smaller file or split it into parts.",
      };
    case error.status === 422 || error.status === 400: {
      const fields = Object.entries(error.fieldErrors()).map(([field, text]) => `${field}: ${text}`);
      return {
        title: "Some details need fixing",
        message: fields.length ? fields.join("; ") : detail,
        next: "Correct the marked fields and save again.",
      };
    }
    case error.status === 429:
      return {
        title: "Too many attempts",
        message: detail || "Please slow down.",
        next: error.retryAfterSeconds
          ? `Wait ${error.retryAfterSeconds} seconds, then try again.`
          : "Wait a minute, then try again.",
      };
    default:
      return {
        title: "Something went wrong on our side",
        message: detail || `The server answered ${error.status}.`,
        next: "Try again in a moment. If it keeps happening, tell support what you were doing.",
      };
  }
}

/** Retry reads only when a second try can help: the network or the server, not the request. */
export function shouldRetry(error: unknown): boolean {
  return error instanceof ApiProblem && (error.status === 0 || error.status >= 500);
}

/** Field messages for a form, from a 422 answer. */
export function fieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiProblem && error.status === 422 ? error.fieldErrors() : {};
}

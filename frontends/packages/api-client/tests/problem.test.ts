import { describe, expect, it } from "vitest";

import { ApiProblem, problemFrom } from "../src/problem";

describe("ApiProblem", () => {
  it("maps validation errors to field names without the body prefix", () => {
    const problem = new ApiProblem(422, {
      title: "Validation failed",
      errors: [
        { field: "body.email", message: "value is not a valid email address" },
        { field: "body.parents.sire_id", message: "Input should be a valid UUID" },
      ],
    });
    expect(problem.fieldErrors()).toEqual({
      email: "value is not a valid email address",
      sire_id: "Input should be a valid UUID",
    });
  });

  it("reads a problem+json answer with its Retry-After", async () => {
    const response = new Response(
      JSON.stringify({ type: "https://docs.reptidex.app/problems/rate-limited", title: "Too many", status: 429, detail: "Slow down" }),
      { status: 429, headers: { "Content-Type": "application/problem+json", "Retry-After": "42" } },
    );
    const problem = await problemFrom(response);
    expect(problem.status).toBe(429);
    expect(problem.detail).toBe("Slow down");
    expect(problem.slug).toBe("rate-limited");
    expect(problem.retryAfterSeconds).toBe(42);
  });

  it("survives an answer that is not JSON (a proxy's error page)", async () => {
    const problem = await problemFrom(new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }));
    expect(problem.status).toBe(502);
    expect(problem.detail).toBe("Bad Gateway");
  });
});

import { ApiProblem, networkProblem } from "@reptidex/api-client";
import { describe, expect, it } from "vitest";

import { explain, shouldRetry } from "./problems";

describe("explain", () => {
  it("names the fields a 422 refused", () => {
    const problem = new ApiProblem(422, {
      detail: "The request is not valid.",
      errors: [{ field: "body.hatch_date", message: "Input should be a valid date" }],
    });
    const text = explain(problem);
    expect(text.title).toBe("Some details need fixing");
    expect(text.message).toContain("hatch_date: Input should be a valid date");
  });

  it("keeps the service's words for a conflict and says what to do", () => {
    const text = explain(new ApiProblem(409, { detail: "A dam must be female." }));
    expect(text.message).toBe("A dam must be female.");
    expect(text.next).toMatch(/change them/);
  });

  it("tells how long to wait when rate-limited", () => {
    expect(explain(new ApiProblem(429, { detail: "Too many logins" }, 90)).next).toBe(
      "Wait 90 seconds, then try again.",
    );
  });

  it("reassures that nothing typed is lost when offline", () => {
    const text = explain(networkProblem(new TypeError("Failed to fetch")));
    expect(text.title).toBe("Can't reach ReptiDex");
    expect(text.next).toMatch(/Nothing you typed has been lost/);
  });

  it("retries reads only for the network and the server", () => {
    expect(shouldRetry(networkProblem("offline"))).toBe(true);
    expect(shouldRetry(new ApiProblem(503, {}))).toBe(true);
    expect(shouldRetry(new ApiProblem(404, {}))).toBe(false);
    expect(shouldRetry(new ApiProblem(422, {}))).toBe(false);
  });
});

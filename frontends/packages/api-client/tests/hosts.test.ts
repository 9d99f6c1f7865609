import { describe, expect, it } from "vitest";

import { serviceOrigin } from "../src/hosts";

describe("serviceOrigin", () => {
  it("swaps the app's host label for the service's, keeping scheme and port", () => {
    const page = { protocol: "http:", hostname: "breeder.localhost", port: "8000" };
    expect(serviceOrigin("core", page)).toBe("http://api.localhost:8000");
    expect(serviceOrigin("animal", page)).toBe("http://animal-api.localhost:8000");
  });

  it("follows production domains, where the ALB routes by host", () => {
    const page = { protocol: "https:", hostname: "breeder.reptidex.app", port: "" };
    expect(serviceOrigin("animal", page)).toBe("https://animal-api.reptidex.app");
  });

  it("works on another gateway port, as the browser tests run", () => {
    const page = { protocol: "http:", hostname: "breeder.localhost", port: "21037" };
    expect(serviceOrigin("core", page)).toBe("http://api.localhost:21037");
  });
});

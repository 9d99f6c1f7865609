import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["./src/test-setup.ts"],
    // jsdom renders slowly on a busy 2-core CI machine; the default 5 s fails correct tests.
    testTimeout: 30_000,
  },
});

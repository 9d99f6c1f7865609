import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Core's session endpoints answer on the app's own origin (the gateway forwards them there), so
// the refresh cookie is first-party; the dev server forwards them the same way.
const SESSION_PATHS = ["/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout", "/api/v1/auth/password/change"];
const coreUrl = process.env.VITE_CORE_URL ?? "http://api.localhost:8000";

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    proxy: Object.fromEntries(SESSION_PATHS.map((path) => [path, { target: coreUrl }])),
  },
  build: {
    target: "es2022",
    // The gateway serves dist/ as the SPA at breeder.localhost; pages load on demand.
    outDir: "dist",
    sourcemap: true,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["./src/test-setup.ts"],
    // Rendering in jsdom takes seconds when the 2-core CI machine is busy with the rest of
    // `make test`; the default 5 s then fails tests that are correct, only slow.
    testTimeout: 30_000,
  },
});

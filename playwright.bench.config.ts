import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// The end-to-end benchmark (e2e/bench/): the release build (dist/) in
// Debian's Chromium, one size after another in one worker, never retried.
// `npx playwright test` (scripts/test.sh) uses playwright.config.ts, whose
// testDir does not include e2e/bench, so it never runs this.
//   npx playwright test -c playwright.bench.config.ts
// E2E_PORT picks the port of the static server (default 8099).
const port = Number(process.env.E2E_PORT ?? 8099);

export default defineConfig({
  testDir: "e2e/bench",
  testMatch: /\.bench\.ts$/,
  outputDir: "target/playwright-bench",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90 * 60_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      ...base.use?.launchOptions,
      // Exact figures from performance.memory, and gc() to read memory at rest.
      args: [...(base.use?.launchOptions?.args ?? []), "--enable-precise-memory-info", "--js-flags=--expose-gc"],
    },
  },
  webServer: {
    command: `node e2e/serve.mjs ${port} dist`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});

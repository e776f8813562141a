import { defineConfig } from "@playwright/test";

// End-to-end tests of the release build (dist/), in Debian's Chromium.
// Playwright cannot download its own browser on this project's machines.
// E2E_PORT picks another port, so that two checkouts can run their tests at once.
// offline.spec.ts starts servers of its own on E2E_EXTRA_PORT to E2E_EXTRA_PORT + 2 (default 8105).
const port = Number(process.env.E2E_PORT ?? 8091);

export default defineConfig({
  testDir: "e2e/tests",
  outputDir: "target/playwright",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"], ["json", { outputFile: "target/test-logs/e2e.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `node e2e/serve.mjs ${port} dist`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});

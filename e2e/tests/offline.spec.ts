import { expect, test, type Page } from "@playwright/test";
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { ServiceLab } from "./servicelab";

// The release works offline after one visit (its service worker caches it),
// and a new release is picked up when the user agrees. Each test serves its
// own copy of dist/ on its own port (a service worker belongs to an origin),
// with the same server the suite uses, so that it can stop the server or
// replace the release under the running app. They use three ports from
// E2E_EXTRA_PORT (default 8105), so that two checkouts can run side by side.

const EXTRA_PORT = Number(process.env.E2E_EXTRA_PORT ?? 8105);

class Site {
  private server?: ChildProcess;
  readonly url: string;

  constructor(
    readonly port: number,
    readonly dir: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    rmSync(dir, { recursive: true, force: true });
    cpSync("dist", dir, { recursive: true });
  }

  async start() {
    const server = spawn("node", ["e2e/serve.mjs", String(this.port), this.dir], { stdio: ["ignore", "pipe", "inherit"] });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.stdout!.once("data", () => resolve());
      server.once("exit", (code) => reject(new Error(`the server on ${this.port} exited (${code})`)));
    });
  }

  async stop() {
    const server = this.server;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    await new Promise((resolve) => {
      server.once("exit", resolve);
      server.kill();
    });
  }

  /** Publishes a new release: a changed index.html, then the post-build step as after `trunk build --release`. */
  publishRelease(marker: string) {
    const index = `${this.dir}/index.html`;
    const html = readFileSync(index, "utf8").replace("</head>", `  <meta name="servicelab-test-release" content="${marker}" />\n  </head>`);
    writeFileSync(index, html);
    execFileSync("node", ["scripts/post-build.mjs", this.dir]);
  }
}

/** Waits until the release's service worker has cached it and controls the page. */
async function untilControlled(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

const updateNotice = (page: Page) =>
  page.getByRole("status").filter({ hasText: "A new version of ServiceLab is ready." });

test("after one visit the app opens offline, deep links included", async ({ page, context }) => {
  const site = new Site(EXTRA_PORT, "target/e2e-offline/first-visit");
  await site.start();
  try {
    const app = new ServiceLab(page);
    await page.goto(`${site.url}/`);
    await expect(app.heading).toHaveText("Dashboard");
    await untilControlled(page);

    // No network at all: the browser is offline and the server is gone.
    await context.setOffline(true);
    await site.stop();
    await page.reload();
    await expect(app.heading).toHaveText("Dashboard");
    await page.goto(`${site.url}/incidents`);
    await expect(app.heading).toHaveText("Incidents");
    await page.goto(`${site.url}/incidents/INC0001050`);
    await expect(app.heading).toContainText("INC0001050");
    await page.reload();
    await expect(app.heading).toContainText("INC0001050");

    // And it works: navigation, and a change that is saved.
    await app.goTo("Problems");
    await app.goTo("Incidents");
    await page.getByRole("link", { name: "INC0001049" }).click();
    await page.getByLabel("Comment", { exact: true }).fill("Written on the train, offline.");
    await page.getByRole("button", { name: "Post", exact: true }).click();
    await expect(page.getByRole("list", { name: "Activity" })).toContainText("Written on the train, offline.");
    await page.reload();
    await expect(page.getByRole("list", { name: "Activity" })).toContainText("Written on the train, offline.");
    await expect(updateNotice(page)).toHaveCount(0);
  } finally {
    await context.setOffline(false);
    await site.stop();
  }
});

test("a new release is announced and taken when the user presses Reload", async ({ page }) => {
  const site = new Site(EXTRA_PORT + 1, "target/e2e-offline/update");
  await site.start();
  try {
    const app = new ServiceLab(page);
    await page.goto(`${site.url}/incidents`);
    await expect(app.heading).toHaveText("Incidents");
    await untilControlled(page);
    // The first visit installs the worker quietly.
    await expect(updateNotice(page)).toHaveCount(0);
    const release = page.locator('meta[name="servicelab-test-release"]');

    site.publishRelease("2");
    await page.reload();
    // The page still runs the release it had, and says a new one is ready.
    await expect(updateNotice(page)).toBeVisible();
    await expect(release).toHaveCount(0);
    await page.screenshot({ path: "screenshots/update-ready.png" });

    await updateNotice(page).getByRole("button", { name: "Reload" }).click();
    await expect(release).toHaveAttribute("content", "2");
    await expect(app.heading).toHaveText("Incidents");
    await expect(updateNotice(page)).toHaveCount(0);
    // Only the new release's cache is kept.
    await untilControlled(page);
    expect(await page.evaluate(() => caches.keys())).toHaveLength(1);
  } finally {
    await site.stop();
  }
});

test("a development build on the same address retires the release's worker and its cache", async ({ page }) => {
  const site = new Site(EXTRA_PORT + 2, "target/e2e-offline/development");
  await site.start();
  try {
    const app = new ServiceLab(page);
    await page.goto(`${site.url}/incidents`);
    await untilControlled(page);
    expect(await page.evaluate(() => caches.keys())).toHaveLength(1);

    // A developer now runs `trunk serve` on this address: its post-build step
    // writes the retiring sw.js, and its page has no service worker meta.
    const index = `${site.dir}/index.html`;
    writeFileSync(index, readFileSync(index, "utf8").replace(/\s*<meta name="servicelab-service-worker"[^>]*>/, ""));
    execFileSync("node", ["scripts/post-build.mjs", site.dir], { env: { ...process.env, TRUNK_PROFILE: "debug" } });
    await page.reload();

    // The old worker is gone, with its cache, and the page is the server's.
    // (The retiring worker reloads the page, so a look may meet a navigation.)
    // The browser fetches sw.js, installs and activates the new worker before it can
    // retire anything: about 5 s alone, longer beside other tests, hence 30 s.
    const look = <T>(probe: () => Promise<T> | T) => page.evaluate(probe).catch(() => "navigating");
    const retiring = { timeout: 30_000 };
    await expect.poll(() => look(() => navigator.serviceWorker.getRegistrations().then((r) => r.length)), retiring).toBe(0);
    await expect.poll(() => look(() => caches.keys()), retiring).toEqual([]);
    await expect.poll(() => look(() => navigator.serviceWorker.controller === null), retiring).toBe(true);
    await expect(app.heading).toHaveText("Incidents");
    await expect(page.locator('meta[name="servicelab-service-worker"]')).toHaveCount(0);
  } finally {
    await site.stop();
  }
});

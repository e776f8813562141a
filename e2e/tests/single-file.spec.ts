import { expect, test, type Browser, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ServiceLab } from "./servicelab";
import { catalog, currentId, joined, stored } from "./storage-helpers";

// The single-file build (scripts/single-file.mjs over the release in dist/)
// opens from disk, with no server, and can carry a workspace for a class.

// One worker builds the files once and runs the tests in turn.
test.describe.configure({ mode: "serial" });

const DIR = resolve("target/e2e-single");
const CLASS = "Riverside College IT";
const HOSTILE = "</script><script>window.injected = true</script><!-- <b>bold</b>";

/** Writes a single file from dist/, with `workspace` (JSON text) embedded if given. */
function singleFile(name: string, workspace?: string): string {
  const out = `${DIR}/${name}.html`;
  const args = ["scripts/single-file.mjs", "--dist", "dist", "--out", out];
  if (workspace !== undefined) {
    writeFileSync(`${DIR}/${name}.json`, workspace);
    args.push("--workspace", `${DIR}/${name}.json`);
  }
  execFileSync("node", args);
  return pathToFileURL(out).href;
}

/** The demo workspace as ServiceLab stores it, renamed: what an instructor would export. */
async function classWorkspace(browser: Browser, plainFile: string): Promise<string> {
  const page = await browser.newPage();
  await page.goto(plainFile);
  await expect(page.getByRole("group", { name: "Workspace" })).toContainText("Harbourside Logistics");
  // The workspace as stored (IndexedDB records joined back into one document).
  await expect.poll(async () => (await catalog(page)).length).toBeGreaterThan(0);
  const workspace = joined(await stored(page, await currentId(page)));
  await page.close();
  workspace.name = CLASS;
  // A hostile short description (of the first incident recorded) must stay
  // text: the JSON in the file may not end its <script> element early.
  const first = (value: unknown): Record<string, unknown> | undefined => {
    if (value === null || typeof value !== "object") return undefined;
    if ("short_description" in value) return value as Record<string, unknown>;
    for (const child of Object.values(value)) {
      const found = first(child);
      if (found) return found;
    }
    return undefined;
  };
  first(workspace.tickets)!.short_description = HOSTILE;
  return JSON.stringify(workspace, null, 2);
}

let plain: string;
let withClass: string;

test.beforeAll(async ({ browser }) => {
  mkdirSync(DIR, { recursive: true });
  plain = singleFile("servicelab");
  withClass = singleFile("riverside", await classWorkspace(browser, plain));
});

/** Records requests that leave the file, CSP violations and console errors. */
async function watchProblems(page: Page) {
  const problems: string[] = [];
  page.on("request", (request) => {
    if (!/^(file|data|blob):/.test(request.url())) problems.push(`request: ${request.url()}`);
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

test("the single file opens from disk, navigates and saves, with nothing else loaded", async ({ page }) => {
  const problems = await watchProblems(page);
  const app = new ServiceLab(page);
  await page.goto(plain);
  await expect(app.heading).toHaveText("Dashboard");
  await expect(page.getByRole("group", { name: "Workspace" })).toContainText("Harbourside Logistics");

  for (const name of ["Problems", "SLAs", "Data", "Incidents"]) await app.goTo(name);
  // Addresses live in the fragment, since a file's path cannot change.
  await expect(page).toHaveURL(/servicelab\.html#\/incidents$/);

  await page.getByRole("link", { name: "New incident" }).click();
  await expect(app.heading).toHaveText("New incident");
  await page.getByLabel("Caller", { exact: true }).selectOption({ label: "Ana Silva" });
  await page.getByLabel("Short description", { exact: true }).fill("Projector in room B12 shows no signal");
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(app.heading).toContainText("INC0001051 · Projector in room B12 shows no signal");
  await expect(page).toHaveURL(/#\/incidents\/INC0001051$/);

  // A reload stays on the page, and the incident was saved.
  await page.reload();
  await expect(app.heading).toContainText("INC0001051 · Projector in room B12 shows no signal");
  // Back and forward follow the fragment.
  await page.goBack();
  await expect(app.heading).toHaveText("New incident");
  await page.goBack();
  await expect(app.heading).toHaveText("Incidents");
  await page.goForward();
  await expect(app.heading).toHaveText("New incident");
  await page.screenshot({ path: "screenshots/single-file.png" });

  expect(problems).toEqual([]);
});

test("a workspace embedded in the file opens on the first visit, as plain text", async ({ page }) => {
  const problems = await watchProblems(page);
  const app = new ServiceLab(page);
  await page.goto(withClass);
  await expect(page.getByRole("group", { name: "Workspace" })).toContainText(CLASS);
  await expect(app.heading).toHaveText("Dashboard");
  await page.goto(`${withClass}#/incidents/INC0001001`);
  await expect(app.heading).toContainText(HOSTILE);
  expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  // It is now this browser's workspace: work on it is kept.
  await page.reload();
  await expect(page.getByRole("group", { name: "Workspace" })).toContainText(CLASS);
  await expect(page.getByRole("region", { name: "Workspace in this file" })).toHaveCount(0);
  expect(problems).toEqual([]);
});

test("an embedded workspace never replaces a stored one; it is offered as a file", async ({ page }) => {
  const app = new ServiceLab(page);
  await page.goto(plain);
  await expect(page.getByRole("group", { name: "Workspace" })).toContainText("Harbourside Logistics");
  await expect.poll(async () => (await catalog(page)).length).toBeGreaterThan(0);
  const id = await currentId(page);
  const before = joined(await stored(page, id));

  await page.goto(withClass);
  await expect(app.heading).toHaveText("Dashboard");
  await expect(page.getByRole("group", { name: "Workspace" })).toContainText("Harbourside Logistics");
  const offer = page.getByRole("region", { name: "Workspace in this file" });
  await expect(offer).toContainText(`This file carries the workspace ${CLASS}.`);
  await page.screenshot({ path: "screenshots/single-file-offer.png" });

  const downloading = page.waitForEvent("download");
  await offer.getByRole("button", { name: `Download ${CLASS}` }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("riverside-college-it.servicelab.json");
  expect(JSON.parse(readFileSync((await download.path())!, "utf8")).name).toBe(CLASS);
  await expect(offer).toHaveCount(0);

  // Taken once, it is not offered again, and the stored workspace is as it was.
  await page.reload();
  await expect(app.heading).toHaveText("Dashboard");
  await expect(offer).toHaveCount(0);
  expect(await catalog(page)).toHaveLength(1);
  expect(joined(await stored(page, id))).toEqual(before);
});

test("an embedded workspace that cannot be read is reported, and the demo opens", async ({ page }) => {
  const broken = singleFile("broken", JSON.stringify({ name: "Half a class", tickets: "not a list" }));
  await page.goto(broken);
  await expect(page.getByRole("alert").filter({ hasText: "The workspace in this file could not be opened" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Workspace" })).toContainText("Harbourside Logistics");
});

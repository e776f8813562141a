import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { ServiceLab } from "./servicelab";
import { catalog, currentId, joined, putRecord, savedBeyond, stored, version } from "./storage-helpers";

// Workspaces live in IndexedDB (one record per ticket), the list of them in localStorage.
// Every test starts in a fresh browser profile with the demo workspace.

const SHOTS = "screenshots";
const LEGACY = "servicelab.workspace";

test("an edit is stored in IndexedDB within moments, and survives a reload", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/incidents/INC0001050");
  const id = await currentId(page);
  const before = await version(page, id);
  const start = Date.now();
  await page.getByLabel("Comment", { exact: true }).fill("Routing table checked.");
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await savedBeyond(page, id, before);
  console.log(`edit stored ${Date.now() - start} ms after the click (Playwright's view, polling included)`);
  const after = await stored(page, id);
  expect(JSON.stringify(joined(after))).toContain("Routing table checked.");
  await page.reload();
  await expect(page.getByRole("list", { name: "Activity" })).toContainText("Routing table checked.");
});

test("a workspace that cannot be read is never overwritten: recovery screen", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/incidents");
  const id = await currentId(page);
  const garbage = '{"name": "Half a workspace", "people": [';
  await putRecord(page, "heads", id, garbage);
  const before = await stored(page, id);
  await page.reload();

  await expect(page.getByRole("heading", { name: "This workspace cannot be opened" })).toBeVisible();
  await expect(page.getByText("Nothing has been changed or deleted.")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/recovery.png`, fullPage: true });
  expect(await stored(page, id)).toEqual(before);

  // The raw data can be downloaded as it is.
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the stored data" }).click();
  const text = readFileSync((await (await downloading).path())!, "utf8");
  expect(JSON.parse(text).head).toBe(garbage);

  // Retrying reads it again and finds it just as unreadable.
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: "This workspace cannot be opened" })).toBeVisible();

  // Starting fresh makes a new workspace beside it; the old one is untouched.
  await page.getByRole("button", { name: "Start fresh in a new workspace" }).click();
  await expect(app.heading).toHaveText("Incidents");
  await expect(page.getByRole("group", { name: "Workspace" })).toContainText("Harbourside Logistics");
  const fresh = await currentId(page);
  expect(fresh).not.toBe(id);
  expect((await catalog(page)).map((e) => e.id)).toEqual([id, fresh]);
  expect(await stored(page, id)).toEqual(before);
});

test("a failed save is shown, the work stays in the tab, and nothing stored changes", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/incidents/INC0001050");
  const id = await currentId(page);
  const before = await stored(page, id);
  // The browser's storage is now full.
  await page.evaluate(() => {
    (window as any).__put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await page.getByLabel("Comment", { exact: true }).fill("Still investigating the routing table.");
  await page.getByRole("button", { name: "Post", exact: true }).click();
  const banner = page.getByRole("alert").filter({ hasText: "Your last change was not saved" });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("QuotaExceededError");
  await expect(page.getByRole("list", { name: "Activity" })).toContainText("Still investigating the routing table.");
  expect(await stored(page, id)).toEqual(before);
  await page.screenshot({ path: `${SHOTS}/save-failed.png` });

  // The banner hands over the work that could not be saved.
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the workspace" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("harbourside-logistics.servicelab.json");
  const text = readFileSync((await download.path())!, "utf8");
  expect(JSON.parse(text).name).toBe("Harbourside Logistics");
  expect(text).toContain("Still investigating the routing table.");

  // Room again: trying again stores the work.
  await page.evaluate(() => (IDBObjectStore.prototype.put = (window as any).__put));
  await page.getByRole("button", { name: "Try saving again" }).click();
  await expect(banner).toHaveCount(0);
  expect(JSON.stringify(joined(await stored(page, id)))).toContain("Still investigating the routing table.");
});

test("data from a newer version opens read-only and is never written", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/incidents");
  const id = await currentId(page);
  const head = JSON.parse((await stored(page, id)).head as string);
  head.schema_version = 99;
  head.from_the_future = { kept: true };
  await putRecord(page, "heads", id, JSON.stringify(head));
  const before = await stored(page, id);
  await app.open("/incidents/INC0001050");

  await expect(page.getByRole("alert").filter({ hasText: "Read-only" })).toContainText("newer version of ServiceLab");
  await page.getByLabel("Comment", { exact: true }).fill("This must not be saved.");
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(page.getByText("saved by a newer version of ServiceLab (format 99").first()).toBeVisible();
  await expect(page.getByRole("list", { name: "Activity" })).not.toContainText("This must not be saved.");
  await page.waitForTimeout(600);
  expect(await stored(page, id)).toEqual(before);
});

test("storage blocked altogether: the app runs in memory and says so", async ({ page }) => {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function () {
      throw new DOMException("IndexedDB is disabled.", "SecurityError");
    };
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("Access is denied for this document.", "SecurityError");
      },
    });
  });
  const app = new ServiceLab(page);
  await app.open("/incidents/INC0001050");
  const warning = page.getByRole("alert").filter({ hasText: "cannot store anything in this browser" });
  await expect(warning).toBeVisible();
  await page.getByLabel("Comment", { exact: true }).fill("Working in memory.");
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(page.getByRole("list", { name: "Activity" })).toContainText("Working in memory.");
  await page.screenshot({ path: `${SHOTS}/storage-blocked.png` });
});

test("corrupt data in the earlier single-key layout gets the recovery screen and stays", async ({ page }) => {
  const garbage = '{"name": "Truncated", "schema_version": 2, "tickets": [{"id": 1,';
  await page.addInitScript((g) => {
    if (!sessionStorage.getItem("seeded")) {
      sessionStorage.setItem("seeded", "1");
      localStorage.setItem("servicelab.workspace", g);
    }
  }, garbage);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "This workspace cannot be opened" })).toBeVisible();
  await expect(page.getByText(LEGACY).first()).toBeVisible();
  await page.getByRole("button", { name: "Start fresh in a new workspace" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dashboard");
  expect(await page.evaluate((k) => localStorage.getItem(k), LEGACY)).toBe(garbage);
  await page.goto("/data");
  await expect(page.getByRole("button", { name: `Download ${LEGACY}` })).toBeVisible();
});

test("the earlier single-key layout (schema 1) moves to IndexedDB, migrated, with a backup", async ({ browser }) => {
  // A fresh profile gives the demo; its data, as an earlier release stored it.
  const first = await browser.newContext();
  const page1 = await first.newPage();
  await new ServiceLab(page1).open("/");
  const fresh = joined(await stored(page1, await currentId(page1)));
  await first.close();
  const v1 = structuredClone(fresh);
  delete v1.calendars;
  delete v1.slas;
  v1.schema_version = 1;
  const v1Text = JSON.stringify(v1);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript((text) => {
    if (!sessionStorage.getItem("seeded")) {
      sessionStorage.setItem("seeded", "1");
      localStorage.setItem("servicelab.workspace", text);
    }
  }, v1Text);
  await new ServiceLab(page).open("/");
  await expect(page.getByRole("status").filter({ hasText: "moved to this browser's database" })).toBeVisible();
  const id = await currentId(page);
  const now = await stored(page, id);
  const migrated = joined(now);
  expect(migrated.schema_version).toBe(2);
  expect(migrated.calendars).toEqual(fresh.calendars);
  expect(migrated.slas).toEqual(fresh.slas);
  expect(migrated.tickets).toEqual(fresh.tickets);
  expect(migrated.people).toEqual(fresh.people);
  // The original is kept as it was, and the old key is gone only now that the copy is checked.
  expect(now.backups.map((b) => JSON.parse(b as string))).toEqual([v1]);
  expect(await page.evaluate((k) => localStorage.getItem(k), LEGACY)).toBeNull();
  await context.close();
});

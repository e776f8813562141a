import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { ServiceLab } from "./servicelab";

const KEY = "servicelab.workspace";

test("a workspace that cannot be read is never overwritten", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/incidents");
  const garbage = '{"name": "Half a workspace", "tickets": [';
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, garbage]);
  await page.reload();

  const banner = page.getByRole("alert").filter({ hasText: "could not be read" });
  await expect(banner).toBeVisible();
  await expect(banner.getByRole("link", { name: "Download the stored data" })).toBeVisible();
  await page.screenshot({ path: "screenshots/unreadable-workspace.png" });

  // Working on the demo in memory does not touch the stored copy.
  await page.getByRole("checkbox", { name: "Select INC0001047" }).check();
  const bulk = page.getByRole("region", { name: "Bulk update" });
  await bulk.getByRole("combobox", { name: "Bulk assignment group" }).selectOption({ label: "Network" });
  await bulk.getByRole("button", { name: "Assign selected" }).click();
  await expect(page.getByText("Updated 1 incident.")).toBeVisible();
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBe(garbage);

  // Setting it aside keeps it under a key of its own, then saving resumes.
  await banner.getByRole("button", { name: "Keep it aside and start saving this demo" }).click();
  await expect(page.getByRole("status").filter({ hasText: "unreadable workspace is kept" })).toBeVisible();
  const stored = await page.evaluate(() => {
    const aside = Object.keys(localStorage).filter((k) => k.startsWith("servicelab.unreadable."));
    return { aside: aside.map((k) => localStorage.getItem(k)), current: localStorage.getItem("servicelab.workspace") };
  });
  expect(stored.aside).toEqual([garbage]);
  expect(JSON.parse(stored.current!).name).toBe("Harbourside Logistics");
});

test("a failed save is shown and the work stays in the tab", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/incidents/INC0001050");
  const before = await page.evaluate((key) => localStorage.getItem(key), KEY);
  // The browser's storage is now full.
  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await page.getByLabel("Comment", { exact: true }).fill("Still investigating the routing table.");
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Your last change was not saved" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Activity" })).toContainText("Still investigating the routing table.");
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBe(before);
  await page.screenshot({ path: "screenshots/save-failed.png" });

  // The banner hands over the work that could not be saved.
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the workspace" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("harbourside-logistics.servicelab.json");
  const text = readFileSync((await download.path())!, "utf8");
  expect(JSON.parse(text).name).toBe("Harbourside Logistics");
  expect(text).toContain("Still investigating the routing table.");
});

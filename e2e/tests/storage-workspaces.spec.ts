import { expect, test } from "@playwright/test";
import { ServiceLab } from "./servicelab";
import { catalog, currentId, putRecord, savedBeyond, stored, version } from "./storage-helpers";

const SHOTS = "screenshots";

test("workspaces: create, open, rename, duplicate, delete with a confirmation naming it", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/data");
  const demoId = await currentId(page);
  const list = page.getByRole("list", { name: "Workspaces" });
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(page.getByText("Open in this tab")).toBeVisible();

  // Create an empty workspace and open it.
  await page.getByLabel("Name", { exact: true }).fill("Training room");
  await page.getByLabel("nothing (an empty workspace)").check();
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Created “Training room”" })).toBeVisible();
  await list.getByRole("button", { name: "Open Training room" }).click();
  await expect(page.getByRole("group", { name: "Workspace" })).toContainText("Training room");
  expect(await currentId(page)).not.toBe(demoId);
  await app.goTo("Incidents");
  await expect(page.getByRole("checkbox", { name: "Select INC0001001" })).toHaveCount(0);

  // Rename the open workspace: the header follows.
  await app.goTo("Data");
  await list.getByRole("button", { name: "Rename Training room" }).click();
  await page.getByLabel("New name").fill("Classroom");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Renamed “Training room” to “Classroom”" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Workspace" })).toContainText("Classroom");

  // Duplicate the demo, then delete the copy after confirming.
  await list.getByRole("button", { name: "Duplicate Harbourside Logistics" }).click();
  await expect(list.getByText("Copy of Harbourside Logistics")).toBeVisible();
  const copy = (await catalog(page)).find((e) => e.name === "Copy of Harbourside Logistics")!;
  expect((await stored(page, copy.id)).tickets.length).toBe(50);
  await page.screenshot({ path: `${SHOTS}/data-section.png`, fullPage: true });

  await list.getByRole("button", { name: "Delete Copy of Harbourside Logistics" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Confirm deletion" });
  await expect(confirm).toContainText("Delete “Copy of Harbourside Logistics” and all its tickets");
  await page.screenshot({ path: `${SHOTS}/data-delete-confirm.png` });
  await confirm.getByRole("button", { name: "Keep it" }).click();
  await expect(list.getByRole("listitem")).toHaveCount(3);
  await list.getByRole("button", { name: "Delete Copy of Harbourside Logistics" }).click();
  await confirm.getByRole("button", { name: "Delete “Copy of Harbourside Logistics” for good" }).click();
  await expect(list.getByRole("listitem")).toHaveCount(2);
  expect((await stored(page, copy.id)).head).toBeUndefined();
  // The open workspace offers no Delete.
  await expect(list.getByRole("button", { name: "Delete Classroom" })).toHaveCount(0);

  // Back to the demo, which kept its data.
  await list.getByRole("button", { name: "Open Harbourside Logistics" }).click();
  await expect(page.getByRole("group", { name: "Workspace" })).toContainText("Harbourside Logistics");
  expect(await currentId(page)).toBe(demoId);
});

test("the Data section shows where data lives, whether it is kept, and the room used", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/data");
  const facts = page.getByRole("region", { name: "Storage in this browser" });
  await expect(facts).toContainText("IndexedDB");
  await expect(facts).toContainText(/used of/);
  await expect(facts).toContainText(/browser (agreed|may clear|does not say)/);
  await expect(facts).toContainText(/Opened in \d+ ms/);
  // This tab's memory: the WebAssembly memory, and the JavaScript heap in Chromium.
  const memory = facts.getByLabel("Memory", { exact: true });
  await expect(memory).toContainText(/\d+(\.\d)? MB of WebAssembly memory/);
  await expect(memory).toContainText(/\d+(\.\d)? (KB|MB) of JavaScript heap/);
  await expect(page.getByRole("region", { name: "Export and import" })).toBeVisible();
});

test("many unexported changes bring a reminder; exporting resets the count", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/");
  const id = await currentId(page);
  const meta = JSON.parse((await stored(page, id)).meta as string);
  await putRecord(page, "meta", id, JSON.stringify({ ...meta, unexported: 49 }));
  await app.open("/incidents/INC0001050");
  const reminder = page.getByRole("status", { name: "Export reminder" });
  await expect(reminder).toHaveCount(0);
  await page.getByLabel("Comment", { exact: true }).fill("The fiftieth change.");
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(reminder).toContainText("50 changes since this workspace was last exported");
  await page.screenshot({ path: `${SHOTS}/export-reminder.png` });
  const v = await version(page, id);
  const downloading = page.waitForEvent("download");
  await reminder.getByRole("button", { name: "Export now" }).click();
  await downloading;
  await expect(reminder).toHaveCount(0);
  await savedBeyond(page, id, v);
  expect(JSON.parse((await stored(page, id)).meta as string).unexported).toBe(0);
});

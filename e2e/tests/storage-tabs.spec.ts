import { expect, test, type Page } from "@playwright/test";
import { ServiceLab } from "./servicelab";
import { currentId, joined, savedBeyond, stored, version } from "./storage-helpers";

// Two tabs on one workspace are two pages in one browser context.

async function comment(page: Page, text: string) {
  await page.getByLabel("Comment", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Post", exact: true }).click();
}

test("an edit in one tab appears in the other", async ({ context }) => {
  const a = await context.newPage();
  await new ServiceLab(a).open("/incidents/INC0001050");
  const b = await context.newPage();
  await new ServiceLab(b).open("/incidents/INC0001050");

  await comment(a, "Seen from tab A.");
  await expect(b.getByRole("list", { name: "Activity" })).toContainText("Seen from tab A.");
  await comment(b, "Answered from tab B.");
  await expect(b.getByRole("list", { name: "Activity" })).toContainText("Answered from tab B.");
  await expect.poll(async () => JSON.stringify(joined(await stored(b, await currentId(b)))), { timeout: 5000 }).toContain("Answered from tab B.");
  await expect(a.getByRole("list", { name: "Activity" })).toContainText("Answered from tab B.");

  const id = await currentId(a);
  const all = JSON.stringify(joined(await stored(a, id)));
  expect(all).toContain("Seen from tab A.");
  expect(all).toContain("Answered from tab B.");
});

test("a stale tab's write is refused, and its change replayed on the newer version", async ({ context }) => {
  const a = await context.newPage();
  await new ServiceLab(a).open("/incidents/INC0001050");
  const id = await currentId(a);
  // Tab B hears nothing from other tabs, so it goes stale.
  const b = await context.newPage();
  await b.addInitScript(() => Object.defineProperty(window, "BroadcastChannel", { value: undefined }));
  await new ServiceLab(b).open("/incidents/INC0001049");
  const start = await version(a, id);

  await comment(a, "Saved first, by tab A.");
  await savedBeyond(a, id, start);
  await comment(b, "Saved second, by stale tab B.");
  await savedBeyond(a, id, start + 1);

  const all = JSON.stringify(joined(await stored(a, id)));
  expect(all).toContain("Saved first, by tab A.");
  expect(all).toContain("Saved second, by stale tab B.");
  await expect(b.getByRole("status").filter({ hasText: "applied on top of its version" })).toBeVisible();
});

test("a stale change that no longer applies is not written, and the tab says so", async ({ context }) => {
  const a = await context.newPage();
  await new ServiceLab(a).open("/incidents/INC0001050");
  const id = await currentId(a);
  const b = await context.newPage();
  await b.addInitScript(() => Object.defineProperty(window, "BroadcastChannel", { value: undefined }));
  await new ServiceLab(b).open("/incidents/INC0001050");
  const start = await version(a, id);

  // Tab A cancels the incident; stale tab B, not knowing, comments on it.
  await a.getByRole("button", { name: "Cancel incident", exact: true }).click();
  await expect(a.getByLabel("State", { exact: true })).toHaveValue("Canceled");
  await savedBeyond(a, id, start);
  await comment(b, "Written on a stale copy.");

  const conflict = b.getByRole("alert").filter({ hasText: "cannot be applied to its version" });
  await expect(conflict).toBeVisible();
  await b.screenshot({ path: "screenshots/tabs-conflict.png" });
  await expect(b.getByLabel("State", { exact: true })).toHaveValue("Canceled");
  const all = JSON.stringify(joined(await stored(a, id)));
  expect(all).not.toContain("Written on a stale copy.");
  // Its version is still there to download.
  const downloading = b.waitForEvent("download");
  await conflict.getByRole("button", { name: "Download this tab's version" }).click();
  expect((await downloading).suggestedFilename()).toContain("this-tab");
});

test("a page closed during a write leaves all of it or none of it", async ({ context }) => {
  const page = await context.newPage();
  const app = new ServiceLab(page);
  await app.open("/incidents");
  const id = await currentId(page);
  const before = await stored(page, id);
  // Hold the save half-way through its puts (the transaction cannot commit
  // while this runs), and close the page meanwhile.
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    let n = 0;
    IDBObjectStore.prototype.put = function (...args: [unknown, IDBValidKey?]) {
      n += 1;
      if (n === 10) {
        console.log("mid-write");
        const until = performance.now() + 3000;
        while (performance.now() < until) {
          /* the page is closed while the transaction is open */
        }
      }
      return put.apply(this, args);
    };
  });
  const midWrite = page.waitForEvent("console", (m) => m.text() === "mid-write");
  await page.getByRole("checkbox", { name: "Select all listed incidents" }).check();
  const bulk = page.getByRole("region", { name: "Bulk update" });
  await bulk.getByRole("combobox", { name: "Bulk assignment group" }).selectOption({ label: "Network" });
  await bulk.getByRole("button", { name: "Assign selected" }).click();
  await midWrite;
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await new ServiceLab(again).open("/incidents");
  const after = await stored(again, id);
  const changed = after.tickets.filter((t, i) => t !== before.tickets[i]).length;
  const oldVersion = JSON.parse(before.meta as string).version;
  const newVersion = JSON.parse(after.meta as string).version;
  console.log(`after closing mid-write: version ${oldVersion} -> ${newVersion}, ${changed} tickets changed`);
  if (newVersion === oldVersion) {
    expect(after).toEqual(before);
  } else {
    expect(newVersion).toBe(oldVersion + 1);
    expect(changed).toBeGreaterThan(9);
  }
});

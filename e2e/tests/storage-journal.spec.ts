import { expect, test, type Page } from "@playwright/test";
import { ServiceLab } from "./servicelab";
import { currentId, joined, savedBeyond, stored, version } from "./storage-helpers";

// A page that goes away (reload, closed tab) while its save to IndexedDB is
// still under way, or cannot happen, keeps its changes in a safety copy in
// localStorage (the journal); the next start saves them.

const SHOTS = "screenshots";

/** Makes every IndexedDB write of this page fail, as a full disk would. */
async function breakWrites(page: Page) {
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
}

async function comment(page: Page, text: string) {
  await page.getByLabel("Comment", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(page.getByRole("list", { name: "Activity" })).toContainText(text);
}

function storedText(s: Awaited<ReturnType<typeof stored>>): string {
  return JSON.stringify(joined(s));
}

test("a reload at once after each edit loses none of them", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/incidents/INC0001050");
  const said = ["First check done.", "Second check done.", "Third check done."];
  for (const text of said) {
    await comment(page, text);
    // No waiting for the save: the reload starts while it may still be under way.
    await page.reload();
    await expect(app.heading).toBeVisible();
  }
  const activity = page.getByRole("list", { name: "Activity" });
  for (const text of said) await expect(activity).toContainText(text);
  const id = await currentId(page);
  await expect.poll(async () => storedText(await stored(page, id))).toContain(said[2]);
  expect(await page.evaluate((id) => localStorage.getItem(`servicelab.journal.${id}`), id)).toBeNull();
});

test("a page closed while its saves fail: the next start saves its changes from the safety copy", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/incidents/INC0001050");
  const id = await currentId(page);
  const before = await stored(page, id);
  await breakWrites(page);
  await comment(page, "Logged before the disk filled up.");
  await expect(page.getByRole("alert").filter({ hasText: "Your last change was not saved" })).toBeVisible();
  expect(await stored(page, id)).toEqual(before);

  await page.reload();
  const notice = page.getByRole("status").filter({ hasText: "kept in a safety copy and are saved now" });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("closed before 1 change reached");
  await expect(page.getByRole("list", { name: "Activity" })).toContainText("Logged before the disk filled up.");
  await page.screenshot({ path: `${SHOTS}/journal-recovered.png` });
  const after = await stored(page, id);
  expect(storedText(after)).toContain("Logged before the disk filled up.");
  expect(JSON.parse(after.meta as string).version).toBe(JSON.parse(before.meta as string).version + 1);
  expect(await page.evaluate((id) => localStorage.getItem(`servicelab.journal.${id}`), id)).toBeNull();

  // Saved for good: another reload finds it with nothing more to recover.
  await page.reload();
  await expect(page.getByRole("list", { name: "Activity" })).toContainText("Logged before the disk filled up.");
  await expect(notice).toHaveCount(0);
});

test("a safety copy that another tab's save overtook is set aside for download, never applied over it", async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  const a = new ServiceLab(first);
  await a.open("/incidents/INC0001050");
  const b = new ServiceLab(second);
  await b.open("/incidents/INC0001049");
  const id = await currentId(first);

  // The first tab cannot save; the second saves normally, then the first closes.
  await breakWrites(first);
  await comment(first, "Only in the first tab.");
  const v = await version(second, id);
  await comment(second, "Saved by the second tab.");
  await savedBeyond(second, id, v);
  await first.close();
  const left = await second.evaluate((id) => localStorage.getItem(`servicelab.journal.${id}`), id);
  expect(left).toContain("Only in the first tab.");

  // The next start does not lay the first tab's changes over the second's.
  await second.reload();
  const notice = second.getByRole("status").filter({ hasText: "were not applied" });
  await expect(notice).toContainText("another tab saved this workspace after them");
  const s = await stored(second, id);
  expect(storedText(s)).toContain("Saved by the second tab.");
  expect(storedText(s)).not.toContain("Only in the first tab.");

  // They are kept, untouched, where the Data section offers them.
  const keys = await second.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("servicelab.backup.unsaved.")));
  expect(keys).toHaveLength(1);
  expect(await second.evaluate((k) => localStorage.getItem(k), keys[0])).toBe(left);
  await b.open("/data");
  await expect(second.getByRole("button", { name: `Download ${keys[0]}` })).toBeVisible();
});

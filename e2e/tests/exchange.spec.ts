import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { ServiceLab } from "./servicelab";
import { catalog, currentId, savedBeyond, stored, version } from "./storage-helpers";

const SHOTS = "screenshots";

/** Clicks an export button and returns the downloaded file's text. */
async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path!, "utf8") };
}

/** Chooses a file in the import picker. */
async function pick(page: Page, name: string, text: string | Buffer) {
  const buffer = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  await page.getByLabel("Choose a ServiceLab export (.json)").setInputFiles({ name, mimeType: "application/json", buffer });
}

/** What is stored, to compare before and after a refused import. */
async function snapshot(page: Page) {
  const id = await currentId(page);
  return { list: await catalog(page), rows: (await stored(page, id)).tickets.length };
}

test("export then import the same file as a new workspace, which opens with equal counts", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/data");
  const before = await catalog(page);
  const { name, text } = await download(page, "Export this workspace (JSON)");
  expect(name).toMatch(/\.json$/);
  expect(JSON.parse(text).format).toBe("servicelab.workspace");

  await pick(page, name, text);
  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview).toContainText("50 tickets");
  await expect(preview).toContainText("16 people");
  await page.screenshot({ path: `${SHOTS}/data-import-preview.png`, fullPage: true });
  await preview.getByRole("button", { name: "Import as a new workspace" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported as the new workspace" })).toBeVisible();
  const after = await catalog(page);
  expect(after.length).toBe(before.length + 1);
  const added = after.find((e) => !before.some((b) => b.id === e.id))!;
  expect((await stored(page, added.id)).tickets.length).toBe(50);

  await page.getByRole("button", { name: `Open “${added.name}”` }).click();
  // The list names it "… (2)"; the workspace itself keeps the file's name.
  await expect.poll(() => currentId(page)).toBe(added.id);
  await expect(page.getByRole("group", { name: "Workspace" })).toContainText("Harbourside Logistics");
  // Exported again, the new workspace gives the same data.
  await app.goTo("Data");
  const again = await download(page, "Export this workspace (JSON)");
  const strip = (t: string) => {
    const v = JSON.parse(t);
    delete v.exported_at;
    return JSON.stringify(v);
  };
  expect(strip(again.text)).toBe(strip(text));
});

test("a large file is read in slices with a progress bar; an older version is read whole and migrated", async ({ page }) => {
  test.setTimeout(120_000);
  const app = new ServiceLab(page);
  await app.open("/data");
  const { text } = await download(page, "Export this workspace (JSON)");
  // The demo's 50 tickets copied over and over, renumbered: about 5 MB.
  const big = JSON.parse(text);
  const tickets = big.workspace.tickets;
  const next = new Map<string, number>();
  big.workspace.tickets = Array.from({ length: 4_000 }, (_, i) => {
    const ticket = structuredClone(tickets[i % tickets.length]);
    const prefix = ticket.number.replace(/\d+$/, "");
    const seq = next.get(prefix) ?? 1001;
    next.set(prefix, seq + 1);
    return { ...ticket, id: i + 1, number: `${prefix}${String(seq).padStart(7, "0")}` };
  });
  const body = JSON.stringify(big, null, 1);
  expect(body.length).toBeGreaterThan(3_000_000);
  // What the page showed while it read, noted at every change of the page.
  await page.evaluate(() => {
    const w = window as any;
    w.seen = [];
    new MutationObserver(() => {
      const bar = document.querySelector('progress[aria-label^="Reading"]') as HTMLProgressElement | null;
      if (bar) w.seen.push({ label: bar.getAttribute("aria-label"), value: bar.value, max: bar.max });
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await pick(page, "big.json", body);
  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview).toContainText("4000 tickets", { timeout: 60_000 });
  const seen: { label: string; value: number; max: number }[] = await page.evaluate(() => (window as any).seen);
  expect(seen.some((s) => s.value > 0 && s.value < s.max), "the bar moved part way").toBe(true);
  for (const s of seen) {
    expect(s.label).toMatch(/^Reading big\.json: \d+\.\d of \d+\.\d MB$/);
    expect(s.max).toBe(Buffer.byteLength(body));
  }
  // An export of an older version is not read in slices: it is read whole, migrated, and imports.
  const older = JSON.parse(text);
  older.schema_version = 1;
  older.workspace.schema_version = 1;
  delete older.workspace.calendars;
  delete older.workspace.slas;
  await pick(page, "older.json", JSON.stringify(older));
  await expect(preview).toContainText("50 tickets");
  await expect(preview.getByRole("heading")).toContainText("older.json");
  await preview.getByRole("button", { name: "Import as a new workspace" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported as the new workspace" })).toBeVisible();
});

test("malformed imports each say why and change nothing stored", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/data");
  const { text } = await download(page, "Export this workspace (JSON)");
  const good = JSON.parse(text);
  const altered = (change: (ws: any) => void) => {
    const copy = structuredClone(good);
    change(copy.workspace);
    return JSON.stringify(copy);
  };
  const cases: { file: string; body: string; says: string | RegExp; path?: string }[] = [
    { file: "notes.json", body: "this is not JSON {", says: "This file is not valid JSON" },
    { file: "deep.json", body: "[".repeat(200) + "]".repeat(200), says: "levels deep" },
    { file: "package.json", body: JSON.stringify({ name: "left-pad", version: "1.3.0", dependencies: {} }), says: "This is not a ServiceLab export" },
    {
      file: "duplicate.json",
      body: altered((ws) => (ws.people[3].id = ws.people[1].id)),
      says: "already used by people[1]",
      path: "$.workspace.people[3].id",
    },
    {
      file: "dangling.json",
      body: altered((ws) => (ws.groups[1].members[0] = 999)),
      says: "no person#999 among the people",
      path: "$.workspace.groups[1].members[0]",
    },
    {
      file: "enum.json",
      body: altered((ws) => (ws.people[2].roles[0] = "Wizard")),
      says: "is not a value this field can hold",
      path: "$.workspace.people[2].roles[0]",
    },
  ];
  const before = await snapshot(page);
  for (const c of cases) {
    await pick(page, c.file, c.body);
    const alert = page.getByRole("alert").filter({ hasText: `Not imported: ${c.file}` });
    await expect(alert).toContainText(c.says);
    await expect(alert).toContainText("Nothing stored was changed.");
    if (c.path) await expect(alert.getByRole("list", { name: "Problems in the file" })).toContainText(c.path);
    if (c.file === "dangling.json") await page.screenshot({ path: `${SHOTS}/data-import-problems.png`, fullPage: true });
    expect(await snapshot(page)).toEqual(before);
  }
});

test("replacing a workspace keeps a backup of it", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/data");
  const demoId = await currentId(page);
  const { text } = await download(page, "Export its design, no tickets (JSON)");
  expect(JSON.parse(text).format).toBe("servicelab.design");
  await pick(page, "design.json", text);
  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview).toContainText("Design");
  await preview.getByLabel("in place of an existing workspace").check();
  await expect(preview.getByLabel("Workspace to replace")).toHaveValue(demoId);
  await preview.getByRole("button", { name: "Replace…" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Confirm replacement" });
  await expect(confirm).toContainText("Replace “Harbourside Logistics” with the imported workspace?");
  await page.screenshot({ path: `${SHOTS}/data-import-replace.png`, fullPage: true });
  await confirm.getByRole("button", { name: "Replace “Harbourside Logistics”" }).click();
  // The open workspace was replaced: the page opens it afresh, with no tickets.
  await expect(page.getByRole("list", { name: "Workspaces" }).getByText(/Backup of Harbourside Logistics/)).toBeVisible();
  expect(await currentId(page)).toBe(demoId);
  await expect.poll(async () => (await stored(page, demoId)).tickets.length).toBe(0);
  const backup = (await catalog(page)).find((e) => e.name.startsWith("Backup of Harbourside Logistics"))!;
  expect((await stored(page, backup.id)).tickets.length).toBe(50);
});

/** Holds this page's IndexedDB writes for 3 s at its `nth` put from now
 * (the transaction under way cannot commit meanwhile). */
async function stallWritesAt(page: Page, nth: number) {
  await page.evaluate((nth) => {
    const put = IDBObjectStore.prototype.put;
    let n = 0;
    IDBObjectStore.prototype.put = function (...args: [unknown, IDBValidKey?]) {
      n += 1;
      if (n === nth) {
        console.log("mid-import");
        const until = performance.now() + 3000;
        while (performance.now() < until) {
          /* the page is closed while the transaction is open */
        }
      }
      return put.apply(this, args);
    };
  }, nth);
}

/** The moment a write held by [`stallWritesAt`] is held. */
function heldMidImport(page: Page) {
  return page.waitForEvent("console", (m) => m.text() === "mid-import");
}

test("a page closed during an import leaves the workspaces all as before or with the whole import", async ({ context }) => {
  const page = await context.newPage();
  await new ServiceLab(page).open("/data");
  const demoId = await currentId(page);
  const exportedFrom = await version(page, demoId);
  const { text } = await download(page, "Export this workspace (JSON)");
  // An export of the whole workspace is followed by a save (its export reminder starts again).
  await savedBeyond(page, demoId, exportedFrom);
  const before = { list: await catalog(page), demo: await stored(page, demoId) };

  await pick(page, "harbourside.json", text);
  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview).toContainText("50 tickets");
  await stallWritesAt(page, 20);
  const midImport = heldMidImport(page);
  await preview.getByRole("button", { name: "Import as a new workspace" }).click();
  await midImport;
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await new ServiceLab(again).open("/data");
  const list = await catalog(again);
  expect(await stored(again, demoId)).toEqual(before.demo);
  const added = list.filter((e) => !before.list.some((b) => b.id === e.id));
  console.log(`after closing mid-import: ${added.length} workspace(s) added`);
  if (added.length === 0) {
    expect(list).toEqual(before.list);
  } else {
    // Listed only once stored and read back whole.
    expect(added).toHaveLength(1);
    expect((await stored(again, added[0].id)).tickets.length).toBe(50);
  }
});

test("a page closed while an import replaces a workspace leaves it whole, old or new", async ({ context }) => {
  const page = await context.newPage();
  await new ServiceLab(page).open("/data");
  const demoId = await currentId(page);
  const { text } = await download(page, "Export its design, no tickets (JSON)");
  const before = await stored(page, demoId);

  await pick(page, "design.json", text);
  const preview = page.getByRole("region", { name: "Import preview" });
  await preview.getByLabel("in place of an existing workspace").check();
  await preview.getByRole("button", { name: "Replace…" }).click();
  // The backup copy is written first (50 tickets and its head), then the replacement.
  await stallWritesAt(page, 53);
  const midImport = heldMidImport(page);
  await page.getByRole("alertdialog", { name: "Confirm replacement" }).getByRole("button", { name: "Replace “Harbourside Logistics”" }).click();
  await midImport;
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await new ServiceLab(again).open("/data");
  const after = await stored(again, demoId);
  const tickets = after.tickets.length;
  console.log(`after closing mid-replace: the workspace has ${tickets} tickets`);
  if (tickets === 50) {
    expect(after).toEqual(before);
  } else {
    expect(tickets).toBe(0);
    const backup = (await catalog(again)).find((e) => e.name.startsWith("Backup of Harbourside Logistics"))!;
    expect((await stored(again, backup.id)).tickets).toEqual(before.tickets);
  }
});

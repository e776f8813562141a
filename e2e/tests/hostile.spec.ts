import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { deflateRawSync } from "node:zlib";
import { ServiceLab } from "./servicelab";
import { catalog, currentId, savedBeyond, version } from "./storage-helpers";

// Hostile content: markup and script typed into every text field a user can
// fill, and carried in by an imported file and a share link, must show as
// the literal text it is. Nothing may become an element, run, or open a
// dialog.
//
// The Content-Security-Policy would stop inline scripts on its own (see
// csp.spec.ts), which would hide a page that builds HTML from text. These
// tests bypass it, so what they check is the app's own output: every text
// rendered as text.

test.use({ bypassCSP: true });

const SHOTS = "screenshots";

/** The hostile text for one field: markup, a script, a javascript: link, an alert. */
const hostile = (field: string) =>
  `${field} <img src=x onerror=window.__pwned=1> <script>window.__pwned=1</script> ` +
  `<a href="javascript:window.__pwned=1">javascript:window.__pwned=1</a> <svg onload=alert(1)>`;

/** Markup with no spaces, for fields that split what they read at spaces and quote a part back. */
const COMPACT = "<img/src=x/onerror=window.__pwned=1>";

/** Records every dialog (alert, confirm, prompt) the page opens, and dismisses it. */
function guardDialogs(page: Page): string[] {
  const opened: string[] = [];
  page.on("dialog", (dialog) => {
    opened.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return opened;
}

/** Nothing the hostile text could have made exists, nothing ran, no dialog opened. */
async function expectInert(page: Page, dialogs: string[]) {
  const found = await page.evaluate(() => ({
    pwned: typeof (window as any).__pwned,
    images: document.querySelectorAll('img[src="x"], img[onerror]').length,
    handlers: document.querySelectorAll("[onerror], [onload], [onclick]").length,
    scripts: [...document.scripts].filter((s) => (s.textContent ?? "").includes("__pwned")).length,
    javascriptLinks: [...document.querySelectorAll("[href], [src]")].filter((e) =>
      /^\s*javascript:/i.test(e.getAttribute("href") ?? e.getAttribute("src") ?? ""),
    ).length,
    svgs: [...document.querySelectorAll("svg")].filter((s) => s.hasAttribute("onload")).length,
  }));
  expect(found).toEqual({ pwned: "undefined", images: 0, handlers: 0, scripts: 0, javascriptLinks: 0, svgs: 0 });
  expect(dialogs).toEqual([]);
}

/** `text` shown literally somewhere on the page, as text. */
async function expectShown(page: Page, text: string) {
  await expect(page.getByText(text, { exact: false }).first()).toBeVisible();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

async function actAs(page: Page, label: string) {
  await page.getByRole("combobox", { name: "Acting as" }).selectOption({ label });
}

test("incident fields: short description, subcategory, description, comment, work note, resolution notes", async ({ page }) => {
  const dialogs = guardDialogs(page);
  const app = new ServiceLab(page);
  await app.open("/incidents/new");
  const field = (label: string) => page.getByLabel(label, { exact: true });
  await field("Caller").selectOption({ label: "Ana Silva" });
  await field("Short description").fill(hostile("SHORT"));
  await field("Subcategory").fill(hostile("SUB"));
  await field("Description").fill(hostile("DESCRIPTION"));
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page).toHaveURL("/incidents/INC0001051");
  await expect(app.heading).toHaveText(`INC0001051 · ${hostile("SHORT")}`);
  await expect(field("Subcategory")).toHaveValue(hostile("SUB"));
  await expect(field("Description")).toHaveValue(hostile("DESCRIPTION"));

  await field("Comment").fill(hostile("COMMENT"));
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await page.getByLabel("Work note (internal)").check();
  await field("Comment").fill(hostile("WORKNOTE"));
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await page.getByRole("button", { name: "Start work", exact: true }).click();
  // On hold reasons are a fixed list; there is no free text to put on hold with.
  await page.getByRole("button", { name: "Resolve", exact: true }).click();
  await field("Resolution code").selectOption({ index: 1 });
  await field("Resolution notes").fill(hostile("RESOLUTION"));
  await page.getByRole("button", { name: "Resolve incident", exact: true }).click();
  await expect(field("State")).toHaveValue("Resolved");

  // A parent number that is not one: the refusal quotes it, as text.
  await field("Parent incident").fill(COMPACT);
  await page.getByRole("button", { name: "Set parent", exact: true }).click();
  await expect(page.getByText(COMPACT).first()).toBeVisible();

  const activity = page.getByRole("list", { name: "Activity" });
  for (const name of ["SHORT", "COMMENT", "WORKNOTE", "RESOLUTION"]) await expect(activity).toContainText(hostile(name));
  await expectInert(page, dialogs);
  await page.screenshot({ path: `${SHOTS}/hostile-incident.png`, fullPage: true });

  // The list, its search (the typed query is echoed nowhere as markup) and a reload.
  await app.goTo("Incidents");
  await expectShown(page, hostile("SHORT"));
  await page.getByRole("searchbox", { name: "Search incidents" }).fill("<img src=x onerror=window.__pwned=1>");
  await expect(page.getByRole("table", { name: "Incidents" }).getByRole("link", { name: "INC0001051" })).toBeVisible();
  await expectInert(page, dialogs);
  // Bulk resolution notes, typed in the list's bulk bar.
  await page.getByRole("searchbox", { name: "Search incidents" }).fill("");
  await page.getByRole("checkbox", { name: "Select INC0001050" }).check();
  const bulk = page.getByRole("region", { name: "Bulk update" });
  await bulk.getByRole("combobox", { name: "Bulk new state" }).selectOption({ label: "Resolved" });
  await bulk.getByRole("combobox", { name: "Bulk resolution code" }).selectOption({ index: 1 });
  await bulk.getByRole("textbox", { name: "Bulk resolution notes" }).fill(hostile("BULK"));
  await bulk.getByRole("button", { name: "Apply state" }).click();
  await app.open("/incidents/INC0001050");
  await expect(page.getByRole("list", { name: "Activity" })).toContainText(hostile("BULK"));
  await expectInert(page, dialogs);
});

test("names: saved view, new workspace, renamed workspace", async ({ page }) => {
  const dialogs = guardDialogs(page);
  const app = new ServiceLab(page);
  await app.open("/incidents");
  await page.getByRole("textbox", { name: "View name" }).fill(hostile("VIEW"));
  await page.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByRole("group", { name: "Saved views" }).getByRole("button", { name: hostile("VIEW") })).toBeVisible();
  await expectInert(page, dialogs);

  await app.goTo("Data");
  await page.getByLabel("Name", { exact: true }).fill(hostile("NEW WORKSPACE"));
  await page.getByLabel("nothing (an empty workspace)").check();
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Created" })).toHaveText(`Created “${hostile("NEW WORKSPACE")}”. Open it from the list.`);
  const list = page.getByRole("list", { name: "Workspaces" });
  await expect(list).toContainText(hostile("NEW WORKSPACE"));

  await page.getByRole("button", { name: "Rename Harbourside Logistics" }).click();
  await page.getByLabel("New name").fill(hostile("RENAMED"));
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("group", { name: "Workspace" })).toContainText(hostile("RENAMED"));
  await expect(list).toContainText(hostile("RENAMED"));
  await expectInert(page, dialogs);
  await page.screenshot({ path: `${SHOTS}/hostile-names.png`, fullPage: true });

  // The workspace opens under its new name after a reload, still as text.
  await page.reload();
  await expect(page.getByRole("group", { name: "Workspace" })).toContainText(hostile("RENAMED"));
  await expectInert(page, dialogs);
});

test("SLA names: definition, calendar, holiday", async ({ page }) => {
  const dialogs = guardDialogs(page);
  const app = new ServiceLab(page);
  await app.open("/slas");
  await actAs(page, "Ingrid Larsen · Admin");
  await page.getByRole("button", { name: "Edit P2 resolution (8 h)" }).click();
  await page.getByLabel("Name", { exact: true }).fill(hostile("SLA"));
  await expect(page.getByRole("table", { name: "SLA definitions in the draft" }).getByRole("rowheader", { name: hostile("SLA") })).toBeVisible();

  // Thresholds are read as numbers; a refusal quotes the part it could not read.
  await page.getByLabel("Warning thresholds (% of the target)").fill(`50, ${COMPACT}`);
  await page.getByLabel("Warning thresholds (% of the target)").press("Tab");
  await expect(page.getByText(`"${COMPACT}" is not a percentage`)).toBeVisible();
  await expectInert(page, dialogs);
  await page.getByLabel("Warning thresholds (% of the target)").fill("50, 75, 100");
  await page.getByLabel("Warning thresholds (% of the target)").press("Tab");

  await page.getByRole("navigation", { name: "SLA pages" }).getByRole("link", { name: "Calendars" }).click();
  await page.getByLabel("New calendar name").fill(hostile("CALENDAR"));
  await page.getByRole("button", { name: "Add calendar" }).click();
  await expect(page.getByRole("complementary", { name: "Calendars" })).toContainText(hostile("CALENDAR"));
  // Renamed in its own field (read when the field is left).
  await page.getByRole("button", { name: /^Office hours/ }).click();
  await page.getByLabel("Calendar name", { exact: true }).fill(hostile("RENAMED CALENDAR"));
  await page.getByLabel("Calendar name", { exact: true }).press("Tab");
  await expect(page.getByRole("complementary", { name: "Calendars" })).toContainText(hostile("RENAMED CALENDAR"));
  await page.getByRole("button", { name: new RegExp(`^${escapeRegExp(hostile("CALENDAR"))}`) }).click();
  await page.getByLabel("Holiday date").fill("2026-12-25");
  await page.getByLabel("Holiday name").fill(hostile("HOLIDAY"));
  await page.getByRole("button", { name: "Add holiday" }).click();
  await expect(page.getByRole("cell", { name: hostile("HOLIDAY"), exact: true })).toBeVisible();
  await expectInert(page, dialogs);

  const id = await currentId(page);
  const before = await version(page, id);
  const saveBar = page.getByRole("region", { name: "Save SLA settings" });
  await saveBar.getByRole("button", { name: "Save SLA settings" }).click();
  await expect(saveBar.getByRole("status")).toContainText("Saved");
  await savedBeyond(page, id, before);
  await page.reload();
  await expect(page.getByRole("complementary", { name: "Calendars" })).toContainText(hostile("CALENDAR"));
  await expect(page.getByRole("complementary", { name: "Calendars" })).toContainText(hostile("RENAMED CALENDAR"));
  await page.getByRole("button", { name: new RegExp(`^${escapeRegExp(hostile("CALENDAR"))}`) }).click();
  await expect(page.getByRole("cell", { name: hostile("HOLIDAY"), exact: true })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/hostile-calendars.png`, fullPage: true });
  await page.getByRole("navigation", { name: "SLA pages" }).getByRole("link", { name: "Definitions" }).click();
  await expect(page.getByRole("table", { name: "SLA definitions in the draft" }).getByRole("rowheader", { name: hostile("SLA") })).toBeVisible();
  await expectInert(page, dialogs);
});

/** Clicks an export button and returns the downloaded file's text. */
async function download(page: Page, button: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  return readFileSync((await file.path())!, "utf8");
}

/** The first event of any ticket whose change is `kind`. */
function firstChange(ws: any, kind: string): any {
  for (const ticket of ws.tickets) for (const event of ticket.events) if (event.change[kind]) return event.change[kind];
  throw new Error(`the demo has no ${kind} event`);
}

test("an imported file and a share link carrying hostile names and texts show them as text", async ({ page }) => {
  const dialogs = guardDialogs(page);
  const app = new ServiceLab(page);
  await app.open("/data");
  const file = JSON.parse(await download(page, "Export this workspace (JSON)"));
  const ws = file.workspace;
  ws.name = hostile("WORKSPACE");
  ws.people[0].name = hostile("PERSON");
  ws.groups[0].name = hostile("GROUP");
  ws.services[0].name = hostile("SERVICE");
  ws.services[0].description = hostile("SERVICE DESCRIPTION");
  ws.cis[0].name = hostile("CI");
  ws.calendars[1].name = hostile("IMPORTED CALENDAR");
  ws.slas[0].name = hostile("IMPORTED SLA");
  const created = ws.tickets.at(-1).events[0].change.Created;
  created.short_description = hostile("IMPORTED SHORT");
  created.description = hostile("IMPORTED DESCRIPTION");
  created.caller = ws.people[0].id;
  firstChange(ws, "Comment").text = hostile("IMPORTED COMMENT");
  firstChange(ws, "WorkNote").text = hostile("IMPORTED WORKNOTE");

  await page.getByLabel("Choose a ServiceLab export (.json)").setInputFiles({
    name: "hostile.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(file), "utf8"),
  });
  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview).toContainText(`Workspace "${hostile("WORKSPACE")}"`);
  await expectInert(page, dialogs);
  await preview.getByRole("button", { name: "Import as a new workspace" }).click();
  await expect.poll(async () => (await catalog(page)).some((e) => e.name === hostile("WORKSPACE"))).toBe(true);
  await page.getByRole("button", { name: `Open “${hostile("WORKSPACE")}”` }).click();
  await expect(page.getByRole("group", { name: "Workspace" })).toContainText(hostile("WORKSPACE"));

  const number = ws.tickets.at(-1).number;
  await app.open(`/incidents/${number}`);
  await expect(app.heading).toContainText(hostile("IMPORTED SHORT"));
  await expect(page.getByLabel("Description", { exact: true })).toHaveValue(hostile("IMPORTED DESCRIPTION"));
  await expect(page.getByRole("list", { name: "Activity" })).toContainText(hostile("PERSON"));
  await expectInert(page, dialogs);
  await page.screenshot({ path: `${SHOTS}/hostile-import.png`, fullPage: true });
  await app.open("/incidents");
  await expectShown(page, hostile("IMPORTED SHORT"));
  await expectInert(page, dialogs);
  for (const [path, text] of [
    ["/slas", hostile("IMPORTED SLA")],
    ["/slas/calendars", hostile("IMPORTED CALENDAR")],
  ]) {
    await app.open(path);
    await expectShown(page, text);
    await expectInert(page, dialogs);
  }
  // Comments and work notes live on other tickets; find them through search.
  for (const text of [hostile("IMPORTED COMMENT"), hostile("IMPORTED WORKNOTE")]) {
    const ticket = ws.tickets.find((t: any) => t.events.some((e: any) => (e.change.Comment ?? e.change.WorkNote)?.text === text));
    await app.open(`/incidents/${ticket.number}`);
    await expect(page.getByRole("list", { name: "Activity" })).toContainText(text);
    await expectInert(page, dialogs);
  }

  // A refused file quotes what it found: as text too.
  const refused = structuredClone(file);
  refused.workspace.people[1].roles[0] = hostile("ROLE");
  await app.goTo("Data");
  await page.getByLabel("Choose a ServiceLab export (.json)").setInputFiles({
    name: "<img src=x onerror=window.__pwned=1>.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(refused), "utf8"),
  });
  const alert = page.getByRole("alert").filter({ hasText: "Not imported" });
  await expect(alert).toContainText("<img src=x onerror=window.__pwned=1>.json");
  await expect(alert.getByRole("list", { name: "Problems in the file" })).toContainText("$.workspace.people[1].roles[0]");
  await expectInert(page, dialogs);

  // The same workspace as a share link: its preview shows the names as text.
  const link = `${page.url().split("#")[0]}#import=${deflateRawSync(Buffer.from(JSON.stringify(file), "utf8")).toString("base64url")}`;
  await page.goto(link);
  const offer = page.getByRole("region", { name: "Import from a share link" });
  await expect(offer).toContainText(`Workspace "${hostile("WORKSPACE")}"`);
  await expectInert(page, dialogs);
});

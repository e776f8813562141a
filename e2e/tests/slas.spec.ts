import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { ServiceLab } from "./servicelab";
import { currentId, savedBeyond, version } from "./storage-helpers";

// Every test starts in a fresh browser profile with the demo workspace, acting as
// Sofia Rossi (an agent). Ingrid Larsen is the demo's admin.

const SHOTS = "screenshots";
mkdirSync(SHOTS, { recursive: true });

async function actAs(page: Page, label: string) {
  await page.getByRole("combobox", { name: "Acting as" }).selectOption({ label });
}

const tabs = (page: Page) => page.getByRole("navigation", { name: "SLA pages" });
const saveBar = (page: Page) => page.getByRole("region", { name: "Save SLA settings" });
const saveButton = (page: Page) => saveBar(page).getByRole("button", { name: "Save SLA settings" });
const definitionRow = (page: Page, name: string) =>
  page.getByRole("table", { name: "SLA definitions in the draft" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });

test("as the admin, a new P2 resolution target is in force after a reload", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/slas");
  await actAs(page, "Ingrid Larsen · Admin");
  const row = definitionRow(page, "P2 resolution (8 h)");
  await expect(row.getByRole("cell").nth(2)).toHaveText("8 h");
  await row.getByRole("button", { name: "Edit P2 resolution (8 h)" }).click();
  await page.getByLabel("Name", { exact: true }).fill("P2 resolution (6 h 30)");
  await page.getByLabel("Target hours").fill("6");
  await page.getByLabel("Target minutes").fill("30");
  await expect(page.getByText("Unsaved changes")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/slas-definitions.png`, fullPage: true });
  const id = await currentId(page);
  const before = await version(page, id);
  await saveButton(page).click();
  await expect(saveBar(page).getByRole("status")).toContainText("Saved");
  // The save reaches IndexedDB a moment later; reload once it has.
  await savedBeyond(page, id, before);
  await page.reload();
  await expect(app.heading).toHaveText("SLAs");
  const saved = definitionRow(page, "P2 resolution (6 h 30)");
  await expect(saved.getByRole("cell").nth(2)).toHaveText("6 h 30 min");
  await expect(saved.getByRole("cell").nth(3)).toHaveText("Office hours");
  await expect(page.getByText("No unsaved changes")).toBeVisible();
});

test("a definition that pauses in New says why and cannot be saved", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/slas");
  await actAs(page, "Ingrid Larsen · Admin");
  await definitionRow(page, "P3 resolution (27 h)").getByRole("button", { name: "Edit P3 resolution (27 h)" }).click();
  const pause = page.getByRole("group", { name: "Pause in states" });
  await pause.getByRole("checkbox", { name: "New" }).check();
  const message = "The timer cannot pause in New: the clock starts when a ticket is logged in New, so it would never run";
  await expect(page.locator("#sla-pause-error")).toHaveText(message);
  await expect(definitionRow(page, "P3 resolution (27 h)")).toContainText("1 problem");
  await page.screenshot({ path: `${SHOTS}/slas-invalid-definition.png`, fullPage: true });
  await saveButton(page).click();
  await expect(page.getByRole("alert")).toContainText("Not saved");
  await expect(page.getByRole("alert")).toContainText("cannot pause in New");
  await page.reload();
  await definitionRow(page, "P3 resolution (27 h)").getByRole("button", { name: "Edit P3 resolution (27 h)" }).click();
  await expect(page.getByRole("group", { name: "Pause in states" }).getByRole("checkbox", { name: "New" })).not.toBeChecked();
});

test("as an agent, saving is refused with the reason and who can", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/slas");
  await definitionRow(page, "P4 response (8 h)").getByRole("button", { name: "Edit P4 response (8 h)" }).click();
  await expect(page.getByLabel("Name", { exact: true })).toBeFocused();
  await page.getByRole("button", { name: "Duplicate this definition" }).click();
  await expect(page.getByRole("heading", { name: 'Edit "P4 response (8 h) (copy)"' })).toBeVisible();
  await expect(definitionRow(page, "P4 response (8 h) (copy)")).toBeVisible();
  await saveButton(page).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Only admins can change SLA definitions and calendars; Sofia Rossi is an agent");
  await expect(alert).toContainText("Ingrid Larsen");
  await page.screenshot({ path: `${SHOTS}/slas-refused.png`, fullPage: true });
  await page.reload();
  await expect(definitionRow(page, "P4 response (8 h) (copy)")).toHaveCount(0);
});

test("grid cells and a holiday are saved and still there after a reload", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/slas/calendars");
  await actAs(page, "Ingrid Larsen · Admin");
  await page.getByRole("button", { name: /^Office hours/ }).click();
  const hours = page.getByRole("list", { name: "Opening hours as text" });
  await expect(hours.getByRole("listitem").first()).toHaveText("Monday: 08:00–17:00");
  // A lunch break on Monday: click 12:00, then drag across 12:30.
  const noon = page.getByRole("button", { name: "Monday 12:00–12:30" });
  const half = page.getByRole("button", { name: "Monday 12:30–13:00" });
  await expect(noon).toHaveAttribute("aria-pressed", "true");
  const a = (await noon.boundingBox())!;
  const b = (await half.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect(noon).toHaveAttribute("aria-pressed", "false");
  await expect(half).toHaveAttribute("aria-pressed", "false");
  await expect(hours.getByRole("listitem").first()).toHaveText("Monday: 08:00–12:00, 13:00–17:00");
  // Saturday morning, with the keyboard: Space opens the focused cell.
  const saturday = page.getByRole("button", { name: "Saturday 09:00–09:30" });
  await saturday.click();
  await expect(saturday).toHaveAttribute("aria-pressed", "true");
  await saturday.press("ArrowRight");
  await expect(page.getByRole("button", { name: "Saturday 09:30–10:00" })).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.getByRole("button", { name: "Saturday 09:30–10:00" })).toHaveAttribute("aria-pressed", "true");
  await expect(hours.getByRole("listitem").nth(5)).toHaveText("Saturday: 09:00–10:00");

  await page.getByLabel("Holiday date").fill("2026-12-25");
  await page.getByLabel("Every year").check();
  await page.getByLabel("Holiday name").fill("Christmas Day");
  await page.getByRole("button", { name: "Add holiday" }).click();
  await expect(page.getByRole("row", { name: /25 Dec every year Christmas Day/ })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/slas-calendars.png`, fullPage: true });
  const id = await currentId(page);
  const before = await version(page, id);
  await saveButton(page).click();
  await expect(saveBar(page).getByRole("status")).toContainText("Saved");
  // The save reaches IndexedDB a moment later; reload once it has.
  await savedBeyond(page, id, before);

  await page.reload();
  await expect(tabs(page).getByRole("link", { name: "Calendars" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("button", { name: /^Office hours/ }).click();
  await expect(page.getByRole("button", { name: "Monday 12:00–12:30" })).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByRole("list", { name: "Opening hours as text" }).getByRole("listitem").first()).toHaveText(
    "Monday: 08:00–12:00, 13:00–17:00",
  );
  await expect(page.getByRole("row", { name: /25 Dec every year Christmas Day/ })).toBeVisible();
});

test("deleting a definition asks first, and discarding brings it back", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/slas");
  await definitionRow(page, "P1 response (15 min)").getByRole("button", { name: "Edit P1 response (15 min)" }).click();
  await page.getByRole("button", { name: "Delete this definition" }).click();
  const confirm = page.getByRole("group", { name: "Confirm deletion" });
  await expect(confirm).toContainText('Delete "P1 response (15 min)"?');
  await confirm.getByRole("button", { name: "Delete definition" }).click();
  await expect(definitionRow(page, "P1 response (15 min)")).toHaveCount(0);
  await expect(page.getByText("Unsaved changes")).toBeVisible();
  await page.getByRole("button", { name: "Discard changes" }).click();
  await expect(definitionRow(page, "P1 response (15 min)")).toBeVisible();
  await expect(page.getByText("No unsaved changes")).toBeVisible();
});

test("a calendar in use cannot be deleted, and the message names its definitions", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/slas/calendars");
  await page.getByRole("button", { name: /^24x7/ }).click();
  await page.getByRole("button", { name: "Delete this calendar" }).click();
  await page.getByRole("button", { name: "Delete calendar" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "\"24x7\" cannot be deleted: these definitions count time on it (P1 response (15 min), P1 resolution (4 h)). Move them to another calendar first",
  );
});

test("the tester's daylight-saving preset shows the due instant worked out by hand", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/slas/tester");
  await page.getByRole("group", { name: "Presets" }).getByRole("button", { name: "Fall back (New York)" }).click();
  await expect(page.getByLabel("Calendar", { exact: true })).toHaveValue(/^p/);
  await expect(page.getByLabel("Start date")).toHaveValue("2026-10-30");
  await expect(page.getByLabel("Start time")).toHaveValue("16:00");
  const result = page.getByRole("region", { name: "Result" });
  await expect(result).toContainText("Due (America/New_York)Mon 2026-11-02 10:00 EST");
  await expect(result).toContainText("Due (UTC)Mon 2026-11-02 15:00 UTC");
  await expect(result.getByRole("row", { name: /Counted = the duration asked \(2 h\) 2 h/ })).toBeVisible();
  await expect(result.getByRole("row", { name: /Real time from start to due 67 h/ })).toBeVisible();
  await expect(page.getByText("the calendar agrees")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/slas-tester.png`, fullPage: true });

  await page.getByRole("button", { name: "Spring forward (London)" }).click();
  await expect(page.getByLabel("Calendar", { exact: true })).toHaveValue("w2");
  await expect(result).toContainText("Due (Europe/London)Mon 2026-03-30 09:00 BST");
  await page.getByLabel("Duration hours").fill("3");
  await expect(result).toContainText("Mon 2026-03-30 10:00 BST");
});

test("a deep link to the calendars tab reloads to the same tab", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/slas/calendars");
  await expect(app.heading).toHaveText("SLAs");
  await expect(tabs(page).getByRole("link", { name: "Calendars" })).toHaveAttribute("aria-current", "page");
  await page.reload();
  await expect(page).toHaveURL("/slas/calendars");
  await expect(tabs(page).getByRole("link", { name: "Calendars" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: "Calendars", level: 2 })).toBeVisible();
  await tabs(page).getByRole("link", { name: "Calendar tester" }).click();
  await expect(page).toHaveURL("/slas/tester");
  await tabs(page).getByRole("link", { name: "Definitions" }).click();
  await expect(page).toHaveURL("/slas");
});

for (const scheme of ["light", "dark"] as const) {
  for (const [width, label] of [[1280, "desktop"], [390, "phone"]] as const) {
    test(`the SLA tabs look right (${scheme}, ${label})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 900 });
      const app = new ServiceLab(page);
      for (const [path, name] of [["/slas", "definitions"], ["/slas/calendars", "calendars"], ["/slas/tester", "tester"]]) {
        await app.open(path);
        await page.screenshot({ path: `${SHOTS}/slas-${name}-${scheme}-${label}.png`, fullPage: true });
      }
    });
  }
}

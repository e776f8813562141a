import { expect, test, type Locator, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { ServiceLab } from "./servicelab";
import { catalog, currentId, savedBeyond, version } from "./storage-helpers";

// Text that is not plain ASCII, and instants on the nights the clocks change,
// must come back exactly: typed or imported, exported to JSON, imported again
// as a new workspace, and exported once more, the two files are the same
// bytes (but for the moment of export) and every field holds what was put in.

const SHOTS = "screenshots";

// A megabyte is pasted, as a person would put it in (typing it with fill() takes minutes).
test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const EMOJI = "👩‍👩‍👧‍👦 🏳️‍🌈 🧑🏽‍💻 👍🏿 🇬🇧 ❤️‍🔥 🫠";
const RTL = "مرحبا بالعالم · שלום עולם · \u202Ereversed\u202C · \u200Fmark\u200E";
const COMBINING = "e\u0301 n\u0303 Z\u0335\u0321\u031Ba\u0336l\u0337g\u0338o \u1100\u1161\u11A8 a\u20DD q\u0307\u0323";
// Control characters a form keeps (an <input> drops line breaks; the others stay).
const CONTROL = "nul[\u0000] bell[\u0007] esc[\u001b[31m] del[\u007f] c1[\u0085\u009b] seps[\u2028\u2029] zw[\u200b\u200c\u200d\ufeff] tab[\t] ff[\f]";
const LINE = `${EMOJI} ${RTL} ${COMBINING} ${CONTROL}`;

/** About a megabyte (UTF-8) of all of the above, over many lines. */
function megabyte(): string {
  const unit = `${LINE}\n${"plain ASCII line ".repeat(4)}\n`;
  // It ends with a letter: the app trims white space at either end of a description.
  const text = unit.repeat(Math.ceil((1024 * 1024) / Buffer.byteLength(unit, "utf8"))) + "end";
  expect(Buffer.byteLength(text, "utf8")).toBeGreaterThanOrEqual(1024 * 1024);
  return text;
}

/** Pastes `text` into the empty field `field` from the clipboard. */
async function paste(page: Page, field: Locator, text: string) {
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await field.focus();
  await page.keyboard.press("Control+V");
  await expect.poll(() => field.evaluate((e: HTMLTextAreaElement) => e.value.length), { timeout: 20_000 }).toBe(text.length);
}

/** Clicks an export button and returns the downloaded file's bytes. */
async function download(page: Page, button = "Export this workspace (JSON)"): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  return readFileSync((await file.path())!);
}

/** The file without its one line that names the moment of export. */
function withoutExportTime(bytes: Buffer): Buffer {
  const text = bytes.toString("utf8");
  const stripped = text.replace(/^ {2}"exported_at": "[^"]+",\n/m, "");
  expect(stripped.length).toBeLessThan(text.length);
  return Buffer.from(stripped, "utf8");
}

/** Imports `bytes` as a new workspace and opens it; returns its id. */
async function importAndOpen(page: Page, bytes: Buffer): Promise<string> {
  const app = new ServiceLab(page);
  await app.open("/data");
  const before = await catalog(page);
  await page.getByLabel("Choose a ServiceLab export (.json)").setInputFiles({ name: "export.json", mimeType: "application/json", buffer: bytes });
  await page.getByRole("region", { name: "Import preview" }).getByRole("button", { name: "Import as a new workspace" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported as the new workspace" })).toBeVisible();
  const added = (await catalog(page)).find((e) => !before.some((b) => b.id === e.id))!;
  await page.getByRole("button", { name: `Open “${added.name}”` }).click();
  await expect.poll(() => currentId(page)).toBe(added.id);
  await expect(app.heading).toHaveText("Data");
  return added.id;
}

/** Exports the open workspace, imports it as a new one, opens that, exports again: both files. */
async function roundTrip(page: Page): Promise<{ first: Buffer; second: Buffer }> {
  await new ServiceLab(page).open("/data");
  const first = await download(page);
  await importAndOpen(page, first);
  const second = await download(page);
  expect(withoutExportTime(second).equals(withoutExportTime(first))).toBe(true);
  return { first, second };
}

/** The ticket numbered `number` in an export. */
function ticket(file: Buffer, number: string): any {
  return JSON.parse(file.toString("utf8")).workspace.tickets.find((t: any) => t.number === number);
}

/** Every comment's and work note's text in a ticket, oldest first. */
const notes = (t: any) => t.events.map((e: any) => (e.change.Comment ?? e.change.WorkNote)?.text).filter((x: any) => x !== undefined);

test("typed emoji, right-to-left text, control characters, combining marks and 1 MB come back exactly", async ({ page }) => {
  test.setTimeout(120_000);
  const big = megabyte();
  const app = new ServiceLab(page);
  await app.open("/incidents/new");
  const field = (label: string) => page.getByLabel(label, { exact: true });
  await field("Caller").selectOption({ label: "Ana Silva" });
  await field("Short description").fill(LINE);
  await field("Subcategory").fill(COMBINING);
  await paste(page, field("Description"), big);
  // What the page holds is what was pasted, to the last character.
  expect(await field("Description").evaluate((e: HTMLTextAreaElement, expected) => e.value === expected, big)).toBe(true);
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page).toHaveURL("/incidents/INC0001051");
  const comment = `${EMOJI}\n${RTL}\n${CONTROL}`;
  await field("Comment").fill(comment);
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await page.getByLabel("Work note (internal)").check();
  await field("Comment").fill(`${COMBINING}\n${RTL}`);
  const id = await currentId(page);
  const before = await version(page, id);
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await savedBeyond(page, id, before);
  await expect(page.getByRole("list", { name: "Activity" })).toContainText(EMOJI);
  await page.screenshot({ path: `${SHOTS}/unicode-incident.png` });

  const { first, second } = await roundTrip(page);
  expect(first.length).toBeGreaterThan(1024 * 1024);
  for (const file of [first, second]) {
    const created = ticket(file, "INC0001051").events[0].change.Created;
    expect(created.short_description).toBe(LINE);
    expect(created.subcategory).toBe(COMBINING);
    expect(created.description === big).toBe(true);
    expect(notes(ticket(file, "INC0001051"))).toEqual([comment, `${COMBINING}\n${RTL}`]);
  }
  // And the reopened copy shows the same values in its fields.
  await app.open("/incidents/INC0001051");
  await expect(field("Short description")).toHaveValue(LINE);
  await expect(field("Subcategory")).toHaveValue(COMBINING);
  expect(await field("Description").evaluate((e: HTMLTextAreaElement, expected) => e.value === expected, big)).toBe(true);
  await expect(page.getByRole("list", { name: "Activity" })).toContainText(RTL.split("\n")[0]);
});

test("imported names and texts, with carriage returns and every control character, come back exactly", async ({ page }) => {
  test.setTimeout(60_000);
  const app = new ServiceLab(page);
  await app.open("/data");
  const file = JSON.parse((await download(page)).toString("utf8"));
  const ws = file.workspace;
  const every = Array.from({ length: 32 }, (_, c) => String.fromCharCode(c)).join("") + "\u007f\u0080\u009f";
  const values = {
    name: `Ünïcödé ${EMOJI}`,
    person: `${COMBINING} ${RTL}`,
    group: `${RTL} ${EMOJI}`,
    service: `${EMOJI}\r\n${CONTROL}`,
    calendar: `${RTL} 🕐`,
    short: `${LINE} \r\n${every}`,
    description: `first\r\nsecond\rthird\n${every}\n${EMOJI}`,
  };
  ws.name = values.name;
  ws.people[0].name = values.person;
  ws.groups[0].name = values.group;
  ws.services[0].description = values.service;
  ws.calendars[1].name = values.calendar;
  const created = ws.tickets.at(-1).events[0].change.Created;
  created.short_description = values.short;
  created.description = values.description;
  created.caller = ws.people[0].id;
  const number = ws.tickets.at(-1).number;

  await importAndOpen(page, Buffer.from(JSON.stringify(file), "utf8"));
  await expect(page.getByRole("group", { name: "Workspace" })).toContainText(values.name);
  const { first, second } = await roundTrip(page);
  for (const bytes of [first, second]) {
    const back = JSON.parse(bytes.toString("utf8")).workspace;
    expect(back.name).toBe(values.name);
    expect(back.people[0].name).toBe(values.person);
    expect(back.groups[0].name).toBe(values.group);
    expect(back.services[0].description).toBe(values.service);
    expect(back.calendars[1].name).toBe(values.calendar);
    const again = ticket(bytes, number).events[0].change.Created;
    expect(again.short_description).toBe(values.short);
    expect(again.description).toBe(values.description);
  }
  // The description's field shows it (a textarea shows every line break as one).
  await app.open(`/incidents/${number}`);
  await expect(page.getByLabel("Description", { exact: true })).toHaveValue(values.description.replace(/\r\n?/g, "\n"));
  await expect(page.getByRole("list", { name: "Activity" })).toContainText(values.person);
});

/** Posts a comment on the incident open in the page. */
async function comment(page: Page, text: string) {
  await page.getByLabel("Comment", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Post", exact: true }).click();
  await expect(page.getByRole("list", { name: "Activity" }).getByText(`Comment: ${text}`)).toBeVisible();
}

// Each step moves the simulated clock forward (history is never rewritten), then a comment is posted.
const nights = [
  {
    zone: "Europe/London",
    start: "2026-03-20T12:00:00Z",
    steps: [
      { set: "2026-03-29T00:30", says: "Sun 29 Mar 2026, 00:30", at: "2026-03-29T00:30:00Z" },
      // Spring forward: 01:00 GMT becomes 02:00 BST, so 01:30 never shows; typed, it is the jump.
      { set: "2026-03-29T01:30", says: "Sun 29 Mar 2026, 02:00", note: "There is no 01:30 that night here", at: "2026-03-29T01:00:00Z" },
      { step: "+1 hour", says: "Sun 29 Mar 2026, 03:00", at: "2026-03-29T02:00:00Z" },
      // Fall back: 02:00 BST becomes 01:00 GMT, so 01:30 shows twice; typed, it is the first.
      { set: "2026-10-25T01:30", says: "Sun 25 Oct 2026, 01:30", note: "01:30 comes twice that night here", at: "2026-10-25T00:30:00Z" },
      { step: "+1 hour", says: "Sun 25 Oct 2026, 01:30", at: "2026-10-25T01:30:00Z" },
    ],
  },
  {
    zone: "America/New_York",
    start: "2026-03-01T17:00:00Z",
    steps: [
      { set: "2026-03-08T01:30", says: "Sun 8 Mar 2026, 01:30", at: "2026-03-08T06:30:00Z" },
      { set: "2026-03-08T02:30", says: "Sun 8 Mar 2026, 03:00", note: "There is no 02:30 that night here", at: "2026-03-08T07:00:00Z" },
      { step: "+1 hour", says: "Sun 8 Mar 2026, 04:00", at: "2026-03-08T08:00:00Z" },
      { set: "2026-11-01T01:30", says: "Sun 1 Nov 2026, 01:30", note: "01:30 comes twice that night here", at: "2026-11-01T05:30:00Z" },
      { step: "+1 hour", says: "Sun 1 Nov 2026, 01:30", at: "2026-11-01T06:30:00Z" },
    ],
  },
];

for (const night of nights) {
  test.describe(`in ${night.zone}`, () => {
    test.use({ timezoneId: night.zone });

    test("events recorded across both daylight-saving changes keep their instants through export and import", async ({ page }) => {
      test.setTimeout(60_000);
      await page.clock.install({ time: new Date(night.start) });
      const app = new ServiceLab(page);
      await app.open("/incidents/INC0001050");
      await page.getByRole("button", { name: "Clock", exact: true }).click();
      await page.getByRole("group", { name: "Clock controls" }).getByRole("radio", { name: "Simulated" }).check();
      const panel = page.getByRole("group", { name: "Clock controls" });
      const posted: { text: string; at: string }[] = [];
      const clock = page.getByRole("group", { name: "App clock" }).locator("time");
      for (const [n, step] of night.steps.entries()) {
        if (step.set) {
          await panel.getByLabel("Set the clock to").fill(step.set);
          await panel.getByRole("button", { name: "Set", exact: true }).click();
        } else {
          await panel.getByRole("button", { name: step.step }).click();
        }
        const status = panel.getByRole("status");
        await expect(status).toContainText(new RegExp(`^The clock is now at ${step.says}[.;]`));
        if (step.note) await expect(status).toContainText(step.note);
        else await expect(status).not.toContainText("that night");
        await expect.poll(async () => new Date((await clock.getAttribute("datetime"))!).toISOString()).toBe(new Date(step.at).toISOString());
        const text = `step ${n + 1} at ${step.says}`;
        await comment(page, text);
        posted.push({ text, at: step.at });
      }
      await page.screenshot({ path: `${SHOTS}/unicode-dst-${night.zone.replace("/", "-").toLowerCase()}.png` });
      const id = await currentId(page);
      const saved = await version(page, id);
      await page.getByRole("button", { name: "Clock", exact: true }).click();
      await expect.poll(() => version(page, id)).toBeGreaterThanOrEqual(saved);

      const { first, second } = await roundTrip(page);
      for (const bytes of [first, second]) {
        const events = ticket(bytes, "INC0001050").events.filter((e: any) => e.change.Comment);
        const mine = events.filter((e: any) => e.change.Comment.text.startsWith("step "));
        expect(mine.map((e: any) => ({ text: e.change.Comment.text, at: e.at }))).toEqual(posted);
        expect(JSON.parse(bytes.toString("utf8")).workspace.clock).toEqual({ now: posted.at(-1)!.at, simulated: true });
      }
    });
  });
}

import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { ServiceLab } from "./servicelab";
import { currentId, joined, stored } from "./storage-helpers";

const SHOTS = "screenshots";
const BUTTONS = [
  "Export this workspace (JSON)",
  "Export its design, no tickets (JSON)",
  "Export incidents for ServiceNow (CSV)",
  "Export incidents for iTop (CSV)",
];

/** Clicks an export button and returns the downloaded file's text. */
async function download(page: Page, button: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  return readFileSync((await file.path())!, "utf8");
}

/** The demo's export with its tickets copied over and over, renumbered: `count` tickets. */
function grown(demo: any, count: number): any {
  const tickets = demo.workspace.tickets;
  const next = new Map<string, number>();
  demo.workspace.tickets = Array.from({ length: count }, (_, i) => {
    const ticket = structuredClone(tickets[i % tickets.length]);
    const prefix = ticket.number.replace(/\d+$/, "");
    const seq = next.get(prefix) ?? 1001;
    next.set(prefix, seq + 1);
    ticket.id = i + 1;
    ticket.number = `${prefix}${String(seq).padStart(7, "0")}`;
    return ticket;
  });
  demo.workspace.name = "Export in steps";
  return demo;
}

test("a large export shows its progress, takes no second click, and downloads the workspace as stored", async ({ page }) => {
  test.setTimeout(300_000);
  const app = new ServiceLab(page);
  await app.open("/data");
  const big = grown(JSON.parse(await download(page, "Export this workspace (JSON)")), 20_000);
  await page.getByLabel("Choose a ServiceLab export (.json)").setInputFiles({
    name: "grown.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(big), "utf8"),
  });
  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview).toContainText("20000 tickets", { timeout: 120_000 });
  await preview.getByRole("button", { name: "Import as a new workspace" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported as the new workspace" })).toBeVisible({ timeout: 120_000 });
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Open “Export in steps”" }).click()]);
  await expect(app.heading).toHaveText("Data", { timeout: 120_000 });
  const id = await currentId(page);

  // What the page showed while the export ran, noted at every change of the page.
  await page.evaluate(() => {
    const w = window as any;
    w.seen = [];
    new MutationObserver(() => {
      const bar = document.querySelector('progress[aria-label="Export progress"]') as HTMLProgressElement | null;
      if (!bar) return;
      const buttons = [...document.querySelectorAll("button")].filter((b) => b.textContent!.startsWith("Export "));
      const status = [...document.querySelectorAll('[role="status"]')].map((s) => s.textContent!).find((t) => t.startsWith("Exporting"));
      w.seen.push({ value: bar.value, max: bar.max, disabled: buttons.filter((b) => b.disabled).length, buttons: buttons.length, status });
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const downloads: string[] = [];
  page.on("download", (d) => downloads.push(d.suggestedFilename()));
  const finished = page.waitForEvent("download", { timeout: 120_000 });
  // How many ~30 ms steps an export takes depends on the machine: the CPU is
  // slowed four times meanwhile, so that it takes several on any machine.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  // Three clicks in a row, as fast as a script can: only the first starts an export
  // (later ones find the buttons disabled, see below).
  await page.evaluate(() => {
    const button = (name: string) => [...document.querySelectorAll("button")].find((b) => b.textContent === name)!;
    button("Export this workspace (JSON)").click();
    button("Export this workspace (JSON)").click();
    button("Export incidents for ServiceNow (CSV)").click();
  });
  const file = await finished;
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  await expect(page.getByRole("status").filter({ hasText: /^Exported workspace as export-in-steps\.workspace\.\d{4}-\d\d-\d\d\.json\.$/ })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Export progress" })).toHaveCount(0);
  const seen: { value: number; max: number; disabled: number; buttons: number; status?: string }[] = await page.evaluate(() => (window as any).seen);
  expect(seen.length).toBeGreaterThan(2);
  expect(seen.some((s) => s.value > 0 && s.value < 20_000), "the bar moved part way").toBe(true);
  for (const s of seen) {
    expect(s.max).toBe(20_000);
    expect(s.buttons).toBe(4);
    if (s.value > 0) expect(s.disabled).toBe(4);
    expect(s.status).toMatch(/^Exporting the workspace… [\d,]+ of 20,000 tickets written\.$/);
  }
  for (const name of BUTTONS) await expect(page.getByRole("button", { name })).toBeEnabled();
  await page.waitForTimeout(500);
  expect(downloads).toEqual([file.suggestedFilename()]);

  // The file is the workspace exactly as this tab stored it (once its saves settle).
  const exported = JSON.parse(readFileSync((await file.path())!, "utf8"));
  expect(exported.workspace.tickets).toHaveLength(20_000);
  await expect.poll(async () => isDeepStrictEqual(joined(await stored(page, id)), exported.workspace), { timeout: 15_000 }).toBe(true);

  // The CSV exports step too, and give one row per incident.
  const csv = await download(page, "Export incidents for ServiceNow (CSV)");
  expect(csv.trimEnd().split("\r\n")).toHaveLength(1 + exported.workspace.tickets.filter((t: any) => t.kind === "Incident").length);
  await expect(page.getByRole("status").filter({ hasText: "Exported the incidents for ServiceNow (import set) as incidents-servicenow.csv." })).toBeVisible();
});

test("a change as an export starts stops it: no file, and a sentence saying why", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/data");
  await page.getByRole("button", { name: "Clock", exact: true }).click();
  const panel = page.getByRole("group", { name: "Clock controls" });
  await panel.getByRole("radio", { name: "Simulated" }).check();
  const downloads: string[] = [];
  page.on("download", (d) => downloads.push(d.suggestedFilename()));
  // The clock moves in the same moment as the click, before the export's first step.
  await page.evaluate(() => {
    const button = (name: string) => [...document.querySelectorAll("button")].find((b) => b.textContent === name)!;
    button("Export this workspace (JSON)").click();
    button("+1 hour").click();
  });
  await expect(page.getByRole("status").filter({ hasText: "The workspace changed while it was being exported" })).toContainText(
    "no file was made: an export holds one moment. Export again.",
  );
  await page.waitForTimeout(500);
  expect(downloads).toEqual([]);
  await page.getByRole("button", { name: "Clock", exact: true }).click();
  await page.getByRole("status").filter({ hasText: "The workspace changed" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/data-export-changed.png` });
  // Exported again, it goes through.
  const text = await download(page, "Export this workspace (JSON)");
  expect(JSON.parse(text).workspace.clock.simulated).toBe(true);
  await expect(page.getByRole("status").filter({ hasText: /^Exported workspace as / })).toBeVisible();
});

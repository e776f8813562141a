import { expect, test, type Locator, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { ServiceLab } from "./servicelab";

// A P1 incident (impact 1, urgency 1) gets the default P1 SLAs: response in
// 15 minutes and resolution in 4 hours, both on the 24x7 calendar, with
// warnings at 50 % and 75 %. The simulated clock walks it through every band.

const SHOTS = "screenshots";
mkdirSync(SHOTS, { recursive: true });

// The clock's "Set the clock to" field is local time; pin the zone so the test can compute it.
test.use({ timezoneId: "UTC" });

const NUMBER = "INC0001051";

/** The timer of `name` in the form's "SLA timers" panel. */
function timer(page: Page, name: string) {
  return page
    .getByRole("region", { name: "SLA timers" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name, exact: true }) });
}

async function expectBand(page: Page, name: string, band: string, words: string) {
  const t = timer(page, name);
  await expect(t).toHaveAttribute("data-band", band);
  await expect(t).toHaveClass(new RegExp(`band-${band}`));
  await expect(t.getByText(words, { exact: true })).toBeVisible();
}

const RESOLUTION = "P1 resolution (4 h)";

/** Opens the clock controls, does `act` with them, and closes them (they cover the page's right side). */
async function withClock(page: Page, act: (controls: Locator) => Promise<void>) {
  const button = page.getByRole("button", { name: "Clock", exact: true });
  await button.click();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await act(page.getByRole("group", { name: "Clock controls" }));
  await button.click();
  await expect(button).toHaveAttribute("aria-expanded", "false");
}

/** Steps the simulated clock by each of `steps` ("+1 hour", "+15 min"...). */
async function step(page: Page, ...steps: string[]) {
  await withClock(page, async (controls) => {
    for (const name of steps) {
      await controls.getByRole("button", { name }).click();
      await expect(controls.getByRole("status")).toContainText("The clock is now at");
    }
  });
}

test("a P1 incident's timers warn, breach, pause grey and drive the SLA views as the simulated clock moves", async ({ page }) => {
  test.setTimeout(60_000);
  await page.clock.install({ time: new Date("2026-11-20T12:00:00Z") });
  const app = new ServiceLab(page);
  await app.open("/incidents/new");
  await expect(page.getByRole("region", { name: "SLA timers" })).toContainText("No timer yet");

  await page.getByLabel("Caller", { exact: true }).selectOption({ label: "Ana Silva" });
  await page.getByLabel("Impact", { exact: true }).selectOption({ label: "1 - High" });
  await page.getByLabel("Urgency", { exact: true }).selectOption({ label: "1 - High" });
  await page.getByLabel("Short description", { exact: true }).fill("Warehouse scanners cannot reach the WMS");
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page).toHaveURL(`/incidents/${NUMBER}`);

  // Both timers start on track; starting work meets the response target.
  await expectBand(page, "P1 response (15 min)", "on-track", "On track");
  await expectBand(page, RESOLUTION, "on-track", "On track");
  await page.getByRole("button", { name: "Start work", exact: true }).click();
  await expectBand(page, "P1 response (15 min)", "achieved", "Achieved");

  // Simulate the clock and step it.
  await withClock(page, async (controls) => {
    await controls.getByRole("radio", { name: "Simulated" }).check();
    await expect(page.getByRole("group", { name: "App clock" })).toContainText("Simulated · paused");
  });
  await step(page, "+1 hour", "+15 min");
  const bar = timer(page, RESOLUTION).getByRole("progressbar", { name: RESOLUTION });
  await expect(bar).toHaveAttribute("aria-valuenow", "31");
  await expectBand(page, RESOLUTION, "on-track", "On track");
  await expect(timer(page, RESOLUTION)).toContainText("1 h 15 min of 4 h");

  // 2 h 15 of 4 h = 56 %: past the first warning (50 %).
  await step(page, "+1 hour");
  await expectBand(page, RESOLUTION, "warning", "Warning");
  await expect(bar).toHaveAttribute("aria-valuenow", "56");
  await expect(bar).toHaveAttribute("aria-valuetext", "Warning: 56 % of 4 h used");
  await expect(timer(page, RESOLUTION)).toContainText("1 h 45 min");
  await page.getByRole("region", { name: "SLA timers" }).screenshot({ path: `${SHOTS}/sla-timers-panel.png` });
  await page.screenshot({ path: `${SHOTS}/sla-timers-form.png`, fullPage: true });

  const views = page.getByRole("group", { name: "Saved views" });
  const table = page.getByRole("table", { name: "Incidents" });
  const row = table.getByRole("row").filter({ has: page.getByRole("link", { name: NUMBER }) });
  const openList = async (view: string) => {
    await app.navLink("Incidents").click();
    await views.getByRole("button", { name: view, exact: true }).click();
    await expect(views.getByRole("button", { name: view, exact: true })).toHaveAttribute("aria-pressed", "true");
  };
  const backToIncident = async () => {
    await openList("All incidents");
    await table.getByRole("link", { name: NUMBER }).click();
    await expect(page).toHaveURL(`/incidents/${NUMBER}`);
  };

  // At warning the incident is not breaching soon yet.
  await openList("Breaching soon");
  await expect(page.getByRole("status").filter({ hasText: "incidents" })).toHaveText(/^\d+ of 51 incidents$/);
  await expect(table.getByRole("link", { name: NUMBER })).toHaveCount(0);

  // 3 h 15 of 4 h = 81 %: past the last warning (75 %), breaching soon.
  await step(page, "+1 hour");
  await expect(row).toHaveCount(1);
  const stage = row.locator(".sla-stage");
  await expect(stage).toHaveAttribute("data-band", "serious");
  await expect(stage).toHaveText("Breaching soon · 81 %");
  await backToIncident();
  await expectBand(page, RESOLUTION, "serious", "Breaching soon");

  // On hold pauses the timer: grey, and out of "Breaching soon" since it cannot breach while paused.
  await page.getByRole("button", { name: "Put on hold", exact: true }).click();
  await page.getByLabel("On hold reason", { exact: true }).selectOption({ label: "Awaiting Caller" });
  await page.getByRole("button", { name: "Put incident on hold", exact: true }).click();
  await expectBand(page, RESOLUTION, "paused", "Paused");
  await expect(timer(page, RESOLUTION)).toContainText("Paused since");
  await openList("Breaching soon");
  await expect(table.getByRole("link", { name: NUMBER })).toHaveCount(0);
  await backToIncident();

  // Back to work, then past the due time: breached, in red, with the instant it happened.
  await page.getByRole("button", { name: "Start work", exact: true }).click();
  await expectBand(page, RESOLUTION, "serious", "Breaching soon");
  const shown = await page.getByRole("group", { name: "App clock" }).locator("time").getAttribute("datetime");
  const later = new Date(Date.parse(shown!) + 90 * 60 * 1000).toISOString().slice(0, 16);
  await withClock(page, async (controls) => {
    await controls.getByLabel("Set the clock to").fill(later);
    await controls.getByRole("button", { name: "Set", exact: true }).click();
    await expect(controls.getByRole("status")).toContainText("The clock is now at");
  });
  await expectBand(page, RESOLUTION, "breached", "Breached");
  await expect(bar).toHaveAttribute("aria-valuenow", "100");
  const figures = timer(page, RESOLUTION).locator("dl");
  await expect(figures.getByText("Breached at", { exact: true })).toBeVisible();
  await expect(figures).toContainText(/overdue/);
  await page.screenshot({ path: `${SHOTS}/sla-timers-breached.png`, fullPage: true });

  // It leaves "Breaching soon" and shows up under "SLA breached".
  await openList("Breaching soon");
  await expect(table.getByRole("link", { name: NUMBER })).toHaveCount(0);
  await openList("SLA breached");
  await expect(row.locator(".sla-stage")).toHaveAttribute("data-band", "breached");
  await expect(row.locator(".sla-stage")).toHaveText("Breached");
});

test("the SLA columns can be chosen, sorted by urgency, and read in light, dark and phone layouts", async ({ page }) => {
  await page.clock.install({ time: new Date("2026-11-20T12:00:00Z") });
  const app = new ServiceLab(page);
  await app.open("/incidents");
  const table = page.getByRole("table", { name: "Incidents" });
  await page.getByText("Columns", { exact: true }).click();
  const chooser = page.getByRole("group", { name: "Show columns" });
  await chooser.getByRole("checkbox", { name: "SLA time left" }).check();
  await chooser.getByRole("checkbox", { name: "SLA due" }).check();
  await page.getByText("Columns", { exact: true }).click();
  for (const name of ["SLA stage", "SLA time left", "SLA due"]) {
    await expect(table.getByRole("columnheader", { name })).toBeVisible();
  }
  await table.getByRole("button", { name: "SLA stage" }).click();
  await expect(table.getByRole("columnheader", { name: "SLA stage" })).toHaveAttribute("aria-sort", "ascending");
  // Most urgent first: the demo has overdue incidents, and their time left says so.
  await expect(table.locator("tbody .sla-stage").first()).toHaveAttribute("data-band", "breached");
  await expect(table.locator("tbody td.sla-figure.overdue").first()).toContainText("overdue");
  await page.screenshot({ path: `${SHOTS}/sla-columns.png` });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${SHOTS}/sla-columns-dark.png` });
  await page.setViewportSize({ width: 390, height: 800 });
  await page.screenshot({ path: `${SHOTS}/sla-columns-phone-dark.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });
  await page.screenshot({ path: `${SHOTS}/sla-columns-phone.png`, fullPage: true });

  // The form's panel on a phone and in the dark.
  await table.getByRole("link").first().click();
  await expect(page.getByRole("region", { name: "SLA timers" }).getByRole("progressbar").first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/sla-timers-phone.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${SHOTS}/sla-timers-phone-dark.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${SHOTS}/sla-timers-dark.png`, fullPage: true });
});

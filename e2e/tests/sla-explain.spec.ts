import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { ServiceLab } from "./servicelab";

// "Why?" on a timer, and "What if" on a draft of the SLA settings.

mkdirSync("screenshots", { recursive: true });
test.use({ timezoneId: "UTC" });

async function stepClock(page: Page, ...steps: string[]) {
  const clock = page.getByRole("button", { name: "Clock", exact: true });
  await clock.click();
  const controls = page.getByRole("group", { name: "Clock controls" });
  await controls.getByRole("radio", { name: "Simulated" }).check();
  for (const step of steps) {
    await controls.getByRole("button", { name: step }).click();
    await expect(controls.getByRole("status")).toContainText("The clock is now at");
  }
  await clock.click();
}

test("Why? explains a P2 timer: the evening skipped and the arithmetic of its due time", async ({ page }) => {
  // Friday 20 November 2026, 12:00 UTC (12:00 in London): the office closes at 17:00.
  // The page's time stands still at exactly 12:00, so the incident is logged then.
  await page.clock.setFixedTime(new Date("2026-11-20T12:00:00Z"));
  const app = new ServiceLab(page);
  await app.open("/incidents/new");
  await page.getByLabel("Caller", { exact: true }).selectOption({ label: "Ana Silva" });
  await page.getByLabel("Impact", { exact: true }).selectOption({ label: "1 - High" });
  await page.getByLabel("Urgency", { exact: true }).selectOption({ label: "2 - Medium" });
  await page.getByLabel("Short description", { exact: true }).fill("Billing runs twice for some customers");
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page).toHaveURL(/\/incidents\/INC\d+$/);

  // Six hours later it is 18:00: five business hours counted, the evening skipped.
  await stepClock(page, "+1 hour", "+1 hour", "+1 hour", "+1 hour", "+1 hour", "+1 hour");
  const why = page.getByLabel("Why? Explain P2 resolution (8 h)");
  await why.click();
  const timeline = page.getByRole("table", { name: /Timeline on the "Office hours" calendar/ });
  await expect(timeline).toBeVisible();
  await expect(timeline).toContainText("outside opening hours");
  const panel = page.getByRole("region", { name: "SLA timers" });
  await expect(panel).toContainText("target 8 h of business time on the \"Office hours\" calendar = original due");
  await expect(panel).toContainText("Business time elapsed 5 h / target 8 h = 62.50 % (real time elapsed, pauses excluded: 6 h).");
  await expect(timeline.getByRole("row").nth(1)).toContainText("12:00 GMT → 17:00 GMT5 hCounted");
  await expect(panel).toContainText("Not breached yet: the target must be met by Mon 23 Nov 2026 11:00");
  await page.screenshot({ path: "screenshots/sla-why.png", fullPage: true });
});

test("What if: a shorter P2 target shows compliance before and after and the timers that change; Discard clears it", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/slas");
  await page.getByRole("combobox", { name: "Acting as" }).selectOption({ label: "Ingrid Larsen · Admin" });
  const table = page.getByRole("table", { name: "SLA definitions in the draft" });
  await table.getByRole("button", { name: "Edit P2 resolution (8 h)" }).click();
  await page.getByLabel("Target hours").fill("0");
  await page.getByLabel("Target minutes").fill("30");
  await page.getByRole("navigation", { name: "SLA pages" }).getByRole("link", { name: "What if" }).click();
  await expect(page).toHaveURL("/slas/whatif");
  const compliance = page.getByRole("table", { name: "Compliance per priority (achieved of finished timers)" });
  await expect(compliance).toBeVisible();
  const changes = page.getByRole("table", { name: "Timers that would change" });
  await expect(changes.getByRole("row").nth(1)).toContainText("P2 resolution");
  await page.screenshot({ path: "screenshots/sla-whatif.png", fullPage: true });

  const tabs = page.getByRole("navigation", { name: "SLA pages" });
  await tabs.getByRole("link", { name: "Definitions" }).click();
  await page.getByRole("button", { name: "Discard changes" }).click();
  await tabs.getByRole("link", { name: "What if" }).click();
  await expect(page.getByRole("status").filter({ hasText: "No unsaved changes: the draft is what is in force." })).toBeVisible();
  await expect(page.getByRole("table", { name: "Timers that would change" })).toHaveCount(0);
});

test("What if under the priority matrix: a draft that makes impact 1 / urgency 2 critical attaches P1 timers", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/incidents/matrix");
  const whatif = page.getByRole("region", { name: "What if I save this matrix?" });
  await expect(whatif.getByRole("status")).toHaveText("No unsaved changes: the draft is the matrix in force.");
  await page
    .getByLabel("Priority for impact 1 - High and urgency 2 - Medium", { exact: true })
    .selectOption({ label: "1 - Critical" });
  await expect(whatif.getByRole("table", { name: "Compliance per priority (achieved of finished timers)" })).toBeVisible();
  const changes = whatif.getByRole("table", { name: "Timers that would change" });
  await expect(changes).toContainText("P1 resolution (4 h)");
  await expect(changes).toContainText("P2 resolution (8 h)");
  await page.screenshot({ path: "screenshots/matrix-whatif.png", fullPage: true });
  await page.getByRole("button", { name: "Discard draft" }).click();
  await expect(whatif.getByRole("status")).toHaveText("No unsaved changes: the draft is the matrix in force.");
});

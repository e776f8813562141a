import { expect, test } from "@playwright/test";
import { ServiceLab } from "./servicelab";

// A P1 incident assigned to Sofia Rossi: its resolution target is 4 hours on
// the 24x7 calendar. At 50 % the assignee is told; at 75 % the assignee and
// the Service Desk's manager, Grace Okafor. Each notification is recorded on
// the ticket and listed behind the bell in the header.

test.use({ timezoneId: "UTC" });

test("SLA warnings reach the assignee and the manager in the header and on the ticket", async ({ page }) => {
  test.setTimeout(60_000);
  await page.clock.install({ time: new Date("2026-11-20T12:00:00Z") });
  const app = new ServiceLab(page);
  await app.open("/incidents/new");
  await page.getByLabel("Caller", { exact: true }).selectOption({ label: "Ana Silva" });
  await page.getByLabel("Impact", { exact: true }).selectOption({ label: "1 - High" });
  await page.getByLabel("Urgency", { exact: true }).selectOption({ label: "1 - High" });
  await page.getByLabel("Short description", { exact: true }).fill("Dock 3 printers offline");
  await page.getByLabel("Assignment group", { exact: true }).selectOption({ label: "Service Desk" });
  await page.getByLabel("Assigned to", { exact: true }).selectOption({ label: "Sofia Rossi" });
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page).toHaveURL(/\/incidents\/INC\d+$/);
  const number = page.url().split("/").pop()!;
  // Starting work meets the response target, so only the resolution timer warns.
  await page.getByRole("button", { name: "Start work", exact: true }).click();

  // The demo's own incidents have already warned Sofia; read those first.
  const bell = page.getByRole("button", { name: /^Notifications, / });
  const panel = page.getByRole("region", { name: "Notifications" });
  await bell.click();
  await panel.getByRole("button", { name: "Mark all as read" }).click();
  await expect(bell).toHaveAccessibleName("Notifications, none unread");
  await expect(panel.getByRole("button", { name: "Mark all as read" })).toBeDisabled();
  await bell.click();
  await expect(panel).toBeHidden();

  const clock = page.getByRole("button", { name: "Clock", exact: true });
  await clock.click();
  const controls = page.getByRole("group", { name: "Clock controls" });
  await controls.getByRole("radio", { name: "Simulated" }).check();
  for (const step of ["+1 hour", "+1 hour", "+15 min"]) {
    await controls.getByRole("button", { name: step }).click();
    await expect(controls.getByRole("status")).toContainText("The clock is now at");
  }
  await clock.click();

  // 2 h 15 of 4 h: past 50 %, Sofia (the assignee, acting) is told.
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");
  await bell.click();
  await expect(panel.getByRole("listitem").first()).toContainText(`${number} P1 resolution (4 h) reached 50 %: Sofia Rossi notified`);
  await panel.getByRole("button", { name: "Mark all as read" }).click();
  await expect(bell).toHaveAccessibleName("Notifications, none unread");
  await bell.click();

  // The ticket records it in its activity.
  await expect(page.getByRole("main").getByText("P1 resolution (4 h) reached 50 %: Sofia Rossi notified")).toBeVisible();

  // 3 h 15: past 75 %, the manager is told too.
  await clock.click();
  await controls.getByRole("button", { name: "+1 hour" }).click();
  await expect(controls.getByRole("status")).toContainText("The clock is now at");
  await clock.click();
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");
  await page.getByLabel("Acting as").selectOption({ label: "Grace Okafor · Group manager" });
  await bell.click();
  const newest = panel.getByRole("listitem").first();
  await expect(newest).toContainText(`${number} P1 resolution (4 h) reached 75 %: Sofia Rossi and Grace Okafor notified`);
  await expect(newest).toContainText("(unread)");
  await page.screenshot({ path: "screenshots/notifications.png" });

  // Notifications are part of the workspace: they survive a reload.
  await page.reload();
  await page.getByRole("button", { name: /^Notifications, / }).click();
  await expect(panel.getByRole("listitem").first()).toContainText(`${number} P1 resolution (4 h) reached 75 %`);
});

import { expect, test } from "@playwright/test";
import { ServiceLab } from "./servicelab";

test("the simulated clock steps, jumps ahead, closes what is due and refuses to rewrite history", async ({ page }) => {
  await page.clock.install({ time: new Date("2026-11-20T12:00:00Z") });
  const app = new ServiceLab(page);
  await app.open("/incidents");
  const clock = page.getByRole("group", { name: "App clock" });
  await expect(clock).toContainText("Real time");

  await page.getByRole("button", { name: "Clock", exact: true }).click();
  const panel = page.getByRole("group", { name: "Clock controls" });
  await panel.getByRole("radio", { name: "Simulated" }).check();
  await expect(clock).toContainText("Simulated · paused");

  const shown = () => clock.locator("time").getAttribute("datetime");
  const before = Date.parse((await shown())!);
  await panel.getByRole("button", { name: "+1 hour" }).click();
  await expect.poll(async () => Date.parse((await shown())!) - before).toBe(60 * 60 * 1000);

  // Jump a month ahead: every resolved incident closes by itself.
  const status = page.getByRole("status").filter({ hasText: /^\d+( of \d+)? incidents$/ });
  await page.getByRole("combobox", { name: "Filter by state" }).selectOption({ label: "Resolved" });
  await expect(status).toHaveText(/^[1-9]\d* of 50 incidents$/);
  await panel.getByLabel("Set the clock to").fill("2026-12-20T09:00");
  await panel.getByRole("button", { name: "Set", exact: true }).click();
  await expect(panel.getByRole("status")).toContainText("closed automatically");
  await expect(status).toHaveText("0 of 50 incidents");
  await page.screenshot({ path: "screenshots/clock-panel.png" });

  // Going back before recorded history is refused, with the reason.
  await panel.getByLabel("Set the clock to").fill("2026-01-01T09:00");
  await panel.getByRole("button", { name: "Set", exact: true }).click();
  await expect(panel.getByRole("alert")).toContainText("History cannot be rewritten");
  await expect(clock.locator("time")).toContainText("20 Dec 2026");

  // Running at x3600 moves an hour per real second.
  await panel.getByRole("combobox", { name: "Speed" }).selectOption({ label: "×3600" });
  await panel.getByRole("button", { name: "Run" }).click();
  await expect(clock).toContainText("Simulated · ×3600");
  const running = Date.parse((await shown())!);
  await page.clock.runFor(3000);
  await expect.poll(async () => Date.parse((await shown())!) - running).toBeGreaterThanOrEqual(2 * 60 * 60 * 1000);

  // Events recorded now carry the simulated time, and the clock survives a reload, paused.
  await panel.getByRole("button", { name: "Pause" }).click();
  await page.reload();
  await expect(page.getByRole("group", { name: "App clock" })).toContainText("Simulated · paused");
  await expect(page.getByRole("group", { name: "App clock" }).locator("time")).toContainText("Dec 2026");
});

import { expect, test, type Page } from "@playwright/test";
import { currentId, savedBeyond, version } from "./storage-helpers";
import { ServiceLab } from "./servicelab";

// Every test starts in a fresh browser profile, so the demo workspace
// (Harbourside Logistics, 50 incidents INC0001001..INC0001050) loads on first visit,
// and the user acts as Sofia Rossi, a Service Desk agent.

const SHOTS = "screenshots";

class IncidentForm {
  constructor(readonly page: Page) {}
  field(label: string) {
    return this.page.getByLabel(label, { exact: true });
  }
  button(name: string) {
    return this.page.getByRole("button", { name, exact: true });
  }
  async state() {
    return this.field("State").inputValue();
  }
}

async function createIncident(page: Page, short: string) {
  const app = new ServiceLab(page);
  await app.open("/incidents");
  await page.getByRole("link", { name: "New incident" }).click();
  await expect(app.heading).toHaveText("New incident");
  const form = new IncidentForm(page);
  await form.field("Caller").selectOption({ label: "Ana Silva" });
  await form.field("Impact").selectOption({ label: "1 - High" });
  await form.field("Urgency").selectOption({ label: "1 - High" });
  await expect(form.field("Priority")).toHaveValue("1 - Critical");
  await form.field("Short description").fill(short);
  await form.field("Description").fill("Every employee sees an error when opening payslips.");
  await form.button("Create").click();
  await expect(page).toHaveURL("/incidents/INC0001051");
  await expect(app.heading).toContainText(`INC0001051 · ${short}`);
  return form;
}

test("creating an incident with impact 1 and urgency 1 gives priority 1 - Critical", async ({ page }) => {
  const form = await createIncident(page, "Payroll portal returns error 500");
  await expect(form.field("Priority")).toHaveValue("1 - Critical");
  expect(await form.state()).toBe("New");
  await page.screenshot({ path: `${SHOTS}/incident-form.png`, fullPage: true });
});

test("required fields are enforced with clear messages", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/incidents/new");
  const form = new IncidentForm(page);
  await form.button("Create").click();
  await expect(page).toHaveURL("/incidents/new");
  await expect(form.field("Short description")).toHaveAttribute("aria-invalid", "true");
  await expect(form.field("Caller")).toHaveAttribute("aria-invalid", "true");
});

test("an incident moves through its lifecycle and every step is in the activity", async ({ page }) => {
  const form = await createIncident(page, "Payroll portal down");
  await form.button("Start work").click();
  await expect(form.field("State")).toHaveValue("In Progress");

  await form.button("Put on hold").click();
  await form.field("On hold reason").selectOption({ label: "Awaiting Caller" });
  await form.button("Put incident on hold").click();
  await expect(form.field("State")).toHaveValue(/On Hold/);

  await form.button("Resolve").click();
  await form.field("Resolution code").selectOption({ index: 1 });
  await form.field("Resolution notes").fill("Restarted the payroll application server.");
  await form.button("Resolve incident").click();
  await expect(form.field("State")).toHaveValue("Resolved");

  await form.button("Reopen").click();
  await expect(form.field("State")).toHaveValue("In Progress");
  await form.button("Resolve").click();
  await form.field("Resolution code").selectOption({ index: 1 });
  await form.field("Resolution notes").fill("Fixed for good: disk space cleared.");
  await form.button("Resolve incident").click();
  await form.button("Close").click();
  await expect(form.field("State")).toHaveValue("Closed");

  // Closed is final: no lifecycle action is offered any more.
  const actions = page.getByRole("region", { name: "Lifecycle actions" });
  await expect(actions.getByRole("button", { name: "Reopen", exact: true })).toHaveCount(0);

  const activity = page.getByRole("list", { name: "Activity" });
  await expect(activity).toContainText("Closed");
  await expect(activity).toContainText("Restarted the payroll application server.");
});

test("a refused action says why and changes nothing", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/incidents/INC0001050");
  const form = new IncidentForm(page);
  // Resolving without notes is refused by the domain.
  await form.button("Resolve").click();
  await form.field("Resolution code").selectOption({ index: 1 });
  await form.button("Resolve incident").click();
  await expect(page.getByRole("alert")).toContainText(/notes/i);
  await expect(form.field("State")).toHaveValue("In Progress");

  // A requester may not resolve at all.
  await page.getByRole("combobox", { name: "Acting as" }).selectOption({ label: "Tom Becker · Requester" });
  await app.open("/incidents/INC0001050");
  await form.button("Resolve").click();
  await form.field("Resolution code").selectOption({ index: 1 });
  await form.field("Resolution notes").fill("I think it works now.");
  await form.button("Resolve incident").click();
  await expect(page.getByRole("alert")).toContainText(/requester/i);
  await expect(form.field("State")).toHaveValue("In Progress");
});

test("search finds incidents by words and by number", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/incidents");
  const status = page.getByRole("status").filter({ hasText: "incidents" });
  await expect(status).toHaveText("50 incidents");
  const search = page.getByRole("searchbox", { name: "Search incidents" });
  await search.fill("shipment");
  await expect(status).toHaveText(/^\d+ of 50 incidents$/);
  const table = page.getByRole("table", { name: "Incidents" });
  for (const row of await table.locator("tbody tr:not(.spacer)").all()) {
    await expect(row).toContainText(/shipment/i);
  }
  await search.fill("INC0001048");
  await expect(status).toHaveText("1 of 50 incidents");
  await expect(table.getByRole("link", { name: "INC0001048" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/incident-search.png` });
});

test("built-in and user-defined saved views", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/incidents");
  const views = page.getByRole("group", { name: "Saved views" });
  await views.getByRole("button", { name: "Major incidents" }).click();
  await expect(views.getByRole("button", { name: "Major incidents" })).toHaveAttribute("aria-pressed", "true");
  const table = page.getByRole("table", { name: "Incidents" });
  await expect(table.getByRole("link", { name: "INC0001048" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "incidents" })).toHaveText("1 of 50 incidents");

  await views.getByRole("button", { name: "All incidents" }).click();
  await page.getByRole("combobox", { name: "Filter by priority" }).selectOption({ label: "1 - Critical" });
  await page.getByRole("textbox", { name: "View name" }).fill("Critical ones");
  await page.getByRole("button", { name: "Save view" }).click();
  await expect(views.getByRole("button", { name: "Critical ones" })).toHaveAttribute("aria-pressed", "true");

  await page.reload();
  await views.getByRole("button", { name: "Critical ones" }).click();
  for (const badge of await table.locator("tbody .badge").all()) {
    await expect(badge).toHaveText("1 - Critical");
  }
});

test("bulk assignment of selected incidents", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/incidents");
  await page.getByRole("checkbox", { name: "Select INC0001046" }).check();
  await page.getByRole("checkbox", { name: "Select INC0001047" }).check();
  const bulk = page.getByRole("region", { name: "Bulk update" });
  await expect(bulk).toContainText("2 selected");
  await bulk.getByRole("combobox", { name: "Bulk assignment group" }).selectOption({ label: "Network" });
  await bulk.getByRole("combobox", { name: "Bulk assignee" }).selectOption({ label: "Jonas Weber" });
  await page.screenshot({ path: `${SHOTS}/incident-bulk.png` });
  await bulk.getByRole("button", { name: "Assign selected" }).click();
  await expect(page.getByText("Updated 2 incidents.")).toBeVisible();
  await app.open("/incidents/INC0001046");
  const form = new IncidentForm(page);
  await expect(form.field("Assignment group")).toHaveValue(/.+/);
  await expect(page.getByRole("list", { name: "Activity" })).toContainText("Jonas Weber");
});

test("sorting by a column orders the rows", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/incidents");
  const table = page.getByRole("table", { name: "Incidents" });
  await table.getByRole("button", { name: "Priority" }).click();
  await expect(table.getByRole("columnheader", { name: "Priority" })).toHaveAttribute("aria-sort", "ascending");
  await expect(table.locator("tbody .badge").first()).toHaveText("1 - Critical");
  await table.getByRole("button", { name: "Priority" }).click();
  await expect(table.getByRole("columnheader", { name: "Priority" })).toHaveAttribute("aria-sort", "descending");
  await expect(table.locator("tbody .badge").first()).toHaveText("4 - Low");
});

test("keyboard shortcuts: ?, j, k, Enter, / and n", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/incidents");
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/shortcuts.png` });
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  await page.keyboard.press("Enter");
  // Newest first: row 0 is INC0001050, so row 1 is INC0001049.
  await expect(page).toHaveURL("/incidents/INC0001049");

  await page.keyboard.press("/");
  await expect(page).toHaveURL("/incidents");
  await expect(page.getByRole("searchbox", { name: "Search incidents" })).toBeFocused();
  await page.keyboard.type("n");
  await expect(page).toHaveURL("/incidents");
  await page.getByRole("searchbox", { name: "Search incidents" }).blur();
  await page.keyboard.press("n");
  await expect(app.heading).toHaveText("New incident");
});

test("everything survives a reload", async ({ page }) => {
  const form = await createIncident(page, "Label printer offline in dock 2");
  await form.button("Start work").click();
  await page.getByLabel("Comment", { exact: true }).fill("Checking the printer's network cable.");
  const id = await currentId(page);
  const before = await version(page, id);
  await page.getByRole("button", { name: "Post", exact: true }).click();
  // The save reaches IndexedDB a moment after the click; reload once it has.
  await savedBeyond(page, id, before);
  await page.reload();
  const app = new ServiceLab(page);
  await expect(app.heading).toContainText("INC0001051 · Label printer offline in dock 2");
  await expect(form.field("State")).toHaveValue("In Progress");
  await expect(form.field("Priority")).toHaveValue("1 - Critical");
  await expect(page.getByRole("list", { name: "Activity" })).toContainText("Checking the printer's network cable.");
  await app.open("/incidents");
  await expect(page.getByRole("status").filter({ hasText: "incidents" })).toHaveText("51 incidents");
});

test("the priority matrix editor lints a draft and saves it", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/incidents/matrix");
  await page.getByRole("combobox", { name: "Acting as" }).selectOption({ label: "Ingrid Larsen · Admin" });
  await expect(page.getByText(/No problems/)).toBeVisible();
  await page
    .getByLabel("Priority for impact 3 - Low and urgency 3 - Low", { exact: true })
    .selectOption({ label: "1 - Critical" });
  const linter = page.getByRole("heading", { name: "Linter" }).locator("..");
  await expect(linter).toContainText(/less severe|more severe/);
  await page.screenshot({ path: `${SHOTS}/priority-matrix.png`, fullPage: true });
  await page.getByRole("button", { name: "Discard draft" }).click();
  await expect(page.getByText(/No problems/)).toBeVisible();
});

test("resolved incidents close by themselves once 7 days have passed", async ({ page }) => {
  await page.clock.install({ time: new Date("2026-11-20T12:00:00Z") });
  const app = new ServiceLab(page);
  await app.open("/incidents");
  const status = page.getByRole("status").filter({ hasText: "incidents" });
  await page.getByRole("combobox", { name: "Filter by state" }).selectOption({ label: "Resolved" });
  await expect(status).toHaveText(/^[1-9]\d* of 50 incidents$/);
  await page.clock.fastForward(8 * 24 * 60 * 60 * 1000); // 8 days
  await expect(status).toHaveText("0 of 50 incidents");
  await page.reload();
  await page.getByRole("combobox", { name: "Filter by state" }).selectOption({ label: "Resolved" });
  await expect(status).toHaveText("0 of 50 incidents");
});

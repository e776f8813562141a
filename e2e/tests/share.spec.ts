import { expect, test, type Browser, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { ServiceLab } from "./servicelab";
import { catalog, currentId, stored } from "./storage-helpers";

// Share links: the workspace or its design packed into the address's
// fragment (#import=...). Opening one, on any page, offers to import it;
// nothing is stored before the user chooses, and nothing is ever replaced.

const SHOTS = "screenshots";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

/** Makes a share link in the Data section and returns it, as the field shows it. */
async function makeLink(page: Page, button: string): Promise<string> {
  await page.getByRole("button", { name: button }).click();
  const field = page.getByRole("textbox", { name: "Share link" });
  await expect(field).toHaveValue(/#import=[A-Za-z0-9_-]+$/);
  return field.inputValue();
}

/** A page in a browser profile of its own, as the person who receives the link. */
async function elsewhere(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

/** Every workspace in the page's browser, listed and stored, to compare before and after. */
async function everything(page: Page) {
  const list = await catalog(page);
  return { list, stored: await Promise.all(list.map((e) => stored(page, e.id))) };
}

/** The region that offers a share link's import. */
const offer = (page: Page) => page.getByRole("region", { name: "Import from a share link" });

/** A link like `link` carrying `json` instead, packed as the app packs it. */
function carrying(link: string, json: string): string {
  const base = link.slice(0, link.indexOf("#"));
  return `${base}#import=${deflateRawSync(Buffer.from(json, "utf8")).toString("base64url")}`;
}

/** The export a link carries. */
function unpacked(link: string): any {
  const data = link.slice(link.indexOf("#import=") + "#import=".length);
  return JSON.parse(inflateRawSync(Buffer.from(data, "base64url")).toString("utf8"));
}

test("a design link opens in another browser as an offer, and imports as a new workspace", async ({ page, browser, baseURL }) => {
  const app = new ServiceLab(page);
  await app.open("/data");
  await expect(page.getByText("Whoever gets the link can read everything in it")).toBeVisible();
  const link = await makeLink(page, "Copy a share link to its design, no tickets");
  expect(link.startsWith(`${baseURL}/data#import=`)).toBe(true);
  // The length shown is the link's, and the clipboard holds the same link.
  const length = link.length.toLocaleString("en-GB");
  await expect(page.getByRole("status").filter({ hasText: "Copied a link to the design" })).toContainText(`(${length} characters)`);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  const carried = unpacked(link);
  expect(carried.format).toBe("servicelab.design");
  expect(carried.design.tickets).toBeUndefined();

  const other = await elsewhere(browser);
  await other.goto(link);
  await expect(offer(other)).toBeVisible();
  await expect(offer(other)).toContainText('Design "Harbourside Logistics"');
  const counts = offer(other).locator(".preview-counts");
  await expect(counts.locator("div", { hasText: "People" }).getByRole("definition")).toHaveText("16");
  await expect(counts.locator("div", { hasText: "Tickets" }).getByRole("definition")).toHaveText("0");
  await other.screenshot({ path: `${SHOTS}/share-offer.png`, fullPage: true });
  // The receiving browser holds only its own demo workspace until the user chooses.
  const before = await catalog(other);
  expect(before).toHaveLength(1);

  await offer(other).getByRole("button", { name: "Import as a new workspace" }).click();
  await expect(offer(other).getByRole("status")).toHaveText(
    "Imported as the new workspace “Harbourside Logistics (2)”. Your other workspaces are unchanged.",
  );
  // The link is gone from the address, so a reload does not offer it again.
  await expect(other).toHaveURL(`${baseURL}/data`);
  const after = await catalog(other);
  expect(after).toHaveLength(2);
  expect(after).toContainEqual(before[0]);
  const added = after.find((e) => e.id !== before[0].id)!;
  expect((await stored(other, added.id)).tickets).toHaveLength(0);

  await offer(other).getByRole("button", { name: "Open “Harbourside Logistics (2)”" }).click();
  await expect.poll(() => currentId(other)).toBe(added.id);
  await expect(offer(other)).toHaveCount(0);
  const list = other.getByRole("list", { name: "Workspaces" });
  await expect(list.getByRole("listitem").filter({ hasText: "Open in this tab" })).toContainText("Harbourside Logistics (2)");
  await other.goto(`${baseURL}/incidents`);
  await expect(other.getByRole("status").filter({ hasText: /incidents$/ })).toHaveText("0 incidents");
  await other.context().close();
});

test("a cut or altered link says why, and changes nothing stored", async ({ page, browser, baseURL }) => {
  await new ServiceLab(page).open("/data");
  const link = await makeLink(page, "Copy a share link to its design, no tickets");
  const other = await elsewhere(browser);
  await other.goto(`${baseURL}/data`);
  await expect(other.getByRole("list", { name: "Workspaces" }).getByRole("listitem")).toHaveCount(1);
  const before = await everything(other);

  const design = unpacked(link);
  design.design.groups[1].members[0] = 999;
  const cases = [
    { link: link.slice(0, -9), says: "This share link is incomplete: its end was cut off or altered. Copy the whole link again." },
    { link: link.replace("#import=", "#import=%20"), says: "character 1 of its data is '%'" },
    { link: carrying(link, '{"name": "left-pad"}'), says: "This is not a ServiceLab export" },
    { link: carrying(link, JSON.stringify(design)), says: "the data in this link has 1 problem", path: "$.design.groups[1].members[0]" },
  ];
  for (const c of cases) {
    await other.goto(c.link);
    const alert = offer(other).getByRole("alert");
    await expect(alert).toContainText(c.says);
    await expect(alert).toContainText("Nothing was imported, and nothing stored was changed.");
    if (c.path) await expect(alert.getByRole("list", { name: "Problems in the link" })).toContainText(c.path);
    if (c === cases[0]) await other.screenshot({ path: `${SHOTS}/share-damaged.png`, fullPage: true });
    await expect(offer(other).getByRole("button", { name: "Import as a new workspace" })).toHaveCount(0);
    expect(await everything(other)).toEqual(before);
    await offer(other).getByRole("button", { name: "Dismiss" }).click();
    await expect(offer(other)).toHaveCount(0);
    await expect(other).toHaveURL(`${baseURL}/data`);
  }
  await other.context().close();
});

test("cancel leaves everything as it was, on whatever page the link opens", async ({ page, browser, baseURL }) => {
  await new ServiceLab(page).open("/data");
  const link = await makeLink(page, "Copy a share link to this workspace");
  expect(unpacked(link).workspace.tickets).toHaveLength(50);
  const other = await elsewhere(browser);
  await other.goto(`${baseURL}/incidents`);
  await expect(other.getByRole("status").filter({ hasText: /incidents$/ })).toHaveText("50 incidents");
  const before = await everything(other);

  const onIncidents = link.replace("/data#", "/incidents#");
  await other.goto(onIncidents);
  await expect(offer(other)).toContainText("50 tickets (50 incidents)");
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Incidents");
  await offer(other).getByRole("button", { name: "Cancel" }).click();
  await expect(offer(other)).toHaveCount(0);
  await expect(other).toHaveURL(`${baseURL}/incidents`);
  expect(await everything(other)).toEqual(before);
  await other.reload();
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Incidents");
  await expect(offer(other)).toHaveCount(0);
  expect(await everything(other)).toEqual(before);

  // A link pasted into the address bar of an open tab changes only the fragment: still offered.
  await other.goto(onIncidents);
  await expect(offer(other).getByRole("button", { name: "Import as a new workspace" })).toBeVisible();
  await other.context().close();
});

test("a workspace too large for a link says so; its design still fits", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/incidents/new");
  await page.getByLabel("Caller", { exact: true }).selectOption({ label: "Ana Silva" });
  await page.getByLabel("Short description", { exact: true }).fill("Scanner dumps noise into the ticket");
  // Random text does not compress: 90,000 characters of it are more than a link carries.
  await page.getByLabel("Description", { exact: true }).fill(randomBytes(67_500).toString("base64"));
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page).toHaveURL("/incidents/INC0001051");

  await app.goTo("Data");
  await page.getByRole("button", { name: "Copy a share link to this workspace" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "This is too much for a link" });
  await expect(alert).toContainText("Share an exported file instead, or share the design alone.");
  await expect(page.getByRole("textbox", { name: "Share link" })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/share-too-large.png`, fullPage: true });
  await makeLink(page, "Copy a share link to its design, no tickets");
});

test("when the browser refuses the clipboard, the link is there to select", async ({ page }) => {
  await page.addInitScript(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException("Write permission denied.", "NotAllowedError"));
  });
  await new ServiceLab(page).open("/data");
  const link = await makeLink(page, "Copy a share link to its design, no tickets");
  await expect(page.getByRole("status").filter({ hasText: "did not let ServiceLab copy it" })).toContainText(
    `A link to the design is ready (${link.length.toLocaleString("en-GB")} characters).`,
  );
  const field = page.getByRole("textbox", { name: "Share link" });
  await expect(field).toHaveAttribute("readonly", "");
  await field.focus();
  expect(await field.evaluate((input: HTMLInputElement) => input.value.slice(input.selectionStart!, input.selectionEnd!))).toBe(link);
  await page.screenshot({ path: `${SHOTS}/share-link.png`, fullPage: true });
});

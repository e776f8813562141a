import { expect, test } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { SECTIONS, ServiceLab } from "./servicelab";

// The folder the README points people to for a look at every page.
const SHOTS = "screenshots";
mkdirSync(SHOTS, { recursive: true });

const slug = (name: string) => name.toLowerCase().replace(/[^a-z]+/g, "-");

test("every section is reachable from the navigation by its name", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/");
  await expect(app.navigation.getByRole("link")).toHaveCount(SECTIONS.length);
  for (const section of [...SECTIONS].reverse()) {
    await app.goTo(section.name);
    await expect(page).toHaveURL(section.path);
    await expect(page).toHaveTitle(`${section.name} · ServiceLab`);
    await expect(app.navLink(section.name)).toHaveAttribute("aria-current", "page");
    await expect(page.getByText(`ITIL 4 practice: ${section.practice}.`)).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/${slug(section.name)}.png`, fullPage: true });
  }
});

test("the header shows the product, the workspace and a running clock", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/");
  await expect(page.getByRole("banner").getByRole("link", { name: "ServiceLab" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Workspace" })).toContainText(/\S/);
  const clock = page.getByRole("group", { name: "App clock" }).locator("time");
  const first = await clock.getAttribute("datetime");
  await expect(clock).not.toHaveAttribute("datetime", first!, { timeout: 3_000 });
});

for (const section of SECTIONS.filter((s) => s.path !== "/")) {
  test(`a deep link to ${section.name} reloads to the same section`, async ({ page }) => {
    const app = new ServiceLab(page);
    await app.open(section.path);
    await expect(app.heading).toHaveText(section.name);
    await page.reload();
    await expect(app.heading).toHaveText(section.name);
    await expect(page).toHaveURL(section.path);
  });
}

test("an unknown address says so and leads back", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/no-such-page");
  await expect(app.heading).toHaveText("Page not found");
  await page.getByRole("link", { name: "go to the dashboard" }).click();
  await expect(app.heading).toHaveText("Dashboard");
});

function luminance(rgb: string): number {
  const [r, g, b] = rgb.match(/\d+/g)!.slice(0, 3).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

test("the dark theme follows the system setting", async ({ page }) => {
  const app = new ServiceLab(page);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: "light" });
  await app.open("/incidents");
  expect(luminance(await background())).toBeGreaterThan(0.8);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(luminance(await background())).toBeLessThan(0.2);
  await page.screenshot({ path: `${SHOTS}/dark-incidents.png`, fullPage: true });
});

test("keyboard users see where focus is and can skip to the content", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe("solid");
});

test("on a phone the navigation folds into a menu", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  const app = new ServiceLab(page);
  await app.open("/");
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(app.navigation).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await page.screenshot({ path: `${SHOTS}/phone-menu.png`, fullPage: true });
  await app.goTo("Problems");
  await expect(app.navigation).toBeHidden();
  await page.screenshot({ path: `${SHOTS}/phone-problems.png`, fullPage: true });
});

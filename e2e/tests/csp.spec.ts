import { expect, test, type Page } from "@playwright/test";
import { createHash } from "node:crypto";
import { SECTIONS, ServiceLab } from "./servicelab";

// The release is served with a strict Content-Security-Policy (as a header
// from _headers, and as a <meta> in index.html for hosts that cannot send
// headers), and the app runs under it without a single violation.

/** Records every CSP violation and every console error of the page. */
async function watchProblems(page: Page) {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  await page.exposeFunction("reportViolation", (text: string) => problems.push(`violation: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportViolation: (text: string) => void }).reportViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return problems;
}

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

test("the release is served with a strict policy, in the header and in the page", async ({ request }) => {
  const response = await request.get("/incidents");
  const header = response.headers()["content-security-policy"];
  expect(header, "e2e/serve.mjs sends the policy from dist/_headers").toBeTruthy();
  const directives = new Map(header.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  expect(directives.get("default-src")).toEqual(["'self'"]);
  expect(directives.get("script-src")!.slice(0, 2)).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  expect(directives.get("script-src")).not.toContain("'unsafe-inline'");
  expect(directives.get("script-src")).not.toContain("'unsafe-eval'");
  expect(directives.get("style-src")).toEqual(["'self'"]);
  expect(directives.get("object-src")).toEqual(["'none'"]);
  expect(directives.get("base-uri")).toEqual(["'none'"]);
  expect(directives.get("frame-ancestors")).toEqual(["'none'"]);

  // Every inline script of the page (Trunk's loader) is allowed by its hash, and nothing else is.
  const html = await response.text();
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  expect(inline.length).toBeGreaterThan(0);
  expect(directives.get("script-src")!.slice(2).sort()).toEqual(inline.map(sha256).sort());

  // The <meta> says the same, less what only a header can say.
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
  expect(meta, "index.html carries the policy").not.toBeNull();
  expect(`${meta![1].replaceAll("&quot;", '"')}; frame-ancestors 'none'`).toBe(header);
  // It comes before any script, or it would not apply to them.
  expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<script"));
});

test("the app boots and works under the policy with no violation", async ({ page }) => {
  const problems = await watchProblems(page);
  const app = new ServiceLab(page);
  await app.open("/");
  for (const section of SECTIONS) await app.goTo(section.name);

  // Create an incident, open the priority matrix and the shortcuts dialog.
  await app.goTo("Incidents");
  await page.getByRole("link", { name: "New incident" }).click();
  await page.getByLabel("Caller", { exact: true }).selectOption({ label: "Ana Silva" });
  await page.getByLabel("Short description", { exact: true }).fill("Printer on floor 3 jams");
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(app.heading).toContainText("INC0001051 · Printer on floor 3 jams");
  await page.goto("/incidents/matrix");
  await expect(app.heading).toContainText("Priority matrix");
  await page.goto("/incidents");
  await page.getByRole("table").getByRole("link", { name: "INC0001048" }).waitFor();
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await page.reload();
  await expect(app.heading).toHaveText("Incidents");

  expect(problems).toEqual([]);
});

test("share links are made, opened and imported under the policy with no violation", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const problems = await watchProblems(page);
  const app = new ServiceLab(page);
  await app.open("/data");
  // CompressionStream, the clipboard, DecompressionStream and history.replaceState need nothing from the policy.
  await page.getByRole("button", { name: "Copy a share link to its design, no tickets" }).click();
  const link = await page.getByRole("textbox", { name: "Share link" }).inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await page.goto(link.replace("/data#", "/incidents#"));
  const offer = page.getByRole("region", { name: "Import from a share link" });
  await offer.getByRole("button", { name: "Import as a new workspace" }).click();
  await expect(offer.getByRole("status")).toContainText("Imported as the new workspace");
  await expect(page).toHaveURL(/\/incidents$/);
  expect(problems).toEqual([]);
});

test("a script injected into the page is refused", async ({ page }) => {
  const app = new ServiceLab(page);
  await app.open("/incidents");
  const refused = (trigger: () => Promise<void>) =>
    Promise.all([
      page.evaluate(
        () =>
          new Promise<string>((resolve) =>
            document.addEventListener("securitypolicyviolation", (e) => resolve(e.effectiveDirective), { once: true }),
          ),
      ),
      trigger(),
    ]).then(([directive]) => directive);

  // An inline <script> element ...
  const viaElement = await refused(() =>
    page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.injected = 'script element'";
      document.body.append(script);
    }),
  );
  expect(viaElement).toBe("script-src-elem");

  // ... and an event handler attribute, as an HTML injection would bring.
  const viaAttribute = await refused(() =>
    page.evaluate(() => {
      const holder = document.createElement("div");
      holder.innerHTML = `<img src="data:," onerror="window.injected = 'handler attribute'">`;
      document.body.append(holder);
    }),
  );
  expect(viaAttribute).toBe("script-src-attr");

  expect(await page.evaluate(() => (window as unknown as { injected?: string }).injected)).toBeUndefined();
  // The app is unharmed.
  await app.goTo("Problems");
});

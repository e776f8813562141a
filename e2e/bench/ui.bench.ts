// The end-to-end benchmark: the release build in headless Chromium, driven
// like a user, with the benchmark suite's workspaces of 1,000, 10,000 and
// 100,000 tickets (benches/workloads.rs, written as the app's own JSON export
// by `cargo run --release --example bench_workspace`).
//
// For each size, in a fresh browser profile on disk (so IndexedDB is on disk,
// as for a user): import the file through the Data section, open it, then
// time each interaction several times in the page (see instrument.ts) and
// print the median of each as a `BENCH {...}` line, also appended to
// target/bench-logs/ui.log for scripts/bench-report.mjs. It asserts nothing
// about time; it fails only when the app does not do what is asked.
//
//   npx playwright test -c playwright.bench.config.ts
//   BENCH_SIZES=1000 BENCH_RUNS=3 npx playwright test -c playwright.bench.config.ts
import { chromium, expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { instrument } from "./instrument";
import { rendererMemory, type RendererMemory } from "./processes";
import { currentId } from "../tests/storage-helpers";

const SIZES = (process.env.BENCH_SIZES ?? "1000,10000,100000").split(",").map((s) => Number(s.replace(/[_,]/g, "")));
/** Timed runs of each interaction (a boot also has one untimed warm-up). */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Imports of the file timed (each adds a workspace; the last one is opened). */
const IMPORT_RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
/** Clock ticks timed at each speed. */
const TICKS = Number(process.env.BENCH_TICKS ?? 10);
const LOG = resolve(process.env.BENCH_LOG ?? "target/bench-logs/ui.log");
const DATA = resolve("target/bench-data");
const PROFILES = resolve("target/bench-profiles");
/** What the search box holds after the timed keystroke (benches/workloads.rs's KEYSTROKE). */
const KEYSTROKE = "print";
const SHOTS = "screenshots";
/** The phase of the garbage collections the benchmark forces before reading memory. */
const FORCED_GC = "forced garbage collection";

type Timed = { ms: number; by: string };
type Figure = Record<string, unknown> & { env: "ui"; size: number; workload: string };

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  mkdirSync(dirname(LOG), { recursive: true });
  writeFileSync(LOG, "");
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

function report(figure: Figure) {
  const line = `BENCH ${JSON.stringify(figure)}`;
  console.log(line);
  appendFileSync(LOG, line + "\n");
}

function timings(size: number, workload: string, runs: number[], extra: Record<string, unknown> = {}) {
  report({ env: "ui", size, workload, median_ms: round(median(runs)), runs_ms: runs.map(round), ...extra });
}

/** The benchmark workspace of `size` tickets as an export file, written if missing. */
function workspaceFile(size: number): string {
  const file = `${DATA}/${size}.json`;
  if (!existsSync(file)) {
    execFileSync("cargo", ["run", "--release", "--offline", "--example", "bench_workspace", "--", String(size), file], { stdio: "inherit" });
  }
  return file;
}

const bench = (page: Page) => ({
  /** Labels the long tasks from now on. */
  phase: (name: string) => page.evaluate((name) => (window as any).__bench.setPhase(name), name),
  /** Arms a measurement, runs the user's action, and waits for every condition. */
  async measure(event: string, conditions: [string, unknown?][], action: () => Promise<unknown>, timeoutMs = 120_000): Promise<Timed[]> {
    await page.evaluate(([event, conditions, timeoutMs]) => (window as any).__bench.arm(event, conditions, timeoutMs), [event, conditions, timeoutMs] as const);
    await action();
    return page.evaluate(() => (window as any).__bench.pending);
  },
  /** Waits until no save was announced and no long task ran for `ms`. */
  async quiet(ms = 1000) {
    await page.waitForFunction(
      (ms) => {
        const b = (window as any).__bench;
        const last = Math.max(0, b.listReady ?? 0, ...b.saves.map((s: any) => s.at), ...b.longTasks.map((t: any) => t.start + t.duration));
        return performance.now() - last > ms;
      },
      ms,
      { polling: 100, timeout: 600_000 },
    );
  },
  /** In phase `phase`, the main thread's busy time after each of the next TICKS ticks of the clock. */
  async ticks(phase: string): Promise<number[]> {
    await page.evaluate((name) => {
      const b = (window as any).__bench;
      b.setPhase(name);
      b.ticks = [];
      b.recordTicks = true;
    }, phase);
    await page.waitForFunction((n) => (window as any).__bench.ticks.length >= n, TICKS, { polling: 200, timeout: 600_000 });
    return page.evaluate(() => {
      (window as any).__bench.recordTicks = false;
      return (window as any).__bench.ticks.splice(0);
    });
  },
  /** The long tasks this document recorded since the last call. */
  longTasks: (): Promise<{ phase: string; start: number; duration: number }[]> =>
    page.evaluate(() => (window as any).__bench.longTasks.splice(0)),
  /** The stored version of workspace `id`, read from its meta record only. */
  storedVersion: (id: string): Promise<number> =>
    page.evaluate(
      (id) =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open("servicelab");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction("meta").objectStore("meta").get(id);
            get.onsuccess = () => {
              open.result.close();
              resolve(JSON.parse(get.result).version);
            };
            get.onerror = () => reject(get.error);
          };
        }),
      id,
    ),
});

/** The "Memory" fact of the Data section, in MB. */
async function memoryFact(page: Page): Promise<{ wasm_mb: number; js_heap_mb: number | null; text: string }> {
  const text = (await page.getByLabel("Memory", { exact: true }).textContent())!.trim();
  const mb = (what: string) => {
    const m = text.match(new RegExp(`([\\d.]+) (KB|MB|GB) of ${what}`));
    return m ? Number(m[1]) * { KB: 1 / 1024, MB: 1, GB: 1024 }[m[2] as "KB" | "MB" | "GB"] : null;
  };
  const wasm = mb("WebAssembly memory");
  if (wasm == null) throw new Error(`the Memory fact gives no WebAssembly memory: “${text}”`);
  return { wasm_mb: wasm, js_heap_mb: mb("JavaScript heap"), text };
}

for (const size of SIZES) {
  test(`the app at ${size.toLocaleString("en")} tickets`, async ({}, testInfo) => {
    const file = workspaceFile(size);
    const profile = `${PROFILES}/${size}`;
    rmSync(profile, { recursive: true, force: true });
    const options = testInfo.project.use;
    const context = await chromium.launchPersistentContext(profile, {
      ...options.launchOptions,
      headless: true,
      baseURL: options.baseURL,
      viewport: options.viewport,
      acceptDownloads: true,
    });
    const longTasks: { phase: string; start: number; duration: number }[] = [];
    try {
      await context.addInitScript(instrument);
      const page = context.pages()[0] ?? (await context.newPage());
      const b = bench(page);
      const heading = page.getByRole("heading", { level: 1 });
      const nav = (name: string) => page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name, exact: true });
      const goTo = async (name: string) => {
        await nav(name).click();
        await expect(heading).toHaveText(name);
      };
      const rowCount = page.getByRole("status").filter({ hasText: /incidents$/ });
      const table = page.getByRole("table", { name: "Incidents" });
      const memory = async (when: string) => {
        await b.quiet();
        // At rest: collect garbage until the JavaScript heap stops shrinking (a file just
        // handed to a download is held until the browser has read it). The long tasks of
        // these forced collections are the benchmark's, not the app's: left out below.
        await b.phase(FORCED_GC);
        await page.evaluate(async () => {
          const used = () => ((performance as any).memory?.usedJSHeapSize ?? 0) as number;
          for (let i = 0, before = Infinity; i < 30 && before - used() > 1 << 20; i++) {
            before = used();
            (window as any).gc?.();
            await new Promise((resolve) => setTimeout(resolve, 1000));
            (window as any).gc?.();
          }
        });
        await b.phase(`memory ${when}`);
        // The fact is read when the section is drawn: draw it afresh.
        await goTo("Dashboard");
        await goTo("Data");
        const fact = await memoryFact(page);
        const renderer: RendererMemory | null = rendererMemory(profile);
        const total = fact.wasm_mb + (fact.js_heap_mb ?? 0);
        report({
          env: "ui",
          size,
          workload: `memory ${when}`,
          wasm_mb: round(fact.wasm_mb),
          js_heap_mb: fact.js_heap_mb == null ? null : round(fact.js_heap_mb),
          total_mb: round(total),
          rss_mb: renderer ? round(renderer.rssMb) : null,
          anon_mb: renderer ? round(renderer.anonMb) : null,
          peak_rss_mb: renderer ? round(renderer.peakRssMb) : null,
          fact: fact.text,
        });
      };

      // A first visit: the demo workspace.
      await page.goto("/data");
      await expect(heading).toHaveText("Data");

      // Import the file as a user would, and time it from the chosen file to the stored
      // workspace: the checks until the preview, then from the click on "Import" until
      // it is stored (the time the user takes to click is not counted).
      await b.phase("import JSON");
      const picker = page.getByLabel("Choose a ServiceLab export (.json)");
      const preview = page.getByRole("region", { name: "Import preview" });
      const checks: number[] = [];
      const stores: number[] = [];
      for (let run = 0; run < IMPORT_RUNS; run++) {
        const [check] = await b.measure("change", [["region", "Import preview"]], () => picker.setInputFiles(file), 1_200_000);
        await expect(preview).toContainText(`${size} tickets`);
        if (size === SIZES[0] && run === 0) await page.screenshot({ path: `${SHOTS}/bench-import-preview.png`, fullPage: true });
        const [stored] = await b.measure(
          "click",
          [["freshStatus", "Imported as the new workspace"]],
          () => preview.getByRole("button", { name: "Import as a new workspace" }).click(),
          1_200_000,
        );
        checks.push(check.ms);
        stores.push(stored.ms);
      }
      timings(
        size,
        "import JSON (UI)",
        checks.map((c, i) => c + stores[i]),
        { check_ms: round(median(checks)), store_ms: round(median(stores)) },
      );

      // Switch to it (this saves the demo and reloads the page): the import's long
      // tasks are collected first, or the reload would drop them.
      longTasks.push(...(await b.longTasks()));
      const demo = await currentId(page);
      await Promise.all([page.waitForEvent("load", { timeout: 600_000 }), page.getByRole("button", { name: /^Open “/ }).click()]);
      await expect(heading).toHaveText("Data", { timeout: 600_000 });
      expect(await currentId(page)).not.toBe(demo);
      await b.quiet(2000);

      // Boot with the workspace in storage, until the list is interactive.
      // The first opening closes what fell due since the file's "now" and saves: a warm-up, not timed.
      longTasks.push(...(await b.longTasks()));
      await b.phase("boot (warm-up)");
      await page.goto("/incidents");
      await expect(rowCount).toHaveText(`${size} incidents`, { timeout: 600_000 });
      await b.quiet(2000);
      const boots: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        longTasks.push(...(await b.longTasks()));
        await b.phase("boot");
        await page.reload();
        await page.waitForFunction(() => (window as any).__bench?.listReady != null, null, { polling: 100, timeout: 600_000 });
        boots.push(await page.evaluate(() => (window as any).__bench.listReady));
        await expect(rowCount).toHaveText(`${size} incidents`);
        await b.quiet();
      }
      timings(size, "boot with the workspace in storage", boots);
      if (size === SIZES[SIZES.length - 1]) await page.screenshot({ path: `${SHOTS}/bench-list.png` });
      await memory("after boot");
      await goTo("Incidents");

      // One keystroke of search: "prin" becomes "print".
      await b.phase("search keystroke");
      const search = page.getByRole("searchbox", { name: "Search incidents" });
      await search.fill(KEYSTROKE);
      await expect(rowCount).toHaveText(/ of /);
      const filtered = (await rowCount.textContent())!.trim();
      const keystrokes: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        await search.fill(KEYSTROKE.slice(0, -1));
        await page.evaluate(() => (window as any).__bench.afterTask());
        const [done] = await b.measure("keydown", [["searched", { value: KEYSTROKE, status: filtered }]], () => page.keyboard.press(KEYSTROKE.slice(-1)));
        keystrokes.push(done.ms);
      }
      timings(size, "search keystroke", keystrokes, { rows: filtered });
      await search.fill("");
      await expect(rowCount).toHaveText(`${size} incidents`);

      // Open a ticket: click a row's number, until its page shows its activity.
      await b.phase("open ticket");
      const opens: number[] = [];
      let active = "";
      for (let run = 0; run < RUNS; run++) {
        const link = table.getByRole("link").nth(run);
        const number = (await link.textContent())!.trim();
        const [done] = await b.measure("click", [["ticket", number]], () => link.click());
        opens.push(done.ms);
        const state = await page.getByLabel("State", { exact: true }).inputValue();
        if (!active && !/Closed|Cancel/.test(state)) active = number;
        await page.goBack();
        await expect(table.getByRole("link").first()).toBeVisible();
      }
      timings(size, "open ticket", opens);

      // Apply one change, a comment, until it is shown and until IndexedDB has it.
      await b.phase("apply change and persist");
      expect(active, "an open ticket among the first rows").not.toBe("");
      await table.getByRole("link", { name: active, exact: true }).click();
      await expect(heading).toContainText(active);
      const id = await currentId(page);
      const shown: number[] = [];
      const persisted: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const words = `Benchmark comment ${run + 1} at ${size} tickets`;
        await page.getByLabel("Comment", { exact: true }).fill(words);
        const before = await b.storedVersion(id);
        const [ui, saved] = await b.measure("click", [["activity", words], ["savedBeyond", before]], () =>
          page.getByRole("button", { name: "Post", exact: true }).click(),
        );
        expect(await b.storedVersion(id)).toBeGreaterThan(before);
        shown.push(ui.ms);
        persisted.push(saved.ms);
      }
      timings(size, "apply change (UI)", shown);
      timings(size, "apply change and persist", persisted);

      // Sort by a column: click the "Short description" header, until the rows are redrawn.
      await goTo("Incidents");
      await b.phase("sort by column");
      const sorts: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const now = await table.getByRole("columnheader", { name: "Short description" }).getAttribute("aria-sort");
        const next = now === "ascending" ? "descending" : "ascending";
        const [done] = await b.measure("click", [["sorted", ["Short description", next]]], () =>
          table.getByRole("button", { name: "Short description" }).click(),
        );
        sorts.push(done.ms);
      }
      timings(size, "sort by column", sorts);

      // The SLA section, as the admin: with the P2 resolution target edited in the draft,
      // a click on the "What if" tab until the comparison is complete; then a click on
      // "Save SLA settings" until the save is announced (every timer worked out again).
      await goTo("SLAs");
      await page.getByRole("combobox", { name: "Acting as" }).selectOption({ label: "Ingrid Larsen · Admin" });
      const slaTabs = page.getByRole("navigation", { name: "SLA pages" });
      const saveBar = page.getByRole("region", { name: "Save SLA settings" });
      const previews: number[] = [];
      const slaSaves: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        await slaTabs.getByRole("link", { name: "Definitions", exact: true }).click();
        await page.getByRole("button", { name: /^Edit P2 resolution/ }).click();
        // 6 h, 7 h, 6 h...: each run's draft differs from what the last run saved.
        await page.getByLabel("Target hours").fill(String(6 + (run % 2)));
        await expect(saveBar.getByText("Unsaved changes")).toBeVisible();
        await b.phase("what-if preview");
        const [preview] = await b.measure("click", [["whatIf"]], () => slaTabs.getByRole("link", { name: "What if", exact: true }).click());
        previews.push(preview.ms);
        await slaTabs.getByRole("link", { name: "Definitions", exact: true }).click();
        await b.phase("save SLA definitions");
        const [saved] = await b.measure("click", [["freshStatus", "Saved"]], () => saveBar.getByRole("button", { name: "Save SLA settings" }).click());
        slaSaves.push(saved.ms);
        await b.quiet();
      }
      timings(size, "what-if preview (UI)", previews);
      timings(size, "save SLA definitions (UI)", slaSaves);

      // A running simulated clock, on the list: the main thread's busy time per one-second tick.
      await goTo("Incidents");
      await expect(rowCount).toHaveText(`${size} incidents`);
      await page.getByRole("button", { name: "Clock", exact: true }).click();
      const panel = page.getByRole("group", { name: "Clock controls" });
      await panel.getByRole("radio", { name: "Simulated" }).check();
      await panel.getByRole("button", { name: "Run" }).click();
      for (const speed of [60, 3600]) {
        await panel.getByRole("combobox", { name: "Speed" }).selectOption({ label: `×${speed}` });
        const ticks = await b.ticks(`clock tick ×${speed}`);
        timings(size, speed === 60 ? "clock tick" : `clock tick ×${speed}`, ticks, { speed, max_ms: round(Math.max(...ticks)) });
      }
      // The same on "Breaching soon", whose rows hang on the timers: at ×60 each tick is a new
      // minute. (The clock's panel covers the views: it is closed while one is chosen.)
      const clockButton = page.getByRole("button", { name: "Clock", exact: true });
      const views = page.getByRole("group", { name: "Saved views" });
      await panel.getByRole("combobox", { name: "Speed" }).selectOption({ label: "×60" });
      await clockButton.click();
      // Its first run reads the SLA line of every active incident: a phase of its own.
      await b.phase("choose Breaching soon");
      await views.getByRole("button", { name: "Breaching soon", exact: true }).click();
      await expect(rowCount).toHaveText(/ of /);
      await clockButton.click();
      const soon = await b.ticks("clock tick, Breaching soon");
      timings(size, "clock tick, Breaching soon", soon, { speed: 60, max_ms: round(Math.max(...soon)) });
      await panel.getByRole("button", { name: "Pause" }).click();
      await clockButton.click();
      await views.getByRole("button", { name: "All incidents", exact: true }).click();
      await expect(rowCount).toHaveText(`${size} incidents`);

      // Export JSON: click Export, until the download has started.
      await goTo("Data");
      await b.phase("export JSON");
      const exports: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const [download, [done]] = await Promise.all([
          page.waitForEvent("download", { timeout: 600_000 }),
          b.measure("click", [["download"]], () => page.getByRole("button", { name: "Export this workspace (JSON)" }).click()),
        ]);
        expect(download.suggestedFilename()).toMatch(/\.json$/);
        await download.delete();
        exports.push(done.ms);
      }
      timings(size, "export JSON (UI)", exports);

      await memory("after the run");
      if (size === SIZES[SIZES.length - 1]) await page.screenshot({ path: `${SHOTS}/bench-data-memory.png`, fullPage: true });

      // Every task over 50 ms in the whole run, by phase.
      longTasks.push(...(await b.longTasks()));
      const appTasks = longTasks.filter((t) => t.phase !== FORCED_GC);
      const byPhase: Record<string, { count: number; longest_ms: number; total_ms: number }> = {};
      for (const t of appTasks) {
        const p = (byPhase[t.phase] ??= { count: 0, longest_ms: 0, total_ms: 0 });
        p.count += 1;
        p.longest_ms = round(Math.max(p.longest_ms, t.duration));
        p.total_ms = round(p.total_ms + t.duration);
      }
      report({
        env: "ui",
        size,
        workload: "long tasks",
        count: appTasks.length,
        longest_ms: round(Math.max(0, ...appTasks.map((t) => t.duration))),
        by_phase: byPhase,
      });
    } catch (error) {
      // What the page showed when it went wrong, for whoever reads the failure.
      await context.pages()[0]?.screenshot({ path: testInfo.outputPath("failure.png"), fullPage: true }).catch(() => {});
      throw error;
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
}

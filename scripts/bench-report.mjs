// Collects the benchmark figures of one `scripts/bench.sh` run, writes them
// to bench/results.json and bench/RESULTS.md, and reports loudly any figure
// more than 20 % slower than the committed ones (a report, not a failure:
// timings move with the machine's load).
//
//   node scripts/bench-report.mjs <browser-log> <criterion-dir> <dist-dir> [<ui-log>]
//   node scripts/bench-report.mjs --ui <ui-log>
//
// <ui-log> holds the `BENCH {"env":"ui",...}` lines of the end-to-end
// benchmark (e2e/bench/). With --ui, only those figures are replaced: the
// other parts of the committed results stay as they were.
import { readFileSync, writeFileSync, existsSync, readdirSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { execSync } from "node:child_process";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import os from "node:os";

const uiOnly = process.argv[2] === "--ui";
const [browserLog, criterionDir, distDir, uiLog] = uiOnly ? [null, null, null, process.argv[3]] : process.argv.slice(2);
const TARGETS = {
  "search keystroke": 16,
  "sort by column": 100,
  "open ticket": 100,
  "apply change and persist": 100,
  "clock tick": 100,
  "recompute all SLA timers": 100,
  "export JSON": 100,
  "import JSON": 100,
};
const RATIO_TARGET = new Set(["search keystroke", "sort by column", "import JSON"]);
const BUDGET_KB = 250;
// The app end to end: each interaction's limit at 100,000 tickets (16 ms for a
// keystroke, 100 ms for the rest); a clock tick must not freeze the page
// (no task over 50 ms); memory under 300 MB.
const UI_TARGETS = {
  "boot with the workspace in storage": 100,
  "import JSON (UI)": 100,
  "search keystroke": 16,
  "sort by column": 100,
  "open ticket": 100,
  "apply change (UI)": 100,
  "apply change and persist": 100,
  "clock tick": 50,
  "clock tick ×3600": 50,
  "clock tick, Breaching soon": 50,
  "export JSON (UI)": 100,
  "what-if preview (UI)": 100,
  "save SLA definitions (UI)": 100,
};
// The domain workload (browser table) each UI figure contains.
const UI_DOMAIN = {
  "import JSON (UI)": "import JSON",
  "search keystroke": "search keystroke",
  "sort by column": "sort by column",
  "open ticket": "open ticket",
  "apply change and persist": "apply change and persist",
  "clock tick": "clock tick",
  "export JSON (UI)": "export JSON",
  "save SLA definitions (UI)": "recompute all SLA timers",
};
const MEMORY_TARGET_MB = 300;

/** The JSON objects after "BENCH " in a log. */
function benchLines(file) {
  const figures = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const at = line.indexOf("BENCH {");
    if (at >= 0) figures.push(JSON.parse(line.slice(at + 6)));
  }
  return figures;
}

// Browser figures: one JSON object per line after "BENCH ".
const browser = [];
let memory = null;
for (const figure of browserLog ? benchLines(browserLog) : []) {
  if (figure.workload === "memory") memory = figure;
  else browser.push(figure);
}
const ui = uiLog && existsSync(uiLog) ? benchLines(uiLog).filter((f) => f.env === "ui") : [];
if (uiLog && ui.length === 0) {
  console.error(`no end-to-end figures in ${uiLog}`);
  process.exit(1);
}

// Native figures: criterion's median estimate of each group/size.
const native = [];
if (criterionDir && existsSync(criterionDir)) {
  for (const group of readdirSync(criterionDir)) {
    const dir = join(criterionDir, group);
    if (group === "report" || !existsSync(dir)) continue;
    for (const size of readdirSync(dir)) {
      const file = join(dir, size, "new", "estimates.json");
      if (!existsSync(file) || !/^\d+$/.test(size)) continue;
      const estimates = JSON.parse(readFileSync(file, "utf8"));
      const title = JSON.parse(readFileSync(join(dir, size, "new", "benchmark.json"), "utf8")).group_id;
      native.push({ workload: title, size: Number(size), median_ms: estimates.median.point_estimate / 1e6 });
    }
  }
}

// The release bundle: wasm + JS + CSS, compressed as a server would send them.
const bundle = [];
for (const name of distDir && existsSync(distDir) ? readdirSync(distDir) : []) {
  if (!/\.(wasm|js|css)$/.test(name)) continue;
  const bytes = readFileSync(join(distDir, name));
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  bundle.push({ file: name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli });
}
const bundleKb = bundle.reduce((n, f) => n + f.brotli, 0) / 1024;

const date = new Date().toISOString();
const commit = execSync("git rev-parse --short HEAD").toString().trim();
const machine = `${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`;
const UI_COMMAND = "npx playwright test -c playwright.bench.config.ts";
const uiRun = ui.length ? { date, commit, machine, command: UI_COMMAND, figures: ui } : null;

// Compare with the committed figures before overwriting them.
const resultsFile = "bench/results.json";
const previous = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, "utf8")) : null;
const run = uiOnly
  ? { ...(previous ?? { native: [], browser: [], memory: null, bundle: null }), ui: uiRun }
  : {
      date,
      commit,
      machine,
      commands: [
        "cargo bench --bench suite",
        "cargo test --release --target wasm32-unknown-unknown --test browser_bench -- --nocapture",
        "trunk build --release",
      ],
      native,
      browser,
      memory,
      bundle: { files: bundle, brotli_kb: Number(bundleKb.toFixed(1)), budget_kb: BUDGET_KB },
      ui: uiRun,
    };
const regressions = [];
if (previous) {
  const key = (env, f) => `${env} ${f.workload} @ ${f.size}`;
  const before = new Map();
  for (const f of previous.native ?? []) before.set(key("native", f), f.median_ms);
  for (const f of previous.browser ?? []) before.set(key("browser", f), f.median_ms);
  for (const f of previous.ui?.figures ?? []) if (f.median_ms != null) before.set(key("ui", f), f.median_ms);
  const check = (env, f) => {
    const old = before.get(key(env, f));
    if (old && old > 0.05 && f.median_ms > old * 1.2) {
      regressions.push(`${key(env, f)}: ${old.toFixed(2)} ms -> ${f.median_ms.toFixed(2)} ms (+${((f.median_ms / old - 1) * 100).toFixed(0)} %)`);
    }
  };
  if (!uiOnly) {
    native.forEach((f) => check("native", f));
    browser.forEach((f) => check("browser", f));
    if (previous.bundle && bundleKb > previous.bundle.brotli_kb * 1.2) {
      regressions.push(`bundle: ${previous.bundle.brotli_kb} KB -> ${bundleKb.toFixed(1)} KB brotli`);
    }
  }
  ui.filter((f) => f.median_ms != null).forEach((f) => check("ui", f));
}

// The Markdown, from `run` alone (with --ui, its other parts are the committed ones).
const fmt = (ms) => (ms == null ? "–" : ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
const lines = ["# Benchmark results", ""];
if (run.date) {
  lines.push(
    `Written by \`bash scripts/bench.sh\` on ${run.date} at commit ${run.commit}.`,
    `Machine: ${run.machine}.`,
    "",
    "Commands: " + run.commands.map((c) => `\`${c}\``).join(", ") + ".",
    "",
    "Medians in milliseconds. *ratio* = ServiceLab in the browser / plain JavaScript doing the same work on the same",
    "data in the same page (target ≤ 1.0 for search, sort and import). *target* = the issue's limit for an interaction",
    "at 100,000 tickets (16 ms for a search keystroke, 100 ms for the rest).",
    "",
    "| workload | tickets | native | browser | JavaScript | ratio | target |",
    "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
  );
  const order = [...new Set(run.browser.map((f) => f.workload))];
  for (const workload of order) {
    for (const f of run.browser.filter((b) => b.workload === workload)) {
      const n = run.native.find((x) => x.workload === workload && x.size === f.size);
      const ratio = f.baseline_ms ? f.median_ms / f.baseline_ms : null;
      const limit = TARGETS[workload];
      let verdict = "";
      if (f.size === 100000 && limit) verdict = f.median_ms <= limit ? `met (< ${limit} ms)` : `**missed** (< ${limit} ms)`;
      if (f.size === 100000 && RATIO_TARGET.has(workload) && ratio != null) {
        verdict += ratio <= 1 ? ", ratio met" : ", **ratio missed**";
      }
      lines.push(`| ${workload} | ${f.size.toLocaleString("en")} | ${fmt(n?.median_ms)} | ${fmt(f.median_ms)} | ${fmt(f.baseline_ms)} | ${ratio == null ? "–" : ratio.toFixed(2)} | ${verdict} |`);
    }
  }
  lines.push("", "## Memory at 100,000 tickets (target < 300 MB)", "");
  lines.push(run.memory ? `WebAssembly memory ${run.memory.wasm_mb} MB, JavaScript heap ${run.memory.js_heap_mb} MB (the page also holds the JavaScript baselines' copies).` : "Not measured.");
} else {
  lines.push("The domain benchmarks have not been run yet: `bash scripts/bench.sh`.");
}

// The app end to end, UI included (e2e/bench/).
if (run.ui) {
  const figures = run.ui.figures;
  const domain = (f) => run.browser?.find((b) => b.workload === UI_DOMAIN[f.workload] && b.size === f.size)?.median_ms;
  const runsOf = (f) => `${f.runs_ms.length} (${fmt(Math.min(...f.runs_ms))}–${fmt(Math.max(...f.runs_ms))})`;
  lines.push(
    "",
    "## The app end to end, UI included",
    "",
    `Written by \`${run.ui.command}\` (\`e2e/bench/\`) on ${run.ui.date} at commit ${run.ui.commit}.`,
    `Machine: ${run.ui.machine}.`,
    "",
    "The release build in headless Chromium, driven like a user in a fresh browser profile on disk: the workspace",
    "of `benches/workloads.rs` is imported from its JSON export through the Data section, opened, then each",
    "interaction is timed in the page with `performance.now()`, from the user's event (key press, click, chosen",
    "file) until the page shows the result with its layout done (the wait for the next frame is not counted).",
    "A boot is timed from the navigation's start until the list shows its row count and first row. A clock tick",
    "is how long the main thread is busy after one tick of a running simulated clock, on the incident list.",
    "*domain* = the same work without the UI (the browser table above). *target* = the issue's limit (16 ms for",
    "a search keystroke, 100 ms for any other interaction, and every clock tick under 50 ms, the longest a page may",
    "freeze).",
    "",
    "| interaction | tickets | median | runs (min–max) | domain | target | verdict |",
    "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
  );
  const timed = figures.filter((f) => f.median_ms != null);
  for (const workload of [...new Set(timed.map((f) => f.workload))]) {
    for (const f of timed.filter((x) => x.workload === workload)) {
      const limit = UI_TARGETS[workload];
      // A tick is not an interaction: every one of them must stay under the freeze limit.
      const every = workload.startsWith("clock tick");
      const judged = every ? Math.max(...f.runs_ms) : f.median_ms;
      const verdict = limit == null ? "" : judged <= limit ? "met" : "**missed**";
      const target = limit == null ? "–" : every ? `each < ${limit} ms` : `< ${limit} ms`;
      lines.push(`| ${workload} | ${f.size.toLocaleString("en")} | ${fmt(f.median_ms)} | ${runsOf(f)} | ${fmt(domain(f))} | ${target} | ${verdict} |`);
    }
  }
  const memories = figures.filter((f) => f.workload.startsWith("memory"));
  if (memories.length) {
    lines.push(
      "",
      `### Memory (target < ${MEMORY_TARGET_MB} MB)`,
      "",
      "Read from the Data section's “Memory” fact once garbage collection frees no more: the tab's WebAssembly",
      "memory (which never shrinks, so it is the most the tab has needed) and JavaScript heap. *renderer* = the",
      "memory of Chromium's renderer process for the page, from `/proc`: its own (RssAnon: heaps, DOM, compiled",
      "code, the browser's buffers), all of it resident (VmRSS, with the shared Chromium binary) and its peak",
      "(VmHWM). The verdict is on WebAssembly + JavaScript heap.",
      "",
      "| tickets | when | WebAssembly | JS heap | total | renderer: own / resident / peak | verdict |",
      "| ---: | --- | ---: | ---: | ---: | ---: | --- |",
    );
    for (const f of memories) {
      const rss = f.rss_mb == null ? "–" : `${fmt(f.anon_mb)} / ${fmt(f.rss_mb)} / ${fmt(f.peak_rss_mb)} MB`;
      const verdict = f.total_mb <= MEMORY_TARGET_MB ? "met" : "**missed**";
      lines.push(`| ${f.size.toLocaleString("en")} | ${f.workload.replace(/^memory /, "")} | ${fmt(f.wasm_mb)} MB | ${fmt(f.js_heap_mb)} MB | ${fmt(f.total_mb)} MB | ${rss} | ${verdict} |`);
    }
  }
  const tasks = figures.filter((f) => f.workload === "long tasks");
  if (tasks.length) {
    lines.push(
      "",
      "### Long tasks (the page must never freeze for more than 50 ms)",
      "",
      "Every task over 50 ms during the whole run (PerformanceObserver “longtask”), by what the run was doing",
      "(the garbage collections the benchmark forces before reading memory are left out).",
      "",
      "| tickets | tasks over 50 ms | longest | where (count, longest) | verdict |",
      "| ---: | ---: | ---: | --- | --- |",
    );
    for (const f of tasks) {
      const where = Object.entries(f.by_phase).map(([phase, p]) => `${phase}: ${p.count}, ${fmt(p.longest_ms)} ms`).join("; ");
      lines.push(`| ${f.size.toLocaleString("en")} | ${f.count} | ${fmt(f.longest_ms)} ms | ${where || "–"} | ${f.count === 0 ? "met" : "**missed**"} |`);
    }
  }
}

if (run.bundle) {
  const kb = run.bundle.brotli_kb;
  lines.push("", `## Bundle (budget ${BUDGET_KB} KB brotli for wasm + JS + CSS)`, "", "| file | raw | gzip | brotli |", "| --- | ---: | ---: | ---: |");
  for (const f of run.bundle.files) lines.push(`| ${f.file.replace(/-[0-9a-f]{16}/, "")} | ${(f.raw / 1024).toFixed(1)} KB | ${(f.gzip / 1024).toFixed(1)} KB | ${(f.brotli / 1024).toFixed(1)} KB |`);
  lines.push(`| **total** | | | **${kb.toFixed(1)} KB** (${kb <= BUDGET_KB ? "within" : "over"} budget) |`);
}
const costs = "bench/DEPENDENCY-COSTS.md";
if (existsSync(costs)) lines.push("", readFileSync(costs, "utf8").trim());
mkdirSync("bench", { recursive: true });
writeFileSync("bench/RESULTS.md", lines.join("\n") + "\n");
writeFileSync(resultsFile, JSON.stringify(run, null, 2) + "\n");

console.log(lines.join("\n"));
if (regressions.length) {
  const bar = "!".repeat(72);
  console.log(`\n\x1b[1;31m${bar}\nREGRESSION: ${regressions.length} figure(s) more than 20 % worse than the committed results:\n  ${regressions.join("\n  ")}\n${bar}\x1b[0m`);
} else if (previous) {
  console.log("\nNo figure is more than 20 % worse than the committed results.");
}

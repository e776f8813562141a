// Collects the benchmark figures of one `scripts/bench.sh` run, writes them
// to bench/results.json and bench/RESULTS.md, and reports loudly any figure
// more than 20 % slower than the committed ones (a report, not a failure:
// timings move with the machine's load).
//
//   node scripts/bench-report.mjs <browser-log> <criterion-dir> <dist-dir>
import { readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { execSync } from "node:child_process";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import os from "node:os";

const [browserLog, criterionDir, distDir] = process.argv.slice(2);
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

// Browser figures: one JSON object per line after "BENCH ".
const browser = [];
let memory = null;
for (const line of readFileSync(browserLog, "utf8").split("\n")) {
  const at = line.indexOf("BENCH {");
  if (at < 0) continue;
  const figure = JSON.parse(line.slice(at + 6));
  if (figure.workload === "memory") memory = figure;
  else browser.push(figure);
}

// Native figures: criterion's median estimate of each group/size.
const native = [];
if (existsSync(criterionDir)) {
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
for (const name of existsSync(distDir) ? readdirSync(distDir) : []) {
  if (!/\.(wasm|js|css)$/.test(name)) continue;
  const bytes = readFileSync(join(distDir, name));
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  bundle.push({ file: name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli });
}
const bundleKb = bundle.reduce((n, f) => n + f.brotli, 0) / 1024;

const run = {
  date: new Date().toISOString(),
  commit: execSync("git rev-parse --short HEAD").toString().trim(),
  machine: `${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
  commands: [
    "cargo bench --bench suite",
    "cargo test --release --target wasm32-unknown-unknown --test browser_bench -- --nocapture",
    "trunk build --release",
  ],
  native,
  browser,
  memory,
  bundle: { files: bundle, brotli_kb: Number(bundleKb.toFixed(1)), budget_kb: BUDGET_KB },
};

// Compare with the committed figures before overwriting them.
const resultsFile = "bench/results.json";
const previous = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, "utf8")) : null;
const regressions = [];
if (previous) {
  const key = (env, f) => `${env} ${f.workload} @ ${f.size}`;
  const before = new Map();
  for (const f of previous.native ?? []) before.set(key("native", f), f.median_ms);
  for (const f of previous.browser ?? []) before.set(key("browser", f), f.median_ms);
  const check = (env, f) => {
    const old = before.get(key(env, f));
    if (old && old > 0.05 && f.median_ms > old * 1.2) {
      regressions.push(`${key(env, f)}: ${old.toFixed(2)} ms -> ${f.median_ms.toFixed(2)} ms (+${((f.median_ms / old - 1) * 100).toFixed(0)} %)`);
    }
  };
  native.forEach((f) => check("native", f));
  browser.forEach((f) => check("browser", f));
  if (previous.bundle && bundleKb > previous.bundle.brotli_kb * 1.2) {
    regressions.push(`bundle: ${previous.bundle.brotli_kb} KB -> ${bundleKb.toFixed(1)} KB brotli`);
  }
}

// The Markdown table: one row per workload and size, native beside browser beside JavaScript.
const fmt = (ms) => (ms == null ? "–" : ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
const lines = [
  "# Benchmark results",
  "",
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
];
const order = [...new Set(browser.map((f) => f.workload))];
for (const workload of order) {
  for (const f of browser.filter((b) => b.workload === workload)) {
    const n = native.find((x) => x.workload === workload && x.size === f.size);
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
lines.push(memory ? `WebAssembly memory ${memory.wasm_mb} MB, JavaScript heap ${memory.js_heap_mb} MB (the page also holds the JavaScript baselines' copies).` : "Not measured.");
lines.push("", `## Bundle (budget ${BUDGET_KB} KB brotli for wasm + JS + CSS)`, "", "| file | raw | gzip | brotli |", "| --- | ---: | ---: | ---: |");
for (const f of bundle) lines.push(`| ${f.file.replace(/-[0-9a-f]{16}/, "")} | ${(f.raw / 1024).toFixed(1)} KB | ${(f.gzip / 1024).toFixed(1)} KB | ${(f.brotli / 1024).toFixed(1)} KB |`);
lines.push(`| **total** | | | **${bundleKb.toFixed(1)} KB** (${bundleKb <= BUDGET_KB ? "within" : "over"} budget) |`);
const costs = "bench/DEPENDENCY-COSTS.md";
if (existsSync(costs)) lines.push("", readFileSync(costs, "utf8").trim());
writeFileSync("bench/RESULTS.md", lines.join("\n") + "\n");
writeFileSync(resultsFile, JSON.stringify(run, null, 2) + "\n");

console.log(lines.join("\n"));
if (regressions.length) {
  const bar = "!".repeat(72);
  console.log(`\n\x1b[1;31m${bar}\nREGRESSION: ${regressions.length} figure(s) more than 20 % worse than the committed results:\n  ${regressions.join("\n  ")}\n${bar}\x1b[0m`);
} else if (previous) {
  console.log("\nNo figure is more than 20 % worse than the committed results.");
}

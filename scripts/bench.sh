#!/usr/bin/env bash
# The benchmark suite. It needs no person and asserts nothing about time
# (timed tests flake on a busy machine): it prints figures, writes them to
# bench/RESULTS.md and bench/results.json, and warns loudly when a figure is
# more than 20 % worse than the committed ones.
#   1. native, criterion: every workload at 1,000, 10,000 and 100,000 tickets
#      (benches/suite.rs), plus the SLA replay of issue 4 (benches/sla_replay.rs)
#   2. the same workloads in headless Chromium (release wasm, performance.now()),
#      each beside plain JavaScript doing the same work in the same page
#   3. the release bundle's size, raw, gzip and brotli
#   4. the app end to end in headless Chromium, UI included (e2e/bench/): the
#      same workspaces imported through the Data section, then boot, search,
#      sort, open, comment and save, clock ticks, export, memory, long tasks
#
#   bash scripts/bench.sh        everything (about 20 minutes)
#   bash scripts/bench.sh --ui   part 4 alone; the other committed figures stay
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh --browser
source scripts/env.sh
logs="target/bench-logs"
mkdir -p "$logs" bench
quiet() { grep -v "^\s*\(Compiling\|Finished\|Running\|Benchmarking\|Warning: Unable\)" || true; }

# Part 4: writes the workspaces as export files under target/bench-data (never
# committed), then runs the Playwright harness on the release build in dist/.
end_to_end() {
  echo
  echo "== the app end to end (release build, UI included) =="
  for n in 1000 10000 100000; do
    cargo run --release --offline --quiet --example bench_workspace -- "$n" "target/bench-data/$n.json"
  done
  BENCH_LOG="$logs/ui.log" npx playwright test -c playwright.bench.config.ts > "$logs/ui-run.log" 2>&1 \
    || { tail -n 40 "$logs/ui-run.log"; echo "the end-to-end benchmark failed"; exit 1; }
  grep -c "BENCH {" "$logs/ui.log" | xargs -I{} echo "{} end-to-end figures"
}

if [ "${1:-}" = "--ui" ]; then
  echo "== release bundle =="
  trunk build --release --offline 2>&1 | tail -n 1
  end_to_end
  echo
  node scripts/bench-report.mjs --ui "$logs/ui.log"
  exit 0
fi

echo "== native (criterion, release build) =="
cargo bench --offline --bench suite 2>&1 | tee "$logs/native.log" | grep -E "^[a-zA-Z].*/[0-9]+|time:" | quiet
cargo bench --offline --bench sla_replay 2>&1 | quiet
cargo bench --offline --bench sla_whatif 2>&1 | quiet
cargo bench --offline --bench exchange 2>&1 | quiet

echo
echo "== headless Chromium (release wasm) =="
WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-900}" cargo test --offline --release --target wasm32-unknown-unknown --test browser_bench -- --nocapture \
  > "$logs/browser.log" 2>&1 || { tail -n 30 "$logs/browser.log"; echo "the browser benchmark failed"; exit 1; }
grep -c "BENCH {" "$logs/browser.log" | xargs -I{} echo "{} browser figures"

echo
echo "== release bundle =="
trunk build --release --offline 2>&1 | tail -n 1

{
  echo "## What each dependency costs"
  echo
  echo "Code bytes per crate in the release wasm before wasm-opt (generic code charged to the crate it was"
  echo "instantiated for), from \`node scripts/dependency-costs.mjs target/wasm32-unknown-unknown/release/servicelab.wasm\`."
  echo "A crate's share carries over roughly to the optimised, compressed bundle above."
  echo
  node scripts/dependency-costs.mjs "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/servicelab.wasm"
} > bench/DEPENDENCY-COSTS.md

end_to_end

echo
node scripts/bench-report.mjs "$logs/browser.log" "${CARGO_TARGET_DIR:-target}/criterion" dist "$logs/ui.log"

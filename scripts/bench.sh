#!/usr/bin/env bash
# Benchmarks that print figures (they assert nothing about time):
#   1. native: filter, search and sort 100,000 incidents; measure 200,000 SLA timers; export and
#      import 50,000 incidents (cargo bench)
#   2. the same workloads in headless Chromium (release wasm, performance.now())
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh --browser
source scripts/env.sh

echo "== native (release build) =="
cargo bench --offline --bench incident_list 2>&1 | grep -v "^\s*\(Compiling\|Finished\|Running\)"
cargo bench --offline --bench sla_timers 2>&1 | grep -v "^\s*\(Compiling\|Finished\|Running\)"
cargo bench --offline --bench sla_replay 2>&1 | grep -v "^\s*\(Compiling\|Finished\|Running\)"
cargo bench --offline --bench exchange 2>&1 | grep -v "^\s*\(Compiling\|Finished\|Running\)"

echo
echo "== headless Chromium (release wasm) =="
cargo test --offline --release --target wasm32-unknown-unknown --test browser_bench -- --nocapture 2>&1 \
  | grep -E "^(browser:|\|)" || { echo "the browser benchmark failed"; exit 1; }

#!/usr/bin/env bash
# Installs what is missing, then runs every ServiceLab test:
#   1. native tests of the domain and UI logic (cargo test)
#   2. browser tests in headless Chromium (wasm-bindgen-test)
#   3. end-to-end tests of the release build in headless Chromium (Playwright),
#      which also write a screenshot of every section to screenshots/
# Ends with one line: "tests: N passed, N failed".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh --browser
source scripts/env.sh

logs="target/test-logs"
mkdir -p "$logs"
step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

step "native tests (cargo test)"
cargo test --offline 2>&1 | tee "$logs/native.log"

# Opt-in: FUZZ_SECONDS=20 bash scripts/test.sh also fuzzes the importer (see scripts/fuzz.sh).
if [ -n "${FUZZ_SECONDS:-}" ]; then
  step "fuzzing the importer for ${FUZZ_SECONDS} s (cargo-fuzz)"
  bash scripts/fuzz.sh "$FUZZ_SECONDS"
fi

step "browser tests in headless Chromium (wasm-bindgen-test)"
cargo test --offline --target wasm32-unknown-unknown --test browser 2>&1 | tee "$logs/browser.log"

step "release build (trunk build --release)"
trunk build --release --offline 2>&1 | tail -n 3

step "end-to-end tests of the release build (Playwright + Chromium)"
npx playwright test 2>&1 | tee "$logs/e2e.log"

# Every suite passed (set -e would have stopped us otherwise); add up what ran.
count() { grep -hoE "test result: ok\. [0-9]+ passed" "$@" | awk '{ n += $4 } END { print n + 0 }'; }
native=$(count "$logs/native.log")
browser=$(count "$logs/browser.log")
e2e=$(node -e 'const s=require("./'"$logs"'/e2e.json").stats; console.log(s.expected + " " + (s.unexpected + s.flaky))')
e2e_passed=${e2e% *}; e2e_failed=${e2e#* }
step "summary"
echo "native: $native passed; browser: $browser passed; end-to-end: $e2e_passed passed"
echo "screenshots of every section: $root/screenshots/"
echo "tests: $((native + browser + e2e_passed)) passed, $e2e_failed failed"
[ "$e2e_failed" -eq 0 ]

#!/usr/bin/env bash
# Fuzzes the importer for a bounded time with cargo-fuzz (libFuzzer), on the stable toolchain:
#
#   bash scripts/fuzz.sh [seconds]        (default 20)
#
# The target (fuzz/fuzz_targets/import.rs) feeds arbitrary bytes to
# servicelab::storage::exchange::fuzz::fuzz_import, which panics if the importer panics or if a
# file it accepts does not survive export -> import -> export byte for byte. libFuzzer starts
# from the exports in tests/fixtures/exchange/ and a dictionary of the format's words.
#
# cargo-fuzz passes rustc flags that only nightly accepts: RUSTC_BOOTSTRAP=1 lets the stable
# compiler take them, and `-s none` leaves out the sanitizers (they need a nightly standard
# library; the code is safe Rust, so panics are what the run looks for). The first run installs
# cargo-fuzz (about 4 minutes on two cores) and builds the app with coverage instrumentation
# (10 to 45 minutes on a busy two-core machine); later runs start in seconds. A crash is saved
# under fuzz/artifacts/import/ and can be replayed with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run -s none -O import fuzz/artifacts/import/<file>
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/env.sh"
seconds="${1:-20}"

if ! command -v cargo-fuzz >/dev/null; then
  echo "installing cargo-fuzz (once)"
  cargo install cargo-fuzz --locked
fi

corpus="$root/fuzz/corpus/import"
mkdir -p "$corpus"
cd "$root/fuzz"
export RUSTC_BOOTSTRAP=1
cargo fuzz run -s none -O import "$corpus" "$root/tests/fixtures/exchange" -- \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -dict="$root/fuzz/import.dict" -print_final_stats=1

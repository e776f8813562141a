#!/usr/bin/env bash
# Builds the release into dist/ (wasm-opt -Oz, hashed file names) and prints
# the size of every file, raw, gzip and brotli, against the size budget.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
source scripts/env.sh
start=$(date +%s)
trunk build --release --offline
echo "release build took $(( $(date +%s) - start )) s"
node scripts/sizes.mjs dist

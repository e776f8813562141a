#!/usr/bin/env bash
# Builds ServiceLab as one HTML file that opens from disk, with no server and
# nothing to install: what an instructor mails to a class.
#
#   bash scripts/single-file.sh [workspace.json] [output.html]
#
# With a workspace (a JSON file exported from ServiceLab), the file opens on it
# the first time, in a browser where nothing is stored yet; a workspace that
# is already stored is never replaced. The output defaults to
# dist-single/servicelab.html. Builds the release (dist/) first.
set -euo pipefail
workspace="${1:-}"
out="${2:-}"
# Paths are the caller's, so resolve them before moving to the repository.
if [ -n "$workspace" ]; then
  [ -f "$workspace" ] || { echo "single-file.sh: no such file: $workspace" >&2; exit 2; }
  workspace="$(realpath "$workspace")"
fi
[ -n "$out" ] && out="$(realpath -m "$out")"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
source scripts/env.sh
trunk build --release --offline
args=(--dist dist --out "${out:-$root/dist-single/servicelab.html}")
[ -n "$workspace" ] && args+=(--workspace "$workspace")
node scripts/single-file.mjs "${args[@]}"

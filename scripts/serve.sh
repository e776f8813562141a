#!/usr/bin/env bash
# Installs what is missing, then serves ServiceLab on http://127.0.0.1:8080
# (rebuilding on every change). Stop it with Ctrl+C.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
source scripts/env.sh
echo "ServiceLab will be at http://127.0.0.1:8080 once the first build finishes."
exec trunk serve --address 127.0.0.1 --port 8080 "$@"

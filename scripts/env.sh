# Sourced by the other scripts: puts the project's tools on PATH.
# Trunk only looks for wasm-opt on PATH, and npm installs it in node_modules/.bin.
_servicelab_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$_servicelab_root/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
unset _servicelab_root

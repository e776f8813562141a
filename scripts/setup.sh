#!/usr/bin/env bash
# Installs what ServiceLab needs to build (and, with --browser, to test), skipping
# everything that is already there at the right version. Safe to run again and
# again: a second run takes a few seconds.
#
#   scripts/setup.sh            wasm32 target, Trunk, wasm-bindgen CLI, npm tools (wasm-opt, Playwright)
#   scripts/setup.sh --browser  the same, plus Chromium and ChromeDriver from Debian
#
# Everything comes from the crates, npm and Debian registries; nothing else is downloaded.
# Source this file's environment with:  source scripts/env.sh
set -euo pipefail

TRUNK_VERSION="0.21.14"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/env.sh
source scripts/env.sh

want_browser=false
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=true ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "setup.sh: $1 is required but not installed. $2" >&2; exit 1; }
}
need cargo "Install Rust with rustup first (https://rustup.rs)."
need rustup "ServiceLab adds the wasm32 target through rustup."
need node "Install Node.js 20 or newer."
need npm "Install npm (it comes with Node.js)."

# 1. The WebAssembly target.
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: present"
else
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. Trunk, the build tool and dev server (0.22 needs a newer rustc than 1.95).
if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then
  say "trunk $TRUNK_VERSION: present"
else
  say "installing trunk $TRUNK_VERSION (about 10 minutes of compiling, once)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

# 3. The wasm-bindgen CLI, at exactly the version Cargo.lock pins.
bindgen_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ -z "$bindgen_version" ]; then
  echo "setup.sh: could not read the wasm-bindgen version from Cargo.lock" >&2; exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $bindgen_version" ] \
  && command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
  say "wasm-bindgen-cli $bindgen_version: present"
else
  # Not --locked: one of its locked dependency versions is missing from the registry mirror.
  say "installing wasm-bindgen-cli $bindgen_version (about 5 minutes of compiling, once)"
  cargo install --force "wasm-bindgen-cli@$bindgen_version"
fi

# 4. npm tools: binaryen's wasm-opt for release builds, Playwright for end-to-end tests.
stamp="node_modules/.servicelab-lock"
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
  say "npm tools: present"
else
  say "installing npm tools (wasm-opt, Playwright)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

# 5. Chromium and ChromeDriver for the browser tests (Playwright cannot download its own here).
if $want_browser; then
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    say "chromium and chromedriver: present"
  else
    say "installing chromium and chromium-driver from Debian"
    sudo_cmd=""
    if [ "$(id -u)" -ne 0 ]; then
      need sudo "Run as root or install sudo to install Chromium."
      sudo_cmd="sudo"
    fi
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver
  fi
fi

# 6. Crates, so that later builds can run offline.
cargo fetch --quiet
say "ready"

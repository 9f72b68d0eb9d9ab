#!/usr/bin/env bash
# The web dashboard (web/): install its npm packages from the lockfile, build it into web/dist and test it.
#
#   scripts/web.sh            install + build + unit tests (Vitest)
#   scripts/web.sh build      install + build
#   scripts/web.sh unit       install + unit tests
#   scripts/web.sh e2e        install + build + the browser end-to-end test (needs FOOTFALL_BINARY, Debian's
#                             chromium; screenshots in FOOTFALL_SCREENSHOT_DIR)
#
# `npm ci` runs only when node_modules is missing or older than package-lock.json, so repeated runs (ctest runs
# unit and e2e one after the other) install once. Packages come from the npm registry; no browser is downloaded
# (playwright-core drives /usr/bin/chromium).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
web="$here/web"
mode="${1:-all}"

cd "$web"
if ! command -v npm >/dev/null; then
  echo "web.sh: npm not found (install Node.js 20.19 or newer)" >&2
  exit 1
fi

install() {
  # One install at a time: ctest may start web_unit and web_e2e together.
  exec 9>"$web/.npm-install.lock"
  flock 9
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "web.sh: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  flock -u 9
}

build() {
  exec 8>"$web/.npm-build.lock"
  flock 8
  npm run --silent build
  flock -u 8
}

case "$mode" in
  all)   install; build; npm test ;;
  build) install; build ;;
  unit)  install; npm test ;;
  e2e)
    install; build
    : "${FOOTFALL_BINARY:?set FOOTFALL_BINARY to the footfall executable}"
    if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
      echo "web.sh: ${CHROMIUM:-/usr/bin/chromium} not found: install Debian's chromium (scripts/install-deps.sh)" >&2
      exit 1
    fi
    node e2e/dashboard.e2e.mjs ;;
  *) echo "usage: scripts/web.sh [all|build|unit|e2e]" >&2; exit 2 ;;
esac

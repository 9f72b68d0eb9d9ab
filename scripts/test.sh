#!/usr/bin/env bash
# Installs the packages, builds (release preset) and runs every test with CTest. This is what CI runs.
# Tests use real models and media from ../shared (beside the checkout) and Debian's opencv-doc and darknet.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh release
ctest --preset release -j 2 --timeout 900

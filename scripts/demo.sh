#!/usr/bin/env bash
# Quick start: installs the packages, builds, and counts people in vtest.avi (from Debian's opencv-doc) into the
# embedded SQLite database (demo/footfall.db), then prints a summary. Uses the default model when it can be found
# (FOOTFALL_MODELS, ../shared/models, the cache, or a download); otherwise falls back to OpenCV's HOG with a warning.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh release
mkdir -p demo
rm -f demo/footfall.db demo/footfall.db-wal demo/footfall.db-shm
./build/release/apps/footfall/footfall run --config configs/demo.yaml
echo
echo "Stored counts (first rows of demo/footfall.db):"
./build/release/apps/footfall/footfall export --database demo/footfall.db --format csv | sed -n 1,6p
echo "..."
echo
echo "Door-line crossings (first rows):"
./build/release/apps/footfall/footfall export --database demo/footfall.db --what crossings --format csv | sed -n 1,6p
./build/release/apps/footfall/footfall heatmap --database demo/footfall.db --camera demo --out demo/heatmap.png
echo "Heatmap of where people walked: demo/heatmap.png"
echo "Try: ./build/release/apps/footfall/footfall count /usr/share/doc/opencv-doc/examples/data/vtest.avi --fps 2"

#!/usr/bin/env bash
# Quick start: installs the packages, builds, and counts people in vtest.avi (from Debian's opencv-doc) into the
# embedded SQLite database (demo/footfall.db), then prints a summary; then writes eight weeks of simulated store
# traffic and prints a store report (demo/report/report.html) and a staffing plan. Uses the default model when it can
# be found (FOOTFALL_MODELS, ../shared/models, the cache, or a download); otherwise falls back to OpenCV's HOG with a
# warning.
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
echo
# Store analytics need weeks of data: eight weeks of clearly labelled SIMULATED traffic and sales before the video's
# day, then a week's report (HTML with charts) and the staffing the next week needs (from the forecast).
./build/release/apps/footfall/footfall simulate --config configs/demo.yaml --store demo-store --weeks 8 --until 2026-11-23
./build/release/apps/footfall/footfall report --config configs/demo.yaml --store demo-store --from 2026-11-16 \
  --to 2026-11-22 --format html --out demo/report
./build/release/apps/footfall/footfall report --config configs/demo.yaml --store demo-store --from 2026-11-16 \
  --to 2026-11-22 --format table | sed -n 1,22p
echo "..."
./build/release/apps/footfall/footfall staffing --config configs/demo.yaml --store demo-store --week 2026-W48 | grep -v "^0[0-7] \|^2[1-3] "
echo "Try: ./build/release/apps/footfall/footfall count /usr/share/doc/opencv-doc/examples/data/vtest.avi --fps 2"

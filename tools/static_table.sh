#!/usr/bin/env bash
# Static false positives per model on clips without ground truth (vtest.avi and the shared indoor clips):
#   MODELS="a b" tools/static_table.sh [FOOTFALL_BINARY]
# Each model runs at its manifest threshold unless THRESHOLD is set.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-$here/../build/release/apps/footfall/footfall}"
media="$here/../../shared/media/intel-sample-videos"
clips=(/usr/share/doc/opencv-doc/examples/data/vtest.avi "$media/one-by-one-person-detection.mp4"
       "$media/people-detection.gif" "$media/worker-zone-detection.gif" "$media/face-demographics-walking-and-pause.gif")
models="${MODELS:-$("$bin" models list | awk 'NR>1 {print $1}')}"
for model in $models; do
  extra=()
  [ -n "${THRESHOLD:-}" ] && extra=(--threshold "$THRESHOLD")
  for clip in "${clips[@]}"; do
    printf '%-26s ' "$model"
    "$bin" count "$clip" --model "$model" --fps 5 --format json --no-download "${extra[@]}" 2>/dev/null |
      python3 "$here/static_false_positives.py"
  done
done

#!/usr/bin/env bash
# Measures every model for choosing the default: per-frame count MAE/bias/exact on both TUD sequences over a
# threshold sweep (footfall eval), and static false positives on vtest.avi and the shared indoor clip
# (footfall count --format json | tools/static_false_positives.py). Latency: footfall bench --all-models.
#   tools/model_table.sh [FOOTFALL_BINARY] > model_table.txt
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-$here/../build/release/apps/footfall/footfall}"
shared="$here/../../shared"
thresholds="${THRESHOLDS:-0.15,0.2,0.25,0.3,0.35,0.4,0.45,0.5,0.55,0.6}"
models="${MODELS:-$("$bin" models list | awk 'NR>1 {print $1}')}"
for model in $models; do
  for seq in tud-stadtmitte:TUD-Stadtmitte tud-campus:TUD-Campus; do
    dir="${seq%%:*}"; name="${seq##*:}"
    echo "== $model $name"
    if [ "$model" = hog ]; then
      "$bin" eval "$shared/datasets/$dir/$name.mp4" --gt "$shared/datasets/$dir/gt.txt" --model hog \
        --thresholds "$thresholds" --no-download
    else
      "$bin" eval "$shared/datasets/$dir/$name.mp4" --gt "$shared/datasets/$dir/gt.txt" --model "$model" \
        --thresholds "$thresholds" --no-download
    fi
  done
done

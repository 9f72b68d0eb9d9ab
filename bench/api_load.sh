#!/usr/bin/env bash
# API load benchmark (issue 5): `wrk` from a second process against the hourly time series of a store over 30 days,
# at 200 concurrent connections, while the same `footfall serve` analyses a live RTSP camera at 5 fps. Prints
# wrk's latency distribution and requests per second, and the camera's analysed fps and dropped frames measured
# over the load window (from /api/v1/cameras before and after).
#
#   bench/api_load.sh [BUILD_DIR]          default build/release (needs the footfall binary and tests/tools)
#
# Environment: CONNECTIONS (200), DURATION (30s), WRK_THREADS (2), SERVER_THREADS (64: request threads of the
# server), ROUTE (the path and query to load; default the 30-day hourly store series), CAMERA_FPS (5), WRK_NICE (0:
# the load generator's nice; on a 2-core box wrk's own CPU competes with the camera, which a client on another
# machine would not; WRK_NICE=19 runs it at the lowest priority to approximate that).
# Not part of the test command: it runs for about two minutes and its figures depend on the machine.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build/release}"
footfall="$build/apps/footfall/footfall"
rtsp_server="$build/tests/tools/rtsp_server"
clip=/usr/share/doc/opencv-doc/examples/data/vtest.avi
connections="${CONNECTIONS:-200}"
duration="${DURATION:-30s}"
wrk_threads="${WRK_THREADS:-2}"
server_threads="${SERVER_THREADS:-64}"
camera_fps="${CAMERA_FPS:-5}"
wrk_nice="${WRK_NICE:-0}"

die() { echo "api_load: $*" >&2; exit 1; }
[ -x "$footfall" ] || die "no footfall binary at $footfall (build first: scripts/build.sh)"
[ -x "$rtsp_server" ] || die "no RTSP test server at $rtsp_server (build the footfall_test_tools target)"
command -v wrk >/dev/null || die "wrk is not installed (scripts/install-deps.sh installs it)"
command -v curl >/dev/null || die "curl is not installed"
[ -f "$clip" ] || die "no sample clip at $clip (Debian package opencv-doc)"

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# A live camera: the clip served over RTSP in real time at 10 fps (795 frames: 80 s, longer than the load window).
"$rtsp_server" 0 /cam "$clip" 10 >"$work/rtsp.out" 2>"$work/rtsp.err" &
pids+=($!)
for _ in $(seq 100); do grep -q '^ready' "$work/rtsp.out" && break; sleep 0.1; done
rtsp_port="$(awk '/^ready/ {print $2}' "$work/rtsp.out")"
[ -n "$rtsp_port" ] || die "the RTSP test server did not start: $(cat "$work/rtsp.err")"

http_port="$(free_port)"
cat >"$work/footfall.yaml" <<EOF
database: $work/footfall.db
server:
  port: $http_port
  threads: $server_threads
cameras:
  door:
    source: rtsp://127.0.0.1:$rtsp_port/cam
    sampling:
      fps: $camera_fps
    lines:
      entrance:
        points: [[0.05, 0.55], [0.95, 0.55]]
stores:
  bench-store:
    timezone: Europe/Berlin
    hours:
      daily: "09:00-20:00"
    entry_lines:
      - {camera: door, line: entrance}
EOF

today="$(date -u +%Y-%m-%d)"
echo "api_load: seeding 5 weeks of simulated traffic ..."
"$footfall" simulate --config "$work/footfall.yaml" --store bench-store --weeks 5 --until "$today" >"$work/simulate.out"

"$footfall" serve --config "$work/footfall.yaml" >"$work/serve.out" 2>"$work/serve.err" &
serve_pid=$!
pids+=($serve_pid)
base="http://127.0.0.1:$http_port"
for _ in $(seq 200); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$base/healthz" >/dev/null || die "footfall serve did not come up: $(tail -5 "$work/serve.err")"

# Wait until the camera analyses frames, then let its rate settle.
camera_field() { curl -fs "$base/api/v1/cameras" | python3 -c "import json,sys; print([c for c in json.load(sys.stdin) if c['name']=='bench-store.door'][0]['health']['$1'])"; }
for _ in $(seq 100); do [ "$(camera_field frames_analysed)" -gt 0 ] && break; sleep 0.2; done
sleep 3

from="$(date -u -d "$today -30 days" +%Y-%m-%d)"
route="${ROUTE:-/api/v1/stores/bench-store/series?from=$from&to=$today&bucket=hour}"
rows="$(curl -fs "$base$route" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["rows"]))')"
echo "api_load: route $route -> $rows rows"

analysed_before="$(camera_field frames_analysed)"
dropped_before="$(camera_field frames_dropped)"
start_ns="$(date +%s%N)"
nice -n "$wrk_nice" wrk -t"$wrk_threads" -c"$connections" -d"$duration" --timeout 10s --latency "$base$route" | tee "$work/wrk.out"
end_ns="$(date +%s%N)"
analysed_after="$(camera_field frames_analysed)"
dropped_after="$(camera_field frames_dropped)"
state="$(camera_field state)"

kill -0 "$serve_pid" 2>/dev/null || die "footfall serve died under load: $(tail -5 "$work/serve.err")"
seconds="$(python3 -c "print(($end_ns - $start_ns) / 1e9)")"
python3 - "$work/wrk.out" "$seconds" "$analysed_before" "$analysed_after" "$dropped_before" "$dropped_after" \
  "$camera_fps" "$state" "$connections" "$wrk_nice" <<'EOF'
import re, sys
wrk, seconds, a0, a1, d0, d1, fps, state, conns, wrk_nice = sys.argv[1:]
text = open(wrk).read()
def find(pattern):
    m = re.search(pattern, text)
    return m.group(1) if m else "?"
seconds = float(seconds)
analysed = int(a1) - int(a0)
dropped = int(d1) - int(d0)
print()
print("api_load summary")
print(f"  connections          {conns} (wrk at nice {wrk_nice})")
rps = find(r'Requests/sec:\s+([\d.]+)')
p50 = find(r'50%\s+(\S+)')
p99 = find(r'99%\s+(\S+)')
errors = find(r'(Socket errors:.*)') if 'Socket errors' in text else 'none'
if 'Non-2xx' in text:
    errors += '; ' + find(r'(Non-2xx or 3xx responses: \d+)')
print(f"  requests/s           {rps}")
print(f"  latency p50 / p99    {p50} / {p99}")
print(f"  errors               {errors}")
print(f"  camera state         {state}")
print(f"  camera analysed fps  {analysed / seconds:.2f} (configured {fps}) over {seconds:.1f} s")
print(f"  camera dropped       {dropped} frames during the load")
EOF

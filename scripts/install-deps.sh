#!/usr/bin/env bash
# Installs everything footfall needs to build, test and run, from Debian 12 packages. Run as root (or via sudo).
# Idempotent: packages already present are skipped quickly.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config git
  # libraries (see docs/architecture.md for why each)
  libopencv-dev libsqlite3-dev libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
  libssl-dev libcpp-httplib-dev libhowardhinnant-date-dev
  # report charts: cairo (2D graphics) and a font it can always find
  libcairo2-dev fonts-dejavu-core
  # chains (issue 6): PostgreSQL client library and server (the tests start their own), MQTT client and broker
  libpqxx-dev libpq-dev postgresql mosquitto libmosquitto-dev mosquitto-clients
  # video decoding through FFmpeg (live streams decode through its libraries directly, issue 6) and GStreamer (the
  # RTSP test server)
  ffmpeg libavformat-dev libavcodec-dev libswscale-dev libavutil-dev gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-libav libgstrtspserver-1.0-dev
  # tests and benchmarks (chromium: the dashboard's browser test, driven by playwright-core from npm)
  libgtest-dev libgmock-dev libbenchmark-dev sqlite3 chromium
  # the API load benchmark (bench/api_load.sh)
  wrk
  # the server's TLS test makes a self-signed certificate with the openssl command
  openssl
  # public test media: vtest.avi (opencv-doc) and sample photos (darknet)
  opencv-doc darknet
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"

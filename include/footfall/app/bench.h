// `footfall bench`: decode-only throughput, detector latency (1 and 2 threads), end-to-end throughput of the
// same code path `footfall count` runs, and peak memory.
#pragma once

#include <string>
#include <vector>

#include "footfall/config/config.h"
#include "footfall/core/params.h"
#include "footfall/core/result.h"

namespace footfall {

struct LatencyStats {
  int threads = 0;
  std::size_t frames = 0;
  double median_ms = 0.0;
  double p95_ms = 0.0;
  double mean_ms = 0.0;
};

struct BenchReport {
  std::string input;
  std::string model;
  std::int64_t decoded_frames = 0;
  double decode_fps = 0.0;                 // decode only, every frame, one thread
  std::vector<LatencyStats> latency;       // detect only, per thread count
  double detect_fps = 0.0;                 // 1000 / mean latency at the end-to-end thread count
  std::int64_t end_to_end_frames = 0;
  double end_to_end_fps = 0.0;             // decode + detect + count, every frame, pipelined
  double ratio = 0.0;                      // end_to_end_fps / min(decode_fps, detect_fps)
  int end_to_end_threads = 2;
  // Tracking, lines and zones in the end-to-end run (what `count` and the service add to detection):
  std::size_t tracking_lines = 0;
  std::size_t tracking_zones = 0;
  double tracking_seconds = 0.0;       // time spent in TrackCounter::update over the end-to-end run
  double tracking_overhead = 0.0;      // tracking_seconds / (end-to-end seconds - tracking_seconds)
  std::int64_t crossings = 0;
  long peak_rss_kb = 0;
};

struct BenchOptions {
  std::string input;
  ModelParams model;
  DetectParams detect;
  std::size_t latency_frames = 200;  // frames held in memory for the latency runs
  std::vector<int> thread_counts{1, 2};
  int end_to_end_threads = 2;
  // Lines and zones counted during the end-to-end run; empty means bench_default_lines()/bench_default_zones().
  std::vector<LineConfig> lines;
  std::vector<ZoneConfig> zones;
};

// Three horizontal lines at 1/3, 1/2 and 2/3 of the height, and two zones (left and right halves).
std::vector<LineConfig> bench_default_lines();
std::vector<ZoneConfig> bench_default_zones();

Result<BenchReport> run_bench(const BenchOptions& options);

// Peak resident set size of this process so far, in kilobytes.
long peak_rss_kb();

}  // namespace footfall

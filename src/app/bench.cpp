#include "footfall/app/bench.h"

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <numeric>

#include <opencv2/core/utility.hpp>

#include "footfall/app/count_run.h"
#include "footfall/app/track_counter.h"
#include "footfall/detect/detector.h"
#include "footfall/ingest/source.h"

namespace footfall {

namespace {

using Steady = std::chrono::steady_clock;

double ms_since(Steady::time_point t) { return std::chrono::duration<double, std::milli>(Steady::now() - t).count(); }

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(pos);
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

}  // namespace

long peak_rss_kb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

Result<BenchReport> run_bench(const BenchOptions& options) {
  BenchReport report;
  report.input = options.input;
  SystemClock clock;
  SourceSpec spec;
  spec.uri = options.input;

  // 1. Decode only: every frame, keeping the first latency_frames in memory for step 2.
  std::vector<cv::Mat> frames;
  {
    auto source = make_source(spec, clock);
    if (source->is_live()) return make_error(options.input + ": bench needs a file, not a live source");
    if (Status s = source->open(); !s) return s.error();
    const auto start = Steady::now();
    Frame frame;
    while (source->read(frame) == ReadStatus::frame) {
      ++report.decoded_frames;
      if (frames.size() < options.latency_frames) frames.push_back(frame.image.clone());
    }
    const double ms = ms_since(start);
    source->close();
    if (report.decoded_frames == 0) return make_error(options.input + ": no frame could be decoded");
    report.decode_fps = static_cast<double>(report.decoded_frames) * 1000.0 / ms;
  }

  // 2. Detect only, on frames in memory, at each thread count (after a short warm-up).
  for (int threads : options.thread_counts) {
    DetectParams params = options.detect;
    params.threads = threads;
    auto detector = create_detector(options.model, params);
    if (!detector) return detector.error();
    report.model = (*detector)->name();
    for (std::size_t i = 0; i < std::min<std::size_t>(5, frames.size()); ++i) (*detector)->detect(frames[i]);
    std::vector<double> times;
    times.reserve(frames.size());
    for (const cv::Mat& image : frames) {
      const auto start = Steady::now();
      (*detector)->detect(image);
      times.push_back(ms_since(start));
    }
    LatencyStats stats;
    stats.threads = threads;
    stats.frames = times.size();
    stats.median_ms = percentile(times, 0.5);
    stats.p95_ms = percentile(times, 0.95);
    stats.mean_ms = std::accumulate(times.begin(), times.end(), 0.0) / static_cast<double>(times.size());
    if (threads == options.end_to_end_threads) report.detect_fps = 1000.0 / stats.mean_ms;
    report.latency.push_back(stats);
  }
  frames.clear();
  frames.shrink_to_fit();

  // 3. End to end: the `footfall count` path (decode thread + detection + counting), every frame.
  {
    DetectParams params = options.detect;
    params.threads = options.end_to_end_threads;
    report.end_to_end_threads = options.end_to_end_threads;
    auto detector = create_detector(options.model, params);
    if (!detector) return detector.error();
    if (report.detect_fps == 0.0) {
      // No latency run at this thread count: measure detect-only throughput on the first frames now.
      return make_error("bench: --threads list must include the end-to-end thread count");
    }
    FrameAnalyzer analyzer(std::move(*detector), "bench");
    auto source = make_source(spec, clock);
    std::atomic<bool> stop{false};
    std::int64_t persons = 0;
    TrackCounter tracker(options.lines.empty() ? bench_default_lines() : options.lines,
                         options.zones.empty() ? bench_default_zones() : options.zones);
    auto result = count_source_checked(
        *source, analyzer, CountRunOptions{},
        [&](const Frame& frame, const FrameCount& c) -> Status {
          persons += c.count;
          FrameCount counted = c;
          const auto start = Steady::now();
          // With the frame, as `footfall count` and `run` do: the appearance descriptors are part of the cost.
          auto tracked = tracker.update(counted, frame.image);
          report.tracking_seconds += ms_since(start) / 1000.0;
          if (!tracked) return tracked.error();
          report.crossings += static_cast<std::int64_t>(tracked->crossings.size());
          return {};
        },
        stop);
    if (!result) return result.error();
    (void)tracker.flush();
    report.end_to_end_frames = result->frames;
    report.end_to_end_fps = static_cast<double>(result->frames) / result->seconds;
    report.tracking_lines = tracker.lines().size();
    report.tracking_zones = tracker.zones().size();
    const double untracked = result->seconds - report.tracking_seconds;
    report.tracking_overhead = untracked > 0.0 ? report.tracking_seconds / untracked : 0.0;
  }
  report.ratio = report.end_to_end_fps / std::min(report.decode_fps, report.detect_fps);
  report.peak_rss_kb = peak_rss_kb();
  return report;
}

std::vector<LineConfig> bench_default_lines() {
  std::vector<LineConfig> lines;
  for (float y : {1.0f / 3.0f, 0.5f, 2.0f / 3.0f}) {
    LineConfig line;
    line.name = "y" + std::to_string(static_cast<int>(y * 100.0f + 0.5f));
    line.a = {0.02f, y};
    line.b = {0.98f, y};
    line.normalized = true;
    lines.push_back(line);
  }
  return lines;
}

std::vector<ZoneConfig> bench_default_zones() {
  ZoneConfig left;
  left.name = "left";
  left.polygon = {{0.0f, 0.0f}, {0.5f, 0.0f}, {0.5f, 1.0f}, {0.0f, 1.0f}};
  left.normalized = true;
  ZoneConfig right = left;
  right.name = "right";
  right.polygon = {{0.5f, 0.0f}, {1.0f, 0.0f}, {1.0f, 1.0f}, {0.5f, 1.0f}};
  right.queue = true;
  return {left, right};
}

}  // namespace footfall

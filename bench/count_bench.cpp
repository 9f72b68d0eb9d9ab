// Counting cost per analysed frame: LineCounter + ZoneTracker update with 30 confirmed tracks, 3 lines, 3 zones
// (Google Benchmark). Tracks oscillate across the lines and through the zones, so crossings and visits happen.
//   ninja -C build/release count_bench && build/release/bench/count_bench
#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "footfall/core/track.h"
#include "footfall/count/heatmap_grid.h"
#include "footfall/count/line_counter.h"
#include "footfall/count/zone_tracker.h"

namespace {

using footfall::Point;
using footfall::Track;
using footfall::Tracks;

constexpr int kTracks = 30;
constexpr int kFrames = 600;  // a 24 s loop at 25 fps
constexpr footfall::TimestampMs kFrameMs = 40;

// Frames of 30 tracks, each walking up and down a 1280x720 scene on its own column and phase.
std::vector<Tracks> make_frames() {
  std::vector<Tracks> frames(kFrames);
  for (int f = 0; f < kFrames; ++f) {
    for (int i = 0; i < kTracks; ++i) {
      const double phase = 2.0 * 3.14159265358979 * (f / 200.0 + i / static_cast<double>(kTracks));
      const auto foot_x = static_cast<float>(40 + i * 40 + 20 * std::sin(phase * 3.0));
      const auto foot_y = static_cast<float>(380 + 300 * std::sin(phase));
      Track t;
      t.id = i + 1;
      t.box = footfall::Box{foot_x - 25.0f, foot_y - 150.0f, 50.0f, 150.0f};
      t.state = footfall::TrackState::confirmed;
      t.hits = 10;
      t.confidence = 0.8f;
      frames[f].push_back(t);
    }
  }
  return frames;
}

std::vector<footfall::LineParams> lines() {
  return {{"entrance", {0, 200}, {1280, 200}}, {"aisle", {100, 400}, {1200, 380}}, {"exit", {50, 600}, {1000, 650}}};
}

std::vector<footfall::ZoneParams> zones() {
  return {{"shelf", {{0, 0}, {640, 0}, {640, 360}, {0, 360}}, 1.0, false},
          {"checkout", {{640, 360}, {1280, 360}, {1280, 720}, {900, 720}, {640, 500}}, 1.0, true},
          {"promo", {{100, 300}, {400, 250}, {500, 600}, {300, 700}, {80, 550}}, 2.0, false}};
}

void lines_and_zones(benchmark::State& state) {
  const std::vector<Tracks> frames = make_frames();
  footfall::LineCounter counter(lines());
  footfall::ZoneTracker tracker(zones());
  footfall::TimestampMs t = 0;
  std::size_t f = 0;
  std::int64_t events = 0;
  for (auto _ : state) {
    const Tracks& tracks = frames[f];
    auto crossings = counter.update(tracks, t);
    auto visits = tracker.update(tracks, t);
    events += static_cast<std::int64_t>(crossings.size() + visits.size());
    benchmark::DoNotOptimize(crossings.data());
    benchmark::DoNotOptimize(visits.data());
    f = f + 1 == frames.size() ? 0 : f + 1;
    t += kFrameMs;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["events_per_update"] =
      benchmark::Counter(static_cast<double>(events) / static_cast<double>(state.iterations()));
}
BENCHMARK(lines_and_zones);

void heatmap_add(benchmark::State& state) {
  const std::vector<Tracks> frames = make_frames();
  footfall::HeatmapGrid grid(1280, 720);
  std::size_t f = 0;
  for (auto _ : state) {
    grid.add(frames[f]);
    f = f + 1 == frames.size() ? 0 : f + 1;
  }
  benchmark::DoNotOptimize(grid.total());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(heatmap_add);

}  // namespace

BENCHMARK_MAIN();

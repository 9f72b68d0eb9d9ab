// Tracker throughput: updates per second with N people in view (Google Benchmark). Bar: >= 20,000 updates/s with 30.
//   ninja -C build/track track_bench && build/track/bench/track_bench --benchmark_filter=tracker_update
// Input: seeded random walks in a 1920x1080 frame, 25 fps, with 2 px jitter, 5% missed detections and a few
// low-confidence ones, without or with appearance descriptors; the detections are generated before timing.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "footfall/track/tracker.h"

namespace {

struct Frame {
  footfall::TimestampMs t = 0;
  footfall::Detections detections;
};

// With appearance: each person wears one colour histogram (appearance_bins square-rooted bins, unit length) and
// every detection of them a noisy copy, as app/appearance_descriptor.h gives.
std::vector<Frame> make_frames(int people, int frames, int appearance_bins = 0) {
  std::mt19937 rng(42);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::normal_distribution<double> normal(0.0, 1.0);
  struct Person {
    double x, y, vx, vy;
  };
  std::vector<Person> crowd;
  const int columns = 6;
  for (int i = 0; i < people; ++i) {  // one cell of a 6-column grid each, so people overlap only a little
    crowd.push_back({320.0 * (i % columns) + 100.0, 200.0 * (i / columns) + 10.0, 40.0 * (unit(rng) - 0.5),
                     20.0 * (unit(rng) - 0.5)});
  }
  std::vector<std::vector<float>> looks(static_cast<std::size_t>(people));
  for (auto& look : looks) {
    for (int b = 0; b < appearance_bins; ++b) look.push_back(static_cast<float>(unit(rng) * unit(rng)));
  }
  const auto described = [&](const std::vector<float>& look) {
    std::vector<float> d;
    float norm = 0.0f;
    for (float v : look) {
      d.push_back(v * static_cast<float>(0.8 + 0.4 * unit(rng)));
      norm += d.back() * d.back();
    }
    for (float& v : d) v /= std::sqrt(norm);
    return d;
  };
  std::vector<Frame> out;
  const double dt = 0.04;
  for (int f = 0; f < frames; ++f) {
    Frame frame;
    frame.t = static_cast<footfall::TimestampMs>(f) * 40;
    for (std::size_t i = 0; i < crowd.size(); ++i) {
      Person& p = crowd[i];
      p.vx = std::clamp(p.vx + normal(rng) * 2.0, -40.0, 40.0);
      p.vy = std::clamp(p.vy + normal(rng) * 1.0, -20.0, 20.0);
      p.x += p.vx * dt;
      p.y += p.vy * dt;
      if (unit(rng) < 0.05) continue;
      const float confidence = unit(rng) < 0.1 ? 0.3f : static_cast<float>(0.6 + 0.35 * unit(rng));
      frame.detections.push_back({footfall::Box{static_cast<float>(p.x + 2.0 * normal(rng)),
                                                static_cast<float>(p.y + 2.0 * normal(rng)), 60.0f, 150.0f},
                                  confidence, 0,
                                  appearance_bins > 0 ? described(looks[i]) : std::vector<float>{}});
    }
    out.push_back(std::move(frame));
  }
  return out;
}

void tracker_update(benchmark::State& state) {
  const int people = static_cast<int>(state.range(0));
  const std::vector<Frame> frames = make_frames(people, 1000, static_cast<int>(state.range(1)));
  footfall::Tracker tracker;
  std::size_t next = 0;
  footfall::TimestampMs offset = 0;
  std::size_t confirmed = 0;
  for (auto _ : state) {
    const Frame& frame = frames[next];
    const footfall::Tracks tracks = tracker.update(frame.detections, frame.t + offset);
    benchmark::DoNotOptimize(tracks.data());
    confirmed += tracks.size();
    if (++next == frames.size()) {  // replay, later in time
      next = 0;
      offset += frames.back().t + 40;
    }
  }
  state.counters["updates_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["tracks_per_update"] =
      static_cast<double>(confirmed) / static_cast<double>(std::max<benchmark::IterationCount>(state.iterations(), 1));
}

}  // namespace

// Arguments: people in view, appearance bins per detection (0 = none; 128 = app/appearance_descriptor.h).
BENCHMARK(tracker_update)->Args({5, 0})->Args({30, 0})->Args({100, 0})->Args({30, 128})->Args({100, 128});

BENCHMARK_MAIN();

// Seeded random walks of people in separate horizontal lanes (their boxes never overlap), observed as detections with
// jitter, random single misses and occasional longer occlusion gaps. Used by the tracker property tests and the
// benchmark-like tests; deterministic for a given seed.
#pragma once

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "footfall/core/detection.h"
#include "footfall/core/time.h"

namespace footfall::test {

struct WalkOptions {
  int people = 5;
  double fps = 25.0;
  double seconds = 20.0;
  double max_speed = 60.0;          // px/s
  double speed_change = 10.0;       // random walk of the speed, px/s per sqrt(s)
  double turn_acceleration = 15.0;  // px/s^2, within 250 px of the left and right edges
  double jitter_px = 2.0;           // detection position noise (standard deviation)
  double miss_probability = 0.05;   // per person and frame
  double gap_probability = 0.01;    // per person and frame: start an occlusion gap
  double gap_seconds = 0.8;         // gap length (keep below the tracker's lost_track_seconds)
  std::uint32_t seed = 1;
};

struct WalkFrame {
  TimestampMs t = 0;
  Detections detections;
  std::vector<int> person_of_detection;  // same order as detections
  std::vector<Box> truth;                // true box per person
};

inline std::vector<WalkFrame> simulate_walks(const WalkOptions& o) {
  std::mt19937 rng(o.seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::normal_distribution<double> normal(0.0, 1.0);
  const double width = 1280.0;
  const double lane = 150.0;
  constexpr double kTurnZone = 250.0;
  struct Person {
    double x, y, w, h, vx;
    double gap_until = -10.0;
  };
  std::vector<Person> people;
  for (int i = 0; i < o.people; ++i) {
    const double h = 100.0 + 30.0 * unit(rng);
    people.push_back({250.0 + 700.0 * unit(rng), lane * i + 5.0, h * 0.4, h, (2.0 * unit(rng) - 1.0) * o.max_speed});
  }
  const int frames = static_cast<int>(o.seconds * o.fps);
  const double dt = 1.0 / o.fps;
  std::vector<WalkFrame> out;
  for (int f = 0; f < frames; ++f) {
    const double now = f * dt;
    WalkFrame frame;
    frame.t = 1'700'000'000'000 + static_cast<TimestampMs>(now * 1000.0 + 0.5);
    for (int i = 0; i < o.people; ++i) {
      Person& p = people[static_cast<std::size_t>(i)];
      if (f > 0) {
        // Near the edges people turn around gradually (no instant reversal: no tracker can see through that).
        double accel = 0.0;
        if (p.x < kTurnZone) accel = o.turn_acceleration;
        if (p.x + p.w > width - kTurnZone) accel = -o.turn_acceleration;
        p.vx = std::clamp(p.vx + accel * dt + normal(rng) * o.speed_change * std::sqrt(dt), -o.max_speed, o.max_speed);
        p.x = std::clamp(p.x + p.vx * dt, 0.0, width - p.w);
      }
      frame.truth.push_back(
          {static_cast<float>(p.x), static_cast<float>(p.y), static_cast<float>(p.w), static_cast<float>(p.h)});
      // Gaps and single misses are separated by visible stretches, so that no occlusion lasts longer than
      // gap_seconds plus one frame.
      const bool settled = now >= p.gap_until + 1.0;
      if (f > 10 && settled && unit(rng) < o.gap_probability) p.gap_until = now + o.gap_seconds;
      if (f > 0 && settled && now >= p.gap_until && unit(rng) < o.miss_probability) p.gap_until = now + dt * 0.5;
      const bool missed = now < p.gap_until;
      const double jx = normal(rng) * o.jitter_px;
      const double jy = normal(rng) * o.jitter_px;
      const double js = 1.0 + normal(rng) * 0.02;
      const float confidence = static_cast<float>(0.65 + 0.3 * unit(rng));
      if (missed) continue;
      Detection d;
      d.box = {static_cast<float>(p.x + jx), static_cast<float>(p.y + jy), static_cast<float>(p.w * js),
               static_cast<float>(p.h * js)};
      d.confidence = confidence;
      frame.detections.push_back(d);
      frame.person_of_detection.push_back(i);
    }
    out.push_back(std::move(frame));
  }
  return out;
}

}  // namespace footfall::test

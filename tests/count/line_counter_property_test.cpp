// Property tests of LineCounter on seeded random walks, in random line orientations.
//
// Walks are built in line coordinates: u along the segment (0..length), v the signed distance to its line
// (v > 0 on the right-hand side, which is `in`). The noise-free path alternates between far excursions
// (|v| >= 20, well past the 10 px band) and dwelling near the line (|v| <= 5); jitter is at most 4 px, so a
// noisy point is settled only on the noise-free path's side. The expected crossings are exactly the side
// changes between consecutive far excursions of the noise-free path.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "count_test_util.h"
#include "footfall/count/line_counter.h"

namespace footfall {
namespace {

using testing::track_at;

struct Frame {
  float u = 0.0f;
  float v = 0.0f;
};

struct Walk {
  std::vector<Frame> frames;
  std::vector<CrossingDirection> expected;
};

class LineFrame {
 public:
  explicit LineFrame(std::mt19937& rng) {
    std::uniform_real_distribution<float> angle(0.0f, 6.2831853f);
    std::uniform_real_distribution<float> coord(200.0f, 800.0f);
    std::uniform_real_distribution<float> len(120.0f, 400.0f);
    const float theta = angle(rng);
    length_ = len(rng);
    dx_ = std::cos(theta);
    dy_ = std::sin(theta);
    line_ = LineParams{"l", {coord(rng), coord(rng)}, {}};
    line_.b = {line_.a.x + dx_ * length_, line_.a.y + dy_ * length_};
  }
  // Right-hand normal of a->b in image coordinates (y down) is (-dy, dx).
  Point to_image(Frame f) const {
    return {line_.a.x + f.u * dx_ - f.v * dy_, line_.a.y + f.u * dy_ + f.v * dx_};
  }
  const LineParams& line() const { return line_; }
  float length() const { return length_; }

 private:
  LineParams line_;
  float length_ = 0.0f;
  float dx_ = 1.0f;
  float dy_ = 0.0f;
};

// Noise-free walk; u stays well inside the segment so that every traversal crosses the segment itself.
Walk random_walk(std::mt19937& rng, float length) {
  std::uniform_real_distribution<float> u_dist(0.2f * length, 0.8f * length);
  std::uniform_real_distribution<float> far(20.0f, 80.0f);
  std::uniform_int_distribution<int> dwell_frames(0, 30);
  std::bernoulli_distribution coin(0.5);
  Walk walk;
  float u = u_dist(rng);
  int side = coin(rng) ? 1 : -1;
  float v = static_cast<float>(side) * far(rng);
  walk.frames.push_back({u, v});
  auto move_to = [&](float u_to, float v_to) {
    const int steps = 1 + static_cast<int>(std::abs(v_to - v) / 6.0f);
    const float u0 = u;
    const float v0 = v;
    for (int i = 1; i <= steps; ++i) {
      const float f = static_cast<float>(i) / static_cast<float>(steps);
      walk.frames.push_back({u0 + (u_to - u0) * f, v0 + (v_to - v0) * f});
    }
    u = u_to;
    v = v_to;
  };
  std::uniform_real_distribution<float> near(-5.0f, 5.0f);
  for (int excursion = 0; excursion < 12; ++excursion) {
    // Dwell near the line for a while (possibly not at all), then head to a far point on either side.
    const int dwell = dwell_frames(rng);
    if (dwell > 0) move_to(u_dist(rng), near(rng));
    for (int i = 0; i < dwell; ++i) walk.frames.push_back({u, near(rng)});
    if (!walk.frames.empty()) v = walk.frames.back().v;
    const int next = coin(rng) ? 1 : -1;
    move_to(u_dist(rng), static_cast<float>(next) * far(rng));
    if (next != side) walk.expected.push_back(next > 0 ? CrossingDirection::in : CrossingDirection::out);
    side = next;
  }
  return walk;
}

std::vector<CrossingDirection> run(const LineFrame& frame, const std::vector<Frame>& frames, std::mt19937& rng,
                                   float noise) {
  std::uniform_real_distribution<float> jitter(-noise, noise);
  LineCounter counter({frame.line()});
  std::vector<CrossingDirection> seen;
  TimestampMs t = 0;
  for (const Frame& f : frames) {
    const Point p = frame.to_image({f.u + jitter(rng), f.v + jitter(rng)});
    for (const LineCrossing& c : counter.update({track_at(7, p)}, t)) seen.push_back(c.direction);
    t += 40;
  }
  const LineTotals totals = counter.totals("l");
  EXPECT_EQ(static_cast<std::size_t>(totals.in + totals.out), seen.size());
  return seen;
}

TEST(LineCounterProperty, RandomWalksWithJitterCountExactlyTheTrueSideChanges) {
  std::mt19937 rng(20261125);
  std::size_t total_expected = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const LineFrame frame(rng);
    const Walk walk = random_walk(rng, frame.length());
    const auto seen = run(frame, walk.frames, rng, 4.0f);
    ASSERT_EQ(seen, walk.expected) << "trial " << trial;
    total_expected += walk.expected.size();
  }
  EXPECT_GT(total_expected, 500u);  // the walks really do cross, many times
}

TEST(LineCounterProperty, StoppingOnTheLineAndLeavingWhereItCameFromNeverCounts) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> far(20.0f, 80.0f);
  std::uniform_real_distribution<float> near(-9.0f, 9.0f);  // anywhere in the band, either side of the line
  std::uniform_int_distribution<int> dwell(1, 60);
  for (int trial = 0; trial < 300; ++trial) {
    const LineFrame frame(rng);
    const float side = trial % 2 == 0 ? 1.0f : -1.0f;
    const float u = frame.length() / 2.0f;
    std::vector<Frame> frames{{u, side * far(rng)}};
    for (int i = dwell(rng); i > 0; --i) frames.push_back({u, near(rng)});
    frames.push_back({u, side * far(rng)});
    EXPECT_TRUE(run(frame, frames, rng, 0.0f).empty()) << "trial " << trial;
  }
}

TEST(LineCounterProperty, CrossingsBesideTheSegmentNeverCount) {
  std::mt19937 rng(99);
  std::uniform_real_distribution<float> beyond(15.0f, 150.0f);
  std::uniform_real_distribution<float> far(20.0f, 80.0f);
  for (int trial = 0; trial < 300; ++trial) {
    const LineFrame frame(rng);
    // Back and forth across the extension, beyond one end or the other.
    const float u = trial % 2 == 0 ? -beyond(rng) : frame.length() + beyond(rng);
    std::vector<Frame> frames;
    for (int i = 0; i < 8; ++i) frames.push_back({u, (i % 2 == 0 ? 1.0f : -1.0f) * far(rng)});
    EXPECT_TRUE(run(frame, frames, rng, 4.0f).empty()) << "trial " << trial;
  }
}

TEST(LineCounterProperty, TurningBackAlwaysCountsOneInAndOneOut) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> far(20.0f, 80.0f);
  for (int trial = 0; trial < 300; ++trial) {
    const LineFrame frame(rng);
    const float u = frame.length() / 2.0f;
    const std::vector<Frame> frames{{u, -far(rng)}, {u, far(rng)}, {u, -far(rng)}};
    const auto seen = run(frame, frames, rng, 0.0f);
    ASSERT_EQ(seen, (std::vector<CrossingDirection>{CrossingDirection::in, CrossingDirection::out}))
        << "trial " << trial;
  }
}

}  // namespace
}  // namespace footfall

// Property test of ZoneTracker visits on seeded random presence patterns: a track alternates runs inside a zone
// with gaps in which it is missing, lost, tentative or outside. Gaps shorter than the inertia never end a visit;
// longer ones always do, and each visit runs from the first to the last update inside.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "count_test_util.h"
#include "footfall/count/zone_tracker.h"

namespace footfall {
namespace {

using testing::track_at;

constexpr TimestampMs kFrameMs = 100;
constexpr double kInertiaS = 1.0;  // 10 frames
constexpr Point kInside{150, 150};
constexpr Point kOutside{400, 150};

TEST(ZoneTrackerProperty, VisitsSurviveGapsShorterThanTheInertiaAndEndAfterLongerOnes) {
  std::mt19937 rng(424242);
  std::uniform_int_distribution<int> run_frames(1, 25);
  std::uniform_int_distribution<int> short_gap(1, 9);   // absent 100..900 ms < 1 s
  std::uniform_int_distribution<int> long_gap(10, 40);  // absent >= 1 s
  std::uniform_int_distribution<int> absence_kind(0, 3);
  std::bernoulli_distribution is_long(0.4);
  int total_visits = 0;
  for (int trial = 0; trial < 200; ++trial) {
    ZoneTracker zones({ZoneParams{"z", {{100, 100}, {200, 100}, {200, 200}, {100, 200}}, kInertiaS, false}});
    std::vector<ZoneVisit> expected;
    std::vector<ZoneVisit> seen;
    TimestampMs t = 0;
    auto feed = [&](const Tracks& tracks) {
      for (auto& v : zones.update(tracks, t)) seen.push_back(v);
      t += kFrameMs;
    };
    ZoneVisit current{"z", 1, 0, 0, 0};
    bool open = false;
    const int runs = 1 + trial % 8;
    for (int r = 0; r < runs; ++r) {
      if (!open) current.enter_ms = t;
      open = true;
      for (int i = run_frames(rng); i > 0; --i) {
        current.exit_ms = t;
        // A second, always-outside track must not disturb anything.
        feed({track_at(1, kInside), track_at(2, kOutside)});
      }
      const bool long_absence = is_long(rng);
      const int gap = long_absence ? long_gap(rng) : short_gap(rng);
      for (int i = 0; i < gap; ++i) {
        switch (absence_kind(rng)) {
          case 0: feed({track_at(2, kOutside)}); break;                                // missing entirely
          case 1: feed({track_at(1, kInside, TrackState::lost)}); break;               // occluded
          case 2: feed({track_at(1, kInside, TrackState::tentative)}); break;          // re-acquiring
          default: feed({track_at(1, kOutside), track_at(2, kOutside)}); break;        // stepped out
        }
      }
      if (long_absence || r + 1 == runs) {
        current.dwell_ms = current.exit_ms - current.enter_ms;
        expected.push_back(current);
        open = false;
      }
    }
    for (auto& v : zones.flush()) seen.push_back(v);
    ASSERT_EQ(seen.size(), expected.size()) << "trial " << trial;
    for (std::size_t i = 0; i < seen.size(); ++i) {
      EXPECT_EQ(seen[i].track_id, 1) << "trial " << trial;
      EXPECT_EQ(seen[i].enter_ms, expected[i].enter_ms) << "trial " << trial << " visit " << i;
      EXPECT_EQ(seen[i].exit_ms, expected[i].exit_ms) << "trial " << trial << " visit " << i;
      EXPECT_EQ(seen[i].dwell_ms, expected[i].dwell_ms) << "trial " << trial << " visit " << i;
    }
    total_visits += static_cast<int>(expected.size());
  }
  EXPECT_GT(total_visits, 300);  // the patterns really do split visits
}

}  // namespace
}  // namespace footfall

#include "footfall/count/line_counter.h"

#include <gtest/gtest.h>

#include <vector>

#include "count_test_util.h"

namespace footfall {
namespace {

using testing::track_at;

// A horizontal door line drawn left to right, 200 px long, at y = 100.
LineParams door() { return LineParams{"door", {0.0f, 100.0f}, {200.0f, 100.0f}}; }

// Feeds one track through the points (one update per point, 100 ms apart) and returns all crossings.
std::vector<LineCrossing> walk(LineCounter& counter, const std::vector<Point>& path, std::int64_t id = 1,
                               TrackState state = TrackState::confirmed) {
  std::vector<LineCrossing> all;
  TimestampMs t = 1000;
  for (Point p : path) {
    for (auto& c : counter.update({track_at(id, p, state)}, t)) all.push_back(c);
    t += 100;
  }
  return all;
}

TEST(LineCounter, MovingDownAcrossALineDrawnLeftToRightIsIn) {
  // "for a segment drawn left to right, moving DOWN the image is `in`"
  LineCounter counter({door()});
  const auto crossings = walk(counter, {{100, 60}, {100, 80}, {100, 100}, {100, 120}, {100, 140}});
  ASSERT_EQ(crossings.size(), 1u);
  EXPECT_EQ(crossings[0].direction, CrossingDirection::in);
  EXPECT_EQ(crossings[0].line, "door");
  EXPECT_EQ(crossings[0].track_id, 1);
  EXPECT_EQ(crossings[0].timestamp_ms, 1300);  // first update past the band (y = 120 > 100 + 10)
  EXPECT_FLOAT_EQ(crossings[0].point.y, 120.0f);
  EXPECT_EQ(counter.totals("door").in, 1);
  EXPECT_EQ(counter.totals("door").out, 0);
}

TEST(LineCounter, MovingUpAcrossALineDrawnLeftToRightIsOut) {
  LineCounter counter({door()});
  const auto crossings = walk(counter, {{100, 140}, {100, 100}, {100, 60}});
  ASSERT_EQ(crossings.size(), 1u);
  EXPECT_EQ(crossings[0].direction, CrossingDirection::out);
  EXPECT_EQ(counter.totals()[0].out, 1);
}

TEST(LineCounter, ReversingTheSegmentReversesTheDirection) {
  // Drawn right to left: the right-hand side of the walker is now above, so moving down is `out`.
  LineCounter counter({LineParams{"door", {200.0f, 100.0f}, {0.0f, 100.0f}}});
  const auto crossings = walk(counter, {{100, 60}, {100, 140}});
  ASSERT_EQ(crossings.size(), 1u);
  EXPECT_EQ(crossings[0].direction, CrossingDirection::out);
}

TEST(LineCounter, VerticalLineDrawnTopToBottomCountsRightToLeftAsIn) {
  // Walking down the image from a to b, the right hand points to -x.
  LineCounter counter({LineParams{"aisle", {100.0f, 0.0f}, {100.0f, 200.0f}}});
  const auto crossings = walk(counter, {{150, 100}, {50, 100}});
  ASSERT_EQ(crossings.size(), 1u);
  EXPECT_EQ(crossings[0].direction, CrossingDirection::in);
}

TEST(LineCounter, TurningBackCountsOneInAndOneOut) {
  LineCounter counter({door()});
  const auto crossings = walk(counter, {{100, 60}, {100, 130}, {100, 60}});
  ASSERT_EQ(crossings.size(), 2u);
  EXPECT_EQ(crossings[0].direction, CrossingDirection::in);
  EXPECT_EQ(crossings[1].direction, CrossingDirection::out);
  EXPECT_EQ(counter.totals("door").in, 1);
  EXPECT_EQ(counter.totals("door").out, 1);
}

TEST(LineCounter, StoppingOnTheLineAndLeavingWhereItCameFromCountsNothing) {
  LineCounter counter({door()});
  const auto crossings =
      walk(counter, {{100, 60}, {100, 95}, {100, 104}, {100, 97}, {100, 108}, {100, 101}, {100, 60}});
  EXPECT_TRUE(crossings.empty());
}

TEST(LineCounter, JitterInsideTheBandNeverCounts) {
  LineCounter counter({door()});
  const auto crossings = walk(counter, {{100, 60}, {100, 109}, {100, 91}, {100, 109}, {100, 91}, {100, 109},
                                        {100, 150}, {100, 109}, {100, 91}, {100, 109}, {100, 150}});
  ASSERT_EQ(crossings.size(), 1u);
  EXPECT_EQ(crossings[0].direction, CrossingDirection::in);
}

TEST(LineCounter, CrossingTheInfiniteExtensionBesideTheSegmentCountsNothing) {
  LineCounter counter({door()});
  EXPECT_TRUE(walk(counter, {{260, 60}, {260, 100}, {260, 140}, {260, 60}}).empty());
  EXPECT_TRUE(walk(counter, {{-50, 140}, {-50, 60}}, 2).empty());
  EXPECT_EQ(counter.totals("door").in + counter.totals("door").out, 0);
}

TEST(LineCounter, WalkingAroundTheEndOfTheSegmentCountsNothing) {
  // Starts above the segment, walks past its right end, comes back below it.
  LineCounter counter({door()});
  EXPECT_TRUE(walk(counter, {{150, 60}, {230, 60}, {230, 140}, {150, 140}}).empty());
}

TEST(LineCounter, DiagonalStepThroughTheSegmentCounts) {
  // One step from beyond the left end above the line to beyond the right end below it, through the segment.
  LineCounter counter({door()});
  const auto crossings = walk(counter, {{-20, 60}, {220, 140}});
  ASSERT_EQ(crossings.size(), 1u);
  EXPECT_EQ(crossings[0].direction, CrossingDirection::in);
}

TEST(LineCounter, UnconfirmedTracksNeverCount) {
  LineCounter counter({door()});
  EXPECT_TRUE(walk(counter, {{100, 60}, {100, 140}, {100, 60}, {100, 140}}, 1, TrackState::tentative).empty());
  EXPECT_TRUE(walk(counter, {{100, 60}, {100, 140}, {100, 60}, {100, 140}}, 2, TrackState::lost).empty());
  EXPECT_EQ(counter.totals("door").in, 0);
  EXPECT_EQ(counter.totals("door").out, 0);
}

TEST(LineCounter, MovementWhileLostDoesNotCountButTheCrossingAfterReconfirmationDoes) {
  LineCounter counter({door()});
  EXPECT_TRUE(counter.update({track_at(1, {100, 60})}, 0).empty());
  EXPECT_TRUE(counter.update({track_at(1, {100, 140}, TrackState::lost)}, 100).empty());
  const auto crossings = counter.update({track_at(1, {100, 150})}, 200);
  ASSERT_EQ(crossings.size(), 1u);
  EXPECT_EQ(crossings[0].direction, CrossingDirection::in);
  EXPECT_EQ(crossings[0].timestamp_ms, 200);
}

TEST(LineCounter, FirstSightingPastTheLineCountsNothing) {
  LineCounter counter({door()});
  EXPECT_TRUE(walk(counter, {{100, 140}, {100, 180}}).empty());
}

TEST(LineCounter, ForgetsTracksThatDisappear) {
  LineCounter counter({door()});
  counter.update({track_at(1, {100, 60}), track_at(2, {50, 60})}, 0);
  EXPECT_EQ(counter.tracked_count(), 2u);
  counter.update({track_at(2, {50, 70})}, 100);
  EXPECT_EQ(counter.tracked_count(), 1u);
  // Id 1 comes back on the other side: a fresh start, not a crossing.
  EXPECT_TRUE(counter.update({track_at(1, {100, 140})}, 200).empty());
}

TEST(LineCounter, BandScalesWithBoxHeight) {
  LineCounter counter({door()});
  // Box height 300 -> band 30 px: y = 125 is still in the band, y = 135 is past it.
  std::vector<LineCrossing> all;
  TimestampMs t = 0;
  for (float y : {60.0f, 125.0f, 135.0f}) {
    for (auto& c : counter.update({track_at(1, {100, y}, TrackState::confirmed, 300.0f)}, t += 100)) {
      all.push_back(c);
    }
    if (y == 125.0f) {
      EXPECT_TRUE(all.empty());
    }
  }
  ASSERT_EQ(all.size(), 1u);
  EXPECT_FLOAT_EQ(all[0].point.y, 135.0f);
}

TEST(LineCounter, PixelHysteresisIsConfigurable) {
  LineParams line = door();
  line.hysteresis_px = 25.0f;
  line.hysteresis_fraction = 0.0f;
  LineCounter counter({line});
  EXPECT_TRUE(walk(counter, {{100, 60}, {100, 120}}).empty());  // 20 px past: still in the band
  EXPECT_EQ(walk(counter, {{100, 130}}).size(), 1u);             // same track, 30 px past
}

TEST(LineCounter, CountsEachLineSeparatelyAndResets) {
  LineCounter counter({door(), LineParams{"aisle", {100.0f, 0.0f}, {100.0f, 200.0f}}});
  // Down and to the left across both lines.
  const auto crossings = walk(counter, {{150, 60}, {50, 140}});
  ASSERT_EQ(crossings.size(), 2u);
  EXPECT_EQ(crossings[0].line, "door");
  EXPECT_EQ(crossings[1].line, "aisle");
  EXPECT_EQ(counter.totals("door").in, 1);
  EXPECT_EQ(counter.totals("aisle").in, 1);
  EXPECT_EQ(counter.totals("nope").in, 0);
  counter.reset_totals();
  EXPECT_EQ(counter.totals("door").in, 0);
}

TEST(LineCounter, DegenerateLineNeverCounts) {
  LineCounter counter({LineParams{"dot", {100.0f, 100.0f}, {100.0f, 100.0f}}});
  EXPECT_TRUE(walk(counter, {{100, 60}, {100, 140}, {100, 60}}).empty());
}

}  // namespace
}  // namespace footfall

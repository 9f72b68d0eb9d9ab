#include "footfall/count/mot_crossings.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "count_test_util.h"
#include "test_paths.h"

namespace footfall {
namespace {

// A horizontal door line drawn left to right at y = 100: moving down is `in`. Band: max(6 px, 0.1 * 100 px) = 10 px.
LineParams door() { return LineParams{"door", {0.0f, 100.0f}, {200.0f, 100.0f}}; }

// A row whose box (40 x 100) has its bottom-centre at (x, y).
MotRow row(int frame, std::int64_t id, float x, float y) { return testing::row_at(frame, id, x, y); }

// One row per frame from `first_frame`, through the given bottom-centre heights at x = 100.
MotRows walk(std::int64_t id, int first_frame, const std::vector<float>& ys) {
  MotRows rows;
  for (std::size_t i = 0; i < ys.size(); ++i) rows.push_back(row(first_frame + static_cast<int>(i), id, 100.0f, ys[i]));
  return rows;
}

MotRows concat(std::initializer_list<MotRows> parts) {
  MotRows all;
  for (const MotRows& p : parts) all.insert(all.end(), p.begin(), p.end());
  return all;
}

TEST(MotCrossings, ATrackWalkingDownAcrossTheDoorIsOneInAtTheFrameItSettles) {
  const MotCrossings result = mot_crossings({door()}, walk(7, 1, {60, 80, 100, 120, 140}), 25.0);
  ASSERT_EQ(result.totals.size(), 1u);
  EXPECT_EQ(result.totals[0].in, 1);
  EXPECT_EQ(result.totals[0].out, 0);
  ASSERT_EQ(result.crossings.size(), 1u);
  EXPECT_EQ(result.crossings[0].track_id, 7);
  EXPECT_EQ(result.crossings[0].line, "door");
  EXPECT_EQ(result.crossings[0].direction, CrossingDirection::in);
  EXPECT_EQ(result.crossings[0].timestamp_ms, 120);  // frame 4 (y = 120, past the band) at 25 fps: 3 * 40 ms
}

TEST(MotCrossings, TimestampsFollowTheFrameRate) {
  const MotCrossings result = mot_crossings({door()}, walk(1, 11, {60, 140}), 10.0);
  ASSERT_EQ(result.crossings.size(), 1u);
  EXPECT_EQ(result.crossings[0].timestamp_ms, 1100);  // frame 12 at 10 fps
}

TEST(MotCrossings, RowOrderDoesNotMatterOnlyFrameOrder) {
  // Two people: one goes down (in), the other up (out) a few frames later; rows listed last frame first.
  MotRows rows = concat({walk(1, 1, {60, 80, 120, 140}), walk(2, 3, {150, 120, 90, 70, 50})});
  std::reverse(rows.begin(), rows.end());
  const MotCrossings result = mot_crossings({door()}, rows);
  EXPECT_EQ(result.totals[0].in, 1);
  EXPECT_EQ(result.totals[0].out, 1);
  ASSERT_EQ(result.crossings.size(), 2u);
  EXPECT_EQ(result.crossings[0].track_id, 1);  // frame 3
  EXPECT_EQ(result.crossings[1].track_id, 2);  // frame 5
  EXPECT_LT(result.crossings[0].timestamp_ms, result.crossings[1].timestamp_ms);
}

TEST(MotCrossings, TotalsAreIndexedLikeTheLines) {
  // A vertical line at x = 300 (drawn top to bottom: moving left is `in`) that the door walker never reaches.
  const LineParams aisle{"aisle", {300.0f, 0.0f}, {300.0f, 400.0f}};
  MotRows rows = walk(1, 1, {60, 140});
  for (int f = 1; f <= 4; ++f) rows.push_back(row(f, 2, 400.0f - 50.0f * static_cast<float>(f), 200.0f));
  const MotCrossings result = mot_crossings({door(), aisle}, rows);
  ASSERT_EQ(result.totals.size(), 2u);
  EXPECT_EQ(result.totals[0].in, 1);
  EXPECT_EQ(result.totals[0].out, 0);
  EXPECT_EQ(result.totals[1].in, 1);
  EXPECT_EQ(result.totals[1].out, 0);
}

TEST(MotCrossings, AnIdMissingForSomeFramesKeepsItsSideAcrossTheGap) {
  // Seen above the door in frames 1-3, occluded in frames 4-9 while it crosses, seen below from frame 10.
  const MotRows rows = concat({walk(1, 1, {50, 60, 70}), walk(1, 10, {130, 140, 150})});
  const MotCrossings result = mot_crossings({door()}, rows);
  EXPECT_EQ(result.totals[0].in, 1);
  EXPECT_EQ(result.crossings.size(), 1u);
}

TEST(MotCrossings, ATrackCutInTwoIdsAtTheLineCountsNothing) {
  // The same walk, but the tracker lost the person on the line and started a new id on the far side: neither id has
  // been settled on both sides, so nothing counts (this is what an ID switch at a line costs).
  const MotRows rows = concat({walk(1, 1, {50, 60, 70, 95}), walk(2, 5, {105, 130, 140, 150})});
  const MotCrossings result = mot_crossings({door()}, rows);
  EXPECT_EQ(result.totals[0].in, 0);
  EXPECT_EQ(result.totals[0].out, 0);
  EXPECT_TRUE(result.crossings.empty());
}

TEST(MotCrossings, OtherIdsInTheGapFramesStillCount) {
  // While id 1 is missing (frames 3-6), id 2 crosses up; both count.
  const MotRows rows = concat({walk(1, 1, {50, 60}), walk(1, 7, {140, 150}), walk(2, 3, {150, 120, 80, 50})});
  const MotCrossings result = mot_crossings({door()}, rows);
  EXPECT_EQ(result.totals[0].in, 1);
  EXPECT_EQ(result.totals[0].out, 1);
}

TEST(MotCrossings, JitterOnTheLineCountsOnce) {
  const MotCrossings result =
      mot_crossings({door()}, walk(1, 1, {50, 95, 105, 96, 104, 98, 103, 97, 130, 105, 95, 104, 140}));
  EXPECT_EQ(result.totals[0].in, 1);
  EXPECT_EQ(result.totals[0].out, 0);
}

TEST(MotCrossings, NoRowsNoCrossings) {
  const MotCrossings result = mot_crossings({door()}, {});
  ASSERT_EQ(result.totals.size(), 1u);
  EXPECT_EQ(result.totals[0].in, 0);
  EXPECT_EQ(result.totals[0].out, 0);
  EXPECT_TRUE(mot_crossings({}, walk(1, 1, {60, 140})).totals.empty());
}

TEST(MotCrossings, TudCampusGroundTruthAcrossAVerticalLine) {
  // x = 275 across the whole pavement, drawn top to bottom, so walking left is `in`. From the ground-truth paths
  // (bottom-centres): id 2 walks from x 328 to 10 (in); ids 3 (104 -> 624), 4 (223 -> 592), 5 (162 -> 480) and
  // 7 (10 -> 388) walk right (out); ids 1 (460 -> 632), 6 (190 -> 221) and 8 (344 -> 445) stay on one side.
  const auto path = test::datasets_dir() / "tud-campus" / "gt.txt";
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::stringstream text;
  text << in.rdbuf();
  const auto parsed = parse_mot(text.str());
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const MotCrossings result =
      mot_crossings({LineParams{"c275", {275.0f, 300.0f}, {275.0f, 479.0f}}}, ground_truth_rows(*parsed), 25.0);
  EXPECT_EQ(result.totals[0].in, 1);
  EXPECT_EQ(result.totals[0].out, 4);
  std::set<std::int64_t> in_ids;
  std::set<std::int64_t> out_ids;
  for (const LineCrossing& c : result.crossings) {
    (c.direction == CrossingDirection::in ? in_ids : out_ids).insert(c.track_id);
  }
  EXPECT_EQ(in_ids, (std::set<std::int64_t>{2}));
  EXPECT_EQ(out_ids, (std::set<std::int64_t>{3, 4, 5, 7}));
}

}  // namespace
}  // namespace footfall

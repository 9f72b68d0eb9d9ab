#include "footfall/count/line_margin.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "count_test_util.h"
#include "test_paths.h"

namespace footfall {
namespace {

// A vertical line at x = 100 from y = 50 to y = 250 (200 px long).
LineParams post() { return LineParams{"post", {100.0f, 50.0f}, {100.0f, 250.0f}}; }

// A row whose box (40 x 100) has its bottom-centre at (x, y).
MotRow row(int frame, std::int64_t id, float x, float y) { return testing::row_at(frame, id, x, y); }

TEST(LineMargin, ACrossingInsideAnEndIsMeasuredAlongTheLine) {
  // Walks right at y = 56: crosses the segment 6 px below its upper end. Starts and ends 60 px from the line.
  const MotRows rows{row(1, 1, 40.0f, 56.0f), row(2, 1, 90.0f, 56.0f), row(3, 1, 110.0f, 56.0f),
                     row(4, 1, 160.0f, 56.0f)};
  const LineMargin m = line_margin(post(), rows);
  EXPECT_NEAR(m.end_px, 6.0, 1e-9);
  EXPECT_NEAR(m.track_end_px, 60.0, 1e-9);
}

TEST(LineMargin, ANearMissBeyondAnEndCountsLikeACrossingInside) {
  // Passes 3 px below the lower end (y 253): it does not cross the segment, but a box 3 px off would.
  const MotRows rows{row(1, 7, 60.0f, 253.0f), row(2, 7, 140.0f, 253.0f)};
  EXPECT_NEAR(line_margin(post(), rows).end_px, 3.0, 1e-9);
}

TEST(LineMargin, TheSmallestOverAllPathsAndTheMiddleIsFarFromEitherEnd) {
  MotRows rows{row(1, 1, 60.0f, 150.0f), row(2, 1, 140.0f, 150.0f)};  // through the middle: 100 px from both ends
  EXPECT_NEAR(line_margin(post(), rows).end_px, 100.0, 1e-9);
  // A diagonal step from (80, 100) to (120, 140) meets x = 100 at y 120: 70 px from the upper end.
  rows.push_back(row(1, 2, 80.0f, 100.0f));
  rows.push_back(row(2, 2, 120.0f, 140.0f));
  EXPECT_NEAR(line_margin(post(), rows).end_px, 70.0, 1e-9);
}

TEST(LineMargin, AGapOfMissingFramesIsOneStepAndRowOrderDoesNotMatter) {
  // Frames 1 and 5 only, given out of order: the step from x 80 to x 130 at y 200 meets the line 50 px from the end.
  const MotRows rows{row(5, 3, 130.0f, 200.0f), row(1, 3, 80.0f, 200.0f)};
  const LineMargin m = line_margin(post(), rows);
  EXPECT_NEAR(m.end_px, 50.0, 1e-9);
  EXPECT_NEAR(m.track_end_px, 20.0, 1e-9);  // frame 1 at x 80
}

TEST(LineMargin, ATrackThatStartsOnTheLineAndStepsThatStayOnOneSide) {
  // Starts 2 px right of the line, walks away: no step meets the extension.
  const MotRows rows{row(1, 4, 102.0f, 120.0f), row(2, 4, 130.0f, 120.0f), row(3, 4, 170.0f, 120.0f)};
  const LineMargin m = line_margin(post(), rows);
  EXPECT_TRUE(std::isinf(m.end_px));
  EXPECT_NEAR(m.track_end_px, 2.0, 1e-9);
  // Beyond the segment's end the distance to the segment is to the end point: (100, 250) to (103, 254) is 5 px.
  EXPECT_NEAR(line_margin(post(), {row(1, 5, 103.0f, 254.0f)}).track_end_px, 5.0, 1e-5);
}

TEST(LineMargin, NoRowsMeasureNothing) {
  const LineMargin m = line_margin(post(), {});
  EXPECT_TRUE(std::isinf(m.end_px));
  EXPECT_TRUE(std::isinf(m.track_end_px));
}

TEST(LineMargin, StepsThatTouchTheLineCountOnceAndAPathAlongItNever) {
  // Onto the line at y 70 (20 px from the upper end), then off it: the touch is measured.
  const MotRows touch{row(1, 1, 80.0f, 70.0f), row(2, 1, 100.0f, 70.0f), row(3, 1, 120.0f, 70.0f)};
  EXPECT_NEAR(line_margin(post(), touch).end_px, 20.0, 1e-9);
  // Walking along the line itself never meets the extension at a single point: nothing is measured.
  const MotRows along{row(1, 2, 100.0f, 60.0f), row(2, 2, 100.0f, 240.0f)};
  EXPECT_TRUE(std::isinf(line_margin(post(), along).end_px));
}

// The ground truth of TUD-Stadtmitte against two lines of the e2e line test: s550near (550,270 -> 550,400) has
// person 2 crossing about 6 px inside its upper end and person 9 passing about 3 px beyond it; a full-height line at
// x 315 is crossed far from its ends.
TEST(LineMargin, OnTudStadtmitteGroundTruth) {
  std::ifstream in(test::datasets_dir() / "tud-stadtmitte" / "gt.txt");
  ASSERT_TRUE(in) << "missing " << (test::datasets_dir() / "tud-stadtmitte" / "gt.txt");
  std::stringstream text;
  text << in.rdbuf();
  const auto rows = parse_mot(text.str());
  ASSERT_TRUE(rows) << rows.error().message;
  const MotRows gt = ground_truth_rows(*rows);
  const LineMargin near_line = line_margin(LineParams{"s550near", {550.0f, 270.0f}, {550.0f, 400.0f}}, gt);
  EXPECT_LT(near_line.end_px, 5.0);
  EXPECT_GT(near_line.end_px, 1.0);
  const LineMargin middle = line_margin(LineParams{"s315", {315.0f, 180.0f}, {315.0f, 400.0f}}, gt);
  EXPECT_GT(middle.end_px, 20.0);
}

}  // namespace
}  // namespace footfall

#include "footfall/count/validation.h"

#include <gtest/gtest.h>

#include <cmath>

namespace footfall {
namespace {

using ::testing::HasSubstr;

TEST(ValidateLine, AcceptsAnOrdinaryLine) {
  EXPECT_FALSE(validate_line(LineParams{"door", {0, 100}, {640, 100}}, 640, 480));
}

TEST(ValidateLine, RefusesTwoEqualPoints) {
  const auto error = validate_line(LineParams{"door", {10, 20}, {10, 20}}, 640, 480);
  ASSERT_TRUE(error);
  EXPECT_THAT(*error, HasSubstr("equal"));
  EXPECT_THAT(*error, HasSubstr("(10,20)"));
}

TEST(ValidateLine, RefusesPointsOutsideTheFrameOnlyWhenTheFrameIsKnown) {
  const LineParams line{"door", {0, 100}, {700, 100}};
  const auto error = validate_line(line, 640, 480);
  ASSERT_TRUE(error);
  EXPECT_THAT(*error, HasSubstr("second point (700,100) is outside the 640x480 frame"));
  EXPECT_FALSE(validate_line(line, 0, 0));
}

TEST(ValidateLine, RefusesNegativeHysteresisAndNonFiniteCoordinates) {
  LineParams line{"door", {0, 100}, {100, 100}};
  line.hysteresis_px = -1.0f;
  EXPECT_THAT(validate_line(line, 640, 480).value_or(""), HasSubstr("hysteresis pixels"));
  line.hysteresis_px = 4.0f;
  line.hysteresis_fraction = -0.1f;
  EXPECT_THAT(validate_line(line, 640, 480).value_or(""), HasSubstr("hysteresis fraction"));
  line = LineParams{"door", {NAN, 100}, {100, 100}};
  EXPECT_THAT(validate_line(line, 0, 0).value_or(""), HasSubstr("not a finite number"));
}

TEST(ValidatePolygon, AcceptsConvexAndConcavePolygons) {
  EXPECT_FALSE(validate_polygon({{0, 0}, {100, 0}, {100, 100}}, 640, 480));
  EXPECT_FALSE(validate_polygon({{0, 0}, {200, 0}, {200, 200}, {100, 50}, {0, 200}}, 640, 480));
  // Collinear consecutive vertices on a straight edge are fine.
  EXPECT_FALSE(validate_polygon({{0, 0}, {50, 0}, {100, 0}, {100, 100}}, 640, 480));
}

TEST(ValidatePolygon, RefusesFewerThanThreePoints) {
  EXPECT_THAT(validate_polygon({{0, 0}, {100, 0}}, 640, 480).value_or(""), HasSubstr("at least 3 points, got 2"));
  EXPECT_TRUE(validate_polygon({}, 640, 480));
}

TEST(ValidatePolygon, RefusesSelfIntersection) {
  // A bow tie: edges 1 and 3 cross.
  const auto error = validate_polygon({{0, 0}, {100, 100}, {100, 0}, {0, 100}}, 640, 480);
  ASSERT_TRUE(error);
  EXPECT_THAT(*error, HasSubstr("self-intersecting"));
  EXPECT_THAT(*error, HasSubstr("edges 1 and 3"));
  // A vertex touching a non-adjacent edge.
  EXPECT_TRUE(validate_polygon({{0, 0}, {100, 0}, {100, 100}, {50, 0}, {0, 100}}, 640, 480));
  // An edge folding back over the previous one.
  EXPECT_THAT(validate_polygon({{0, 0}, {100, 0}, {50, 0}, {50, 50}}, 640, 480).value_or(""),
              HasSubstr("overlap"));
}

TEST(ValidatePolygon, RefusesRepeatedVerticesAndZeroArea) {
  EXPECT_THAT(validate_polygon({{0, 0}, {0, 0}, {100, 0}, {100, 100}}, 640, 480).value_or(""),
              HasSubstr("vertices 1 and 2 are equal"));
  EXPECT_THAT(validate_polygon({{0, 0}, {50, 50}, {100, 100}}, 640, 480).value_or(""), HasSubstr("zero area"));
}

TEST(ValidatePolygon, RefusesVerticesOutsideTheFrame) {
  const auto error = validate_polygon({{0, 0}, {100, 0}, {100, 500}}, 640, 480);
  ASSERT_TRUE(error);
  EXPECT_THAT(*error, HasSubstr("vertex 3: point (100,500) is outside the 640x480 frame"));
}

TEST(ValidateZone, RefusesNegativeInertia) {
  ZoneParams zone{"shelf", {{0, 0}, {100, 0}, {100, 100}}, -1.0, false};
  EXPECT_THAT(validate_zone(zone, 640, 480).value_or(""), HasSubstr("inertia"));
  zone.inertia_s = 0.5;
  EXPECT_FALSE(validate_zone(zone, 640, 480));
}

}  // namespace
}  // namespace footfall

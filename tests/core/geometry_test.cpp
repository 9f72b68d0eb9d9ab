#include "footfall/core/geometry.h"

#include <gtest/gtest.h>

namespace footfall {
namespace {

TEST(Geometry, IouOfIdenticalDisjointAndHalfOverlap) {
  const Box a{0, 0, 10, 10};
  EXPECT_FLOAT_EQ(iou(a, a), 1.0f);
  EXPECT_FLOAT_EQ(iou(a, Box{20, 20, 5, 5}), 0.0f);
  EXPECT_NEAR(iou(a, Box{5, 0, 10, 10}), 50.0f / 150.0f, 1e-6);
  EXPECT_FLOAT_EQ(iou(Box{}, Box{}), 0.0f);
}

TEST(Geometry, BottomCentreIsWhereFeetAre) {
  const Point p = Box{10, 20, 30, 60}.bottom_centre();
  EXPECT_FLOAT_EQ(p.x, 25.0f);
  EXPECT_FLOAT_EQ(p.y, 80.0f);
}

TEST(Geometry, PolygonContainment) {
  const Polygon square{{0, 0}, {10, 0}, {10, 10}, {0, 10}};
  EXPECT_TRUE(contains(square, {5, 5}));
  EXPECT_TRUE(contains(square, {10, 5}));  // on an edge
  EXPECT_FALSE(contains(square, {11, 5}));
  const Polygon concave{{0, 0}, {10, 0}, {10, 10}, {5, 3}, {0, 10}};
  EXPECT_FALSE(contains(concave, {5, 8}));
  EXPECT_TRUE(contains(concave, {2, 2}));
  EXPECT_FALSE(contains(Polygon{{0, 0}, {1, 1}}, {0, 0}));
}

}  // namespace
}  // namespace footfall

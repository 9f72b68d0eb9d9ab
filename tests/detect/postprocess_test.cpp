#include "footfall/detect/postprocess.h"

#include <gtest/gtest.h>

namespace footfall {
namespace {

Detection det(float x, float y, float w, float h, float conf, int cls = 0) { return {{x, y, w, h}, conf, cls}; }

TEST(NonMaxSuppression, KeepsHighestOfOverlappingPairAndSortsByConfidence) {
  Detections in = {det(0, 0, 100, 100, 0.6f), det(5, 5, 100, 100, 0.9f), det(300, 300, 50, 50, 0.7f)};
  Detections out = non_max_suppression(in, 0.45f);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_FLOAT_EQ(out[0].confidence, 0.9f);
  EXPECT_FLOAT_EQ(out[0].box.x, 5.0f);
  EXPECT_FLOAT_EQ(out[1].confidence, 0.7f);
}

TEST(NonMaxSuppression, ThresholdIsStrictlyAboveIou) {
  // Two 10x10 boxes overlapping by half: IoU = 50 / 150 = 1/3.
  Detections in = {det(0, 0, 10, 10, 0.9f), det(5, 0, 10, 10, 0.8f)};
  EXPECT_EQ(non_max_suppression(in, 0.34f).size(), 2u);
  EXPECT_EQ(non_max_suppression(in, 0.33f).size(), 1u);
}

TEST(NonMaxSuppression, DifferentClassesDoNotSuppressEachOther) {
  Detections in = {det(0, 0, 100, 100, 0.9f, 0), det(0, 0, 100, 100, 0.8f, 1)};
  EXPECT_EQ(non_max_suppression(in, 0.45f).size(), 2u);
}

TEST(NonMaxSuppression, ChainDoesNotSuppressTransitively) {
  // A suppresses B; C overlaps B but not A, so C survives (greedy NMS compares with kept boxes only).
  Detections in = {det(0, 0, 10, 10, 0.9f), det(4, 0, 10, 10, 0.8f), det(9, 0, 10, 10, 0.7f)};
  Detections out = non_max_suppression(in, 0.3f);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_FLOAT_EQ(out[1].box.x, 9.0f);
}

TEST(NonMaxSuppression, EmptyInput) { EXPECT_TRUE(non_max_suppression({}, 0.5f).empty()); }

TEST(FilterMinSize, DropsNarrowOrShortBoxes) {
  Detections in = {det(0, 0, 10, 40, 0.9f), det(0, 0, 30, 20, 0.8f), det(0, 0, 30, 40, 0.7f), det(0, 0, 20, 30, 0.6f)};
  Detections out = filter_min_size(in, 20.0f, 30.0f);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_FLOAT_EQ(out[0].confidence, 0.7f);
  EXPECT_FLOAT_EQ(out[1].confidence, 0.6f);  // exactly the minimum is kept
  EXPECT_EQ(filter_min_size(in, 0.0f, 0.0f).size(), 4u);
}

TEST(FilterRoi, KeepsBoxesWhoseBottomCentreIsInside) {
  const Polygon roi = {{100, 100}, {200, 100}, {200, 200}, {100, 200}};
  Detections in = {
      det(130, 50, 40, 100, 0.9f),   // bottom centre (150, 150): inside although the top is outside
      det(130, 150, 40, 100, 0.8f),  // bottom centre (150, 250): outside although the top is inside
      det(180, 100, 40, 100, 0.7f),  // bottom centre (200, 200): on the corner counts as inside
      det(0, 0, 10, 10, 0.6f),
  };
  Detections out = filter_roi(in, roi);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_FLOAT_EQ(out[0].confidence, 0.9f);
  EXPECT_FLOAT_EQ(out[1].confidence, 0.7f);
}

TEST(FilterRoi, EmptyRoiKeepsEverything) {
  Detections in = {det(0, 0, 10, 10, 0.9f), det(500, 500, 10, 10, 0.8f)};
  EXPECT_EQ(filter_roi(in, {}).size(), 2u);
}

TEST(FilterRoi, ConcavePolygon) {
  // An L shape: the notch at the top right is outside.
  const Polygon roi = {{0, 0}, {100, 0}, {100, 50}, {50, 50}, {50, 100}, {0, 100}};
  Detections in = {det(65, 0, 20, 30, 0.9f), det(65, 40, 20, 40, 0.8f)};  // feet at (75, 30) and (75, 80)
  Detections out = filter_roi(in, roi);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_FLOAT_EQ(out[0].confidence, 0.9f);
}

}  // namespace
}  // namespace footfall

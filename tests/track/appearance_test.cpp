#include "footfall/track/appearance.h"

#include <gtest/gtest.h>

#include <cmath>

namespace footfall {
namespace {

float length(const std::vector<float>& v) {
  float sum = 0.0f;
  for (float x : v) sum += x * x;
  return std::sqrt(sum);
}

TEST(AppearanceTest, DistanceIsZeroForEqualDescriptorsAndOneForDisjointOnes) {
  const std::vector<float> a{0.6f, 0.8f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};
  const std::vector<float> b{0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.6f, 0.8f};  // past the 8-wide blocks
  const std::vector<float> c{0.0f, 1.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};
  EXPECT_NEAR(appearance_distance(a, a), 0.0f, 1e-6f);
  EXPECT_NEAR(appearance_distance(b, b), 0.0f, 1e-6f);
  EXPECT_FLOAT_EQ(appearance_distance(a, b), 1.0f);
  EXPECT_NEAR(appearance_distance(a, c), 0.2f, 1e-6f);  // 1 - 0.8
  EXPECT_FLOAT_EQ(appearance_distance(a, c), appearance_distance(c, a));
}

TEST(AppearanceTest, BlendIsAMovingAverageOfUnitLength) {
  const std::vector<float> red{1.0f, 0.0f, 0.0f};
  const std::vector<float> blue{0.0f, 0.0f, 1.0f};
  std::vector<float> average;
  blend_appearance(average, red, 0.9f);  // the first observation is taken as it is
  EXPECT_EQ(average, red);
  blend_appearance(average, blue, 0.9f);
  EXPECT_NEAR(length(average), 1.0f, 1e-6f);
  EXPECT_NEAR(average[2] / average[0], 0.1f / 0.9f, 1e-6f);
  EXPECT_LT(appearance_distance(average, red), appearance_distance(average, blue));
  for (int i = 0; i < 60; ++i) blend_appearance(average, blue, 0.9f);  // a steady new look wins in the end
  EXPECT_LT(appearance_distance(average, blue), 0.01f);

  std::vector<float> latest = red;
  blend_appearance(latest, blue, 0.0f);  // momentum 0: only the latest observation
  EXPECT_EQ(latest, blue);
}

TEST(AppearanceTest, EmptyOrMismatchedDescriptorsDoNotBlend) {
  const std::vector<float> red{1.0f, 0.0f, 0.0f};
  std::vector<float> average = red;
  blend_appearance(average, {}, 0.5f);  // a detection without a descriptor leaves the average
  EXPECT_EQ(average, red);
  const std::vector<float> longer{0.0f, 0.6f, 0.0f, 0.8f};
  blend_appearance(average, longer, 0.5f);  // another descriptor length: start again from the observation
  EXPECT_EQ(average, longer);
}

}  // namespace
}  // namespace footfall

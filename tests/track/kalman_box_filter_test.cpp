#include "footfall/track/kalman_box_filter.h"

#include <gtest/gtest.h>

#include <cmath>

namespace footfall {
namespace {

TEST(KalmanBoxFilterTest, StartsAtTheMeasurement) {
  const KalmanBoxFilter filter(Box{100, 50, 40, 100});
  const Box box = filter.box();
  EXPECT_NEAR(box.x, 100, 1e-3);
  EXPECT_NEAR(box.y, 50, 1e-3);
  EXPECT_NEAR(box.width, 40, 1e-3);
  EXPECT_NEAR(box.height, 100, 1e-3);
  for (int i = 4; i < 8; ++i) EXPECT_EQ(filter.mean()[static_cast<std::size_t>(i)], 0.0);
}

TEST(KalmanBoxFilterTest, PredictWithZeroDtChangesNothing) {
  KalmanBoxFilter filter(Box{100, 50, 40, 100});
  const auto mean = filter.mean();
  const auto covariance = filter.covariance();
  filter.predict(0.0);
  EXPECT_EQ(filter.mean(), mean);
  EXPECT_EQ(filter.covariance(), covariance);
}

TEST(KalmanBoxFilterTest, PredictGrowsUncertaintyAndUpdateShrinksIt) {
  KalmanBoxFilter filter(Box{100, 50, 40, 100});
  const double before = filter.covariance()[0];
  filter.predict(0.04);
  const double predicted = filter.covariance()[0];
  EXPECT_GT(predicted, before);
  filter.update(Box{101, 50, 40, 100});
  EXPECT_LT(filter.covariance()[0], predicted);
  // Covariance stays symmetric.
  for (int i = 0; i < 8; ++i) {
    for (int j = 0; j < 8; ++j) {
      EXPECT_NEAR(filter.covariance()[static_cast<std::size_t>(i * 8 + j)],
                  filter.covariance()[static_cast<std::size_t>(j * 8 + i)], 1e-9);
    }
  }
}

TEST(KalmanBoxFilterTest, LearnsConstantVelocityInPixelsPerSecond) {
  // 50 px/s to the right, sampled at 10 fps.
  KalmanBoxFilter filter(Box{0, 100, 40, 100});
  for (int k = 1; k <= 30; ++k) {
    filter.predict(0.1);
    filter.update(Box{5.0f * static_cast<float>(k), 100, 40, 100});
  }
  EXPECT_NEAR(filter.mean()[4], 50.0, 1.0);  // vcx
  EXPECT_NEAR(filter.mean()[5], 0.0, 1.0);   // vcy
  // One second ahead, the box is 50 px further.
  filter.predict(1.0);
  EXPECT_NEAR(filter.box().x, 150.0 + 50.0, 2.0);
  EXPECT_NEAR(filter.box().y, 100.0, 2.0);
  EXPECT_NEAR(filter.box().height, 100.0, 2.0);
}

TEST(KalmanBoxFilterTest, SameMotionAtDifferentRatesGivesTheSameVelocity) {
  auto run = [](int fps) {
    KalmanBoxFilter filter(Box{0, 0, 50, 125});
    const double dt = 1.0 / fps;
    for (int k = 1; k <= 3 * fps; ++k) {
      filter.predict(dt);
      filter.update(Box{static_cast<float>(30.0 * k * dt), static_cast<float>(-10.0 * k * dt), 50, 125});
    }
    return filter.mean();
  };
  const auto slow = run(2);
  const auto fast = run(25);
  EXPECT_NEAR(slow[4], 30.0, 2.0);
  EXPECT_NEAR(fast[4], 30.0, 2.0);
  EXPECT_NEAR(slow[5], -10.0, 2.0);
  EXPECT_NEAR(fast[5], -10.0, 2.0);
}

TEST(KalmanBoxFilterTest, UpdatePullsTowardTheMeasurement) {
  KalmanBoxFilter filter(Box{100, 100, 40, 100});
  filter.predict(0.04);
  filter.update(Box{110, 100, 40, 100});
  const float x = filter.box().x;
  EXPECT_GT(x, 100.0f);
  EXPECT_LT(x, 110.0f);
}

}  // namespace
}  // namespace footfall

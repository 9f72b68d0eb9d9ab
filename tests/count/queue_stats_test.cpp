#include "footfall/count/queue_stats.h"

#include <gtest/gtest.h>

namespace footfall {
namespace {

TEST(QueueStats, LittlesLawOnAConstructedArrivalStream) {
  // Arrivals every 20 s for 10 minutes; a 5-minute window; length 6 at the end: rate 3/min = 0.05/s, so the
  // estimated wait is 6 / 0.05 = 120 s.
  QueueStats stats(300'000);
  for (TimestampMs t = 0; t <= 600'000; t += 20'000) {
    stats.record_arrival(t);
    stats.observe(t, 6);
  }
  const QueueSnapshot s = stats.snapshot(600'000);
  EXPECT_EQ(s.length, 6);
  EXPECT_EQ(s.arrivals_in_window, 15);  // (300 s, 600 s]
  EXPECT_NEAR(s.arrivals_per_second, 0.05, 1e-12);
  ASSERT_TRUE(s.estimated_wait_s);
  EXPECT_NEAR(*s.estimated_wait_s, 120.0, 1e-9);
}

TEST(QueueStats, RateUsesTheObservedTimeBeforeTheWindowIsFull) {
  QueueStats stats(300'000);
  stats.observe(1'000'000, 0);
  stats.record_arrival(1'010'000);
  stats.record_arrival(1'020'000);
  stats.observe(1'060'000, 2);
  const QueueSnapshot s = stats.snapshot(1'060'000);
  EXPECT_NEAR(s.arrivals_per_second, 2.0 / 60.0, 1e-12);  // 2 in the 60 s observed, not in 300 s
  EXPECT_NEAR(*s.estimated_wait_s, 60.0, 1e-9);
}

TEST(QueueStats, EmptyQueueWaitsZeroAndNoArrivalsGivesNoEstimate) {
  QueueStats stats(60'000);
  EXPECT_FALSE(stats.snapshot(0).mean_dwell_s);
  stats.observe(0, 0);
  stats.observe(10'000, 0);
  EXPECT_EQ(stats.snapshot(10'000).estimated_wait_s, 0.0);
  stats.observe(20'000, 3);  // people present but none arrived in the window (e.g. present since start)
  EXPECT_FALSE(stats.snapshot(20'000).estimated_wait_s.has_value());
}

TEST(QueueStats, MeanDwellCoversDeparturesWithinTheWindow) {
  QueueStats stats(60'000);
  stats.observe(0, 0);
  stats.record_departure(4'000, 100'000);  // before the window (5 s, 65 s]
  stats.record_departure(50'000, 30'000);
  stats.record_departure(65'000, 60'000);
  stats.observe(65'000, 0);
  QueueSnapshot s = stats.snapshot(65'000);
  EXPECT_EQ(s.departures_in_window, 2);
  ASSERT_TRUE(s.mean_dwell_s);
  EXPECT_NEAR(*s.mean_dwell_s, 45.0, 1e-9);
  stats.observe(200'000, 0);
  s = stats.snapshot(200'000);
  EXPECT_EQ(s.departures_in_window, 0);
  EXPECT_FALSE(s.mean_dwell_s);
  EXPECT_EQ(s.arrivals_per_second, 0.0);
}

}  // namespace
}  // namespace footfall

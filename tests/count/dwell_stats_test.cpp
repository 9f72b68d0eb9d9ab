#include "footfall/count/dwell_stats.h"

#include <gtest/gtest.h>

#include <vector>

namespace footfall {
namespace {

ZoneVisit visit(TimestampMs dwell_ms) {
  ZoneVisit v;
  v.zone = "tills";
  v.enter_ms = 1000;
  v.exit_ms = 1000 + dwell_ms;
  v.dwell_ms = dwell_ms;
  return v;
}

TEST(DwellStats, NoVisitsGiveZeros) {
  const DwellStats s = summarize_dwell({});
  EXPECT_EQ(s.visits, 0);
  EXPECT_EQ(s.mean_s, 0.0);
  EXPECT_EQ(s.max_s, 0.0);
}

TEST(DwellStats, MeanMedianPercentileAndMaxOfKnownDwells) {
  // 1..10 s in shuffled order: mean 5.5, nearest-rank median 5, p90 9, max 10.
  std::vector<ZoneVisit> visits;
  for (TimestampMs s : {7, 3, 10, 1, 5, 9, 2, 8, 4, 6}) visits.push_back(visit(s * 1000));
  const DwellStats stats = summarize_dwell(visits);
  EXPECT_EQ(stats.visits, 10);
  EXPECT_DOUBLE_EQ(stats.mean_s, 5.5);
  EXPECT_DOUBLE_EQ(stats.median_s, 5.0);
  EXPECT_DOUBLE_EQ(stats.p90_s, 9.0);
  EXPECT_DOUBLE_EQ(stats.max_s, 10.0);
}

TEST(DwellStats, OneVisitIsEveryStatistic) {
  const std::vector<ZoneVisit> visits{visit(2500)};
  const DwellStats stats = summarize_dwell(visits);
  EXPECT_EQ(stats.visits, 1);
  EXPECT_DOUBLE_EQ(stats.median_s, 2.5);
  EXPECT_DOUBLE_EQ(stats.p90_s, 2.5);
}

}  // namespace
}  // namespace footfall

// Schema v3 through the Store interface on both backends (store_backend.h): minute and hour rollups kept exact by every write
// (replays, late data), hourly store occupancy, retention, and sales / roster imports that replace their range.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "footfall/store/store.h"
#include "store_backend.h"

namespace footfall {
namespace {

using test::make_row;
using ::testing::HasSubstr;

constexpr TimestampMs kT0 = 1'780'000'000'000 - 1'780'000'000'000 % kHourMs;  // an hour start

using Rollups = test::BackendTest;

CountRow tracked_row(const std::string& camera, TimestampMs ts, int count, int tracked) {
  CountRow row = make_row(camera, ts, count);
  row.tracked = tracked;
  return row;
}

TEST_P(Rollups, CountMinutesAndHoursFollowEveryWriteIncludingReplaysAndLateData) {
  auto store = open();
  ASSERT_TRUE(store);
  // Minute 59 of the first hour and minute 0 of the next: 5 frames each.
  std::vector<CountRow> rows;
  for (int i = 0; i < 5; ++i) rows.push_back(tracked_row("door", kT0 + 59 * kMinuteMs + i * 200, i, 1));
  for (int i = 0; i < 5; ++i) rows.push_back(tracked_row("door", kT0 + kHourMs + i * 200, 2 * i, 2));
  ASSERT_TRUE(store->write_counts(rows));

  auto minutes = store->read_count_rollups({}, RollupGrain::kMinute);
  ASSERT_TRUE(minutes) << minutes.error().message;
  ASSERT_EQ(minutes->size(), 2u);
  EXPECT_EQ((*minutes)[0].start_ms, kT0 + 59 * kMinuteMs);
  EXPECT_EQ((*minutes)[0].frames, 5);
  EXPECT_EQ((*minutes)[0].count_sum, 0 + 1 + 2 + 3 + 4);
  EXPECT_EQ((*minutes)[0].count_min, 0);
  EXPECT_EQ((*minutes)[0].count_max, 4);
  EXPECT_EQ((*minutes)[0].tracked_sum, 5);
  EXPECT_EQ((*minutes)[1].count_sum, 20);
  auto hours = store->read_count_rollups({}, RollupGrain::kHour);
  ASSERT_TRUE(hours);
  ASSERT_EQ(hours->size(), 2u);
  EXPECT_EQ((*hours)[0].start_ms, kT0);
  EXPECT_EQ((*hours)[0].count_sum, 10);
  EXPECT_EQ((*hours)[1].start_ms, kT0 + kHourMs);
  EXPECT_EQ((*hours)[1].tracked_max, 2);

  // A replay of the same rows changes nothing.
  ASSERT_TRUE(store->write_counts(rows));
  hours = store->read_count_rollups({}, RollupGrain::kHour);
  ASSERT_TRUE(hours);
  EXPECT_EQ((*hours)[0].frames, 5);
  EXPECT_EQ((*hours)[0].count_sum, 10);

  // Late data for the first hour (an edge box that was offline) lands in its minute and hour.
  std::vector<CountRow> late{make_row("door", kT0 + 10 * kMinuteMs, 7), make_row("door", kT0 + 59 * kMinuteMs + 900, 9)};
  ASSERT_TRUE(store->write_counts(late));
  hours = store->read_count_rollups({.from_ms = kT0, .to_ms = kT0 + kHourMs}, RollupGrain::kHour);
  ASSERT_TRUE(hours);
  ASSERT_EQ(hours->size(), 1u);
  EXPECT_EQ((*hours)[0].frames, 7);
  EXPECT_EQ((*hours)[0].count_sum, 10 + 7 + 9);
  EXPECT_EQ((*hours)[0].count_max, 9);
  EXPECT_EQ((*hours)[0].tracked_frames, 5) << "the late rows had no tracked count";
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM count_minutes"), 3);
}

TEST_P(Rollups, CrossingsAndZonesRollUpByLineAndZone) {
  auto store = open();
  ASSERT_TRUE(store);
  const std::vector<CrossingRow> crossings{{"door", "entrance", kT0 + 1000, 1, "in"},
                                           {"door", "entrance", kT0 + 2000, 2, "in"},
                                           {"door", "entrance", kT0 + 61'000, 1, "out"},
                                           {"door", "side", kT0 + 3000, 3, "out"}};
  ASSERT_TRUE(store->write_crossings(crossings));
  auto minutes = store->read_crossing_rollups({.name = "entrance"}, RollupGrain::kMinute);
  ASSERT_TRUE(minutes) << minutes.error().message;
  ASSERT_EQ(minutes->size(), 2u);
  EXPECT_EQ((*minutes)[0].ins, 2);
  EXPECT_EQ((*minutes)[0].outs, 0);
  EXPECT_EQ((*minutes)[1].outs, 1);
  auto hours = store->read_crossing_rollups({}, RollupGrain::kHour);
  ASSERT_TRUE(hours);
  ASSERT_EQ(hours->size(), 2u);
  EXPECT_EQ((*hours)[0].line, "entrance");
  EXPECT_EQ((*hours)[0].ins, 2);
  EXPECT_EQ((*hours)[0].outs, 1);
  EXPECT_EQ((*hours)[1].line, "side");
  EXPECT_EQ((*hours)[1].outs, 1);

  std::vector<ZoneCountRow> zones;
  for (int i = 0; i < 4; ++i) {
    zones.push_back({"till", "queue", kT0 + i * 1000, i, i, i == 0 ? std::optional<double>{} : 30.0 * i});
    zones.push_back({"till", "shelf", kT0 + i * 1000, 1, std::nullopt, std::nullopt});
  }
  ASSERT_TRUE(store->write_zone_counts(zones));
  auto queue = store->read_zone_rollups({.name = "queue"}, RollupGrain::kHour);
  ASSERT_TRUE(queue) << queue.error().message;
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ((*queue)[0].frames, 4);
  EXPECT_EQ((*queue)[0].occupancy_sum, 6);
  EXPECT_EQ((*queue)[0].occupancy_max, 3);
  EXPECT_EQ((*queue)[0].queue_frames, 4);
  EXPECT_EQ((*queue)[0].queue_length_max, 3);
  EXPECT_EQ((*queue)[0].wait_samples, 3);
  EXPECT_DOUBLE_EQ((*queue)[0].wait_sum_s, 180.0);
  auto shelf = store->read_zone_rollups({.name = "shelf"}, RollupGrain::kMinute);
  ASSERT_TRUE(shelf);
  ASSERT_EQ(shelf->size(), 1u);
  EXPECT_EQ((*shelf)[0].queue_frames, 0);
  EXPECT_EQ((*shelf)[0].occupancy_sum, 4);
}

TEST_P(Rollups, VisitHoursCountSumAndTakeTheExactMedianByHourOfExit) {
  auto store = open();
  ASSERT_TRUE(store);
  // Three visits of `queue` exiting in the first hour (dwell 10, 30, 20 s), one exiting in the next hour after
  // entering in the first, one of another zone.
  const std::vector<ZoneVisitRow> visits{{"till", "queue", 1, kT0 + 1000, kT0 + 11'000, 10'000},
                                         {"till", "queue", 2, kT0 + 2000, kT0 + 32'000, 30'000},
                                         {"till", "queue", 3, kT0 + 3000, kT0 + 23'000, 20'000},
                                         {"till", "queue", 4, kT0 + kHourMs - 5000, kT0 + kHourMs + 5000, 10'000},
                                         {"till", "shelf", 5, kT0 + 1000, kT0 + 61'000, 60'000}};
  ASSERT_TRUE(store->write_zone_visits(visits));
  auto hours = store->read_visit_rollups({.name = "queue"});
  ASSERT_TRUE(hours) << hours.error().message;
  ASSERT_EQ(hours->size(), 2u);
  EXPECT_EQ((*hours)[0].start_ms, kT0);
  EXPECT_EQ((*hours)[0].visits, 3);
  EXPECT_EQ((*hours)[0].dwell_sum_ms, 60'000);
  EXPECT_DOUBLE_EQ((*hours)[0].dwell_median_ms, 20'000.0);
  EXPECT_EQ((*hours)[1].start_ms, kT0 + kHourMs) << "a visit belongs to the hour of its exit";
  EXPECT_EQ((*hours)[1].visits, 1);
  // A replay changes nothing; a late visit in the first hour makes the median of four (10, 20, 30, 40 -> 25 s).
  ASSERT_TRUE(store->write_zone_visits(visits));
  const std::vector<ZoneVisitRow> late{{"till", "queue", 6, kT0 + 4000, kT0 + 44'000, 40'000}};
  ASSERT_TRUE(store->write_zone_visits(late));
  hours = store->read_visit_rollups({.from_ms = kT0, .to_ms = kT0 + kHourMs, .camera = "till", .name = "queue"});
  ASSERT_TRUE(hours);
  ASSERT_EQ(hours->size(), 1u);
  EXPECT_EQ((*hours)[0].visits, 4);
  EXPECT_DOUBLE_EQ((*hours)[0].dwell_median_ms, 25'000.0);
  EXPECT_EQ(store->read_visit_rollups({.name = "shelf"})->size(), 1u);
}

TEST_P(Rollups, StoreOccupancyHoursAreTimeWeightedAndCarryTheState) {
  auto store = open();
  ASSERT_TRUE(store);
  // Opening at T0 (0), 2 people in at T0 + 15 min, one out at T0 + 45 min; nothing in the second hour until one more
  // comes in at T0 + 2 h 30 min.
  const std::vector<StoreOccupancyRow> events{
      {"shop", kT0, 0, 0, 0, std::nullopt, "opening"},
      {"shop", kT0 + 15 * kMinuteMs, 1, 1, 0, std::nullopt, "entry"},
      {"shop", kT0 + 15 * kMinuteMs + 1, 2, 2, 0, std::nullopt, "entry"},
      {"shop", kT0 + 45 * kMinuteMs, 1, 2, 1, std::nullopt, "exit"},
      {"shop", kT0 + 150 * kMinuteMs, 2, 3, 1, std::nullopt, "entry"},
  };
  ASSERT_TRUE(store->write_store_occupancy(events));
  auto hours = store->read_store_occupancy_rollups({.name = "shop"});
  ASSERT_TRUE(hours) << hours.error().message;
  ASSERT_EQ(hours->size(), 3u);
  // Hour 1: 0 for 15 min, (1 for 1 ms), 2 for 30 min, 1 for 15 min -> (60 + 15) / 60 min = 1.25.
  EXPECT_NEAR((*hours)[0].mean, 1.25, 1e-6);
  EXPECT_EQ((*hours)[0].min, 0);
  EXPECT_EQ((*hours)[0].max, 2);
  EXPECT_EQ((*hours)[0].end, 1);
  EXPECT_DOUBLE_EQ((*hours)[1].mean, 1.0) << "no event: the state carries through the hour";
  EXPECT_EQ((*hours)[1].max, 1);
  EXPECT_NEAR((*hours)[2].mean, 1.5, 1e-6);
  EXPECT_EQ((*hours)[2].end, 2);
}

TEST_P(Rollups, RetentionDropsOldRawRowsButKeepsRollupsCrossingsAndTheCameraList) {
  auto store = open();
  ASSERT_TRUE(store);
  constexpr TimestampMs kDay = 86'400'000;
  const std::vector<CountRow> rows{make_row("door", kT0, 3), make_row("door", kT0 + 9 * kDay, 4)};
  ASSERT_TRUE(store->write_counts(rows));
  const std::vector<CrossingRow> crossings{{"door", "entrance", kT0 + 1, 1, "in"}};
  ASSERT_TRUE(store->write_crossings(crossings));
  auto report = store->apply_retention(RetentionPolicy{}, kT0 + 9 * kDay);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->raw_rows, 1);
  EXPECT_EQ(report->minute_rows, 0);
  auto counts = store->read_counts({});
  ASSERT_TRUE(counts);
  ASSERT_EQ(counts->size(), 1u);
  EXPECT_EQ(counts->front().count, 4);
  auto hours = store->read_count_rollups({}, RollupGrain::kHour);
  ASSERT_TRUE(hours);
  ASSERT_EQ(hours->size(), 2u) << "the rollup of the deleted raw row stays";
  EXPECT_EQ((*hours)[0].count_sum, 3);
  EXPECT_EQ(store->read_crossings({})->size(), 1u);

  // A year later only the hour rollups (kept forever by default) remain.
  report = store->apply_retention(RetentionPolicy{}, kT0 + 410 * kDay);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->raw_rows, 1);
  EXPECT_EQ(report->minute_rows, 3);  // two count minutes and one crossing minute
  EXPECT_EQ(report->hour_rows, 0);
  auto cameras = store->cameras();
  ASSERT_TRUE(cameras);
  EXPECT_EQ(*cameras, std::vector<std::string>{"door"});
  EXPECT_FALSE(store->apply_retention(RetentionPolicy{.raw_days = -1}, kT0));
}

TEST_P(Rollups, SalesImportsReplaceTheirRangeAndRefuseRowsOutsideIt) {
  auto store = open();
  ASSERT_TRUE(store);
  ImportRecord record{"shop", "sales", "sales.csv", kT0 + 5 * kHourMs, kT0, kT0 + kHourMs, 2};
  const std::vector<SalesRow> sales{{"shop", kT0 + 1000, kT0 + 1000, 1, 12.5}, {"shop", kT0 + 2000, kT0 + 2000, 1, {}}};
  ASSERT_TRUE(store->replace_sales(record, sales));
  ASSERT_TRUE(store->replace_sales(record, sales));  // the same file again
  auto read = store->read_sales("shop", kT0, kT0 + kHourMs);
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[0].amount, 12.5);
  EXPECT_FALSE((*read)[1].amount.has_value());

  // A row outside the range: nothing of that import is written, the earlier rows stay.
  const std::vector<SalesRow> bad{{"shop", kT0 + 3000, kT0 + 3000, 1, {}}, {"shop", kT0 + kHourMs, kT0 + kHourMs, 1, {}}};
  Status refused = store->replace_sales(record, bad);
  ASSERT_FALSE(refused);
  EXPECT_THAT(refused.error().message, HasSubstr("outside"));
  EXPECT_EQ(store->read_sales("shop", kT0, kT0 + kHourMs)->size(), 2u);

  auto imports = store->read_imports("shop");
  ASSERT_TRUE(imports);
  ASSERT_EQ(imports->size(), 2u);
  EXPECT_EQ((*imports)[0].source, "sales.csv");
  EXPECT_EQ((*imports)[0].rows, 2);

  ImportRecord roster{"shop", "roster", "roster.csv", kT0, kT0, kT0 + 3 * kHourMs, 2};
  const std::vector<RosterRow> staff{{"shop", kT0, 2.0}, {"shop", kT0 + kHourMs, 2.5}};
  ASSERT_TRUE(store->replace_roster(roster, staff));
  const std::vector<RosterRow> fewer{{"shop", kT0 + kHourMs, 1.0}};
  ASSERT_TRUE(store->replace_roster(roster, fewer));
  auto hours = store->read_roster("shop", kT0, kT0 + 3 * kHourMs);
  ASSERT_TRUE(hours);
  ASSERT_EQ(hours->size(), 1u) << "the second import replaced the whole range";
  EXPECT_DOUBLE_EQ(hours->front().staff, 1.0);
}

FOOTFALL_ON_EVERY_BACKEND(Rollups);

}  // namespace
}  // namespace footfall

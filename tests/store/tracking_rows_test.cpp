// The schema v2 tables through the Store interface on both backends (store_backend.h): crossings, zone visits, zone counts,
// heatmaps, store occupancy and the tracked count. Round trips, replays that replace instead of duplicating,
// range queries, and batches that are written whole or not at all.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "footfall/store/heatmap_cells.h"
#include "store_backend.h"

namespace footfall::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr TimestampMs kT0 = 1795514400000;  // 2026-11-24T10:00:00Z, the start of an hour

using TrackingRows = BackendTest;

CrossingRow crossing(const std::string& camera, const std::string& line, TimestampMs ts, std::int64_t track,
                     const std::string& direction) {
  return {camera, line, ts, track, direction};
}

TEST_P(TrackingRows, TrackedCountRoundTripsAndMayBeAbsent) {
  auto store = open();
  ASSERT_TRUE(store);
  std::vector<CountRow> rows{make_row("door", kT0, 3), make_row("door", kT0 + 100, 2)};
  rows[0].tracked = 4;
  ASSERT_TRUE(store->write_counts(rows));
  auto back = store->read_counts({});
  ASSERT_TRUE(back);
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0].tracked, 4);
  EXPECT_FALSE((*back)[1].tracked.has_value()) << "NULL stays NULL";
  // A replay without tracking replaces the tracked count too (the row is replaced whole).
  rows[0].tracked.reset();
  ASSERT_TRUE(store->write_counts({rows.data(), 1}));
  back = store->read_counts({});
  ASSERT_TRUE(back);
  EXPECT_FALSE((*back)[0].tracked.has_value());
}

TEST_P(TrackingRows, CrossingsRoundTripReplayAndFilter) {
  auto store = open();
  ASSERT_TRUE(store);
  const std::vector<CrossingRow> rows{
      crossing("door", "entrance", kT0 + 500, 3, "in"),  crossing("door", "entrance", kT0 + 500, 4, "out"),
      crossing("door", "side", kT0 + 700, 3, "in"),      crossing("till", "entrance", kT0 + 100, 9, "out"),
      crossing("door", "entrance", kT0 + 9000, 5, "in"),
  };
  ASSERT_TRUE(store->write_crossings(rows));
  ASSERT_TRUE(store->write_crossings(rows)) << "replaying the same events";
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM crossings"), 5) << "a replay replaces, never duplicates";

  auto all = store->read_crossings({});
  ASSERT_TRUE(all) << all.error().message;
  ASSERT_EQ(all->size(), 5u);
  const CrossingRow& first = all->front();
  EXPECT_EQ(first.camera, "door");
  EXPECT_EQ(first.line, "entrance");
  EXPECT_EQ(first.timestamp_ms, kT0 + 500);
  EXPECT_EQ(first.track_id, 3);
  EXPECT_EQ(first.direction, "in");
  EXPECT_EQ((*all)[1].direction, "out");
  EXPECT_EQ(all->back().camera, "till");

  auto entrance = store->read_crossings({.from_ms = kT0, .to_ms = kT0 + 9000, .camera = "door", .name = "entrance"});
  ASSERT_TRUE(entrance);
  ASSERT_EQ(entrance->size(), 2u) << "to is exclusive; other lines and cameras are filtered out";
  EXPECT_EQ((*entrance)[1].track_id, 4);
  auto later = store->read_crossings({.from_ms = kT0 + 600});
  ASSERT_TRUE(later);
  EXPECT_EQ(later->size(), 2u);
}

TEST_P(TrackingRows, ACrossingWithAnUnknownDirectionFailsTheWholeBatch) {
  auto store = open();
  ASSERT_TRUE(store);
  std::vector<CountRow> counts{make_row("door", kT0, 1)};
  std::vector<CrossingRow> crossings{crossing("door", "entrance", kT0, 1, "in"),
                                     crossing("door", "entrance", kT0, 2, "sideways")};
  std::vector<ZoneCountRow> zones{{"door", "till", kT0, 1, 1, 2.5}};
  WriteBatch batch;
  batch.counts = counts;
  batch.crossings = crossings;
  batch.zone_counts = zones;
  const Status s = store->write(batch);
  ASSERT_FALSE(s);
  EXPECT_THAT(s.error().message, HasSubstr(location()));
  EXPECT_THAT(s.error().message, HasSubstr("track 2"));
  EXPECT_THAT(s.error().message, HasSubstr("'sideways'"));
  EXPECT_THAT(s.error().message, HasSubstr(check_failed()));
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM counts"), 0);
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM crossings"), 0);
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM zone_counts"), 0);

  crossings[1].direction = "out";
  ASSERT_TRUE(store->write(batch)) << "the connection is usable after the failed batch";
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM counts") + sql_int("SELECT COUNT(*) FROM crossings") +
                sql_int("SELECT COUNT(*) FROM zone_counts"),
            4);
}

TEST_P(TrackingRows, ZoneVisitsRoundTripReplayAndFilterByEnterTime) {
  auto store = open();
  ASSERT_TRUE(store);
  std::vector<ZoneVisitRow> visits{
      {"door", "till", 7, kT0 + 1000, kT0 + 61000, 60000},
      {"door", "till", 8, kT0 + 2000, kT0 + 4000, 2000},
      {"door", "shelf", 7, kT0 + 500, kT0 + 800, 300},
      {"yard", "till", 1, kT0 + 3000, kT0 + 3500, 500},
  };
  ASSERT_TRUE(store->write_zone_visits(visits));
  // The same visit again, closed later (a replay after the track was seen longer): replaced.
  visits[0].exit_ms = kT0 + 62000;
  visits[0].dwell_ms = 61000;
  ASSERT_TRUE(store->write_zone_visits({visits.data(), 1}));
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM zone_visits"), 4);

  auto till = store->read_zone_visits({.from_ms = kT0 + 1000, .to_ms = kT0 + 3000, .camera = "door", .name = "till"});
  ASSERT_TRUE(till) << till.error().message;
  ASSERT_EQ(till->size(), 2u);
  const ZoneVisitRow& v = till->front();
  EXPECT_EQ(v.camera, "door");
  EXPECT_EQ(v.zone, "till");
  EXPECT_EQ(v.track_id, 7);
  EXPECT_EQ(v.enter_ms, kT0 + 1000);
  EXPECT_EQ(v.exit_ms, kT0 + 62000);
  EXPECT_EQ(v.dwell_ms, 61000);
  EXPECT_EQ((*till)[1].track_id, 8);

  auto all = store->read_zone_visits({});
  ASSERT_TRUE(all);
  std::vector<std::string> order;
  for (const auto& r : *all) order.push_back(r.camera + "/" + r.zone + "/" + std::to_string(r.track_id));
  EXPECT_THAT(order, ElementsAre("door/shelf/7", "door/till/7", "door/till/8", "yard/till/1"));

  ZoneVisitRow backwards{"door", "till", 9, kT0 + 5000, kT0 + 4000, 0};
  EXPECT_FALSE(store->write_zone_visits({&backwards, 1})) << "exit before enter is refused";
}

TEST_P(TrackingRows, ZoneCountsKeepNullQueueFieldsForPlainZones) {
  auto store = open();
  ASSERT_TRUE(store);
  const std::vector<ZoneCountRow> rows{
      {"door", "queue", kT0, 3, 3, 42.5},
      {"door", "queue", kT0 + 200, 2, 2, std::nullopt},  // a queue whose wait cannot be estimated yet
      {"door", "shelf", kT0, 1, std::nullopt, std::nullopt},
  };
  ASSERT_TRUE(store->write_zone_counts(rows));
  ASSERT_TRUE(store->write_zone_counts(rows));
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM zone_counts"), 3);
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM zone_counts WHERE queue_length IS NULL"), 1);

  auto all = store->read_zone_counts({});
  ASSERT_TRUE(all) << all.error().message;
  ASSERT_EQ(all->size(), 3u);
  // Ordered by camera, time, zone.
  EXPECT_EQ((*all)[0].zone, "queue");
  EXPECT_EQ((*all)[0].occupancy, 3);
  EXPECT_EQ((*all)[0].queue_length, 3);
  EXPECT_DOUBLE_EQ((*all)[0].queue_wait_s.value_or(-1.0), 42.5);
  EXPECT_EQ((*all)[1].zone, "shelf");
  EXPECT_FALSE((*all)[1].queue_length.has_value());
  EXPECT_FALSE((*all)[1].queue_wait_s.has_value());
  EXPECT_EQ((*all)[2].timestamp_ms, kT0 + 200);
  EXPECT_EQ((*all)[2].queue_length, 2);
  EXPECT_FALSE((*all)[2].queue_wait_s.has_value());

  auto queue = store->read_zone_counts({.from_ms = kT0 + 1, .name = "queue"});
  ASSERT_TRUE(queue);
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ(queue->front().timestamp_ms, kT0 + 200);
}

TEST_P(TrackingRows, HeatmapsRoundTripReplaceTheWholeGridAndAreFoundByOverlappingHours) {
  auto store = open();
  ASSERT_TRUE(store);
  HeatmapRow hour{"door", kT0, 640, 480, 4, 3, std::vector<std::uint64_t>(12, 0), kT0 + 5000};
  hour.cells[0] = 1;
  hour.cells[5] = 300;                       // two bytes as a varint
  hour.cells[11] = (std::uint64_t{1} << 40);  // a count no 32-bit cell could hold
  ASSERT_TRUE(store->write_heatmap(hour));
  HeatmapRow next = hour;
  next.hour_ms = kT0 + kHourMs;
  next.cells.assign(12, 2);
  ASSERT_TRUE(store->write_heatmap(next));
  HeatmapRow other = hour;
  other.camera = "till";
  ASSERT_TRUE(store->write_heatmap(other));

  auto first = store->read_heatmaps("door", kT0, kT0 + 1);
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_EQ(first->size(), 1u);
  const HeatmapRow& back = first->front();
  EXPECT_EQ(back.camera, "door");
  EXPECT_EQ(back.hour_ms, kT0);
  EXPECT_EQ(back.frame_width, 640);
  EXPECT_EQ(back.frame_height, 480);
  EXPECT_EQ(back.cols, 4);
  EXPECT_EQ(back.rows, 3);
  EXPECT_EQ(back.cells, hour.cells);
  EXPECT_EQ(back.through_ms, kT0 + 5000);
  EXPECT_EQ(back.total(), 301u + (std::uint64_t{1} << 40));

  // A range starting inside the first hour and ending inside the second overlaps both.
  auto both = store->read_heatmaps("door", kT0 + 1800000, kT0 + kHourMs + 1);
  ASSERT_TRUE(both);
  ASSERT_EQ(both->size(), 2u);
  EXPECT_EQ((*both)[1].hour_ms, kT0 + kHourMs);
  auto none = store->read_heatmaps("door", kT0 - kHourMs, kT0);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty()) << "the hour before, exclusive end";

  // Writing the hour again replaces the grid whole: cells, shape and through_ms.
  HeatmapRow replaced{"door", kT0, 1280, 720, 2, 2, {4, 3, 2, 1}, kT0 + 9000};
  ASSERT_TRUE(store->write_heatmap(replaced));
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM heatmaps"), 3);
  auto again = store->read_heatmaps("door", kT0, kT0 + 1);
  ASSERT_TRUE(again);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ(again->front().cells, replaced.cells);
  EXPECT_EQ(again->front().cols, 2);
  EXPECT_EQ(again->front().frame_width, 1280);
  EXPECT_EQ(again->front().through_ms, kT0 + 9000);
}

TEST_P(TrackingRows, AHeatmapThatDoesNotFillItsGridOrStartsMidHourIsRefused) {
  auto store = open();
  ASSERT_TRUE(store);
  HeatmapRow short_row{"door", kT0, 640, 480, 4, 3, {1, 2, 3}, kT0};
  const Status s = store->write_heatmap(short_row);
  ASSERT_FALSE(s);
  EXPECT_THAT(s.error().message, HasSubstr("3 cells do not fill the grid"));
  HeatmapRow mid_hour{"door", kT0 + 1, 640, 480, 1, 1, {1}, kT0};
  EXPECT_FALSE(store->write_heatmap(mid_hour));
}

TEST_P(TrackingRows, StoreOccupancyRoundTripsWithTheDriftOfTheClosingRow) {
  auto store = open();
  ASSERT_TRUE(store);
  const std::vector<StoreOccupancyRow> rows{
      {"main-street", kT0, 0, 0, 0, std::nullopt, "opening"},
      {"main-street", kT0, 1, 1, 0, std::nullopt, "entry"},
      {"main-street", kT0 + 1000, 0, 1, 1, std::nullopt, "exit"},
      // Open all day: the closing at midnight and the next opening share an instant; both are kept.
      {"main-street", kT0 + 9000, 0, 5, 3, 2, "closing"},
      {"main-street", kT0 + 9000, 0, 0, 0, std::nullopt, "opening"},
      {"station", kT0, 1, 1, 0, std::nullopt, "entry"},
  };
  ASSERT_TRUE(store->write_store_occupancy(rows));
  ASSERT_TRUE(store->write_store_occupancy(rows)) << "a replay replaces";
  auto main_street = store->read_store_occupancy({.name = "main-street"});
  ASSERT_TRUE(main_street) << main_street.error().message;
  ASSERT_EQ(main_street->size(), 5u);
  EXPECT_EQ((*main_street)[0].event, "opening") << "at one instant the opening comes before the entry";
  EXPECT_EQ((*main_street)[1].occupancy, 1);
  EXPECT_FALSE((*main_street)[1].drift.has_value());
  EXPECT_EQ((*main_street)[3].event, "closing") << "... and the closing before the next opening";
  EXPECT_EQ((*main_street)[3].entries, 5);
  EXPECT_EQ((*main_street)[3].exits, 3);
  EXPECT_EQ((*main_street)[3].drift, 2);
  EXPECT_EQ((*main_street)[4].event, "opening");
  auto all = store->read_store_occupancy({.from_ms = kT0, .to_ms = kT0 + 1});
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 3u);
  StoreOccupancyRow bad = rows[0];
  bad.event = "lunch";
  EXPECT_FALSE(store->write_store_occupancy({&bad, 1}));
}

FOOTFALL_ON_EVERY_BACKEND(TrackingRows);

TEST(HeatmapCells, VarintsRoundTripAndRejectDamagedInput) {
  const std::vector<std::uint64_t> cells{0, 1, 127, 128, 300, 16384, std::uint64_t{1} << 35, UINT64_MAX};
  const auto bytes = encode_heatmap_cells(cells);
  EXPECT_EQ(bytes.size(), 1u + 1 + 1 + 2 + 2 + 3 + 6 + 10);
  EXPECT_EQ(bytes[3], 0x80);  // 128: low 7 bits 0 with the continuation bit, then 1
  EXPECT_EQ(bytes[4], 0x01);
  auto back = decode_heatmap_cells(bytes, cells.size());
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, cells);

  EXPECT_EQ(encode_heatmap_cells(std::vector<std::uint64_t>(2304, 0)).size(), 2304u) << "an empty 64x36 grid";
  auto wrong_count = decode_heatmap_cells(bytes, cells.size() + 1);
  ASSERT_FALSE(wrong_count);
  EXPECT_THAT(wrong_count.error().message, HasSubstr("expected 9"));
  std::vector<std::uint8_t> truncated(bytes.begin(), bytes.end() - 1);
  auto cut = decode_heatmap_cells(truncated, cells.size());
  ASSERT_FALSE(cut);
  EXPECT_THAT(cut.error().message, HasSubstr("truncated"));
  const std::vector<std::uint8_t> endless(11, 0xff);
  EXPECT_FALSE(decode_heatmap_cells(endless, 1));
}

}  // namespace
}  // namespace footfall::test

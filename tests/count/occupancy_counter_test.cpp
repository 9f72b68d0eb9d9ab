// OccupancyCounter: entries - exits since opening, reset at opening, drift reported and reset at closing, never
// below zero; opening hours in store-local time, through daylight saving changes in Europe/Berlin.
#include "footfall/count/occupancy_counter.h"

#include <gtest/gtest.h>

#include "footfall/core/time_zone.h"

namespace footfall {
namespace {

using Kind = OccupancyUpdate::Kind;

TimestampMs at(const char* iso) {
  auto t = parse_iso8601(iso);
  EXPECT_TRUE(t.has_value()) << iso;
  return t.value_or(0);
}

WeeklyHours every_day(int open_minute, int close_minute) {
  WeeklyHours hours;
  for (auto& day : hours) day = {{open_minute, close_minute}};
  return hours;
}

UtcOffsetFn utc() {
  return [](TimestampMs) { return std::int64_t{0}; };
}

UtcOffsetFn zone(const std::string& name) {
  auto tz = TimeZone::locate(name);
  EXPECT_TRUE(tz) << tz.error().message;
  return [tz = *tz](TimestampMs t) { return tz.offset_ms(t); };
}

TEST(OccupancyCounter, CountsEntriesMinusExitsResetsAtOpeningAndReportsTheDriftAtClosing) {
  WeeklyHours hours = every_day(9 * 60, 18 * 60);
  hours[6].clear();  // closed on Sunday
  OccupancyCounter counter(hours, utc());
  EXPECT_TRUE(counter.advance(at("2026-03-23T07:00:00Z")).empty()) << "the first call only starts the clock";
  // A cleaner comes in before opening: counted, then wiped by the opening.
  auto before = counter.entry(at("2026-03-23T08:30:00Z"));
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(before[0].occupancy, 1);

  auto first = counter.entry(at("2026-03-23T09:30:00Z"));
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].kind, Kind::opening);
  EXPECT_EQ(first[0].timestamp_ms, at("2026-03-23T09:00:00Z"));
  EXPECT_EQ(first[0].occupancy, 0);
  EXPECT_EQ(first[0].entries, 0);
  EXPECT_EQ(first[1].kind, Kind::entry);
  EXPECT_EQ(first[1].occupancy, 1);
  counter.entry(at("2026-03-23T10:00:00Z"));
  counter.entry(at("2026-03-23T10:05:00Z"));
  auto out = counter.exit(at("2026-03-23T11:00:00Z"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, Kind::exit);
  EXPECT_EQ(out[0].occupancy, 2);
  EXPECT_EQ(out[0].entries, 3);
  EXPECT_EQ(out[0].exits, 1);
  EXPECT_TRUE(counter.is_open_at(at("2026-03-23T17:59:59Z")));
  EXPECT_FALSE(counter.is_open_at(at("2026-03-23T18:00:00Z")));

  // Two people were never seen leaving: at closing the drift is 2 and the count goes back to 0.
  auto night = counter.advance(at("2026-03-23T23:00:00Z"));
  ASSERT_EQ(night.size(), 1u);
  EXPECT_EQ(night[0].kind, Kind::closing);
  EXPECT_EQ(night[0].timestamp_ms, at("2026-03-23T18:00:00Z"));
  EXPECT_EQ(night[0].drift, 2);
  EXPECT_EQ(night[0].occupancy, 0);
  EXPECT_EQ(night[0].entries, 3) << "the day's totals stay on the closing report";
  EXPECT_EQ(counter.occupancy(), 0);

  auto next = counter.entry(at("2026-03-24T09:00:00Z"));
  ASSERT_EQ(next.size(), 2u);
  EXPECT_EQ(next[0].kind, Kind::opening) << "opening at 09:00 comes before an entry at 09:00";
  EXPECT_EQ(next[1].entries, 1);
}

TEST(OccupancyCounter, NeverGoesBelowZeroButCountsTheExit) {
  OccupancyCounter counter(every_day(0, 1440), utc());
  counter.advance(at("2026-03-23T08:00:00Z"));
  auto out = counter.exit(at("2026-03-23T08:01:00Z"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].occupancy, 0);
  EXPECT_EQ(out[0].exits, 1);
  EXPECT_EQ(out[0].clamped_exits, 1);
  counter.entry(at("2026-03-23T08:02:00Z"));
  EXPECT_EQ(counter.occupancy(), 1) << "the missed entry is not made up for";
  counter.exit(at("2026-03-23T08:03:00Z"));
  counter.exit(at("2026-03-23T08:04:00Z"));
  EXPECT_EQ(counter.occupancy(), 0);
  EXPECT_EQ(counter.exits(), 3);
}

TEST(OccupancyCounter, AnOpenAllDayStoreClosesAndReopensAtMidnight) {
  OccupancyCounter counter(every_day(0, 1440), utc());
  counter.advance(at("2026-03-23T23:00:00Z"));
  counter.entry(at("2026-03-23T23:10:00Z"));
  auto updates = counter.entry(at("2026-03-24T00:10:00Z"));
  ASSERT_EQ(updates.size(), 3u);
  EXPECT_EQ(updates[0].kind, Kind::closing);
  EXPECT_EQ(updates[0].drift, 1);
  EXPECT_EQ(updates[1].kind, Kind::opening);
  EXPECT_EQ(updates[0].timestamp_ms, updates[1].timestamp_ms);
  EXPECT_EQ(updates[2].occupancy, 1);
}

TEST(OccupancyCounter, TheClockNeverGoesBackAndLongGapsReportEveryBoundary) {
  OccupancyCounter counter(every_day(9 * 60, 18 * 60), utc());
  counter.advance(at("2026-03-23T12:00:00Z"));
  counter.entry(at("2026-03-23T12:00:00Z"));
  EXPECT_TRUE(counter.advance(at("2026-03-23T11:00:00Z")).empty());
  auto late = counter.entry(at("2026-03-23T11:30:00Z"));  // a camera whose frames run behind
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0].timestamp_ms, at("2026-03-23T12:00:00Z"));
  EXPECT_EQ(counter.occupancy(), 2);
  // Three days without frames: three closings and two openings, in order.
  auto gap = counter.advance(at("2026-03-26T08:00:00Z"));
  ASSERT_EQ(gap.size(), 5u);
  EXPECT_EQ(gap[0].kind, Kind::closing);
  EXPECT_EQ(gap[0].drift, 2);
  for (std::size_t i = 1; i < gap.size(); ++i) {
    EXPECT_EQ(gap[i].kind, i % 2 == 1 ? Kind::opening : Kind::closing);
    EXPECT_GT(gap[i].timestamp_ms, gap[i - 1].timestamp_ms);
    if (gap[i].kind == Kind::closing) {
      EXPECT_EQ(gap[i].drift, 0);
    }
  }
}

TEST(OccupancyCounter, OpeningHoursFollowBerlinLocalTimeAcrossTheSpringDstChange) {
  // 2026-03-29 (Sunday): clocks go from 02:00 CET (+1) to 03:00 CEST (+2). Opening 08:00-20:00 local.
  OccupancyCounter counter(every_day(8 * 60, 20 * 60), zone("Europe/Berlin"));
  const auto b = counter.boundaries(at("2026-03-28T00:00:00Z"), at("2026-03-30T00:00:00Z"));
  ASSERT_EQ(b.size(), 4u);
  EXPECT_EQ(b[0].at, at("2026-03-28T07:00:00Z"));  // 08:00 CET
  EXPECT_TRUE(b[0].is_opening);
  EXPECT_EQ(b[1].at, at("2026-03-28T19:00:00Z"));  // 20:00 CET
  EXPECT_FALSE(b[1].is_opening);
  EXPECT_EQ(b[2].at, at("2026-03-29T06:00:00Z"));  // 08:00 CEST
  EXPECT_EQ(b[3].at, at("2026-03-29T18:00:00Z"));  // 20:00 CEST

  counter.advance(at("2026-03-29T05:00:00Z"));
  counter.entry(at("2026-03-29T05:30:00Z"));  // 07:30 CEST: before opening, wiped by it
  auto open = counter.entry(at("2026-03-29T06:00:00Z"));
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].kind, Kind::opening);
  EXPECT_EQ(open[1].occupancy, 1);
  EXPECT_TRUE(counter.is_open_at(at("2026-03-29T17:59:00Z")));
  EXPECT_FALSE(counter.is_open_at(at("2026-03-29T18:00:00Z")));
  auto close = counter.advance(at("2026-03-29T18:30:00Z"));
  ASSERT_EQ(close.size(), 1u);
  EXPECT_EQ(close[0].timestamp_ms, at("2026-03-29T18:00:00Z"));
  EXPECT_EQ(close[0].drift, 1);
}

TEST(OccupancyCounter, OpeningHoursFollowBerlinLocalTimeAcrossTheAutumnDstChange) {
  // 2026-10-25 (Sunday): clocks go from 03:00 CEST (+2) back to 02:00 CET (+1).
  OccupancyCounter counter(every_day(8 * 60, 20 * 60), zone("Europe/Berlin"));
  const auto b = counter.boundaries(at("2026-10-24T00:00:00Z"), at("2026-10-26T00:00:00Z"));
  ASSERT_EQ(b.size(), 4u);
  EXPECT_EQ(b[0].at, at("2026-10-24T06:00:00Z"));  // 08:00 CEST
  EXPECT_EQ(b[1].at, at("2026-10-24T18:00:00Z"));  // 20:00 CEST
  EXPECT_EQ(b[2].at, at("2026-10-25T07:00:00Z"));  // 08:00 CET
  EXPECT_EQ(b[3].at, at("2026-10-25T19:00:00Z"));  // 20:00 CET
}

TEST(OccupancyCounter, SkippedAndRepeatedLocalTimesFollowTheDocumentedPolicy) {
  // A night shop open 22:00-02:30 (two intervals: 00:00-02:30 and 22:00-24:00).
  WeeklyHours hours;
  for (auto& day : hours) day = {{0, 150}, {22 * 60, 1440}};
  OccupancyCounter counter(hours, zone("Europe/Berlin"));
  // 2026-03-29 02:30 does not exist: taken as 03:30 CEST = 01:30Z.
  auto spring = counter.boundaries(at("2026-03-29T00:30:00Z"), at("2026-03-29T02:00:00Z"));
  ASSERT_EQ(spring.size(), 1u);
  EXPECT_EQ(spring[0].at, at("2026-03-29T01:30:00Z"));
  EXPECT_FALSE(spring[0].is_opening);
  // 2026-10-25 02:30 happens twice (00:30Z in CEST, 01:30Z in CET): the first.
  auto autumn = counter.boundaries(at("2026-10-24T23:00:00Z"), at("2026-10-25T03:00:00Z"));
  ASSERT_EQ(autumn.size(), 1u);
  EXPECT_EQ(autumn[0].at, at("2026-10-25T00:30:00Z"));
  // Midnight between the two intervals: closing then opening at the same instant (22:00Z on the 24th = 24:00 CEST).
  auto midnight = counter.boundaries(at("2026-10-24T21:30:00Z"), at("2026-10-24T22:30:00Z"));
  ASSERT_EQ(midnight.size(), 2u);
  EXPECT_FALSE(midnight[0].is_opening);
  EXPECT_TRUE(midnight[1].is_opening);
  EXPECT_EQ(midnight[0].at, at("2026-10-24T22:00:00Z"));
}

}  // namespace
}  // namespace footfall

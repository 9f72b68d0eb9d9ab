// Store-local buckets: 23- and 25-hour days in Europe/Berlin and America/New_York, quarter hours, ISO weeks, whole
// buckets around a range, half-hour zones and a 30-minute daylight-saving shift.
#include "footfall/analytics/local_buckets.h"

#include <gtest/gtest.h>

namespace footfall {
namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kHour = 60 * kMinute;

TimeZone zone(const char* name) {
  auto tz = TimeZone::locate(name);
  EXPECT_TRUE(tz.ok()) << name;
  return tz.value();
}

// The UTC instant of a store-local wall-clock time.
TimestampMs local(const TimeZone& tz, int y, int mo, int d, int h = 0, int mi = 0) {
  return tz.utc_of_local(local_epoch_ms(y, mo, d, h, mi));
}

// Consecutive, non-empty, aligned with their local_start.
void expect_contiguous(const std::vector<TimeSlot>& slots, const TimeZone& tz) {
  for (std::size_t i = 0; i < slots.size(); ++i) {
    EXPECT_LT(slots[i].start_ms, slots[i].end_ms) << i;
    if (i > 0) {
      EXPECT_EQ(slots[i - 1].end_ms, slots[i].start_ms) << i;
    }
    EXPECT_EQ(slots[i].local_start.hour, tz.local_time_of(slots[i].start_ms).hour) << i;
  }
}

std::vector<int> local_hours(const std::vector<TimeSlot>& slots) {
  std::vector<int> hours;
  for (const TimeSlot& s : slots) hours.push_back(s.local_start.hour);
  return hours;
}

std::vector<int> hours_from(std::initializer_list<int> first, int from, int to) {
  std::vector<int> hours(first);
  for (int h = from; h <= to; ++h) hours.push_back(h);
  return hours;
}

TEST(LocalBuckets, BerlinSpringForwardDayHas23Hours) {
  const TimeZone berlin = zone("Europe/Berlin");
  const auto slots = local_buckets(local(berlin, 2026, 3, 29), local(berlin, 2026, 3, 30), Bucket::kHour, berlin);
  ASSERT_EQ(slots.size(), 23u);
  expect_contiguous(slots, berlin);
  EXPECT_EQ(local_hours(slots), hours_from({0, 1}, 3, 23)) << "01:00 is followed by 03:00";
  for (const TimeSlot& s : slots) EXPECT_EQ(s.end_ms - s.start_ms, kHour);
  EXPECT_EQ(slots[1].start_ms, local_epoch_ms(2026, 3, 29, 0, 0)) << "01:00 CET = 00:00 UTC";
  EXPECT_EQ(slots[2].start_ms, local_epoch_ms(2026, 3, 29, 1, 0)) << "03:00 CEST = 01:00 UTC";
  EXPECT_EQ(slots[2].local_start.offset_ms, 2 * kHour);
}

TEST(LocalBuckets, BerlinFallBackDayHas25HoursWithTwoTwoOClocks) {
  const TimeZone berlin = zone("Europe/Berlin");
  const auto slots = local_buckets(local(berlin, 2026, 10, 25), local(berlin, 2026, 10, 26), Bucket::kHour, berlin);
  ASSERT_EQ(slots.size(), 25u);
  expect_contiguous(slots, berlin);
  EXPECT_EQ(local_hours(slots), hours_from({0, 1, 2, 2}, 3, 23));
  EXPECT_EQ(slots[2].start_ms, local_epoch_ms(2026, 10, 25, 0, 0)) << "02:00 CEST = 00:00 UTC";
  EXPECT_EQ(slots[2].local_start.offset_ms, 2 * kHour);
  EXPECT_EQ(slots[3].start_ms, local_epoch_ms(2026, 10, 25, 1, 0)) << "02:00 CET = 01:00 UTC";
  EXPECT_EQ(slots[3].local_start.offset_ms, kHour);
  for (const TimeSlot& s : slots) EXPECT_EQ(s.end_ms - s.start_ms, kHour);
}

TEST(LocalBuckets, NewYorkChangesOnItsOwnDates) {
  const TimeZone ny = zone("America/New_York");
  const auto spring = local_buckets(local(ny, 2026, 3, 8), local(ny, 2026, 3, 9), Bucket::kHour, ny);
  ASSERT_EQ(spring.size(), 23u);
  expect_contiguous(spring, ny);
  EXPECT_EQ(local_hours(spring), hours_from({0, 1}, 3, 23));
  EXPECT_EQ(spring[2].start_ms, local_epoch_ms(2026, 3, 8, 7, 0)) << "03:00 EDT = 07:00 UTC";

  const auto autumn = local_buckets(local(ny, 2026, 11, 1), local(ny, 2026, 11, 2), Bucket::kHour, ny);
  ASSERT_EQ(autumn.size(), 25u);
  expect_contiguous(autumn, ny);
  EXPECT_EQ(local_hours(autumn), hours_from({0, 1, 1}, 2, 23)) << "New York repeats 01:00";
  EXPECT_EQ(autumn[1].start_ms, local_epoch_ms(2026, 11, 1, 5, 0)) << "01:00 EDT = 05:00 UTC";
  EXPECT_EQ(autumn[2].start_ms, local_epoch_ms(2026, 11, 1, 6, 0)) << "01:00 EST = 06:00 UTC";

  // Berlin's change days are ordinary days in New York.
  EXPECT_EQ(local_buckets(local(ny, 2026, 3, 29), local(ny, 2026, 3, 30), Bucket::kHour, ny).size(), 24u);
}

TEST(LocalBuckets, DaysRunFromLocalMidnightToLocalMidnight) {
  const TimeZone berlin = zone("Europe/Berlin");
  // A minute inside each day asks for the whole day.
  const TimestampMs spring_noon = local(berlin, 2026, 3, 29, 12);
  const auto spring = local_buckets(spring_noon, spring_noon + kMinute, Bucket::kDay, berlin);
  ASSERT_EQ(spring.size(), 1u);
  EXPECT_EQ(spring[0].start_ms, local_epoch_ms(2026, 3, 28, 23, 0)) << "midnight CET = 23:00 UTC the day before";
  EXPECT_EQ(spring[0].end_ms - spring[0].start_ms, 23 * kHour);
  EXPECT_EQ(spring[0].local_start.day, 29);
  EXPECT_EQ(spring[0].local_start.hour, 0);

  const TimestampMs autumn_noon = local(berlin, 2026, 10, 25, 12);
  const auto autumn = local_buckets(autumn_noon, autumn_noon + 1, Bucket::kDay, berlin);
  ASSERT_EQ(autumn.size(), 1u);
  EXPECT_EQ(autumn[0].end_ms - autumn[0].start_ms, 25 * kHour);

  // A week of days around the spring change: 7 slots, one of them 23 hours.
  const auto week = local_buckets(local(berlin, 2026, 3, 26), local(berlin, 2026, 4, 2), Bucket::kDay, berlin);
  ASSERT_EQ(week.size(), 7u);
  expect_contiguous(week, berlin);
  for (const TimeSlot& s : week) {
    EXPECT_EQ(s.local_start.hour, 0);
    EXPECT_EQ(s.end_ms - s.start_ms, s.local_start.day == 29 ? 23 * kHour : 24 * kHour) << s.local_start.day;
  }
}

TEST(LocalBuckets, WeeksStartOnMondayLocalMidnight) {
  const TimeZone berlin = zone("Europe/Berlin");
  // Wednesday 2026-03-25 to Tuesday 2026-03-31: the ISO weeks of Monday 03-23 (167 hours: it has the spring change)
  // and Monday 03-30.
  const auto weeks =
      local_buckets(local(berlin, 2026, 3, 25, 15), local(berlin, 2026, 3, 31, 8), Bucket::kWeek, berlin);
  ASSERT_EQ(weeks.size(), 2u);
  expect_contiguous(weeks, berlin);
  EXPECT_EQ(weeks[0].start_ms, local(berlin, 2026, 3, 23));
  EXPECT_EQ(weeks[0].local_start.weekday, 0);
  EXPECT_EQ(weeks[0].end_ms - weeks[0].start_ms, 167 * kHour);
  EXPECT_EQ(weeks[1].start_ms, local(berlin, 2026, 3, 30));
  EXPECT_EQ(weeks[1].end_ms - weeks[1].start_ms, 168 * kHour);
  // A Sunday belongs to the week of the Monday before it; a Monday starts its own.
  EXPECT_EQ(local_buckets(local(berlin, 2026, 3, 29, 23), local(berlin, 2026, 3, 29, 23) + 1, Bucket::kWeek,
                          berlin)[0].start_ms,
            local(berlin, 2026, 3, 23));
  EXPECT_EQ(local_buckets(local(berlin, 2026, 3, 30), local(berlin, 2026, 3, 30) + 1, Bucket::kWeek, berlin)[0]
                .start_ms,
            local(berlin, 2026, 3, 30));
}

TEST(LocalBuckets, QuarterHoursAndMinutesAcrossTheChanges) {
  const TimeZone berlin = zone("Europe/Berlin");
  const auto spring =
      local_buckets(local(berlin, 2026, 3, 29), local(berlin, 2026, 3, 30), Bucket::k15Minutes, berlin);
  EXPECT_EQ(spring.size(), 23u * 4);
  expect_contiguous(spring, berlin);
  const auto autumn =
      local_buckets(local(berlin, 2026, 10, 25), local(berlin, 2026, 10, 26), Bucket::k15Minutes, berlin);
  EXPECT_EQ(autumn.size(), 25u * 4);
  expect_contiguous(autumn, berlin);
  for (const TimeSlot& s : autumn) {
    EXPECT_EQ(s.end_ms - s.start_ms, 15 * kMinute);
    EXPECT_EQ(s.local_start.minute % 15, 0);
  }
  EXPECT_EQ(local_buckets(local(berlin, 2026, 10, 25), local(berlin, 2026, 10, 26), Bucket::kMinute, berlin).size(),
            25u * 60);
}

TEST(LocalBuckets, WholeBucketsAroundTheRange) {
  const TimeZone berlin = zone("Europe/Berlin");
  // 10:07 to 11:20 local: the quarters 10:00 .. 11:15, the hours 10:00 and 11:00.
  const TimestampMs from = local(berlin, 2026, 6, 10, 10, 7);
  const TimestampMs to = local(berlin, 2026, 6, 10, 11, 20);
  const auto quarters = local_buckets(from, to, Bucket::k15Minutes, berlin);
  ASSERT_EQ(quarters.size(), 6u);
  EXPECT_EQ(quarters.front().start_ms, local(berlin, 2026, 6, 10, 10, 0));
  EXPECT_EQ(quarters.back().end_ms, local(berlin, 2026, 6, 10, 11, 30));
  const auto hours = local_buckets(from, to, Bucket::kHour, berlin);
  ASSERT_EQ(hours.size(), 2u);
  EXPECT_EQ(hours.front().start_ms, local(berlin, 2026, 6, 10, 10));
  EXPECT_EQ(hours.back().end_ms, local(berlin, 2026, 6, 10, 12));
  // The end is exclusive: up to 11:00 is one hour.
  EXPECT_EQ(local_buckets(from, local(berlin, 2026, 6, 10, 11), Bucket::kHour, berlin).size(), 1u);
  EXPECT_TRUE(local_buckets(to, to, Bucket::kHour, berlin).empty());
  EXPECT_TRUE(local_buckets(to, from, Bucket::kDay, berlin).empty());
}

TEST(LocalBuckets, HalfHourZonesAlignToTheLocalClock) {
  const TimeZone kolkata = zone("Asia/Kolkata");  // UTC+05:30
  const auto hours =
      local_buckets(local(kolkata, 2026, 6, 10, 9, 10), local(kolkata, 2026, 6, 10, 11), Bucket::kHour, kolkata);
  ASSERT_EQ(hours.size(), 2u);
  EXPECT_EQ(hours[0].start_ms, local_epoch_ms(2026, 6, 10, 3, 30)) << "09:00 IST = 03:30 UTC";
  EXPECT_EQ(hours[0].local_start.minute, 0);
}

TEST(LocalBuckets, AThirtyMinuteShiftStartsAShortSlot) {
  // Lord Howe Island moves from +10:30 to +11:00 at 02:00 local on 2026-10-04: 02:00 becomes 02:30.
  const TimeZone lord_howe = zone("Australia/Lord_Howe");
  const auto slots =
      local_buckets(local(lord_howe, 2026, 10, 4), local(lord_howe, 2026, 10, 5), Bucket::kHour, lord_howe);
  expect_contiguous(slots, lord_howe);
  ASSERT_EQ(slots.size(), 24u);
  EXPECT_EQ(slots.back().end_ms - slots.front().start_ms, 23 * kHour + 30 * kMinute);
  EXPECT_EQ(slots[2].local_start.hour, 2);
  EXPECT_EQ(slots[2].local_start.minute, 30);
  EXPECT_EQ(slots[2].end_ms - slots[2].start_ms, 30 * kMinute);
  EXPECT_EQ(slots[3].local_start.hour, 3);
  EXPECT_EQ(slots[3].local_start.minute, 0);
}

TEST(LocalBuckets, BucketNamesRoundTripAndUnknownNamesAreRefused) {
  for (Bucket b : {Bucket::kMinute, Bucket::k15Minutes, Bucket::kHour, Bucket::kDay, Bucket::kWeek}) {
    auto parsed = parse_bucket(bucket_name(b));
    ASSERT_TRUE(parsed.ok()) << bucket_name(b);
    EXPECT_EQ(*parsed, b);
  }
  auto bad = parse_bucket("fortnight");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "unknown bucket 'fortnight' (expected minute, 15m, hour, day or week)");
}

TEST(LocalBuckets, DayNumbersAndWeekdays) {
  EXPECT_EQ(day_number(LocalDate{1970, 1, 1}), 0);
  EXPECT_EQ(day_number(LocalDate{2026, 3, 29}), local_epoch_ms(2026, 3, 29) / 86'400'000);
  EXPECT_EQ(weekday_of(LocalDate{2026, 3, 29}), 6) << "a Sunday";
  EXPECT_EQ(weekday_of(LocalDate{2026, 3, 23}), 0) << "a Monday";
  EXPECT_EQ(weekday_of(LocalDate{1969, 12, 31}), 2) << "a Wednesday";
  for (std::int64_t d = -800; d < 30'000; d += 37) EXPECT_EQ(day_number(date_of_day_number(d)), d);
  EXPECT_EQ(date_of_day_number(day_number(LocalDate{2024, 2, 29})), (LocalDate{2024, 2, 29}));
}

}  // namespace
}  // namespace footfall

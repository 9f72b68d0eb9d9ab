// IANA time zones through the OS tzdb: offsets and local times across Berlin's 2026 DST changes, and unknown names.
#include "footfall/core/time_zone.h"

#include <gtest/gtest.h>

namespace footfall {
namespace {

TimestampMs at(const char* iso) { return parse_iso8601(iso).value_or(0); }

TEST(TimeZone, BerlinOffsetsAroundTheDstChanges) {
  auto berlin = TimeZone::locate("Europe/Berlin");
  ASSERT_TRUE(berlin) << berlin.error().message;
  EXPECT_EQ(berlin->name(), "Europe/Berlin");
  constexpr std::int64_t kHour = 3'600'000;
  EXPECT_EQ(berlin->offset_ms(at("2026-03-29T00:59:59Z")), kHour);
  EXPECT_EQ(berlin->offset_ms(at("2026-03-29T01:00:00Z")), 2 * kHour);
  EXPECT_EQ(berlin->offset_ms(at("2026-10-25T00:59:59Z")), 2 * kHour);
  EXPECT_EQ(berlin->offset_ms(at("2026-10-25T01:00:00Z")), kHour);
}

TEST(TimeZone, LocalTimeHasTheDateClockAndWeekday) {
  auto local = local_time_of(at("2026-03-29T01:00:00.250Z"), "Europe/Berlin");
  ASSERT_TRUE(local) << local.error().message;
  EXPECT_EQ(local->year, 2026);
  EXPECT_EQ(local->month, 3);
  EXPECT_EQ(local->day, 29);
  EXPECT_EQ(local->hour, 3) << "02:00 CET became 03:00 CEST";
  EXPECT_EQ(local->minute, 0);
  EXPECT_EQ(local->millisecond, 250);
  EXPECT_EQ(local->weekday, 6) << "a Sunday";
  // Late evening in New York is already the next day in UTC.
  auto ny = local_time_of(at("2026-11-24T03:30:00Z"), "America/New_York");
  ASSERT_TRUE(ny);
  EXPECT_EQ(ny->day, 23);
  EXPECT_EQ(ny->hour, 22);
  EXPECT_EQ(ny->weekday, 0) << "a Monday";
  auto u = local_time_of(0, "UTC");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->weekday, 3) << "1970-01-01 was a Thursday";
}

TEST(TimeZone, UnknownNamesAreRefusedNamingThem) {
  for (const char* bad : {"Europe/Berln", "CEST+1", "", "../etc/passwd"}) {
    const Status s = validate_time_zone(bad);
    ASSERT_FALSE(s) << bad;
    EXPECT_NE(s.error().message.find(bad), std::string::npos) << s.error().message;
  }
  EXPECT_TRUE(validate_time_zone("UTC"));
  EXPECT_TRUE(validate_time_zone("Asia/Kolkata"));
}

TEST(TimeZone, LocalWallClockMapsBackToUtcAcrossTheDstChanges) {
  auto berlin = TimeZone::locate("Europe/Berlin");
  ASSERT_TRUE(berlin.ok());
  // 2026-03-29: 02:00 CET -> 03:00 CEST. 01:30 local = 00:30 UTC; 02:30 does not exist and maps to the jump (01:00
  // UTC); 03:30 local = 01:30 UTC.
  const TimestampMs utc_0030 = local_epoch_ms(2026, 3, 29, 0, 30);
  EXPECT_EQ(berlin->utc_of_local(local_epoch_ms(2026, 3, 29, 1, 30)), utc_0030);
  EXPECT_EQ(berlin->utc_of_local(local_epoch_ms(2026, 3, 29, 2, 30)), local_epoch_ms(2026, 3, 29, 1, 0));
  EXPECT_EQ(berlin->utc_of_local(local_epoch_ms(2026, 3, 29, 3, 30)), local_epoch_ms(2026, 3, 29, 1, 30));
  // The day has 23 hours.
  EXPECT_EQ(berlin->utc_of_local(local_epoch_ms(2026, 3, 30)) - berlin->utc_of_local(local_epoch_ms(2026, 3, 29)),
            23 * 3'600'000);
  // 2026-10-25: 03:00 CEST -> 02:00 CET; 02:30 happens twice, the earlier (00:30 UTC) is taken; the day has 25 hours.
  EXPECT_EQ(berlin->utc_of_local(local_epoch_ms(2026, 10, 25, 2, 30)), local_epoch_ms(2026, 10, 25, 0, 30));
  EXPECT_EQ(berlin->utc_of_local(local_epoch_ms(2026, 10, 26)) - berlin->utc_of_local(local_epoch_ms(2026, 10, 25)),
            25 * 3'600'000);
  // Round trip on an ordinary time, New York in winter (UTC-5).
  auto new_york = TimeZone::locate("America/New_York");
  ASSERT_TRUE(new_york.ok());
  const TimestampMs t = new_york->utc_of_local(local_epoch_ms(2026, 1, 15, 9, 0));
  EXPECT_EQ(t, local_epoch_ms(2026, 1, 15, 14, 0));
  const LocalTime local = new_york->local_time_of(t);
  EXPECT_EQ(local.hour, 9);
  EXPECT_EQ(local.day, 15);
}

TEST(TimeZone, LocalEpochCountsDaysLikeTheCalendar) {
  EXPECT_EQ(local_epoch_ms(1970, 1, 1), 0);
  EXPECT_EQ(local_epoch_ms(1970, 1, 2, 1, 2, 3, 4), 86'400'000 + 3'723'004);
  EXPECT_EQ(local_epoch_ms(1969, 12, 31), -86'400'000);
  EXPECT_EQ(local_epoch_ms(2026, 11, 29) / 86'400'000, 20'786);  // python: (date(2026,11,29) - date(1970,1,1)).days
}

}  // namespace
}  // namespace footfall

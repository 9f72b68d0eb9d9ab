// Store-local time buckets: the minutes, quarter hours, hours, days and ISO weeks of a store's wall clock as UTC
// intervals, so that every rollup, report and chart agrees on where a day or an hour begins.
//
// Contract of local_buckets(from, to, bucket, tz):
// - Returns consecutive slots [start_ms, end_ms) (UTC; each slot's end is the next one's start) covering every
//   WHOLE bucket that intersects [from_ms, to_ms). Slots are not clipped: the first slot may start before from_ms
//   and the last may end after to_ms, so that a row for "the hour 09:00" always means the whole hour. Empty when
//   from_ms >= to_ms.
// - Minute, 15-minute and hour slots start at the UTC instants where the local wall clock shows a multiple of the
//   bucket (hh:00, hh:15, ...). They are stepped in UTC instants, so a day with a daylight-saving change has 23 or
//   25 hourly slots: on the autumn change (Europe/Berlin 2026-10-25) the local hour 02:00 appears twice (first with
//   the summer offset, then with the winter one); on the spring change (2026-03-29) local 02:00 does not exist and
//   01:00 is followed by 03:00. An offset change that does not fall on a bucket boundary (a 30-minute shift such as
//   Australia/Lord_Howe's, against hourly buckets) also starts a new slot, so such slots can be shorter.
// - Day slots run from local midnight to the next local midnight (23, 24 or 25 hours; where midnight itself is
//   skipped, the day starts at the jump). Week slots run from Monday local midnight to the next Monday (ISO weeks).
// - local_start is the store-local wall-clock time at start_ms (its offset_ms says which of two repeated hours).
//
// Pure and thread-safe: values in, values out; the TimeZone is an immutable handle.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "footfall/core/result.h"
#include "footfall/core/time.h"
#include "footfall/core/time_zone.h"

namespace footfall {

enum class Bucket { kMinute, k15Minutes, kHour, kDay, kWeek };

// "minute", "15m", "hour", "day", "week". Error: "unknown bucket 'NAME' (expected minute, 15m, hour, day or week)".
Result<Bucket> parse_bucket(std::string_view name);
// The name parse_bucket accepts: "minute", "15m", "hour", "day", "week".
const char* bucket_name(Bucket bucket);

struct TimeSlot {
  TimestampMs start_ms = 0;  // UTC, inclusive
  TimestampMs end_ms = 0;    // UTC, exclusive
  LocalTime local_start;     // store-local wall clock at start_ms
};

std::vector<TimeSlot> local_buckets(TimestampMs from_ms, TimestampMs to_ms, Bucket bucket, const TimeZone& tz);

// A calendar date in store-local time.
struct LocalDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  friend bool operator==(const LocalDate&, const LocalDate&) = default;
};

// The local date of a local wall-clock time, and day numbers for date arithmetic: days since 1970-01-01 of the
// proleptic Gregorian calendar (no time zone), so that "the same weekday a week earlier" is day_number - 7.
LocalDate local_date_of(const LocalTime& local);
std::int64_t day_number(const LocalDate& date);
LocalDate date_of_day_number(std::int64_t day_number);
// 0 = Monday ... 6 = Sunday, as LocalTime::weekday.
int weekday_of(const LocalDate& date);

// Calendar input, shared by the CLI's flags and the API's parameters; `name` (a flag or parameter) starts every
// error. A local date "YYYY-MM-DD" (a real calendar date) -> the UTC instant of its local midnight in tz.
Result<TimestampMs> parse_local_date(const std::string& name, const std::string& value, const TimeZone& tz);
// An ISO week "YYYY-Www" (e.g. 2026-W48) -> the UTC instant of its Monday's local midnight in tz.
Result<TimestampMs> parse_iso_week(const std::string& name, const std::string& value, const TimeZone& tz);
// The ISO week "YYYY-Www" holding a local date.
std::string iso_week_of(const LocalTime& local);

}  // namespace footfall

#include "footfall/analytics/local_buckets.h"

#include <algorithm>
#include <cassert>
#include <cstdio>

namespace footfall {

namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMs = 86'400'000;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

std::int64_t floor_mod(std::int64_t a, std::int64_t b) { return a - floor_div(a, b) * b; }

std::int64_t sub_day_step_ms(Bucket bucket) {
  switch (bucket) {
    case Bucket::kMinute: return kMinuteMs;
    case Bucket::k15Minutes: return 15 * kMinuteMs;
    case Bucket::kHour: return 60 * kMinuteMs;
    case Bucket::kDay:
    case Bucket::kWeek: break;
  }
  return 0;
}

// The first instant in (lo, hi] whose UTC offset differs from lo's, given that hi's does (one change in between:
// zones change their offset months apart, buckets are at most an hour long here). Bisection to the millisecond.
TimestampMs offset_change_in(const TimeZone& tz, TimestampMs lo, TimestampMs hi) {
  const std::int64_t offset_lo = tz.offset_ms(lo);
  while (hi - lo > 1) {
    const TimestampMs mid = lo + (hi - lo) / 2;
    if (tz.offset_ms(mid) == offset_lo) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return hi;
}

// Boundaries of sub-day buckets: the instants whose local wall clock is a multiple of step, plus every offset change.
// The latest boundary at or before t.
TimestampMs boundary_at_or_before(const TimeZone& tz, TimestampMs t, std::int64_t step) {
  const std::int64_t offset = tz.offset_ms(t);
  const TimestampMs aligned = t - floor_mod(t + offset, step);
  if (tz.offset_ms(aligned) == offset) return aligned;
  return offset_change_in(tz, aligned, t);  // the change in (aligned, t] starts t's slot
}

// The earliest boundary after t.
TimestampMs boundary_after(const TimeZone& tz, TimestampMs t, std::int64_t step) {
  const std::int64_t offset = tz.offset_ms(t);
  const TimestampMs aligned = t + step - floor_mod(t + offset, step);
  if (tz.offset_ms(aligned) == offset) return aligned;
  return offset_change_in(tz, t, aligned);
}

std::int64_t local_day_number(const TimeZone& tz, TimestampMs t) { return floor_div(t + tz.offset_ms(t), kDayMs); }

TimestampMs start_of_local_day(const TimeZone& tz, std::int64_t day) { return tz.utc_of_local(day * kDayMs); }

}  // namespace

Result<Bucket> parse_bucket(std::string_view name) {
  for (Bucket b : {Bucket::kMinute, Bucket::k15Minutes, Bucket::kHour, Bucket::kDay, Bucket::kWeek}) {
    if (name == bucket_name(b)) return b;
  }
  return make_error("unknown bucket '" + std::string(name) + "' (expected minute, 15m, hour, day or week)");
}

const char* bucket_name(Bucket bucket) {
  switch (bucket) {
    case Bucket::kMinute: return "minute";
    case Bucket::k15Minutes: return "15m";
    case Bucket::kHour: return "hour";
    case Bucket::kDay: return "day";
    case Bucket::kWeek: return "week";
  }
  return "?";
}

std::vector<TimeSlot> local_buckets(TimestampMs from_ms, TimestampMs to_ms, Bucket bucket, const TimeZone& tz) {
  std::vector<TimeSlot> slots;
  if (from_ms >= to_ms) return slots;
  auto add = [&](TimestampMs start, TimestampMs end) {
    assert(end > start);
    slots.push_back(TimeSlot{start, end, tz.local_time_of(start)});
  };

  if (const std::int64_t step = sub_day_step_ms(bucket); step > 0) {
    TimestampMs start = boundary_at_or_before(tz, from_ms, step);
    while (start < to_ms) {
      const TimestampMs end = boundary_after(tz, start, step);
      add(start, end);
      start = end;
    }
    return slots;
  }

  const std::int64_t days_per_slot = bucket == Bucket::kWeek ? 7 : 1;
  std::int64_t day = local_day_number(tz, from_ms);
  if (bucket == Bucket::kWeek) day -= floor_mod(day + 3, 7);  // back to Monday (day 0 was a Thursday)
  // A day whose midnight is ambiguous or skipped still starts at or before any instant of it; this guard only
  // matters for a zone whose offset changes by a day (Pacific/Apia 2011) and keeps the slots covering from_ms.
  while (start_of_local_day(tz, day) > from_ms) day -= days_per_slot;
  TimestampMs start = start_of_local_day(tz, day);
  while (start < to_ms) {
    const TimestampMs end = start_of_local_day(tz, day + days_per_slot);
    if (end > start) add(start, end);
    day += days_per_slot;
    start = std::max(start, end);
  }
  return slots;
}

LocalDate local_date_of(const LocalTime& local) { return LocalDate{local.year, local.month, local.day}; }

// Howard Hinnant's days_from_civil / civil_from_days (public domain), proleptic Gregorian.
std::int64_t day_number(const LocalDate& date) {
  const std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (date.month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146'097 + doe - 719'468;
}

LocalDate date_of_day_number(std::int64_t day_number) {
  const std::int64_t z = day_number + 719'468;
  const std::int64_t era = floor_div(z, 146'097);
  const std::int64_t doe = z - era * 146'097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return LocalDate{static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

int weekday_of(const LocalDate& date) { return static_cast<int>(floor_mod(day_number(date) + 3, 7)); }

Result<TimestampMs> parse_local_date(const std::string& name, const std::string& value, const TimeZone& tz) {
  int year = 0;
  int month = 0;
  int day = 0;
  char tail = 0;
  if (std::sscanf(value.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3 || value.size() != 10 || month < 1 ||
      month > 12 || day < 1 || day > 31) {
    return make_error(name + ": '" + value + "' is not a date (expected YYYY-MM-DD)");
  }
  // 2026-02-30 would roll over into March: refuse it rather than guess.
  const LocalDate date{year, month, day};
  if (!(date_of_day_number(day_number(date)) == date)) {
    return make_error(name + ": '" + value + "' is not a valid date");
  }
  return tz.utc_of_local(local_epoch_ms(year, month, day));
}

Result<TimestampMs> parse_iso_week(const std::string& name, const std::string& value, const TimeZone& tz) {
  int year = 0;
  int week = 0;
  char tail = 0;
  if (std::sscanf(value.c_str(), "%4d-W%2d%c", &year, &week, &tail) != 2 || value.size() != 8 || week < 1 ||
      week > 53) {
    return make_error(name + ": '" + value + "' is not an ISO week (expected YYYY-Www, e.g. 2026-W48)");
  }
  // ISO week 1 holds January 4th; its Monday starts the ISO year.
  const std::int64_t jan4 = day_number({year, 1, 4});
  const std::int64_t monday = jan4 - weekday_of({year, 1, 4}) + std::int64_t{week - 1} * 7;
  if (week == 53) {
    // Only years whose January 1st is a Thursday (or a Wednesday in a leap year) have 53 weeks.
    const std::int64_t next_jan4 = day_number({year + 1, 1, 4});
    if (monday >= next_jan4 - weekday_of({year + 1, 1, 4})) {
      return make_error(name + ": " + std::to_string(year) + " has no week 53");
    }
  }
  return tz.utc_of_local(monday * kDayMs);
}

std::string iso_week_of(const LocalTime& local) {
  const LocalDate date{local.year, local.month, local.day};
  const std::int64_t thursday = day_number(date) - weekday_of(date) + 3;  // the ISO year is the Thursday's year
  const LocalDate t = date_of_day_number(thursday);
  const std::int64_t week = (thursday - day_number({t.year, 1, 1})) / 7 + 1;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", t.year, static_cast<int>(week));
  return buf;
}

}  // namespace footfall

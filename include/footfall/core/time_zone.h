// IANA time zones (Europe/Berlin, America/New_York) for store-local time: opening hours, days. A thin wrapper over
// Howard Hinnant's date/tz library (Debian's libhowardhinnant-date-dev, built to read the OS tzdb in
// /usr/share/zoneinfo), so that no other header depends on it and the pure modules take plain functions instead.
//
// Thread-safe: a TimeZone is an immutable handle to the library's (process-wide, read-only) zone data.
#pragma once

#include <cstdint>
#include <string>

#include "footfall/core/result.h"
#include "footfall/core/time.h"

namespace date {
class time_zone;
}

namespace footfall {

// A local wall-clock time. weekday: 0 = Monday ... 6 = Sunday.
struct LocalTime {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millisecond = 0;
  int weekday = 3;  // 1970-01-01 was a Thursday
  std::int64_t offset_ms = 0;  // local = UTC + offset
};

class TimeZone {
 public:
  // "UTC" and every name of the OS tzdb. Error: "unknown time zone 'NAME'" (with a hint of the form expected).
  static Result<TimeZone> locate(const std::string& name);

  const std::string& name() const { return name_; }
  // Offset of local time from UTC at the instant utc_ms (local = UTC + offset), daylight saving included.
  std::int64_t offset_ms(TimestampMs utc_ms) const;
  LocalTime local_time_of(TimestampMs utc_ms) const;
  // The UTC instant of a local wall-clock time given as milliseconds since 1970-01-01 00:00 local (see
  // local_epoch_ms). A time that occurs twice (the autumn change) maps to the earlier instant; a time that does not
  // exist (the spring gap) maps to the instant the gap ends, so local 02:30 on a spring-forward day is 03:00.
  TimestampMs utc_of_local(std::int64_t local_ms) const;

 private:
  TimeZone(const date::time_zone* zone, std::string name) : zone_(zone), name_(std::move(name)) {}
  const date::time_zone* zone_;
  std::string name_;
};

// Milliseconds since 1970-01-01 00:00 of a proleptic Gregorian date and time, with no time zone: the "local epoch"
// that TimeZone::utc_of_local takes. month 1..12, day 1..31; no range checks beyond what the arithmetic needs.
std::int64_t local_epoch_ms(int year, int month, int day, int hour = 0, int minute = 0, int second = 0,
                            int millisecond = 0);

// Convenience for one-off conversions (config validation, tests); the error names the zone.
Status validate_time_zone(const std::string& name);
Result<LocalTime> local_time_of(TimestampMs utc_ms, const std::string& zone);

}  // namespace footfall

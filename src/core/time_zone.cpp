#include "footfall/core/time_zone.h"

#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <exception>

namespace footfall {

namespace {

using Ms = std::chrono::milliseconds;

date::sys_time<Ms> to_sys(TimestampMs utc_ms) { return date::sys_time<Ms>(Ms(utc_ms)); }

}  // namespace

Result<TimeZone> TimeZone::locate(const std::string& name) {
  if (name.empty()) return make_error("empty time zone name (expected an IANA name such as Europe/Berlin or UTC)");
  try {
    const date::time_zone* zone = date::locate_zone(name);
    return TimeZone(zone, name);
  } catch (const std::exception& e) {
    return make_error("unknown time zone '" + name +
                      "' (expected an IANA name such as Europe/Berlin, America/New_York or UTC)");
  }
}

std::int64_t TimeZone::offset_ms(TimestampMs utc_ms) const {
  const date::sys_info info = zone_->get_info(to_sys(utc_ms));
  return std::chrono::duration_cast<Ms>(info.offset).count();
}

LocalTime TimeZone::local_time_of(TimestampMs utc_ms) const {
  const std::int64_t offset = offset_ms(utc_ms);
  const date::local_time<Ms> local{Ms(utc_ms + offset)};
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<Ms> clock{local - day};
  LocalTime out;
  out.year = static_cast<int>(ymd.year());
  out.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  out.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  out.hour = static_cast<int>(clock.hours().count());
  out.minute = static_cast<int>(clock.minutes().count());
  out.second = static_cast<int>(clock.seconds().count());
  out.millisecond = static_cast<int>(clock.subseconds().count());
  out.weekday = static_cast<int>(date::weekday{day}.iso_encoding()) - 1;
  out.offset_ms = offset;
  return out;
}

TimestampMs TimeZone::utc_of_local(std::int64_t local_ms) const {
  const date::local_time<Ms> local{Ms(local_ms)};
  const date::local_info info = zone_->get_info(local);
  if (info.result == date::local_info::nonexistent) {
    // In the gap the wall clock jumped forward: every time in it maps to the instant of the jump.
    return std::chrono::duration_cast<Ms>(info.second.begin.time_since_epoch()).count();
  }
  // unique, or ambiguous: first is the earlier instant.
  return local_ms - std::chrono::duration_cast<Ms>(info.first.offset).count();
}

std::int64_t local_epoch_ms(int year, int month, int day, int hour, int minute, int second, int millisecond) {
  const date::sys_days days = date::year{year} / date::month{static_cast<unsigned>(month)} /
                              date::day{static_cast<unsigned>(day)};
  const std::int64_t day_ms = std::int64_t{days.time_since_epoch().count()} * 86'400'000;
  return day_ms + ((std::int64_t{hour} * 60 + minute) * 60 + second) * 1000 + millisecond;
}

Status validate_time_zone(const std::string& name) {
  auto zone = TimeZone::locate(name);
  if (!zone) return zone.error();
  return Status::success();
}

Result<LocalTime> local_time_of(TimestampMs utc_ms, const std::string& zone) {
  auto tz = TimeZone::locate(zone);
  if (!tz) return tz.error();
  return tz->local_time_of(utc_ms);
}

}  // namespace footfall

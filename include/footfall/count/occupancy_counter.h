// Store occupancy from door lines: the running entries - exits since the store opened, per store.
//
// Contract (pure: no I/O, no clock, no time zone library; deterministic for a given sequence of calls):
// - Time comes in as UTC timestamps (ms), in non-decreasing order; an earlier timestamp is taken as the latest one
//   seen (the counter's clock never goes back). Local time comes from the injected `UtcOffsetFn` (local = UTC +
//   offset), which the caller builds from an IANA time zone (footfall/core/time_zone.h).
// - Opening hours: per local weekday, a list of [open, close) intervals in minutes after local midnight
//   (0 <= open < close <= 1440, sorted, not overlapping; validated by the config). A day without intervals is closed.
// - Opening: at each opening time the count is reset to 0 (entries and exits since opening too), reported as an
//   `opening` update. Closing: at each closing time the running value is reported as the drift (people counted in
//   but never out, or the reverse of missed exits) and the count is reset to 0, as a `closing` update.
// - Entries and exits are counted at any time; outside opening hours they accumulate until the next opening resets
//   them (staff before opening, cleaners after closing do not spill into the day).
// - Never below zero: an exit when the count is 0 is counted as an exit (exits goes up, so entries - exits can
//   differ from the count) but the count stays 0; such exits are reported in `clamped_exits` of the update.
// - Local times that do not exist (the hour skipped when clocks go forward) are taken as the same wall-clock time
//   after the jump (02:30 on a spring-forward night at 02:00 is 03:30); local times that occur twice (clocks going
//   back) are taken at their first occurrence.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "footfall/core/time.h"

namespace footfall {

struct DailyInterval {
  int open_minute = 0;    // minutes after local midnight, inclusive
  int close_minute = 0;   // exclusive; 1440 = midnight at the end of the day
};

// Index 0 = Monday ... 6 = Sunday.
using WeeklyHours = std::array<std::vector<DailyInterval>, 7>;

// The offset of local time from UTC at a UTC instant, in ms (local = UTC + offset).
using UtcOffsetFn = std::function<std::int64_t(TimestampMs utc_ms)>;

struct OccupancyUpdate {
  enum class Kind { opening, entry, exit, closing };
  Kind kind = Kind::entry;
  TimestampMs timestamp_ms = 0;  // of the crossing, or the exact opening / closing instant (UTC)
  int occupancy = 0;             // after this update
  std::int64_t entries = 0;      // since opening (or since the last reset)
  std::int64_t exits = 0;
  std::int64_t clamped_exits = 0;      // exits since opening that found the count at 0
  std::optional<std::int64_t> drift;   // closing: the value before the reset
};

const char* to_string(OccupancyUpdate::Kind kind);

class OccupancyCounter {
 public:
  OccupancyCounter(WeeklyHours hours, UtcOffsetFn offset);

  // Moves the clock to t and returns the openings and closings passed since the previous call, in time order.
  // The first call only starts the clock (nothing before it is known).
  std::vector<OccupancyUpdate> advance(TimestampMs t);
  // advance(t), then one entry or exit: the updates in time order, the crossing last.
  std::vector<OccupancyUpdate> entry(TimestampMs t);
  std::vector<OccupancyUpdate> exit(TimestampMs t);

  int occupancy() const { return occupancy_; }
  std::int64_t entries() const { return entries_; }
  std::int64_t exits() const { return exits_; }
  // Whether t (UTC) is within opening hours.
  bool is_open_at(TimestampMs t) const;

  // The UTC instants of the openings (is_opening) and closings in (from, to], in time order. Exposed for tests.
  struct Boundary {
    TimestampMs at = 0;
    bool is_opening = false;
  };
  std::vector<Boundary> boundaries(TimestampMs from, TimestampMs to) const;

 private:
  TimestampMs to_utc(std::int64_t local_ms) const;
  OccupancyUpdate snapshot(OccupancyUpdate::Kind kind, TimestampMs t) const;

  WeeklyHours hours_;
  UtcOffsetFn offset_;
  std::optional<TimestampMs> now_;
  int occupancy_ = 0;
  std::int64_t entries_ = 0;
  std::int64_t exits_ = 0;
  std::int64_t clamped_exits_ = 0;
};

}  // namespace footfall

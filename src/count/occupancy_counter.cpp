#include "footfall/count/occupancy_counter.h"

#include <algorithm>
#include <utility>

namespace footfall {

namespace {

constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::int64_t kMinuteMs = 60'000;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// 0 = Monday for a count of days since 1970-01-01 (a Thursday).
int weekday_of(std::int64_t day) { return static_cast<int>(((day % 7) + 7 + 3) % 7); }

}  // namespace

const char* to_string(OccupancyUpdate::Kind kind) {
  switch (kind) {
    case OccupancyUpdate::Kind::opening: return "opening";
    case OccupancyUpdate::Kind::entry: return "entry";
    case OccupancyUpdate::Kind::exit: return "exit";
    case OccupancyUpdate::Kind::closing: return "closing";
  }
  return "?";
}

OccupancyCounter::OccupancyCounter(WeeklyHours hours, UtcOffsetFn offset)
    : hours_(std::move(hours)), offset_(std::move(offset)) {}

// The UTC instant of a local wall-clock time (ms since the local epoch). The offsets a day before and after are
// the candidates (time zones change offset at most once in two days); see the header for gaps and repeats.
TimestampMs OccupancyCounter::to_utc(std::int64_t local_ms) const {
  const std::int64_t before = offset_(local_ms - kDayMs);
  const std::int64_t after = offset_(local_ms + kDayMs);
  const TimestampMs u_before = local_ms - before;
  const TimestampMs u_after = local_ms - after;
  const bool before_ok = u_before + offset_(u_before) == local_ms;
  const bool after_ok = u_after + offset_(u_after) == local_ms;
  if (before_ok && after_ok) return std::min(u_before, u_after);  // occurs twice: the first
  if (before_ok) return u_before;
  if (after_ok) return u_after;
  return u_before;  // skipped: the same wall-clock time after the jump
}

std::vector<OccupancyCounter::Boundary> OccupancyCounter::boundaries(TimestampMs from, TimestampMs to) const {
  std::vector<Boundary> out;
  if (to <= from) return out;
  // Local days that can hold a boundary in (from, to]; one day of margin on each side for offsets and gaps.
  const std::int64_t first_day = floor_div(from + offset_(from), kDayMs) - 1;
  const std::int64_t last_day = floor_div(to + offset_(to), kDayMs) + 1;
  for (std::int64_t day = first_day; day <= last_day; ++day) {
    for (const DailyInterval& interval : hours_[weekday_of(day)]) {
      const TimestampMs open = to_utc(day * kDayMs + interval.open_minute * kMinuteMs);
      const TimestampMs close = to_utc(day * kDayMs + interval.close_minute * kMinuteMs);
      if (open > from && open <= to) out.push_back({open, true});
      if (close > from && close <= to) out.push_back({close, false});
    }
  }
  // A closing and the next opening at the same instant (23:00-24:00 then 00:00-...): the closing first.
  std::stable_sort(out.begin(), out.end(), [](const Boundary& a, const Boundary& b) {
    return a.at != b.at ? a.at < b.at : (!a.is_opening && b.is_opening);
  });
  return out;
}

bool OccupancyCounter::is_open_at(TimestampMs t) const {
  const std::int64_t day = floor_div(t + offset_(t), kDayMs);
  for (std::int64_t d = day - 1; d <= day; ++d) {
    for (const DailyInterval& interval : hours_[weekday_of(d)]) {
      const TimestampMs open = to_utc(d * kDayMs + interval.open_minute * kMinuteMs);
      const TimestampMs close = to_utc(d * kDayMs + interval.close_minute * kMinuteMs);
      if (t >= open && t < close) return true;
    }
  }
  return false;
}

OccupancyUpdate OccupancyCounter::snapshot(OccupancyUpdate::Kind kind, TimestampMs t) const {
  OccupancyUpdate u;
  u.kind = kind;
  u.timestamp_ms = t;
  u.occupancy = occupancy_;
  u.entries = entries_;
  u.exits = exits_;
  u.clamped_exits = clamped_exits_;
  return u;
}

std::vector<OccupancyUpdate> OccupancyCounter::advance(TimestampMs t) {
  std::vector<OccupancyUpdate> out;
  if (!now_) {
    now_ = t;
    return out;
  }
  if (t <= *now_) return out;
  for (const Boundary& b : boundaries(*now_, t)) {
    if (b.is_opening) {
      occupancy_ = 0;
      entries_ = 0;
      exits_ = 0;
      clamped_exits_ = 0;
      out.push_back(snapshot(OccupancyUpdate::Kind::opening, b.at));
    } else {
      const std::int64_t drift = occupancy_;
      occupancy_ = 0;
      OccupancyUpdate u = snapshot(OccupancyUpdate::Kind::closing, b.at);
      u.drift = drift;
      out.push_back(u);
    }
  }
  now_ = t;
  return out;
}

std::vector<OccupancyUpdate> OccupancyCounter::entry(TimestampMs t) {
  std::vector<OccupancyUpdate> out = advance(t);
  ++entries_;
  ++occupancy_;
  out.push_back(snapshot(OccupancyUpdate::Kind::entry, std::max(t, *now_)));
  return out;
}

std::vector<OccupancyUpdate> OccupancyCounter::exit(TimestampMs t) {
  std::vector<OccupancyUpdate> out = advance(t);
  ++exits_;
  if (occupancy_ > 0) {
    --occupancy_;
  } else {
    ++clamped_exits_;
  }
  out.push_back(snapshot(OccupancyUpdate::Kind::exit, std::max(t, *now_)));
  return out;
}

}  // namespace footfall

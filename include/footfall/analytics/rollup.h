// Rollups of a store's raw rows into store-local time buckets (minute, 15 minutes, hour, day, ISO week), and what a
// store manager reads from hourly rollups: peak and quiet hours, the weekday x hour matrix of average visitors, and a
// day compared with the same weekday of previous weeks.
//
// Contract (pure; deterministic; thread-safe; values in, values out):
// - rollup(input, from, to, bucket, tz) returns one row per slot of local_buckets(from, to, bucket, tz) (see
//   local_buckets.h: whole buckets that intersect [from, to), so a row always describes its whole bucket), in time
//   order, including slots with no data (counts 0, statistics empty). Each raw row belongs to the slot with
//   start_ms <= t < end_ms, also when t lies outside [from, to) but inside a returned slot; rows outside every slot
//   are ignored. Because hours, days and weeks share their local boundaries, visitors of a day are exactly the sum
//   of its hourly (or 15-minute, or minute) rows, on 23- and 25-hour days too.
// - visitors / exits: crossings with entry true / false.
// - occupancy_mean/max/min: over the occupancy samples in the slot; the mean is the plain mean of the samples, not
//   weighted by the time between them (samples come at a steady rate from the pipeline). Empty without samples.
// - visits, dwell_mean_s, dwell_median_s: zone visits whose exit_ms is in the slot (all zones together; filter the
//   input for one zone), dwell = (exit_ms - enter_ms) / 1000 s; the median of an even count is the mean of the two
//   middle values. Visits with exit_ms < enter_ms are not counted. Pre-aggregated visit summaries add their counts
//   and dwell sums exactly; the slot's median is then the visit-weighted median of the summaries' medians (exact
//   when the slot holds a single summary, an approximation otherwise).
// - queue_length_mean / max: over the queue samples in the slot (all zones together); queue_wait_mean_s over the
//   samples that carry a wait. Empty without samples.
// - Hourly analyses (peaks, weekday_hour_matrix, compare_with_previous_weeks) take rollup rows of hourly (or finer)
//   buckets and group them by local date and local hour of their local_start. On the 25-hour day both 02:00 hours
//   go to hour 2 (their visitors are summed); on the 23-hour day hour 2 is absent for that date.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "footfall/analytics/inputs.h"
#include "footfall/analytics/local_buckets.h"

namespace footfall {

struct RollupRow {
  TimeSlot slot;
  std::int64_t visitors = 0;  // entries
  std::int64_t exits = 0;
  std::optional<double> occupancy_mean, occupancy_max, occupancy_min;
  std::optional<double> dwell_mean_s, dwell_median_s;
  std::int64_t visits = 0;  // zone visits that ended in the slot
  std::optional<double> queue_length_mean, queue_length_max, queue_wait_mean_s;
};

std::vector<RollupRow> rollup(const RollupInput& input, TimestampMs from_ms, TimestampMs to_ms, Bucket bucket,
                              const TimeZone& tz);
// The same over slots the caller already has (consecutive or not, sorted by start, not overlapping): one row per slot.
std::vector<RollupRow> rollup(const RollupInput& input, const std::vector<TimeSlot>& slots);

// ---- Peak and quiet hours ----

// Opening hours of a store per local weekday (0 = Monday ... 6 = Sunday): [open_minute, close_minute) after local
// midnight, 0 <= open < close <= 1440, as many ranges a day as the store has (a lunch break makes two); no range =
// closed all day. Same shape as the config's StoreConfig::hours.
struct OpenRange {
  int open_minute = 0;
  int close_minute = 1440;
};

struct OpeningHours {
  std::array<std::vector<OpenRange>, 7> days;
  static OpeningHours always_open();
};

// Whether a slot counts as open: at least half of its local wall-clock span [local_start, local_start + length)
// lies within the day's opening ranges (opening at 09:30 makes 09:00-10:00 an open hour, 09:45 does not).
bool is_open(const TimeSlot& slot, const OpeningHours& hours);

struct PeakHour {
  TimeSlot slot;
  std::int64_t visitors = 0;
};

struct PeakReport {
  std::vector<PeakHour> busiest;   // most visitors first
  std::vector<PeakHour> quietest;  // fewest visitors first
  std::size_t open_hours = 0;      // rows that were considered (open)
};

using SlotFilter = std::function<bool(const TimeSlot&)>;

// The `count` busiest and quietest rows among the open ones (an empty SlotFilter takes every row), ties broken by
// the earlier slot. Each list has
// min(count, open rows) entries; with fewer than 2 * count open rows the lists share rows.
PeakReport peaks(const std::vector<RollupRow>& hourly, const OpeningHours& hours, int count = 3);
PeakReport peaks(const std::vector<RollupRow>& hourly, const SlotFilter& open, int count = 3);

// ---- Weekday x hour matrix ----

struct WeekdayHourCell {
  double mean_visitors = 0.0;       // total_visitors / days; 0 when days == 0
  std::int64_t total_visitors = 0;  // over all dates
  int days = 0;                     // local dates that had this hour (0 = no data: tell it apart from a mean of 0)
};

// cells[weekday][local hour]: the mean visitors of that local hour over the local dates present in the rows.
struct WeekdayHourMatrix {
  std::array<std::array<WeekdayHourCell, 24>, 7> cells{};
};

WeekdayHourMatrix weekday_hour_matrix(const std::vector<RollupRow>& hourly);

// ---- Same weekday of previous weeks ----

struct HourComparison {
  int hour = 0;                           // local hour of the day, 0..23
  std::int64_t visitors = 0;              // on the day compared
  std::optional<double> previous_mean;    // mean over the previous weeks' same date-hours present in the history
  int previous_days = 0;                  // how many previous weeks had this hour
  std::optional<double> percent_change;   // 100 * (visitors - previous_mean) / previous_mean; empty when mean is 0
};

struct WeekComparison {
  LocalDate date;
  int weeks = 0;
  std::vector<HourComparison> hours;  // the local hours of `date` present in the history, ascending
};

// For each local hour of `date` in hourly_history, its visitors against the mean of the same hour on the same
// weekday 1..weeks weeks earlier (dates date - 7k). A previous date without rows for that hour is left out of the
// mean (previous_days says how many were there). weeks <= 0: no previous weeks.
WeekComparison compare_with_previous_weeks(const std::vector<RollupRow>& hourly_history, const LocalDate& date,
                                           int weeks);

}  // namespace footfall

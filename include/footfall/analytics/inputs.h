// The raw rows that store analytics roll up, as plain values (the caller reads them from the database and filters
// them to one store). All times are UTC epoch milliseconds; the rollups bucket them in store-local time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "footfall/core/time.h"

namespace footfall {

// A crossing of one of the store's entry lines. The caller keeps only the store's entry lines; entry = the
// crossing's direction is `in` (a visitor), otherwise an exit.
struct Crossing {
  TimestampMs t = 0;
  bool entry = true;
  std::int64_t count = 1;  // > 1 for a pre-aggregated row (a minute or hour rollup, timed at its start)
};

// People present at an instant: a camera's tracked count or the store's running occupancy.
// A pre-aggregated sample (a minute or hour rollup, timed at its start) gives its mean as `occupancy`, its weight in
// the slot's mean, and its own min and max; a plain sample leaves them at their defaults.
struct OccupancySample {
  TimestampMs t = 0;
  double occupancy = 0.0;
  double weight = 1.0;  // > 0
  std::optional<double> min = std::nullopt;
  std::optional<double> max = std::nullopt;
};

// One stay in a zone. Its dwell (exit_ms - enter_ms) belongs to the bucket of its exit.
struct ZoneVisit {
  std::string zone;
  TimestampMs enter_ms = 0;
  TimestampMs exit_ms = 0;
};

// A queue zone's length at an instant, with the estimated wait when known.
// A pre-aggregated one gives its mean length, weight and max length.
struct QueueSample {
  std::string zone;
  TimestampMs t = 0;
  double length = 0.0;
  std::optional<double> wait_s;
  double weight = 1.0;  // > 0
  std::optional<double> max_length = std::nullopt;
};

// Visits of one zone pre-aggregated by the hour of their exit (t = the hour's start): their count, dwell sum and the
// hour's median dwell.
struct VisitSummary {
  std::string zone;
  TimestampMs t = 0;
  std::int64_t visits = 0;
  double dwell_sum_s = 0.0;
  double dwell_median_s = 0.0;
};

// Everything a rollup reads. Rows need not be sorted.
struct RollupInput {
  std::vector<Crossing> crossings;
  std::vector<OccupancySample> occupancy;
  std::vector<ZoneVisit> visits;
  std::vector<VisitSummary> visit_summaries;
  std::vector<QueueSample> queue;
};

}  // namespace footfall

// StoreInsights: a store's stored data turned into analytics, in store-local time. It reads the rollups, events,
// sales and roster of one store (the cameras and entry lines of its config) from a Store and hands them to the pure
// analytics module: rollups per 15 minutes, hour, day or week; conversion; staffing per hour (from what happened, or
// from the forecast for hours that have not happened yet); roster comparison.
//
// Where the numbers come from:
// - visitors / exits: crossings of the store's entry lines (`in` = visitor), from the minute or hour rollups;
// - occupancy: the store's running occupancy (entries - exits since opening, hourly time-weighted) when it has entry
//   lines, else the sum of its cameras' tracked counts (the raw count where a camera does not track);
// - zone dwell: the visits of its cameras' zones; queue length and wait: its queue zones' rollups.
// Hour rollups serve hour, day and week buckets when the store's UTC offset is a whole number of hours over the
// range (almost every zone); minute rollups serve minute and 15-minute buckets and the rest.
//
// Not thread-safe (one per request); the Store is shared and is.
#pragma once

#include <optional>
#include <vector>

#include "footfall/analytics/forecast.h"
#include "footfall/analytics/rollup.h"
#include "footfall/analytics/roster.h"
#include "footfall/analytics/sales.h"
#include "footfall/analytics/staffing.h"
#include "footfall/config/config.h"
#include "footfall/core/time_zone.h"
#include "footfall/store/store.h"

namespace footfall {

// One hour of the staffing plan: the demand it was computed from, where that came from, and the result.
struct StaffingPlanHour {
  TimeSlot slot;
  bool open = false;
  bool forecast = false;  // demand from the forecast (the hour has not happened, or had no data)
  HourDemand demand;
  StaffingHour staff;
  std::optional<double> scheduled;  // roster, when an imported roster covers the hour (0: nobody scheduled)
};

struct StaffingPlan {
  std::vector<StaffingPlanHour> hours;
  std::optional<Forecast> forecast;  // when some hour used it
  RosterComparison roster;           // over the hours an imported roster covers
  bool has_roster = false;
};

class StoreInsights {
 public:
  StoreInsights(Store& store, StoreConfig config, TimeZone tz);

  // Rows for every whole local bucket intersecting [from_ms, to_ms) (see analytics/rollup.h).
  Result<std::vector<RollupRow>> rollup(TimestampMs from_ms, TimestampMs to_ms, Bucket bucket);
  // Sales rows whose start lies in [from_ms, to_ms).
  Result<std::vector<SaleRow>> sales(TimestampMs from_ms, TimestampMs to_ms);
  // Hourly visitors from the first stored crossing of the entry lines up to to_ms (exclusive, whole hours).
  Result<HourlySeries> visitor_history(TimestampMs to_ms);
  // Staff per local hour in [from_ms, to_ms): hours before now_ms and before the end of the stored visitors use what
  // happened; later hours use the forecast from the history before the first of them (at least two weeks needed).
  Result<StaffingPlan> staffing(TimestampMs from_ms, TimestampMs to_ms, TimestampMs now_ms);

  const StoreConfig& config() const { return config_; }
  const TimeZone& tz() const { return tz_; }
  OpeningHours opening_hours() const;

 private:
  Result<RollupInput> read_input(TimestampMs from_ms, TimestampMs to_ms, RollupGrain grain);
  bool whole_hour_offsets(TimestampMs from_ms, TimestampMs to_ms) const;

  Store& store_;
  StoreConfig config_;
  TimeZone tz_;
};

}  // namespace footfall

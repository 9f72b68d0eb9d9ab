// Pre-aggregated rows (schema v3) and the planning data imported for a store (sales, roster). Raw per-frame rows are
// kept only for the retention period; these rollups, maintained by the store in the same transaction as the raw rows
// they summarise, answer long-range reports. Each rollup is recomputed from the raw rows of the minutes a write
// touched, so late data (an edge box that was offline) and replays keep them exact. All times are UTC epoch ms;
// store-local bucketing happens in the analytics module, on minute rollups or, when the store's UTC offset is a
// whole number of hours over the range, on hour rollups.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "footfall/core/time.h"

namespace footfall {

inline constexpr TimestampMs kMinuteMs = 60'000;

enum class RollupGrain { kMinute, kHour };

// Sums of the count rows of one camera in one minute or UTC hour. Key (camera, start_ms).
struct CountRollupRow {
  std::string camera;
  TimestampMs start_ms = 0;
  std::int64_t frames = 0;  // analysed frames
  std::int64_t count_sum = 0;
  int count_min = 0;
  int count_max = 0;
  std::int64_t tracked_frames = 0;  // frames with a tracked count
  std::int64_t tracked_sum = 0;
  std::optional<int> tracked_min;
  std::optional<int> tracked_max;
};

// Sums of the zone count rows of one zone in one minute or UTC hour. Key (camera, zone, start_ms).
struct ZoneRollupRow {
  std::string camera;
  std::string zone;
  TimestampMs start_ms = 0;
  std::int64_t frames = 0;
  std::int64_t occupancy_sum = 0;
  int occupancy_max = 0;
  std::int64_t queue_frames = 0;  // frames with a queue length (queue zones)
  std::int64_t queue_length_sum = 0;
  int queue_length_max = 0;
  std::int64_t wait_samples = 0;  // frames with a wait estimate
  double wait_sum_s = 0.0;
};

// Crossings of one line in one minute or UTC hour. Key (camera, line, start_ms).
struct CrossingRollupRow {
  std::string camera;
  std::string line;
  TimestampMs start_ms = 0;
  std::int64_t ins = 0;
  std::int64_t outs = 0;
};

// Zone visits of one zone by the UTC hour of their exit. Key (camera, zone, start_ms).
struct VisitRollupRow {
  std::string camera;
  std::string zone;
  TimestampMs start_ms = 0;
  std::int64_t visits = 0;
  std::int64_t dwell_sum_ms = 0;
  double dwell_median_ms = 0.0;  // exact, of the hour
};

// Store occupancy (entries - exits since opening) over one UTC hour, time-weighted from the store occupancy events;
// the state before the hour's first event is the last event before the hour (0 when there is none). Key (store,
// start_ms).
struct StoreOccupancyRollupRow {
  std::string store;
  TimestampMs start_ms = 0;
  double mean = 0.0;
  int min = 0;
  int max = 0;
  int end = 0;  // occupancy at the end of the hour (carried into hours with no event)
};

// Point-of-sale data of a store: one transaction (end_ms == start_ms) or an interval with a count.
struct SalesRow {
  std::string store;
  TimestampMs start_ms = 0;
  TimestampMs end_ms = 0;  // >= start_ms
  std::int64_t transactions = 0;  // >= 0
  std::optional<double> amount;
};

// Scheduled staff of a store in one UTC hour (fractions for partial shifts). Key (store, hour_ms).
struct RosterRow {
  std::string store;
  TimestampMs hour_ms = 0;  // start of a UTC hour
  double staff = 0.0;       // >= 0
};

// One import of a sales or roster file: it replaces the store's rows of its kind in [from_ms, to_ms), so importing
// the same file twice, or a corrected file for the same range, leaves exactly that file's rows.
struct ImportRecord {
  std::string store;
  std::string kind;    // "sales" or "roster"
  std::string source;  // the file name, for the operator
  TimestampMs imported_ms = 0;
  TimestampMs from_ms = 0;
  TimestampMs to_ms = 0;
  std::int64_t rows = 0;
};

// How long each kind of row is kept. 0 days = forever. Raw per-frame rows (counts, zone counts) are the bulk of a
// database: 4 cameras at 5 analysed frames per second write 1.7 million count rows a day.
struct RetentionPolicy {
  int raw_days = 7;       // counts and zone_counts
  int minute_days = 400;  // minute rollups (a year of one-day per-minute charts, and a late-data margin)
  int hour_days = 0;      // hour rollups: forever
};

// What apply_retention removed.
struct RetentionReport {
  std::int64_t raw_rows = 0;
  std::int64_t minute_rows = 0;
  std::int64_t hour_rows = 0;
};

}  // namespace footfall

// The rows a Store keeps, backend-neutral: plain values, UTC epoch milliseconds, frame pixels. Each row type names
// its key: writing a row with the same key replaces the stored one (upsert), so replaying the same events is
// harmless.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "footfall/core/frame_count.h"
#include "footfall/core/time.h"

namespace footfall {

// One analysed frame: FrameCount without the boxes. Key (camera, timestamp_ms).
struct CountRow {
  std::string camera;
  TimestampMs timestamp_ms = 0;
  int count = 0;
  float mean_confidence = 0.0f;
  std::string model;
  int frame_width = 0;
  int frame_height = 0;
  std::optional<int> tracked;  // confirmed tracks in view; empty when the camera does not track (or schema v1 rows)
};

CountRow to_row(const FrameCount& count);

// A confirmed track crossing a counting line. Key (camera, line, timestamp_ms, track_id).
struct CrossingRow {
  std::string camera;
  std::string line;
  TimestampMs timestamp_ms = 0;
  std::int64_t track_id = 0;
  std::string direction;  // "in" or "out" (anything else is refused by the store)
};

// A closed zone visit. Key (camera, zone, enter_ms, track_id).
struct ZoneVisitRow {
  std::string camera;
  std::string zone;
  std::int64_t track_id = 0;
  TimestampMs enter_ms = 0;
  TimestampMs exit_ms = 0;   // >= enter_ms
  TimestampMs dwell_ms = 0;  // exit_ms - enter_ms
};

// Occupancy of one zone in one analysed frame. Key (camera, zone, timestamp_ms).
struct ZoneCountRow {
  std::string camera;
  std::string zone;
  TimestampMs timestamp_ms = 0;
  int occupancy = 0;
  std::optional<int> queue_length;     // queue zones only
  std::optional<double> queue_wait_s;  // queue zones only; Little's law estimate, empty when it cannot be estimated
};

inline constexpr TimestampMs kHourMs = 3'600'000;

// Start of the UTC hour holding t (floor, also for times before 1970).
inline TimestampMs hour_start(TimestampMs t) { return (t >= 0 ? t : t - (kHourMs - 1)) / kHourMs * kHourMs; }

// The heatmap grid (footfall::HeatmapGrid) of one camera for one UTC hour. Key (camera, hour_ms); a write replaces
// the whole grid.
struct HeatmapRow {
  std::string camera;
  TimestampMs hour_ms = 0;  // start of the hour, a multiple of kHourMs
  int frame_width = 0;
  int frame_height = 0;
  int cols = 0;
  int rows = 0;
  std::vector<std::uint64_t> cells;  // row-major, rows * cols counts
  // Time of the last frame accumulated into `cells`: a pipeline that resumes the hour skips frames up to here, so
  // re-processing a file does not count its frames twice.
  TimestampMs through_ms = 0;

  std::uint64_t total() const;
};

// The people-free background image of a camera (the only image footfall keeps). Key camera; a write replaces it.
struct BackgroundRow {
  std::string camera;
  TimestampMs updated_ms = 0;
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> png;  // PNG file bytes
};

// A static look-alike ignore region of a camera (frame pixels). Key (camera, id).
struct IgnoreRegionRow {
  std::string camera;
  std::int64_t id = 0;  // > 0; assigned by add_ignore_region
  double x = 0.0;
  double y = 0.0;
  double width = 0.0;   // > 0
  double height = 0.0;  // > 0
  std::string origin = "learned";  // "learned" (found by footfall) or "operator" (drawn or confirmed by a person)
  TimestampMs created_ms = 0;
  bool enabled = true;
};

// Running occupancy of a store (entries - exits since opening) after one event. Key (store, timestamp_ms, event):
// a closing and the next opening at the same instant are two rows; two entries in the same millisecond are one (the
// later state).
struct StoreOccupancyRow {
  std::string store;
  TimestampMs timestamp_ms = 0;
  int occupancy = 0;
  std::int64_t entries = 0;          // since opening
  std::int64_t exits = 0;            // since opening
  std::optional<std::int64_t> drift;  // set on the closing row: the value that was reset to 0
  std::string event = "entry";       // "opening", "entry", "exit" or "closing"
};

// A time range and optional filters. Each reader says which time it filters on.
struct CountQuery {
  TimestampMs from_ms = 0;            // inclusive
  TimestampMs to_ms = INT64_MAX;      // exclusive
  std::optional<std::string> camera = std::nullopt;  // all cameras when empty
  // read_crossings: only this line; read_zone_visits / read_zone_counts: only this zone; read_store_occupancy: only
  // this store. Ignored by the other readers.
  std::optional<std::string> name = std::nullopt;
};

}  // namespace footfall

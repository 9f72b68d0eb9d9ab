// Zones: polygons in which confirmed tracks are counted (occupancy) and timed (visits, dwell); queue zones also
// report queue statistics.
//
// Contract (pure: no I/O, no clock, no threads; deterministic for a given sequence of update() calls):
// - A track is in a zone when the bottom-centre of its box is inside the polygon (edges count as inside).
// - Only confirmed tracks are in a zone. A track that is unconfirmed (tentative, lost) or missing from the input
//   counts as absent.
// - A visit opens at the first update in which the track is inside. It stays open while the track's absence from
//   the zone is shorter than the zone's inertia; once the absence reaches the inertia, it closes with
//   exit_ms = the last update in which the track was inside, dwell_ms = exit_ms - enter_ms.
// - Calls come in non-decreasing time order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "footfall/core/geometry.h"
#include "footfall/core/time.h"
#include "footfall/core/track.h"
#include "footfall/count/queue_stats.h"

namespace footfall {

struct ZoneParams {
  std::string name;
  Polygon polygon;         // frame pixels; at least 3 vertices, not self-intersecting
  double inertia_s = 2.0;  // absence shorter than this keeps a visit open (>= 0)
  bool is_queue = false;   // report QueueSnapshot for this zone
};

struct ZoneVisit {
  std::string zone;  // ZoneParams::name
  std::int64_t track_id = 0;
  TimestampMs enter_ms = 0;
  TimestampMs exit_ms = 0;
  TimestampMs dwell_ms = 0;  // exit_ms - enter_ms
};

class ZoneTracker {
 public:
  // queue_window_ms: sliding window of the arrival rate and mean dwell of queue zones.
  explicit ZoneTracker(std::vector<ZoneParams> zones, TimestampMs queue_window_ms = QueueStats::default_window_ms);

  // Feed the tracker's output for one analysed frame. Returns the visits closed by this update, ordered by zone,
  // then track id.
  std::vector<ZoneVisit> update(const Tracks& tracks, TimestampMs t);
  // Close every open visit at its last-inside time (end of a file or shutdown). Returns them like update().
  std::vector<ZoneVisit> flush();

  const std::vector<ZoneParams>& zones() const { return zones_; }
  // Confirmed tracks inside each zone at the last update, indexed like zones().
  const std::vector<int>& occupancy() const { return occupancy_; }
  // Open visits of zone `zone` (includes tracks absent for less than the inertia).
  std::size_t open_visits(std::size_t zone) const { return open_[zone].size(); }
  // Queue statistics of zone `zone` as of the last update (meaningful for queue zones; length is occupancy).
  QueueSnapshot queue(std::size_t zone) const;

 private:
  struct OpenVisit {
    TimestampMs enter_ms = 0;
    TimestampMs last_inside_ms = 0;
  };

  ZoneVisit close(std::size_t zone, std::int64_t track_id, const OpenVisit& visit);

  std::vector<ZoneParams> zones_;
  std::vector<TimestampMs> inertia_ms_;
  std::vector<int> occupancy_;
  std::vector<std::map<std::int64_t, OpenVisit>> open_;  // per zone, by track id (ordered: deterministic output)
  std::vector<QueueStats> queues_;
  TimestampMs last_t_ = 0;
};

}  // namespace footfall

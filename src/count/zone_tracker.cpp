#include "footfall/count/zone_tracker.h"

#include <algorithm>
#include <cmath>

namespace footfall {

ZoneTracker::ZoneTracker(std::vector<ZoneParams> zones, TimestampMs queue_window_ms)
    : zones_(std::move(zones)), occupancy_(zones_.size(), 0), open_(zones_.size()) {
  inertia_ms_.reserve(zones_.size());
  queues_.reserve(zones_.size());
  for (const ZoneParams& zone : zones_) {
    inertia_ms_.push_back(static_cast<TimestampMs>(std::llround(std::max(0.0, zone.inertia_s) * 1000.0)));
    queues_.emplace_back(queue_window_ms);
  }
}

ZoneVisit ZoneTracker::close(std::size_t zone, std::int64_t track_id, const OpenVisit& visit) {
  const ZoneVisit closed{zones_[zone].name, track_id, visit.enter_ms, visit.last_inside_ms,
                         visit.last_inside_ms - visit.enter_ms};
  if (zones_[zone].is_queue) queues_[zone].record_departure(closed.exit_ms, closed.dwell_ms);
  return closed;
}

std::vector<ZoneVisit> ZoneTracker::update(const Tracks& tracks, TimestampMs t) {
  last_t_ = t;
  std::vector<ZoneVisit> closed;
  for (std::size_t z = 0; z < zones_.size(); ++z) {
    const ZoneParams& zone = zones_[z];
    auto& open = open_[z];
    int inside_count = 0;
    for (const Track& track : tracks) {
      if (!track.confirmed() || !contains(zone.polygon, track.box.bottom_centre())) continue;
      ++inside_count;
      auto [it, opened] = open.try_emplace(track.id, OpenVisit{t, t});
      if (opened) {
        if (zone.is_queue) queues_[z].record_arrival(t);
      } else {
        it->second.last_inside_ms = t;
      }
    }
    occupancy_[z] = inside_count;

    for (auto it = open.begin(); it != open.end();) {
      if (t - it->second.last_inside_ms >= inertia_ms_[z] && it->second.last_inside_ms != t) {
        closed.push_back(close(z, it->first, it->second));
        it = open.erase(it);
      } else {
        ++it;
      }
    }
    queues_[z].observe(t, inside_count);
  }
  return closed;
}

std::vector<ZoneVisit> ZoneTracker::flush() {
  std::vector<ZoneVisit> closed;
  for (std::size_t z = 0; z < zones_.size(); ++z) {
    for (const auto& [track_id, visit] : open_[z]) closed.push_back(close(z, track_id, visit));
    open_[z].clear();
    occupancy_[z] = 0;
  }
  return closed;
}

QueueSnapshot ZoneTracker::queue(std::size_t zone) const { return queues_[zone].snapshot(last_t_); }

}  // namespace footfall

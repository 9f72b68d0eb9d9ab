#include "footfall/app/store_occupancy.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "footfall/core/time_zone.h"

namespace footfall {

OccupancyCounter store_occupancy_counter(const StoreConfig& store, const TimeZone& tz) {
  WeeklyHours hours;
  for (std::size_t d = 0; d < hours.size(); ++d) {
    for (const OpeningInterval& i : store.hours[d]) hours[d].push_back({i.open_minute, i.close_minute});
  }
  return OccupancyCounter(std::move(hours), [tz](TimestampMs t) { return tz.offset_ms(t); });
}

Result<std::unique_ptr<StoreOccupancyTracker>> StoreOccupancyTracker::create(const std::vector<StoreConfig>& stores,
                                                                             EventSink& publish, BatchWriter* writer) {
  std::vector<Tracked> tracked;
  for (const StoreConfig& store : stores) {
    auto zone = TimeZone::locate(store.timezone);
    if (!zone) return make_error("store " + store.name + ": " + zone.error().message);
    tracked.push_back({store, store_occupancy_counter(store, *zone)});
  }
  return std::unique_ptr<StoreOccupancyTracker>(new StoreOccupancyTracker(std::move(tracked), publish, writer));
}

void StoreOccupancyTracker::on_crossing(const CrossingEvent& event) {
  std::vector<Pending> updates;
  {
    std::lock_guard lock(mutex_);
    for (Tracked& s : stores_) {
      const bool entry_line =
          std::any_of(s.config.entry_lines.begin(), s.config.entry_lines.end(),
                      [&](const EntryLine& e) { return e.camera == event.camera && e.line == event.line; });
      if (!entry_line) continue;
      const auto produced = event.direction == CrossingDirection::in ? s.counter.entry(event.timestamp_ms)
                                                                     : s.counter.exit(event.timestamp_ms);
      for (const OccupancyUpdate& u : produced) updates.push_back({s.config.name, u});
    }
  }
  emit(updates);
}

void StoreOccupancyTracker::on_frame(const FrameSummary& summary) {
  std::vector<Pending> updates;
  {
    std::lock_guard lock(mutex_);
    for (Tracked& s : stores_) {
      if (std::find(s.config.cameras.begin(), s.config.cameras.end(), summary.camera) == s.config.cameras.end()) {
        continue;
      }
      for (const OccupancyUpdate& u : s.counter.advance(summary.timestamp_ms)) updates.push_back({s.config.name, u});
    }
  }
  emit(updates);
}

int StoreOccupancyTracker::occupancy(const std::string& store) const {
  std::lock_guard lock(mutex_);
  for (const Tracked& s : stores_) {
    if (s.config.name == store) return s.counter.occupancy();
  }
  return 0;
}

void StoreOccupancyTracker::emit(const std::vector<Pending>& updates) {
  if (updates.empty()) return;
  std::vector<StoreOccupancyRow> rows;
  for (const auto& [store, u] : updates) {
    const std::string when = format_iso8601(u.timestamp_ms);
    switch (u.kind) {
      case OccupancyUpdate::Kind::opening:
        spdlog::info("store {}: opened at {}; occupancy reset to 0", store, when);
        break;
      case OccupancyUpdate::Kind::closing:
        spdlog::info("store {}: closed at {}: {} entries, {} exits ({} at zero); drift {} reset to 0", store, when,
                     u.entries, u.exits, u.clamped_exits, u.drift.value_or(0));
        break;
      default:
        spdlog::debug("store {}: {} at {}, occupancy {}", store, to_string(u.kind), when, u.occupancy);
        break;
    }
    publish_.on_store_occupancy({store, u.timestamp_ms, u.occupancy, u.entries, u.exits, u.drift});
    rows.push_back({store, u.timestamp_ms, u.occupancy, u.entries, u.exits, u.drift, to_string(u.kind)});
  }
  if (writer_ != nullptr) {
    const TimestampMs newest = rows.back().timestamp_ms;
    const Status s = writer_->add_store_occupancy(std::move(rows), newest);
    // Logged once per change of state; the rows stay pending in the writer and are retried.
    if (!s && !store_failing_.exchange(true)) {
      spdlog::error("store occupancy: cannot write, keeping the rows and retrying: {}", s.error().message);
    } else if (s && store_failing_.exchange(false)) {
      spdlog::info("store occupancy: writing again");
    }
  }
}

}  // namespace footfall

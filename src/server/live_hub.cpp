#include "footfall/server/live_hub.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

namespace footfall {

namespace {

std::string dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

LiveHub::LiveHub(const AppConfig& config, std::size_t history) : config_(config), history_limit_(history) {
  auto zone_of = [this](const std::string& name) -> const TimeZone* {
    auto it = zones_.find(name);
    if (it == zones_.end()) {
      auto zone = TimeZone::locate(name);
      if (!zone) {
        spdlog::warn("live: {}; using UTC", zone.error().message);
        return nullptr;
      }
      it = zones_.emplace(name, *zone).first;
    }
    return &it->second;
  };
  for (const CameraConfig& c : config_.cameras) {
    CameraState& state = cameras_[c.name];
    for (const StoreConfig& s : config_.stores) {
      if (std::find(s.cameras.begin(), s.cameras.end(), c.name) != s.cameras.end()) {
        state.store = s.name;
        state.zone = zone_of(s.timezone);
        break;
      }
    }
    for (const LineConfig& line : c.lines) state.lines[line.name] = {};
  }
  for (const StoreConfig& s : config_.stores) stores_[s.name] = {};
}

LiveHub::CameraState& LiveHub::camera(const std::string& name) { return cameras_[name]; }

// Events of one camera come in time order (a pipeline is one thread), so the day simply follows them: a file
// replayed from another day shows that day's totals.
bool LiveHub::roll_day(CameraState& state, TimestampMs t) {
  if (state.day_end_ms > state.day_start_ms && t >= state.day_start_ms && t < state.day_end_ms) return false;
  TimestampMs start = t - ((t % 86'400'000) + 86'400'000) % 86'400'000;
  TimestampMs end = start + 86'400'000;
  if (state.zone != nullptr) {
    const LocalTime local = state.zone->local_time_of(t);
    start = state.zone->utc_of_local(local_epoch_ms(local.year, local.month, local.day));
    end = state.zone->utc_of_local(local_epoch_ms(local.year, local.month, local.day) + 86'400'000);
  }
  state.day_start_ms = start;
  state.day_end_ms = end;
  for (auto& [line, totals] : state.lines) totals = {};
  return true;
}

Status LiveHub::seed_today(CountReader& store, TimestampMs now_ms) {
  std::lock_guard lock(mutex_);
  for (auto& [name, state] : cameras_) {
    roll_day(state, now_ms);
    CountQuery query;
    query.camera = name;
    query.from_ms = state.day_start_ms;
    query.to_ms = state.day_end_ms;
    auto crossings = store.read_crossings(query);
    if (!crossings) return crossings.error();
    for (const CrossingRow& c : *crossings) {
      LineTotals& totals = state.lines[c.line];
      (c.direction == "in" ? totals.in : totals.out)++;
    }
  }
  return Status::success();
}

std::string LiveHub::count_json(const std::string& name, const CameraState& state) const {
  nlohmann::json zones = nlohmann::json::array();
  for (const ZoneSummary& z : state.zones) {
    nlohmann::json zone{{"zone", z.zone}, {"occupancy", z.occupancy}};
    if (z.queue_length) zone["queue_length"] = *z.queue_length;
    if (z.queue_wait_s) zone["queue_wait_s"] = *z.queue_wait_s;
    zones.push_back(std::move(zone));
  }
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& [line, totals] : state.lines) lines.push_back({{"line", line}, {"in", totals.in}, {"out", totals.out}});
  nlohmann::json out{{"camera", name},
                     {"store", state.store.empty() ? nlohmann::json() : nlohmann::json(state.store)},
                     {"time", state.reported ? nlohmann::json(format_iso8601(state.timestamp_ms)) : nlohmann::json()},
                     {"timestamp_ms", state.timestamp_ms},
                     {"count", state.count},
                     {"tracked", state.tracked},
                     {"zones", std::move(zones)},
                     {"lines", std::move(lines)}};
  if (state.day_end_ms > state.day_start_ms) out["day_start"] = format_iso8601(state.day_start_ms);
  return dump(out);
}

std::string LiveHub::occupancy_json(const std::string& name, const StoreState& state) const {
  return dump({{"store", name},
               {"time", state.reported ? nlohmann::json(format_iso8601(state.timestamp_ms)) : nlohmann::json()},
               {"timestamp_ms", state.timestamp_ms},
               {"occupancy", state.occupancy},
               {"entries", state.entries},
               {"exits", state.exits}});
}

void LiveHub::publish(std::string type, std::string data) {
  history_.push_back({++seq_, std::move(type), std::move(data)});
  while (history_.size() > history_limit_) history_.pop_front();
  changed_.notify_all();
}

void LiveHub::on_crossing(const CrossingEvent& event) {
  std::lock_guard lock(mutex_);
  CameraState& state = camera(event.camera);
  roll_day(state, event.timestamp_ms);
  LineTotals& totals = state.lines[event.line];
  (event.direction == CrossingDirection::in ? totals.in : totals.out)++;
  state.reported = true;
  if (event.timestamp_ms > state.timestamp_ms) state.timestamp_ms = event.timestamp_ms;
  publish("count", count_json(event.camera, state));
}

void LiveHub::on_frame(const FrameSummary& summary) {
  std::lock_guard lock(mutex_);
  CameraState& state = camera(summary.camera);
  const bool new_day = roll_day(state, summary.timestamp_ms);
  bool same_zones = state.zones.size() == summary.zones.size();
  for (std::size_t i = 0; same_zones && i < state.zones.size(); ++i) {
    const ZoneSummary& a = state.zones[i];
    const ZoneSummary& b = summary.zones[i];
    same_zones = a.zone == b.zone && a.occupancy == b.occupancy && a.queue_length == b.queue_length;
  }
  const bool changed =
      !state.reported || new_day || state.count != summary.count || state.tracked != summary.tracked_count || !same_zones;
  state.reported = true;
  state.timestamp_ms = summary.timestamp_ms;
  state.count = summary.count;
  state.tracked = summary.tracked_count;
  state.zones = summary.zones;
  if (changed) publish("count", count_json(summary.camera, state));
}

void LiveHub::on_store_occupancy(const StoreOccupancyEvent& event) {
  std::lock_guard lock(mutex_);
  StoreState& state = stores_[event.store];
  state.reported = true;
  state.timestamp_ms = event.timestamp_ms;
  state.occupancy = event.occupancy;
  state.entries = event.entries;
  state.exits = event.exits;
  publish("occupancy", occupancy_json(event.store, state));
}

std::vector<LiveEvent> LiveHub::snapshot(std::uint64_t* seq) const {
  std::lock_guard lock(mutex_);
  std::vector<LiveEvent> events;
  for (const auto& [name, state] : cameras_) {
    if (state.reported) events.push_back({seq_, "count", count_json(name, state)});
  }
  for (const auto& [name, state] : stores_) {
    if (state.reported) events.push_back({seq_, "occupancy", occupancy_json(name, state)});
  }
  if (seq != nullptr) *seq = seq_;
  return events;
}

std::string LiveHub::snapshot_json() const {
  std::lock_guard lock(mutex_);
  nlohmann::json cameras = nlohmann::json::array();
  for (const auto& [name, state] : cameras_) cameras.push_back(nlohmann::json::parse(count_json(name, state)));
  nlohmann::json stores = nlohmann::json::array();
  for (const auto& [name, state] : stores_) stores.push_back(nlohmann::json::parse(occupancy_json(name, state)));
  return dump({{"cameras", std::move(cameras)}, {"stores", std::move(stores)}});
}

std::vector<LiveEvent> LiveHub::wait_after(std::uint64_t after, std::chrono::milliseconds timeout, bool* resync) {
  std::unique_lock lock(mutex_);
  if (resync != nullptr) *resync = false;
  changed_.wait_for(lock, timeout, [&] { return closed_ || seq_ > after; });
  if (closed_ || seq_ <= after) return {};
  if (history_.empty() || history_.front().seq > after + 1) {
    if (resync != nullptr) *resync = true;
    return {};
  }
  std::vector<LiveEvent> events;
  for (auto it = history_.rbegin(); it != history_.rend() && it->seq > after; ++it) events.push_back(*it);
  std::reverse(events.begin(), events.end());
  return events;
}

void LiveHub::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  changed_.notify_all();
}

bool LiveHub::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

}  // namespace footfall

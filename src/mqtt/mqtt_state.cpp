#include "footfall/mqtt/mqtt_state.h"

#include <spdlog/spdlog.h>

namespace footfall {

namespace {

constexpr std::int64_t kDayMs = 86'400'000;

}  // namespace

MqttState::MqttState(const AppConfig& app, const std::string& prefix, TimestampMs now_ms) : topics_(prefix) {
  std::vector<MqttMessage> ignored;
  for (const CameraConfig& c : app.cameras) {
    if (!c.enabled) continue;
    CameraState& state = cameras_[c.name];
    const std::string& store = c.store;
    for (const StoreConfig& s : app.stores) {
      if (s.name != store) continue;
      auto it = zones_.find(s.timezone);
      if (it == zones_.end()) {
        auto zone = TimeZone::locate(s.timezone);
        if (!zone) {
          spdlog::warn("mqtt: {}; camera {} counts its day in UTC", zone.error().message, c.name);
          break;
        }
        it = zones_.emplace(s.timezone, *zone).first;
      }
      state.zone = &it->second;
    }
    for (const LineConfig& line : c.lines) state.lines[line.name] = {};
    set(topics_.camera_person(c.name), "0", ignored);
    for (const ZoneConfig& z : c.zones) set(topics_.zone_person(c.name, z.name), "0", ignored);
    roll_day(c.name, state, now_ms, ignored);
  }
  for (const StoreConfig& s : app.stores) set(topics_.store_occupancy(s.name), "0", ignored);
}

MqttState::CameraState& MqttState::camera(const std::string& name) { return cameras_[name]; }

void MqttState::roll_day(const std::string& name, CameraState& state, TimestampMs t,
                         std::vector<MqttMessage>& changed) {
  if (state.day_end_ms > state.day_start_ms && t >= state.day_start_ms && t < state.day_end_ms) return;
  TimestampMs start = t - ((t % kDayMs) + kDayMs) % kDayMs;
  TimestampMs end = start + kDayMs;
  if (state.zone != nullptr) {
    const LocalTime local = state.zone->local_time_of(t);
    const std::int64_t midnight = local_epoch_ms(local.year, local.month, local.day);
    start = state.zone->utc_of_local(midnight);
    end = state.zone->utc_of_local(midnight + kDayMs);
  }
  state.day_start_ms = start;
  state.day_end_ms = end;
  for (auto& [line, totals] : state.lines) totals = {};
  set_lines(name, state, changed);
}

void MqttState::set_lines(const std::string& name, const CameraState& state, std::vector<MqttMessage>& changed) {
  for (const auto& [line, totals] : state.lines) {
    set(topics_.line_total(name, line, "in"), std::to_string(totals.in), changed);
    set(topics_.line_total(name, line, "out"), std::to_string(totals.out), changed);
  }
}

void MqttState::set(const std::string& topic, std::string payload, std::vector<MqttMessage>& changed) {
  auto it = retained_.find(topic);
  if (it == retained_.end()) {
    order_.push_back(topic);
    it = retained_.emplace(topic, std::string()).first;
  } else if (it->second == payload) {
    return;
  }
  it->second = payload;
  changed.push_back({topic, std::move(payload), true});
}

Result<std::vector<MqttMessage>> MqttState::seed_today(CountReader& reader, TimestampMs now_ms) {
  std::vector<MqttMessage> changed;
  for (auto& [name, state] : cameras_) {
    if (state.lines.empty()) continue;
    roll_day(name, state, now_ms, changed);
    CountQuery query;
    query.camera = name;
    query.from_ms = state.day_start_ms;
    query.to_ms = state.day_end_ms;
    auto crossings = reader.read_crossings(query);
    if (!crossings) return crossings.error();
    for (auto& [line, totals] : state.lines) totals = {};
    for (const CrossingRow& c : *crossings) {
      auto line = state.lines.find(c.line);
      if (line == state.lines.end()) continue;  // a line no longer configured
      (c.direction == "in" ? line->second.in : line->second.out)++;
    }
    set_lines(name, state, changed);
  }
  return changed;
}

std::vector<MqttMessage> MqttState::on_frame(const FrameSummary& summary) {
  std::vector<MqttMessage> changed;
  set(topics_.camera_person(summary.camera), std::to_string(summary.tracked_count), changed);
  for (const ZoneSummary& z : summary.zones) {
    set(topics_.zone_person(summary.camera, z.zone), std::to_string(z.occupancy), changed);
  }
  return changed;
}

std::vector<MqttMessage> MqttState::on_crossing(const CrossingEvent& event) {
  std::vector<MqttMessage> changed;
  CameraState& state = camera(event.camera);
  roll_day(event.camera, state, event.timestamp_ms, changed);
  LineTotals& totals = state.lines[event.line];
  (event.direction == CrossingDirection::in ? totals.in : totals.out)++;
  set_lines(event.camera, state, changed);
  return changed;
}

std::vector<MqttMessage> MqttState::on_store_occupancy(const StoreOccupancyEvent& event) {
  std::vector<MqttMessage> changed;
  set(topics_.store_occupancy(event.store), std::to_string(event.occupancy), changed);
  return changed;
}

std::vector<MqttMessage> MqttState::retained() const {
  std::vector<MqttMessage> out;
  out.reserve(order_.size());
  for (const std::string& topic : order_) out.push_back({topic, retained_.at(topic), true});
  return out;
}

std::optional<std::string> MqttState::value(const std::string& topic) const {
  auto it = retained_.find(topic);
  if (it == retained_.end()) return std::nullopt;
  return it->second;
}

}  // namespace footfall

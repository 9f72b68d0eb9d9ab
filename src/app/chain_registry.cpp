// Registry documents: JSON for StoreConfig and CameraConfig, the parts another box needs to serve their data.
#include "footfall/app/chain_registry.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

namespace footfall {

namespace {

using nlohmann::json;

json point_json(const Point& p) { return json::array({p.x, p.y}); }

Point point_of(const json& j) { return {j.at(0).get<float>(), j.at(1).get<float>()}; }

json store_settings(const StoreConfig& s) {
  json hours = json::array();
  for (const auto& day : s.hours) {
    json intervals = json::array();
    for (const OpeningInterval& i : day) intervals.push_back(json::array({i.open_minute, i.close_minute}));
    hours.push_back(std::move(intervals));
  }
  json entry_lines = json::array();
  for (const EntryLine& e : s.entry_lines) entry_lines.push_back({{"camera", e.camera}, {"line", e.line}});
  const StaffingPolicy& p = s.staffing;
  return {{"timezone", s.timezone},
          {"hours", std::move(hours)},
          {"cameras", s.cameras},
          {"entry_lines", std::move(entry_lines)},
          {"staffing",
           {{"people_per_associate", p.people_per_associate},
            {"min_floor_staff", p.min_floor_staff},
            {"service_seconds", p.service_seconds},
            {"service_target", p.service_target},
            {"target_within_seconds", p.target_within_seconds},
            {"min_tills", p.min_tills},
            {"conversion_fallback", p.conversion_fallback}}}};
}

StoreConfig store_of(const std::string& name, const json& j) {
  StoreConfig s;
  s.name = name;
  s.timezone = j.at("timezone").get<std::string>();
  const json& hours = j.at("hours");
  if (!hours.is_array() || hours.size() != 7) throw std::invalid_argument("hours: 7 days expected");
  for (std::size_t d = 0; d < 7; ++d) {
    for (const json& i : hours[d]) s.hours[d].push_back({i.at(0).get<int>(), i.at(1).get<int>()});
  }
  s.cameras = j.at("cameras").get<std::vector<std::string>>();
  for (const json& e : j.at("entry_lines")) {
    s.entry_lines.push_back({e.at("camera").get<std::string>(), e.at("line").get<std::string>()});
  }
  const json& p = j.at("staffing");
  s.staffing.people_per_associate = p.at("people_per_associate").get<double>();
  s.staffing.min_floor_staff = p.at("min_floor_staff").get<int>();
  s.staffing.service_seconds = p.at("service_seconds").get<double>();
  s.staffing.service_target = p.at("service_target").get<double>();
  s.staffing.target_within_seconds = p.at("target_within_seconds").get<double>();
  s.staffing.min_tills = p.at("min_tills").get<int>();
  s.staffing.conversion_fallback = p.at("conversion_fallback").get<double>();
  return s;
}

json camera_settings(const CameraConfig& c) {
  json lines = json::array();
  for (const LineConfig& l : c.lines) {
    lines.push_back({{"name", l.name},
                     {"a", point_json(l.a)},
                     {"b", point_json(l.b)},
                     {"normalized", l.normalized},
                     {"hysteresis_px", l.hysteresis_px},
                     {"hysteresis_fraction", l.hysteresis_fraction}});
  }
  json zones = json::array();
  for (const ZoneConfig& z : c.zones) {
    json polygon = json::array();
    for (const Point& p : z.polygon) polygon.push_back(point_json(p));
    zones.push_back({{"name", z.name},
                     {"polygon", std::move(polygon)},
                     {"normalized", z.normalized},
                     {"inertia_seconds", z.inertia_seconds},
                     {"queue", z.queue}});
  }
  return {{"store", c.store}, {"local_name", c.local_name}, {"lines", std::move(lines)}, {"zones", std::move(zones)}};
}

CameraConfig camera_of(const std::string& name, const json& j) {
  CameraConfig c;
  c.name = name;
  c.store = j.at("store").get<std::string>();
  c.local_name = j.at("local_name").get<std::string>();
  c.kind = kRemoteCameraKind;
  for (const json& l : j.at("lines")) {
    c.lines.push_back({l.at("name").get<std::string>(), point_of(l.at("a")), point_of(l.at("b")),
                       l.at("normalized").get<bool>(), l.at("hysteresis_px").get<float>(),
                       l.at("hysteresis_fraction").get<float>()});
  }
  for (const json& z : j.at("zones")) {
    ZoneConfig zone;
    zone.name = z.at("name").get<std::string>();
    for (const json& p : z.at("polygon")) zone.polygon.push_back(point_of(p));
    zone.normalized = z.at("normalized").get<bool>();
    zone.inertia_seconds = z.at("inertia_seconds").get<double>();
    zone.queue = z.at("queue").get<bool>();
    c.zones.push_back(std::move(zone));
  }
  return c;
}

}  // namespace

std::vector<RegistryEntry> registry_entries(const AppConfig& config, const std::string& box, TimestampMs now_ms) {
  std::vector<RegistryEntry> out;
  for (const StoreConfig& s : config.stores) out.push_back({"store", s.name, store_settings(s).dump(), box, now_ms});
  for (const CameraConfig& c : config.cameras) {
    out.push_back({"camera", c.name, camera_settings(c).dump(), box, now_ms});
  }
  return out;
}

AppConfig merge_registry(const AppConfig& local, const std::vector<RegistryEntry>& entries,
                         std::vector<std::string>* problems) {
  AppConfig merged = local;
  std::set<std::string> stores;
  std::set<std::string> cameras;
  for (const StoreConfig& s : local.stores) stores.insert(s.name);
  for (const CameraConfig& c : local.cameras) cameras.insert(c.name);
  for (const RegistryEntry& e : entries) {
    const bool is_store = e.kind == "store";
    if (is_store ? stores.count(e.name) > 0 : cameras.count(e.name) > 0) continue;
    try {
      const json settings = json::parse(e.settings);
      if (is_store) {
        merged.stores.push_back(store_of(e.name, settings));
        stores.insert(e.name);
      } else if (e.kind == "camera") {
        merged.cameras.push_back(camera_of(e.name, settings));
        cameras.insert(e.name);
      }
    } catch (const std::exception& error) {
      if (problems != nullptr) {
        problems->push_back("registry " + e.kind + " '" + e.name + "' (from " + e.box + "): " + error.what());
      }
    }
  }
  return merged;
}

}  // namespace footfall

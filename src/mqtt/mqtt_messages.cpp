#include "footfall/mqtt/mqtt_messages.h"

#include <nlohmann/json.hpp>

namespace footfall {

namespace {

std::string dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string direction_name(CrossingDirection direction) { return direction == CrossingDirection::in ? "in" : "out"; }

// One sensor of the discovery: its config topic and payload.
struct Sensor {
  std::string object_id;
  std::string name;
  std::string state_topic;
  std::string state_class;  // measurement | total_increasing
  std::string icon;
  nlohmann::json device;
};

MqttMessage discovery_message(const Sensor& s, const std::string& node_id, const MqttConfig& mqtt,
                              const MqttTopics& topics) {
  // Home Assistant wants [A-Za-z0-9_-] in the topic's object id: "north.door_person" -> "north_door_person".
  const std::string object_id = discovery_node_id(s.object_id);
  nlohmann::json config{{"name", s.name},
                        {"unique_id", node_id + "_" + object_id},
                        {"object_id", node_id + "_" + object_id},
                        {"state_topic", s.state_topic},
                        {"availability_topic", topics.available()},
                        {"payload_available", "online"},
                        {"payload_not_available", "offline"},
                        {"unit_of_measurement", "persons"},
                        {"state_class", s.state_class},
                        {"icon", s.icon},
                        {"device", s.device}};
  return {mqtt.discovery_prefix + "/sensor/" + node_id + "/" + object_id + "/config", dump(config), true};
}

nlohmann::json device(const std::string& node_id, const std::string& kind, const std::string& name,
                      const std::string& store) {
  nlohmann::json d{{"identifiers", nlohmann::json::array({node_id + "_" + kind + "_" + name})},
                   {"name", name},
                   {"manufacturer", "footfall"},
                   {"model", kind == "camera" ? "footfall camera" : "footfall store"}};
  // A camera of a store shows under the store's device.
  if (!store.empty()) d["via_device"] = node_id + "_store_" + store;
  return d;
}

}  // namespace

std::string crossing_event_json(const CrossingEvent& event, const std::string& store) {
  const std::string direction = direction_name(event.direction);
  nlohmann::json out{{"type", "crossing"},
                     {"id", "crossing/" + event.camera + "/" + event.line + "/" + std::to_string(event.track_id) + "/" +
                                std::to_string(event.timestamp_ms)},
                     {"camera", event.camera},
                     {"line", event.line},
                     {"direction", direction},
                     {"track_id", event.track_id},
                     {"time", format_iso8601(event.timestamp_ms)},
                     {"timestamp_ms", event.timestamp_ms}};
  if (!store.empty()) out["store"] = store;
  return dump(out);
}

std::string visit_event_json(const ZoneVisitEvent& event, const std::string& store) {
  nlohmann::json out{{"type", "zone_visit"},
                     {"id", "visit/" + event.camera + "/" + event.zone + "/" + std::to_string(event.track_id) + "/" +
                                std::to_string(event.enter_ms)},
                     {"camera", event.camera},
                     {"zone", event.zone},
                     {"track_id", event.track_id},
                     {"enter", format_iso8601(event.enter_ms)},
                     {"exit", format_iso8601(event.exit_ms)},
                     {"enter_ms", event.enter_ms},
                     {"exit_ms", event.exit_ms},
                     {"dwell_s", static_cast<double>(event.dwell_ms) / 1000.0}};
  if (!store.empty()) out["store"] = store;
  return dump(out);
}

std::string discovery_node_id(const std::string& prefix) {
  std::string id = prefix;
  for (char& c : id) {
    const bool plain =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!plain) c = '_';
  }
  return id;
}

std::vector<MqttMessage> discovery_messages(const AppConfig& app, const MqttConfig& mqtt) {
  std::vector<MqttMessage> out;
  if (!mqtt.discovery) return out;
  const MqttTopics topics(mqtt.prefix);
  const std::string node_id = discovery_node_id(mqtt.prefix);
  for (const CameraConfig& c : app.cameras) {
    if (!c.enabled) continue;
    const nlohmann::json dev = device(node_id, "camera", c.name, c.store);
    out.push_back(discovery_message({c.name + "_person", "Persons", topics.camera_person(c.name), "measurement",
                                     "mdi:account-group", dev},
                                    node_id, mqtt, topics));
    for (const ZoneConfig& z : c.zones) {
      out.push_back(discovery_message({c.name + "_" + z.name + "_person", z.name + " persons",
                                       topics.zone_person(c.name, z.name), "measurement", "mdi:account-group", dev},
                                      node_id, mqtt, topics));
    }
    for (const LineConfig& l : c.lines) {
      for (const char* direction : {"in", "out"}) {
        out.push_back(discovery_message(
            {c.name + "_" + l.name + "_" + direction, l.name + " " + direction + " today",
             topics.line_total(c.name, l.name, direction), "total_increasing",
             std::string(direction) == "in" ? "mdi:account-arrow-right" : "mdi:account-arrow-left", dev},
            node_id, mqtt, topics));
      }
    }
  }
  for (const StoreConfig& s : app.stores) {
    out.push_back(discovery_message({s.name + "_occupancy", "Occupancy", topics.store_occupancy(s.name), "measurement",
                                     "mdi:store", device(node_id, "store", s.name, "")},
                                    node_id, mqtt, topics));
  }
  return out;
}

}  // namespace footfall

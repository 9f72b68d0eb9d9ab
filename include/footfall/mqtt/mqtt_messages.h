// What the MQTT publisher sends (docs/mqtt.md), as plain values: topic names under the configured prefix, the JSON of
// crossing and zone-visit events, and the Home Assistant discovery configs. Pure functions, no I/O.
#pragma once

#include <string>
#include <vector>

#include "footfall/app/events.h"
#include "footfall/config/config.h"

namespace footfall {

struct MqttMessage {
  std::string topic;
  std::string payload;
  bool retain = true;
};

// Topic names (Frigate-shaped). Camera, zone, line and store names are plain names (letters, digits, '_', '-'),
// validated at config load, so they are safe topic levels.
class MqttTopics {
 public:
  explicit MqttTopics(std::string prefix) : prefix_(std::move(prefix)) {}

  const std::string& prefix() const { return prefix_; }
  std::string available() const { return prefix_ + "/available"; }                // online | offline
  std::string events() const { return prefix_ + "/events"; }                      // JSON, not retained
  std::string camera_person(const std::string& camera) const { return prefix_ + "/" + camera + "/person"; }
  std::string zone_person(const std::string& camera, const std::string& zone) const {
    return prefix_ + "/" + camera + "/" + zone + "/person";
  }
  // direction: "in" or "out"
  std::string line_total(const std::string& camera, const std::string& line, const std::string& direction) const {
    return prefix_ + "/" + camera + "/" + line + "/" + direction;
  }
  std::string store_occupancy(const std::string& store) const { return prefix_ + "/" + store + "/occupancy"; }

 private:
  std::string prefix_;
};

// {"type":"crossing","id":...,"camera","line","direction","track_id","time","timestamp_ms"[,"store"]}. `id` is the
// same for the same crossing however often it is sent, so that a consumer can drop a repeat (see docs/mqtt.md).
std::string crossing_event_json(const CrossingEvent& event, const std::string& store);
// {"type":"zone_visit","id":...,"camera","zone","track_id","enter","exit","enter_ms","exit_ms","dwell_s"[,"store"]}.
std::string visit_event_json(const ZoneVisitEvent& event, const std::string& store);

// The node id of discovery topics: the topic prefix with every character but letters, digits, '_' and '-' made '_'.
std::string discovery_node_id(const std::string& prefix);

// Home Assistant MQTT discovery: one retained `<discovery_prefix>/sensor/<node_id>/<object_id>/config` per count
// (camera person, zone person, line in and out, store occupancy), for the cameras and stores of `app`. Empty when
// discovery is off.
std::vector<MqttMessage> discovery_messages(const AppConfig& app, const MqttConfig& mqtt);

}  // namespace footfall

// MqttState: the retained state the MQTT publisher mirrors on the broker (docs/mqtt.md): per camera its person count
// (tracked persons of its latest frame) and per zone the zone's occupancy, per line today's in and out totals, per
// store its running occupancy. Events go in; the retained messages whose payload changed come out (published on
// change only). Pure: no I/O, no clock, no threads; not thread-safe (the publisher holds a lock around it).
//
// "Today" is the store-local day for a camera that belongs to a store (its time zone), else the UTC day. Like the
// live counts of the server, the day follows the events of each camera: a crossing stamped on another day starts
// that day's totals from zero (a file replayed from another day shows that day's totals).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "footfall/app/events.h"
#include "footfall/config/config.h"
#include "footfall/core/result.h"
#include "footfall/core/time_zone.h"
#include "footfall/mqtt/mqtt_messages.h"
#include "footfall/store/store.h"

namespace footfall {

class MqttState {
 public:
  // Every configured camera (person 0, its zones 0, its lines 0 for the day of `now_ms`) and store (occupancy 0, as
  // the store occupancy tracker starts) has a state from the start. A store time zone the OS does not know (the
  // config validates them, so only a missing tzdb) falls back to UTC with a warning.
  MqttState(const AppConfig& app, const std::string& prefix, TimestampMs now_ms);

  // Today's line totals from the stored crossings (of the day that holds `now_ms`), so that a restart does not reset
  // them. Returns the retained messages that changed. Errors come from the reader.
  Result<std::vector<MqttMessage>> seed_today(CountReader& reader, TimestampMs now_ms);

  std::vector<MqttMessage> on_frame(const FrameSummary& summary);
  std::vector<MqttMessage> on_crossing(const CrossingEvent& event);
  std::vector<MqttMessage> on_store_occupancy(const StoreOccupancyEvent& event);

  // Every retained state message, in a stable order (for a (re)connect).
  std::vector<MqttMessage> retained() const;

  // The current value of a retained topic, if any (tests, diagnostics).
  std::optional<std::string> value(const std::string& topic) const;

  struct LineTotals {
    std::int64_t in = 0;
    std::int64_t out = 0;
  };

 private:
  struct CameraState {
    const TimeZone* zone = nullptr;  // null: UTC
    TimestampMs day_start_ms = 0;
    TimestampMs day_end_ms = 0;
    std::map<std::string, LineTotals> lines;
  };

  CameraState& camera(const std::string& name);
  // Moves the camera's day to the one holding `t` (resetting its line totals) when `t` is outside it.
  void roll_day(const std::string& name, CameraState& state, TimestampMs t, std::vector<MqttMessage>& changed);
  void set_lines(const std::string& name, const CameraState& state, std::vector<MqttMessage>& changed);
  void set(const std::string& topic, std::string payload, std::vector<MqttMessage>& changed);

  MqttTopics topics_;
  std::map<std::string, TimeZone> zones_;  // by IANA name; CameraState points into it (map nodes are stable)
  std::map<std::string, CameraState> cameras_;
  std::vector<std::string> order_;                // retained topics in the order first set
  std::map<std::string, std::string> retained_;  // topic -> payload
};

}  // namespace footfall

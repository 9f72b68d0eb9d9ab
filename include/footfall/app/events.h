// Events that camera pipelines (and the store occupancy of the service) publish to the rest of the app, and the
// bus that fans them out. Later parts (MQTT, server-sent events) subscribe a sink to the service's bus.
//
// Threading contract: publishers call the bus from their own threads (one per camera pipeline), concurrently. A
// sink is called on the publisher's thread, possibly from several threads at once, so a sink must be thread-safe,
// quick, and must not throw. Sinks may subscribe or unsubscribe (on any thread, also from inside a callback) at any
// time; a publication already in progress may still reach a sink that was just removed.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "footfall/core/time.h"
#include "footfall/count/line_counter.h"

namespace footfall {

struct CrossingEvent {
  std::string camera;
  std::string line;
  std::int64_t track_id = 0;
  TimestampMs timestamp_ms = 0;
  CrossingDirection direction = CrossingDirection::in;
};

struct ZoneVisitEvent {
  std::string camera;
  std::string zone;
  std::int64_t track_id = 0;
  TimestampMs enter_ms = 0;
  TimestampMs exit_ms = 0;
  TimestampMs dwell_ms = 0;
};

struct ZoneSummary {
  std::string zone;
  int occupancy = 0;
  std::optional<int> queue_length;     // queue zones only
  std::optional<double> queue_wait_s;  // queue zones only, when it can be estimated
};

// One analysed frame of one camera.
struct FrameSummary {
  std::string camera;
  TimestampMs timestamp_ms = 0;
  int count = 0;          // persons detected
  int tracked_count = 0;  // confirmed tracks in view
  std::vector<ZoneSummary> zones;
};

// Running occupancy of a store (entries - exits since opening), on every change, at opening and at closing.
struct StoreOccupancyEvent {
  std::string store;
  TimestampMs timestamp_ms = 0;
  int occupancy = 0;
  std::int64_t entries = 0;
  std::int64_t exits = 0;
  std::optional<std::int64_t> drift;  // at closing: the value that was reset to 0
};

// Subscribers override what they need; the defaults ignore the event.
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void on_crossing(const CrossingEvent& /*event*/) {}
  virtual void on_visit(const ZoneVisitEvent& /*event*/) {}
  virtual void on_frame(const FrameSummary& /*summary*/) {}
  virtual void on_store_occupancy(const StoreOccupancyEvent& /*event*/) {}
};

// Fans every event out to the subscribed sinks, in subscription order. Thread-safe (see the contract above):
// publishing takes a snapshot of the subscriber list under a mutex and calls the sinks outside it.
class EventBus final : public EventSink {
 public:
  void subscribe(std::shared_ptr<EventSink> sink);
  void unsubscribe(const EventSink* sink);
  std::size_t subscribers() const;

  void on_crossing(const CrossingEvent& event) override;
  void on_visit(const ZoneVisitEvent& event) override;
  void on_frame(const FrameSummary& summary) override;
  void on_store_occupancy(const StoreOccupancyEvent& event) override;

 private:
  using Sinks = std::vector<std::shared_ptr<EventSink>>;
  std::shared_ptr<const Sinks> snapshot() const;

  mutable std::mutex mutex_;
  std::shared_ptr<const Sinks> sinks_ = std::make_shared<const Sinks>();
};

}  // namespace footfall

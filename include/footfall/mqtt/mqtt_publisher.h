// MqttPublisher: an EventSink that mirrors the app's event bus on an MQTT broker (libmosquitto), Frigate-style, with
// Home Assistant discovery (docs/mqtt.md).
//
//   <prefix>/available                 online | offline (last will, and on a clean stop), retained
//   <prefix>/<camera>/person           tracked persons in the camera's latest frame, retained, on change
//   <prefix>/<camera>/<zone>/person    persons in the zone, retained, on change
//   <prefix>/<camera>/<line>/in|out    today's totals of the line, retained, seeded from the database at start
//   <prefix>/<store>/occupancy         the store's running occupancy, retained
//   <prefix>/events                    crossings and zone visits as JSON, QoS >= 1, not retained
//
// One network thread owns the connection: it connects, reconnects with exponential backoff (0.5 s doubling to 30 s),
// and on every (re)connect publishes `online`, the discovery configs and every retained state topic. Events always
// pass through the spool (durable on disk before they are sent): the thread sends them in spool order and
// acknowledges each in the spool once the broker confirmed it (PUBACK), so events produced while the broker is out
// of reach (or while footfall is stopped) are delivered in order after the reconnect. A message in flight when the
// connection drops may arrive twice (QoS 1 is at least once); each event carries an `id` to drop repeats by.
//
// Threading: the EventSink calls are thread-safe and quick (they update the state under a lock and queue the event;
// no I/O). start() and stop() are called from one controlling thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "footfall/app/events.h"
#include "footfall/config/config.h"
#include "footfall/core/result.h"
#include "footfall/core/time.h"
#include "footfall/spool/spool.h"
#include "footfall/store/store.h"

namespace footfall {

struct MqttStats {
  bool connected = false;
  std::uint64_t connects = 0;          // successful connections (CONNACK accepted) since start
  std::uint64_t events_queued = 0;     // events taken from the bus since start
  std::uint64_t events_confirmed = 0;  // events the broker acknowledged since start (spooled ones included)
  std::uint64_t events_dropped = 0;    // events lost because the spool refused them (full, or a disk error)
  SpoolStats spool;
  std::string last_error;  // the latest connection problem; empty while connected
};

// Where the MQTT events wait for the broker: mqtt.spool_dir when set, else `<spool.dir>/mqtt`, beside the store
// writer's `<spool.dir>/store`. Bounded by spool.max_mb like the store's spool.
std::filesystem::path mqtt_spool_dir(const AppConfig& app);

class MqttPublisher final : public EventSink {
 public:
  // Builds the client from app.mqtt (which must be enabled) and opens the spool; does not connect. Errors name the
  // problem: a TLS file libmosquitto refuses, a spool folder that cannot be opened.
  static Result<std::shared_ptr<MqttPublisher>> create(const AppConfig& app);
  ~MqttPublisher() override;  // stop()
  MqttPublisher(const MqttPublisher&) = delete;
  MqttPublisher& operator=(const MqttPublisher&) = delete;

  // Today's line totals from the database (call before start()). The error comes from the reader; the totals then
  // start from zero.
  Status seed_today(CountReader& reader, TimestampMs now_ms);

  // Starts the network thread (connects in the background; never blocks on the broker).
  void start();
  // Sends what is queued while the connection is up (waiting at most `drain`), publishes `offline`, disconnects and
  // joins the thread. Events not confirmed by then stay in the spool for the next start. Idempotent.
  void stop(std::chrono::milliseconds drain = std::chrono::seconds(5));

  MqttStats stats() const;

  void on_crossing(const CrossingEvent& event) override;
  void on_visit(const ZoneVisitEvent& event) override;
  void on_frame(const FrameSummary& summary) override;
  void on_store_occupancy(const StoreOccupancyEvent& event) override;

 private:
  struct Impl;
  explicit MqttPublisher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The start-up step of `footfall run` and `footfall serve`: when app.mqtt is enabled, creates the publisher, seeds
// today's line totals from `reader` (a failure is logged; the totals then start from zero), subscribes it to `bus` and
// starts it. Null when MQTT is off. Errors are create()'s. Call before the service starts its pipelines; at the end,
// stop_mqtt_publisher() after the service finished.
Result<std::shared_ptr<MqttPublisher>> start_mqtt_publisher(const AppConfig& app, EventBus& bus, CountReader& reader,
                                                            TimestampMs now_ms);
// Unsubscribes the publisher (when not null) and stops it: queued events are sent while the broker is reachable.
void stop_mqtt_publisher(const std::shared_ptr<MqttPublisher>& publisher, EventBus& bus);

}  // namespace footfall

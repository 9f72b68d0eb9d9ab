// The edge spools of this process and the links they wait for, as /healthz and /metrics show them: the store
// writer's spool and its database (only where the database is a server, PostgreSQL: SQLite is a local file and has
// no spool) and the MQTT publisher's connection and spool (only with an `mqtt` section). Read at every request
// through EdgeHealthSource, so that the server is tested without a database server or a broker; ServiceEdgeHealth
// reads the running service and publisher.
//
// Health is "degraded" (edge_problems() not empty) while the database is out of reach, while the MQTT publisher is
// not connected to its broker (also for the moment after start-up while it connects), or while a spool is at least
// spool.warn_percent full. Nothing is lost then, but rows or events wait on local disk.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "footfall/config/config.h"
#include "footfall/core/time.h"
#include "footfall/mqtt/mqtt_publisher.h"
#include "footfall/spool/spool.h"
#include "footfall/store/spooling_writer.h"

namespace footfall {

class Service;

struct EdgeHealth {
  // When the stats were read, on the clock that stamped the spooled items: an item's age is now_ms - created_ms.
  TimestampMs now_ms = 0;
  double warn_fraction = 0.8;  // spool.warn_percent / 100: a spool this full makes the health "degraded"
  std::optional<SpoolingWriterStats> store;  // the store's spool (`<spool.dir>/store`) and its database; nullopt: none
  std::optional<MqttStats> mqtt;             // the MQTT publisher and its spool; nullopt: MQTT is off
};

class EdgeHealthSource {
 public:
  virtual ~EdgeHealthSource() = default;
  // Thread-safe and cheap (a few locked reads, no I/O): called on every /healthz and /metrics request.
  virtual EdgeHealth edge_health() const = 0;
};

// What makes the health "degraded", one sentence each (naming the spool, its depth and the oldest item's age); empty
// when nothing does.
std::vector<std::string> edge_problems(const EdgeHealth& health);

// How long the oldest unsent item of `spool` has waited at `now_ms`, in seconds; 0 when the spool is empty.
double oldest_age_seconds(const SpoolStats& spool, TimestampMs now_ms);

// The body of GET /healthz:
//   {"status": "ok" | "degraded", "problems": [sentence, ...],
//    "spools": {"store": SPOOL, "mqtt": SPOOL}}   (each only where that spool exists in this process)
//   SPOOL = {"backend": "database" | "mqtt", "backend_available": bool, "items", "bytes", "max_bytes",
//            "fill": bytes / max_bytes, "oldest_age_s": seconds (0 when empty), "refused"}
// `health` null (no source): {"status": "ok", "problems": [], "spools": {}}.
std::string health_json(const EdgeHealth* health);

// The real source of `footfall serve`: the service's store spool (Service::store_spool_stats) and the publisher's
// stats. `service` and `mqtt` may be null (no such part); they, `config` and `clock` must outlive this object. `clock`
// is the one the service stamps spooled rows with (Service::clock()).
class ServiceEdgeHealth final : public EdgeHealthSource {
 public:
  ServiceEdgeHealth(const AppConfig& config, const Service* service, const MqttPublisher* mqtt, const Clock& clock);
  EdgeHealth edge_health() const override;

 private:
  const double warn_fraction_;
  const Service* service_;
  const MqttPublisher* mqtt_;
  const Clock& clock_;
};

}  // namespace footfall

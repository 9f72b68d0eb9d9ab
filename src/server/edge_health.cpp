#include "footfall/server/edge_health.h"

#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "footfall/app/service.h"

namespace footfall {

namespace {

using json = nlohmann::ordered_json;  // status first, as documented

std::string percent(double fraction) { return std::to_string(static_cast<int>(std::floor(fraction * 100.0))) + "%"; }

std::string seconds_text(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f s", seconds);
  return buffer;
}

// "N items wait in the NAME spool, the oldest for T s"
std::string waiting(const char* name, const SpoolStats& spool, TimestampMs now_ms) {
  if (spool.items == 0) return std::string("the ") + name + " spool is empty";
  return std::to_string(spool.items) + (spool.items == 1 ? " item waits" : " items wait") + " in the " + name +
         " spool, the oldest for " + seconds_text(oldest_age_seconds(spool, now_ms));
}

void check_fill(const char* name, const SpoolStats& spool, double warn_fraction, std::vector<std::string>& out) {
  const double fill = spool.fill_fraction();
  if (spool.max_bytes == 0 || fill < warn_fraction) return;
  out.push_back("the " + std::string(name) + " spool is " + percent(fill) + " full (warning at " +
                percent(warn_fraction) + "); new items are refused at 100%");
}

json spool_json(const char* backend, bool available, const SpoolStats& spool, TimestampMs now_ms) {
  return {{"backend", backend},
          {"backend_available", available},
          {"items", spool.items},
          {"bytes", spool.bytes},
          {"max_bytes", spool.max_bytes},
          {"fill", spool.fill_fraction()},
          {"oldest_age_s", oldest_age_seconds(spool, now_ms)},
          {"refused", spool.refused}};
}

}  // namespace

double oldest_age_seconds(const SpoolStats& spool, TimestampMs now_ms) {
  const auto age_ms = spool.oldest_age_ms(now_ms);
  if (!age_ms || *age_ms <= 0) return 0.0;
  return static_cast<double>(*age_ms) / 1000.0;
}

std::vector<std::string> edge_problems(const EdgeHealth& health) {
  std::vector<std::string> out;
  if (health.store) {
    if (!health.store->backend_available) {
      out.push_back("the database is unreachable; " + waiting("store", health.store->spool, health.now_ms));
    }
    check_fill("store", health.store->spool, health.warn_fraction, out);
  }
  if (health.mqtt) {
    if (!health.mqtt->connected) {
      out.push_back("the MQTT broker is not connected; " + waiting("mqtt", health.mqtt->spool, health.now_ms));
    }
    check_fill("mqtt", health.mqtt->spool, health.warn_fraction, out);
  }
  return out;
}

std::string health_json(const EdgeHealth* health) {
  json out{{"status", "ok"}, {"problems", json::array()}, {"spools", json::object()}};
  if (health != nullptr) {
    const std::vector<std::string> problems = edge_problems(*health);
    if (!problems.empty()) out["status"] = "degraded";
    out["problems"] = problems;
    if (health->store) {
      out["spools"]["store"] =
          spool_json("database", health->store->backend_available, health->store->spool, health->now_ms);
    }
    if (health->mqtt) {
      out["spools"]["mqtt"] = spool_json("mqtt", health->mqtt->connected, health->mqtt->spool, health->now_ms);
    }
  }
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

ServiceEdgeHealth::ServiceEdgeHealth(const AppConfig& config, const Service* service, const MqttPublisher* mqtt,
                                     const Clock& clock)
    : warn_fraction_(config.spool.warn_percent / 100.0), service_(service), mqtt_(mqtt), clock_(clock) {}

EdgeHealth ServiceEdgeHealth::edge_health() const {
  EdgeHealth health;
  health.warn_fraction = warn_fraction_;
  if (service_ != nullptr) health.store = service_->store_spool_stats();
  if (mqtt_ != nullptr) health.mqtt = mqtt_->stats();
  health.now_ms = clock_.now_ms();  // after the reads: an item spooled meanwhile never has a negative age
  return health;
}

}  // namespace footfall

#include "footfall/server/metrics.h"

#include <cstdio>
#include <optional>
#include <sstream>

namespace footfall {

namespace {

// Label values escape backslash, double quote and newline.
std::string label(const std::string& value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string number(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.9g", value);
  return buffer;
}

void family(std::ostringstream& out, const char* name, const char* type, const char* help) {
  out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
}

struct NamedSpool {
  const char* name;
  const SpoolStats* stats;
};

void render_edge(std::ostringstream& out, const EdgeHealth& edge) {
  std::vector<NamedSpool> spools;
  if (edge.store) spools.push_back({"store", &edge.store->spool});
  if (edge.mqtt) spools.push_back({"mqtt", &edge.mqtt->spool});
  if (!spools.empty()) {
    const auto each = [&](const char* name, const char* type, const char* help, auto value) {
      family(out, name, type, help);
      for (const NamedSpool& s : spools) out << name << "{spool=\"" << s.name << "\"} " << value(*s.stats) << '\n';
    };
    each("footfall_spool_items", "gauge", "Unsent items waiting in the edge spool.",
         [](const SpoolStats& s) { return std::to_string(s.items); });
    each("footfall_spool_bytes", "gauge", "Bytes of the unsent items on disk.",
         [](const SpoolStats& s) { return std::to_string(s.bytes); });
    each("footfall_spool_capacity_bytes", "gauge", "Spool capacity (spool.max_mb); appends beyond it are refused.",
         [](const SpoolStats& s) { return std::to_string(s.max_bytes); });
    each("footfall_spool_fill_ratio", "gauge", "Spool bytes / capacity.",
         [](const SpoolStats& s) { return number(s.fill_fraction()); });
    family(out, "footfall_spool_warn_ratio", "gauge", "Fill ratio at which health turns degraded (warn_percent).");
    out << "footfall_spool_warn_ratio " << number(edge.warn_fraction) << '\n';
    each("footfall_spool_oldest_age_seconds", "gauge", "How long the oldest unsent item has waited (0 when empty).",
         [&edge](const SpoolStats& s) { return number(oldest_age_seconds(s, edge.now_ms)); });
    each("footfall_spool_refused_total", "counter", "Items refused because the spool was full.",
         [](const SpoolStats& s) { return std::to_string(s.refused); });
  }
  // A family of one unlabelled series.
  const auto one = [&out](const char* name, const char* type, const char* help, std::uint64_t value) {
    family(out, name, type, help);
    out << name << ' ' << value << '\n';
  };
  if (edge.store) {
    const SpoolingWriterStats& s = *edge.store;
    one("footfall_database_up", "gauge", "1 while the database takes writes; 0 from a failed write until one succeeds.",
        s.backend_available ? 1u : 0u);
    one("footfall_store_spooled_total", "counter", "Row batches and gaps spooled because the database was unreachable.",
        s.spooled);
    one("footfall_store_replayed_total", "counter", "Spooled items written to the database.", s.replayed);
    one("footfall_store_rejected_total", "counter", "Spooled items the database refused for good (skipped).",
        s.rejected);
  }
  if (edge.mqtt) {
    const MqttStats& m = *edge.mqtt;
    one("footfall_mqtt_connected", "gauge", "1 while connected to the MQTT broker.", m.connected ? 1u : 0u);
    one("footfall_mqtt_connects_total", "counter", "Successful connections to the MQTT broker.", m.connects);
    one("footfall_mqtt_events_queued_total", "counter", "Events taken from the event bus for MQTT.", m.events_queued);
    one("footfall_mqtt_events_confirmed_total", "counter", "Events the MQTT broker acknowledged.", m.events_confirmed);
    one("footfall_mqtt_events_dropped_total", "counter", "Events lost because the MQTT spool refused them.",
        m.events_dropped);
  }
}

}  // namespace

void Metrics::set_edge_source(const EdgeHealthSource* source) {
  std::lock_guard lock(mutex_);
  edge_ = source;
}

void Metrics::set_camera_source(CameraSource source) {
  std::lock_guard lock(mutex_);
  cameras_ = std::move(source);
}

void Metrics::set_live_clients_source(std::function<int()> source) {
  std::lock_guard lock(mutex_);
  live_clients_ = std::move(source);
}

void Metrics::on_crossing(const CrossingEvent& event) {
  std::lock_guard lock(mutex_);
  crossings_[{event.camera, event.line, to_string(event.direction)}]++;
}

void Metrics::on_store_occupancy(const StoreOccupancyEvent& event) {
  std::lock_guard lock(mutex_);
  occupancy_[event.store] = event.occupancy;
}

void Metrics::observe_request(const std::string& route, const std::string& method, int status, double seconds,
                              bool timed) {
  std::lock_guard lock(mutex_);
  requests_[{route, method, status}]++;
  if (!timed) return;
  Histogram& h = latency_[route];
  std::size_t i = 0;
  while (i < kLatencyBuckets.size() && seconds > kLatencyBuckets[i]) ++i;
  if (i < kLatencyBuckets.size()) h.buckets[i]++;
  h.count++;
  h.sum += seconds;
}

std::string Metrics::render() const {
  CameraSource cameras;
  std::function<int()> live_clients;
  const EdgeHealthSource* edge_source = nullptr;
  {
    std::lock_guard lock(mutex_);
    cameras = cameras_;
    live_clients = live_clients_;
    edge_source = edge_;
  }
  // Read outside the lock: the sources take the service's own locks.
  const std::vector<CameraCounters> counters = cameras ? cameras() : std::vector<CameraCounters>{};
  const int clients = live_clients ? live_clients() : 0;
  const std::optional<EdgeHealth> edge =
      edge_source != nullptr ? std::optional<EdgeHealth>(edge_source->edge_health()) : std::nullopt;

  std::ostringstream out;
  family(out, "footfall_frames_total", "counter", "Frames analysed per camera (pipelines and pushed snapshots).");
  for (const auto& c : counters) out << "footfall_frames_total{camera=\"" << label(c.camera) << "\"} " << c.frames << '\n';
  family(out, "footfall_frames_dropped_total", "counter", "Frames dropped because analysis fell behind.");
  for (const auto& c : counters) {
    out << "footfall_frames_dropped_total{camera=\"" << label(c.camera) << "\"} " << c.frames_dropped << '\n';
  }
  family(out, "footfall_detections_total", "counter", "Persons counted, summed over analysed frames.");
  for (const auto& c : counters) {
    out << "footfall_detections_total{camera=\"" << label(c.camera) << "\"} " << c.detections << '\n';
  }
  family(out, "footfall_inference_seconds_total", "counter", "Seconds spent in the person detector.");
  for (const auto& c : counters) {
    out << "footfall_inference_seconds_total{camera=\"" << label(c.camera) << "\"} " << number(c.inference_seconds)
        << '\n';
  }

  if (edge) render_edge(out, *edge);

  std::lock_guard lock(mutex_);
  family(out, "footfall_crossings_total", "counter", "Line crossings since the server started.");
  for (const auto& [key, n] : crossings_) {
    const auto& [camera, line, direction] = key;
    out << "footfall_crossings_total{camera=\"" << label(camera) << "\",line=\"" << label(line) << "\",direction=\""
        << direction << "\"} " << n << '\n';
  }
  family(out, "footfall_occupancy", "gauge", "Running occupancy of each store (entries - exits since opening).");
  for (const auto& [store, n] : occupancy_) out << "footfall_occupancy{store=\"" << label(store) << "\"} " << n << '\n';
  family(out, "footfall_live_clients", "gauge", "Open live-event streams.");
  out << "footfall_live_clients " << clients << '\n';
  family(out, "footfall_http_requests_total", "counter", "HTTP requests by route, method and status.");
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, status] = key;
    out << "footfall_http_requests_total{route=\"" << label(route) << "\",method=\"" << label(method)
        << "\",status=\"" << status << "\"} " << n << '\n';
  }
  family(out, "footfall_http_request_seconds", "histogram", "Time to handle an HTTP request, by route.");
  for (const auto& [route, h] : latency_) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
      cumulative += h.buckets[i];
      out << "footfall_http_request_seconds_bucket{route=\"" << label(route) << "\",le=\"" << number(kLatencyBuckets[i])
          << "\"} " << cumulative << '\n';
    }
    out << "footfall_http_request_seconds_bucket{route=\"" << label(route) << "\",le=\"+Inf\"} " << h.count << '\n';
    out << "footfall_http_request_seconds_sum{route=\"" << label(route) << "\"} " << number(h.sum) << '\n';
    out << "footfall_http_request_seconds_count{route=\"" << label(route) << "\"} " << h.count << '\n';
  }
  return out.str();
}

}  // namespace footfall

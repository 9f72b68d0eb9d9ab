#include "footfall/server/metrics.h"

#include <cstdio>
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

}  // namespace

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
  {
    std::lock_guard lock(mutex_);
    cameras = cameras_;
    live_clients = live_clients_;
  }
  // Read outside the lock: the source takes the service's own locks.
  const std::vector<CameraCounters> counters = cameras ? cameras() : std::vector<CameraCounters>{};
  const int clients = live_clients ? live_clients() : 0;

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

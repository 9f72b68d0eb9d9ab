// Metrics: the Prometheus text exposition served at GET /metrics. Camera counters (frames, drops, detections,
// inference time) are read from the running service when scraped; crossings and store occupancy come from the event
// bus; HTTP requests and latencies from the HTTP layer.
//
//   footfall_frames_total{camera}                  frames analysed (pipelines and pushed snapshots)
//   footfall_frames_dropped_total{camera}          frames dropped because analysis fell behind (live sources)
//   footfall_detections_total{camera}              persons counted, summed over analysed frames
//   footfall_inference_seconds_total{camera}       time spent in the detector
//   footfall_crossings_total{camera,line,direction} line crossings since the server started
//   footfall_occupancy{store}                      running store occupancy
//   footfall_live_clients                          open live-event streams
//   footfall_http_requests_total{route,method,status}
//   footfall_http_request_seconds{route}           histogram of request handling time
//
// The edge spools and their links (edge_health.h), read when scraped; each family only where that part exists in this
// process: spool="store" with a database server (PostgreSQL; not SQLite), spool="mqtt" with an `mqtt` section.
//   footfall_spool_items{spool}                    unsent items waiting on disk
//   footfall_spool_bytes{spool}                    their bytes on disk
//   footfall_spool_capacity_bytes{spool}           spool.max_mb: appends beyond it are refused
//   footfall_spool_fill_ratio{spool}               bytes / capacity
//   footfall_spool_warn_ratio                      spool.warn_percent / 100 (health is degraded at or above it)
//   footfall_spool_oldest_age_seconds{spool}       how long the oldest unsent item has waited (0 when empty)
//   footfall_spool_refused_total{spool}            appends refused because the spool was full
//   footfall_database_up                           1 while the database takes writes, 0 from a failed write until one
//                                                  succeeds again
//   footfall_store_spooled_total                   row batches and gaps written to the spool instead of the database
//   footfall_store_replayed_total                  spooled items written to the database (earlier runs' included)
//   footfall_store_rejected_total                  spooled items the database refused for good (logged, skipped)
//   footfall_mqtt_connected                        1 while connected to the broker
//   footfall_mqtt_connects_total                   successful connections
//   footfall_mqtt_events_queued_total              events taken from the event bus
//   footfall_mqtt_events_confirmed_total           events the broker acknowledged (spooled ones included)
//   footfall_mqtt_events_dropped_total             events lost because the spool refused them
//
// Thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "footfall/app/events.h"
#include "footfall/server/edge_health.h"

namespace footfall {

struct CameraCounters {
  std::string camera;
  std::uint64_t frames = 0;
  std::uint64_t frames_dropped = 0;
  std::uint64_t detections = 0;
  double inference_seconds = 0.0;
};

class Metrics final : public EventSink {
 public:
  using CameraSource = std::function<std::vector<CameraCounters>()>;
  // Upper bounds (seconds) of the latency histogram's buckets; +Inf is implied.
  static constexpr std::array<double, 13> kLatencyBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                          0.25,  0.5,    1.0,   2.5,  5.0,   10.0};

  // Called at every scrape (from an HTTP thread); must be thread-safe. Unset: no camera series.
  void set_camera_source(CameraSource source);
  void set_live_clients_source(std::function<int()> source);
  // Read at every scrape; must outlive this object, or be unset (nullptr) first. Unset: no spool, database or MQTT
  // series.
  void set_edge_source(const EdgeHealthSource* source);

  void on_crossing(const CrossingEvent& event) override;
  void on_store_occupancy(const StoreOccupancyEvent& event) override;

  // `route` is the route's pattern ("/api/v1/stores/{store}/series"), or "static", "unmatched". `timed`: false for
  // requests whose duration is not a latency (live streams): counted, not put in the histogram.
  void observe_request(const std::string& route, const std::string& method, int status, double seconds,
                       bool timed = true);

  // The exposition text (format 0.0.4).
  std::string render() const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kLatencyBuckets.size()> buckets{};  // non-cumulative
    std::uint64_t count = 0;
    double sum = 0.0;
  };

  mutable std::mutex mutex_;
  CameraSource cameras_;
  std::function<int()> live_clients_;
  const EdgeHealthSource* edge_ = nullptr;
  std::map<std::tuple<std::string, std::string, std::string>, std::uint64_t> crossings_;  // camera, line, direction
  std::map<std::string, int> occupancy_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;  // route, method, status
  std::map<std::string, Histogram> latency_;                                     // by route
};

}  // namespace footfall

#include "footfall/app/service.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

#include "footfall/app/camera_pipeline.h"
#include "footfall/app/events.h"
#include "footfall/app/store_occupancy.h"
#include "footfall/app/track_counter.h"
#include "footfall/detect/detector.h"
#include "footfall/store/batch_writer.h"
#include "footfall/store/store.h"

namespace footfall {

namespace {

SourceSpec source_spec(const CameraConfig& camera) {
  SourceSpec spec;
  spec.uri = camera.source;
  if (camera.kind) spec.kind = parse_source_kind(*camera.kind);
  spec.start_time = camera.start_time;
  spec.keep_inbox_files = camera.keep;
  return spec;
}

// Logs crossings and visits at debug level (`logging: {level: debug}`), for tuning lines and zones.
class LogSink final : public EventSink {
 public:
  void on_crossing(const CrossingEvent& e) override {
    spdlog::debug("camera {}: track {} crossed line {} ({}) at {}", e.camera, e.track_id, e.line,
                  to_string(e.direction), format_iso8601(e.timestamp_ms));
  }
  void on_visit(const ZoneVisitEvent& e) override {
    spdlog::debug("camera {}: track {} left zone {} after {:.1f} s", e.camera, e.track_id, e.zone,
                  static_cast<double>(e.dwell_ms) / 1000.0);
  }
};

}  // namespace

int run_service(const AppConfig& config, const std::atomic<bool>& stop) {
  // 1. One detector and one source per enabled camera. Files are opened up front so that a missing file is
  //    refused before anything is written; live sources are retried forever by their pipeline instead.
  struct Prepared {
    const CameraConfig* camera;
    std::unique_ptr<Detector> detector;
    SourceSpec spec;
  };
  SystemClock clock;
  std::vector<Prepared> prepared;
  for (const CameraConfig& camera : config.cameras) {
    if (!camera.enabled) {
      spdlog::info("camera {}: disabled", camera.name);
      continue;
    }
    std::string warning;
    auto detector = create_detector(config.model, camera.detect, &warning);
    if (!detector) {
      spdlog::error("camera {}: {}", camera.name, detector.error().message);
      return 1;
    }
    if (!warning.empty()) spdlog::warn("{}", warning);
    const SourceSpec spec = source_spec(camera);
    const SourceKind kind = spec.kind.value_or(detect_source_kind(spec.uri));
    if (kind == SourceKind::file || kind == SourceKind::image) {
      auto probe = make_source(spec, clock);
      if (Status s = probe->open(); !s) {
        spdlog::error("camera {}: {}", camera.name, s.error().message);
        return 1;
      }
      // Pixel coordinates of lines and zones are checked against the file's frame size now, before anything is
      // written (live sources: at their first frame).
      Frame first;
      if (probe->read(first) == ReadStatus::frame) {
        auto geometry = resolve_counting_geometry(camera.lines, camera.zones, first.image.cols, first.image.rows,
                                                  "cameras." + camera.name);
        if (!geometry) {
          spdlog::error("{}", geometry.error().message);
          return 1;
        }
      }
      probe->close();
    }
    spdlog::info("camera {}: {} source {} with {}", camera.name, to_string(kind), mask_credentials(spec.uri),
                 (*detector)->name());
    prepared.push_back({&camera, std::move(*detector), spec});
  }
  if (prepared.empty()) {
    spdlog::error("no enabled camera in the configuration: nothing to run");
    return 1;
  }

  // 2. The store: refuse to start if it cannot be opened.
  auto store = open_store(config.storage.database);
  if (!store) {
    spdlog::error("{}", store.error().message);
    return 1;
  }
  spdlog::info("store: {}", (*store)->describe());
  // Retention (database.retention): old raw rows go at start-up and every hour after; their rollups stay.
  const RetentionPolicy retention{config.storage.retention.raw_days, config.storage.retention.minute_days,
                                  config.storage.retention.hour_days};
  auto prune = [&store, &retention, &clock] {
    auto removed = (*store)->apply_retention(retention, clock.now_ms());
    if (!removed) {
      spdlog::warn("retention: {} (retried in an hour)", removed.error().message);
    } else if (removed->raw_rows + removed->minute_rows + removed->hour_rows > 0) {
      spdlog::info("retention: removed {} raw rows, {} minute and {} hour rollups", removed->raw_rows,
                   removed->minute_rows, removed->hour_rows);
    }
  };
  prune();

  // 3. The event bus the pipelines publish crossings, visits and frame summaries to, and the stores' running
  //    occupancy computed from the crossings of their entry lines (stored through its own batch writer).
  std::unique_ptr<BatchWriter> occupancy_writer;  // declared before the bus: outlives the tracker the bus holds
  EventBus events;
  events.subscribe(std::make_shared<LogSink>());
  std::shared_ptr<StoreOccupancyTracker> occupancy;
  if (!config.stores.empty()) {
    occupancy_writer = std::make_unique<BatchWriter>(**store, static_cast<std::size_t>(config.storage.batch_rows),
                                                     config.storage.batch_ms);
    auto tracker = StoreOccupancyTracker::create(config.stores, events, occupancy_writer.get());
    if (!tracker) {
      spdlog::error("{}", tracker.error().message);
      return 1;
    }
    occupancy = std::move(*tracker);
    events.subscribe(occupancy);
    for (const StoreConfig& s : config.stores) {
      spdlog::info("store {}: {} camera(s), occupancy from {} entry line(s), hours in {}", s.name, s.cameras.size(),
                   s.entry_lines.size(), s.timezone);
    }
  }

  std::vector<std::unique_ptr<CameraPipeline>> pipelines;
  for (Prepared& p : prepared) {
    pipelines.push_back(std::make_unique<CameraPipeline>(*p.camera, make_source(p.spec, clock), std::move(p.detector),
                                                         **store, config.storage, clock, stop, events));
  }

  // 4. Run until every finite camera is done and no camera runs forever, or until a shutdown signal.
  for (auto& p : pipelines) p->start();
  for (int tick = 1;; ++tick) {
    bool all_done = true;
    for (auto& p : pipelines) all_done = all_done && p->stats().finished.load();
    if (all_done || stop.load()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    // Occupancy rows come rarely: commit them within about a second (a failure is retried on the next tick).
    if (occupancy_writer && tick % 10 == 0) (void)occupancy_writer->flush();
    if (tick % 36'000 == 0) prune();
  }
  if (stop.load()) spdlog::info("shutting down: flushing counts");

  // 5. Join (each pipeline flushes its pending rows) and print a summary.
  bool failed = false;
  std::printf("%-16s %8s %8s %13s %5s %10s %6s %6s %7s\n", "camera", "frames", "dropped", "mean persons", "max",
              "rows saved", "in", "out", "visits");
  for (auto& p : pipelines) {
    p->join();
    const PipelineStats& s = p->stats();
    const std::uint64_t frames = s.frames_analyzed.load();
    const double mean = frames > 0 ? static_cast<double>(s.persons_counted.load()) / static_cast<double>(frames) : 0.0;
    std::printf("%-16s %8llu %8llu %13.2f %5d %10llu %6llu %6llu %7llu\n", p->camera().name.c_str(),
                static_cast<unsigned long long>(frames), static_cast<unsigned long long>(s.frames_dropped.load()), mean,
                s.max_count.load(), static_cast<unsigned long long>(s.rows_committed.load()),
                static_cast<unsigned long long>(s.crossings_in.load()),
                static_cast<unsigned long long>(s.crossings_out.load()),
                static_cast<unsigned long long>(s.visits_closed.load()));
    failed = failed || s.failed.load();
  }
  if (occupancy) {
    for (const StoreConfig& st : config.stores) {
      std::printf("store %s: occupancy %d\n", st.name.c_str(), occupancy->occupancy(st.name));
    }
    events.unsubscribe(occupancy.get());
    if (Status st = occupancy_writer->flush(); !st) {
      spdlog::error("store occupancy: {} rows not saved: {}", occupancy_writer->pending(), st.error().message);
      failed = true;
    }
  }
  std::printf("database: %s\n", (*store)->describe().c_str());
  std::fflush(stdout);
  return failed ? 1 : 0;
}

}  // namespace footfall

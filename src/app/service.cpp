#include "footfall/app/service.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

#include "footfall/app/camera_pipeline.h"
#include "footfall/detect/detector.h"
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
  std::vector<std::unique_ptr<CameraPipeline>> pipelines;
  for (Prepared& p : prepared) {
    pipelines.push_back(std::make_unique<CameraPipeline>(*p.camera, make_source(p.spec, clock), std::move(p.detector),
                                                         **store, config.storage, clock, stop));
  }

  // 3. Run until every finite camera is done and no camera runs forever, or until a shutdown signal.
  for (auto& p : pipelines) p->start();
  for (;;) {
    bool all_done = true;
    for (auto& p : pipelines) all_done = all_done && p->stats().finished.load();
    if (all_done || stop.load()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (stop.load()) spdlog::info("shutting down: flushing counts");

  // 4. Join (each pipeline flushes its pending rows) and print a summary.
  bool failed = false;
  std::printf("%-16s %8s %8s %13s %5s %10s\n", "camera", "frames", "dropped", "mean persons", "max", "rows saved");
  for (auto& p : pipelines) {
    p->join();
    const PipelineStats& s = p->stats();
    const std::uint64_t frames = s.frames_analyzed.load();
    const double mean = frames > 0 ? static_cast<double>(s.persons_counted.load()) / static_cast<double>(frames) : 0.0;
    std::printf("%-16s %8llu %8llu %13.2f %5d %10llu\n", p->camera().name.c_str(),
                static_cast<unsigned long long>(frames), static_cast<unsigned long long>(s.frames_dropped.load()), mean,
                s.max_count.load(), static_cast<unsigned long long>(s.rows_committed.load()));
    failed = failed || s.failed.load();
  }
  std::printf("database: %s\n", (*store)->describe().c_str());
  std::fflush(stdout);
  return failed ? 1 : 0;
}

}  // namespace footfall

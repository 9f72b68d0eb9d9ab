#include "footfall/app/service.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <tuple>
#include <vector>

#include <opencv2/core/utility.hpp>

#include "footfall/app/camera_pipeline.h"
#include "footfall/app/chain_directory.h"
#include "footfall/app/detector_pool.h"
#include "footfall/app/store_occupancy.h"
#include "footfall/app/track_counter.h"
#include "footfall/detect/detector.h"
#include "footfall/store/batch_writer.h"
#include "footfall/store/spooled_store.h"

namespace footfall {

namespace {

SourceSpec source_spec(const CameraConfig& camera) {
  SourceSpec spec;
  spec.uri = camera.source;
  if (camera.kind) spec.kind = parse_source_kind(*camera.kind);
  spec.start_time = camera.start_time;
  spec.playback_speed = camera.playback_speed;
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

// Cameras whose detector settings differ only in threads share a detector profile (threads are the pool's).
bool same_profile(const DetectParams& a, const DetectParams& b) {
  return std::tie(a.threshold, a.nms_threshold, a.input_width, a.input_height, a.min_box_width, a.min_box_height) ==
         std::tie(b.threshold, b.nms_threshold, b.input_width, b.input_height, b.min_box_width, b.min_box_height);
}

// The time of each camera's last analysed frame, from the frame summaries on the bus.
class LastFrames final : public EventSink {
 public:
  void on_frame(const FrameSummary& summary) override {
    std::lock_guard lock(mutex_);
    last_[summary.camera] = summary.timestamp_ms;
  }
  std::optional<TimestampMs> last(const std::string& camera) const {
    std::lock_guard lock(mutex_);
    const auto it = last_.find(camera);
    if (it == last_.end()) return std::nullopt;
    return it->second;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, TimestampMs> last_;
};

}  // namespace

struct Service::Impl {
  struct Sample {
    TimestampMs wall_ms = 0;
    std::uint64_t analysed = 0;
    std::uint64_t sampled = 0;  // analysed + dropped
  };
  struct Camera {
    std::unique_ptr<CameraPipeline> pipeline;
    const Detector* detector = nullptr;  // the pipeline's pool client (owned by the pipeline), for its stats
    std::string kind;
    std::deque<Sample> samples;  // one a second, the last 6 s (guarded by samples_mutex)
    TimestampMs last_progress_ms = 0;  // wall clock when frames_analyzed last grew
  };

  Impl(const AppConfig& app_config, const std::atomic<bool>& stop_flag) : config(app_config), stop(stop_flag) {}

  void prune();
  void sample_rates();
  void register_chain();

  AppConfig config;
  const std::atomic<bool>& stop;
  SystemClock clock;
  std::unique_ptr<Store> store;
  SpooledStore* spooled = nullptr;  // `store` itself when rows go through the edge spool (a database server)
  RetentionPolicy retention;
  std::unique_ptr<BatchWriter> occupancy_writer;  // declared before the bus: outlives the tracker the bus holds
  EventBus events;
  std::shared_ptr<StoreOccupancyTracker> occupancy;
  std::shared_ptr<LastFrames> last_frames = std::make_shared<LastFrames>();
  mutable std::mutex samples_mutex;
  DetectorPoolSize pool_size{0, 0};
  std::unique_ptr<DetectorPool> pool;  // before the cameras: their detectors are its clients
  std::map<std::string, std::size_t> camera_profiles;  // camera -> its detector profile on the pool
  std::vector<Camera> cameras;  // declared last: pipelines stop before what they use goes
  TimestampMs started_ms = 0;
  bool registered = false;  // this box's stores and cameras are in the database's registry
  bool finished = false;
  bool print_summary = true;
};

// Retention (database.retention): old raw rows go at start-up and every hour after; their rollups stay.
void Service::Impl::prune() {
  auto removed = store->apply_retention(retention, clock.now_ms());
  if (!removed) {
    spdlog::warn("retention: {} (retried in an hour)", removed.error().message);
  } else if (removed->raw_rows + removed->minute_rows + removed->hour_rows > 0) {
    spdlog::info("retention: removed {} raw rows, {} minute and {} hour rollups", removed->raw_rows,
                 removed->minute_rows, removed->hour_rows);
  }
}

// The registry (issue 6): declare this box's stores and cameras so that any box on the same database shows them.
// Tried at start-up, then every 30 s while the database cannot take it (a server that is down).
void Service::Impl::register_chain() {
  if (registered) return;
  if (Status st = register_in_chain(config, *store, clock); !st) {
    spdlog::log(st.error().unavailable ? spdlog::level::info : spdlog::level::warn,
                "registry: stores and cameras not declared yet: {} (retried every 30 s)", st.error().message);
    return;
  }
  registered = true;
}

void Service::Impl::sample_rates() {
  const TimestampMs now = clock.now_ms();
  std::lock_guard lock(samples_mutex);
  for (Camera& c : cameras) {
    const PipelineStats& s = c.pipeline->stats();
    const std::uint64_t analysed = s.frames_analyzed.load();
    if (c.samples.empty() || analysed > c.samples.back().analysed) c.last_progress_ms = now;
    c.samples.push_back({now, analysed, analysed + s.frames_dropped.load()});
    while (c.samples.size() > 6) c.samples.pop_front();
  }
}

Result<std::unique_ptr<Service>> Service::create(const AppConfig& config, const std::atomic<bool>& stop,
                                                 ServiceOptions options) {
  auto impl = std::make_unique<Impl>(config, stop);
  Impl& s = *impl;
  // 1. A source per enabled camera. Files are opened up front so that a missing file is refused before anything is
  //    written; live sources are retried forever by their pipeline instead. Cameras with the same detector settings
  //    share a detector profile.
  struct Prepared {
    const CameraConfig* camera;
    std::size_t profile;
    SourceSpec spec;
    SourceKind kind;
  };
  std::vector<Prepared> prepared;
  std::vector<const CameraConfig*> profile_cameras;  // the first camera of each profile: its settings, its name
  std::vector<const CameraConfig*> push_cameras;     // with options.pool_push_cameras: detected on the pool too
  const auto profile_of = [&profile_cameras](const CameraConfig& camera) {
    std::size_t profile = 0;
    while (profile < profile_cameras.size() && !same_profile(profile_cameras[profile]->detect, camera.detect)) {
      ++profile;
    }
    if (profile == profile_cameras.size()) profile_cameras.push_back(&camera);
    return profile;
  };
  for (const CameraConfig& camera : s.config.cameras) {
    if (!camera.enabled) {
      spdlog::info("camera {}: disabled", camera.name);
      continue;
    }
    if (camera.kind == "push") {
      spdlog::info("camera {}: push camera, counted when it sends a snapshot to `footfall serve`", camera.name);
      if (options.pool_push_cameras) push_cameras.push_back(&camera);
      continue;
    }
    const SourceSpec spec = source_spec(camera);
    const SourceKind kind = spec.kind.value_or(detect_source_kind(spec.uri));
    if (spec.playback_speed > 0.0 && kind != SourceKind::file) {  // the configuration refuses what it can tell
      return make_error("camera " + camera.name + ": playback_speed only applies to video files (the source is " +
                        std::string(to_string(kind)) + ")");
    }
    if (kind == SourceKind::file || kind == SourceKind::image) {
      auto probe = make_source(spec, s.clock);
      if (Status st = probe->open(); !st) return make_error("camera " + camera.name + ": " + st.error().message);
      // Pixel coordinates of lines and zones are checked against the file's frame size now, before anything is
      // written (live sources: at their first frame).
      Frame first;
      if (probe->read(first) == ReadStatus::frame) {
        auto geometry = resolve_counting_geometry(camera.lines, camera.zones, first.image.cols, first.image.rows,
                                                  "cameras." + camera.name);
        if (!geometry) return geometry.error();
      }
      probe->close();
    }
    const std::size_t profile = profile_of(camera);
    s.camera_profiles[camera.name] = profile;
    prepared.push_back({&camera, profile, spec, kind});
  }
  for (const CameraConfig* camera : push_cameras) s.camera_profiles[camera->name] = profile_of(*camera);
  if (prepared.empty() && !options.allow_no_cameras) {
    return make_error("no enabled camera in the configuration: nothing to run");
  }

  // Live streams decode with one thread each once there are as many of them as cores.
  int live = 0;
  for (const Prepared& p : prepared) live += p.kind == SourceKind::stream || p.kind == SourceKind::device ? 1 : 0;
  const int decoder_threads = live_decoder_threads(cv::getNumberOfCPUs(), live);
  for (Prepared& p : prepared) p.spec.decode_threads = decoder_threads;

  // 2. The detector pool every camera shares: workers x inference threads ~ the cores, one instance of each
  //    profile per worker (detect.workers, detect.threads; docs/architecture.md).
  if (!prepared.empty() || !push_cameras.empty()) {
    s.pool_size = detector_pool_size(cv::getNumberOfCPUs(), static_cast<int>(prepared.size() + push_cameras.size()),
                                     s.config.detect.workers, s.config.detect.threads);
    std::vector<DetectorFactory> factories;
    for (const CameraConfig* first : profile_cameras) {
      factories.push_back([&s, first]() -> Result<std::unique_ptr<Detector>> {
        DetectParams params = first->detect;
        params.threads = s.pool_size.threads;
        std::string warning;
        auto detector = create_detector(s.config.model, params, &warning);
        if (!detector) return make_error("camera " + first->name + ": " + detector.error().message);
        if (!warning.empty()) spdlog::warn("{}", warning);
        return detector;
      });
    }
    auto pool = DetectorPool::create(factories, DetectorPoolOptions{s.pool_size.workers});
    if (!pool) return pool.error();
    s.pool = std::move(*pool);
    cv::setNumThreads(s.pool_size.threads);  // process-wide in OpenCV: the inference threads of each worker
    spdlog::info("detector pool: {} worker(s) x {} inference thread(s) for {} camera(s), {} detector profile(s)",
                 s.pool_size.workers, s.pool_size.threads, prepared.size() + push_cameras.size(),
                 profile_cameras.size());
  }

  // 3. The store: refuse to start if it cannot be opened. A database server (PostgreSQL) that cannot be reached now
  //    is no reason to stop counting: the store is opened without it, and the rows wait in the spool (in
  //    <spool.dir>/store, replayed in order once the server is back). SQLite is a local file: no spool.
  const bool networked = is_database_server_url(s.config.storage.database);
  auto store = open_store(s.config.storage.database, {.defer_connection = networked});
  if (!store) return store.error();
  if (networked) {
    const SpoolOptions spool_options{
        .dir = std::filesystem::path(s.config.spool.dir) / "store",
        .max_bytes = static_cast<std::uint64_t>(s.config.spool.max_mb) << 20,
        .warn_fraction = s.config.spool.warn_percent / 100.0};
    auto spooled = SpooledStore::create(std::move(*store), spool_options);
    if (!spooled) return spooled.error();
    s.spooled = spooled->get();
    s.store = std::move(*spooled);
  } else {
    s.store = std::move(*store);
  }
  spdlog::info("store: {}", s.store->describe());
  s.retention = RetentionPolicy{s.config.storage.retention.raw_days, s.config.storage.retention.minute_days,
                                s.config.storage.retention.hour_days};
  s.prune();
  s.register_chain();

  // 4. The event bus the pipelines publish crossings, visits and frame summaries to, and the stores' running
  //    occupancy computed from the crossings of their entry lines (stored through its own batch writer).
  s.events.subscribe(std::make_shared<LogSink>());
  s.events.subscribe(s.last_frames);
  if (!s.config.stores.empty()) {
    s.occupancy_writer = std::make_unique<BatchWriter>(*s.store, static_cast<std::size_t>(s.config.storage.batch_rows),
                                                       s.config.storage.batch_ms);
    auto tracker = StoreOccupancyTracker::create(s.config.stores, s.events, s.occupancy_writer.get());
    if (!tracker) return tracker.error();
    s.occupancy = std::move(*tracker);
    s.events.subscribe(s.occupancy);
    for (const StoreConfig& st : s.config.stores) {
      spdlog::info("store {}: {} camera(s), occupancy from {} entry line(s), hours in {}", st.name, st.cameras.size(),
                   st.entry_lines.size(), st.timezone);
    }
  }

  // 5. A pipeline per camera, detecting through the pool.
  for (Prepared& p : prepared) {
    Impl::Camera camera;
    camera.kind = to_string(p.kind);
    std::unique_ptr<Detector> detector = s.pool->client(p.profile);
    camera.detector = detector.get();
    std::unique_ptr<FrameSource> source =
        options.make_source ? options.make_source(p.spec, s.clock) : make_source(p.spec, s.clock);
    spdlog::info("camera {}: {} source {} with {}", p.camera->name, to_string(p.kind), mask_credentials(p.spec.uri),
                 detector->name());
    camera.pipeline = std::make_unique<CameraPipeline>(*p.camera, std::move(source), std::move(detector), *s.store,
                                                       s.config.storage, s.clock, s.stop, s.events);
    // With a database server, a region learned during an outage waits on disk beside the spooled rows.
    if (s.spooled != nullptr) {
      camera.pipeline->keep_pending_regions_in(std::filesystem::path(s.config.spool.dir) / "regions");
    }
    s.cameras.push_back(std::move(camera));
  }
  s.print_summary = options.print_summary;
  return std::unique_ptr<Service>(new Service(std::move(impl)));
}

Service::Service(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Service::~Service() {
  for (auto& c : impl_->cameras) c.pipeline->join();
}

EventBus& Service::events() { return impl_->events; }
Store& Service::store() { return *impl_->store; }
const Clock& Service::clock() const { return impl_->clock; }

void Service::start() {
  impl_->started_ms = impl_->clock.now_ms();
  for (auto& c : impl_->cameras) c.pipeline->start();
  impl_->sample_rates();
}

// 6. Run until every finite camera is done and no camera runs forever, or until a shutdown signal.
void Service::run(bool until_done) {
  Impl& s = *impl_;
  for (int tick = 1;; ++tick) {
    bool all_done = true;
    for (auto& c : s.cameras) all_done = all_done && c.pipeline->stats().finished.load();
    if ((until_done && all_done) || s.stop.load()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    // Occupancy rows come rarely: commit them within about a second (a failure is retried on the next tick).
    if (tick % 10 == 0) {
      if (s.occupancy_writer) (void)s.occupancy_writer->flush();
      s.sample_rates();
    }
    if (tick % 300 == 0) s.register_chain();
    if (tick % 36'000 == 0) s.prune();
  }
}

// 7. Join (each pipeline flushes its pending rows) and print a summary.
bool Service::finish() {
  Impl& s = *impl_;
  if (s.stop.load()) spdlog::info("shutting down: flushing counts");
  bool failed = false;
  if (s.print_summary) {
    std::printf("%-16s %8s %8s %13s %5s %10s %6s %6s %7s\n", "camera", "frames", "dropped", "mean persons", "max",
                "rows saved", "in", "out", "visits");
  }
  for (auto& c : s.cameras) {
    CameraPipeline& p = *c.pipeline;
    p.join();
    const PipelineStats& st = p.stats();
    const std::uint64_t frames = st.frames_analyzed.load();
    const double mean =
        frames > 0 ? static_cast<double>(st.persons_counted.load()) / static_cast<double>(frames) : 0.0;
    if (s.print_summary) {
      std::printf("%-16s %8llu %8llu %13.2f %5d %10llu %6llu %6llu %7llu\n", p.camera().name.c_str(),
                  static_cast<unsigned long long>(frames), static_cast<unsigned long long>(st.frames_dropped.load()),
                  mean, st.max_count.load(), static_cast<unsigned long long>(st.rows_committed.load()),
                  static_cast<unsigned long long>(st.crossings_in.load()),
                  static_cast<unsigned long long>(st.crossings_out.load()),
                  static_cast<unsigned long long>(st.visits_closed.load()));
    }
    failed = failed || st.failed.load();
  }
  if (s.occupancy) {
    for (const StoreConfig& st : s.config.stores) {
      if (s.print_summary) std::printf("store %s: occupancy %d\n", st.name.c_str(), s.occupancy->occupancy(st.name));
    }
    s.events.unsubscribe(s.occupancy.get());
    if (Status st = s.occupancy_writer->flush(); !st) {
      spdlog::error("store occupancy: {} rows not saved: {}", s.occupancy_writer->pending(), st.error().message);
      failed = true;
    }
  }
  if (s.spooled != nullptr) {
    // Rows still waiting for the database stay on disk (the spool says how many) and are replayed by the next start.
    (void)s.spooled->flush(std::chrono::seconds(10));
  }
  if (s.print_summary) std::printf("database: %s\n", s.store->describe().c_str());
  std::fflush(stdout);
  s.finished = true;
  return !failed;
}

std::vector<CameraRuntime> Service::cameras() const {
  const Impl& s = *impl_;
  const TimestampMs now = s.clock.now_ms();
  std::vector<CameraRuntime> out;
  std::lock_guard lock(s.samples_mutex);
  for (const Impl::Camera& c : s.cameras) {
    const CameraPipeline& p = *c.pipeline;
    const PipelineStats& st = p.stats();
    CameraRuntime r;
    r.name = p.camera().name;
    r.kind = c.kind;
    r.live = p.is_live();
    r.frames_analyzed = st.frames_analyzed.load();
    r.frames_dropped = st.frames_dropped.load();
    r.persons_counted = st.persons_counted.load();
    const PoolClientStats detector = DetectorPool::client_stats(*c.detector);
    r.inference_seconds = static_cast<double>(detector.inference_ns) / 1e9;
    r.queue_seconds = static_cast<double>(detector.wait_ns) / 1e9;
    r.last_frame_ms = s.last_frames->last(r.name);
    if (c.samples.size() >= 2) {
      const Impl::Sample& a = c.samples.front();
      const Impl::Sample& b = c.samples.back();
      const double seconds = static_cast<double>(b.wall_ms - a.wall_ms) / 1000.0;
      if (seconds > 0.0) {
        r.fps_analysed = static_cast<double>(b.analysed - a.analysed) / seconds;
        r.fps_in = static_cast<double>(b.sampled - a.sampled) / seconds;
      }
    }
    if (st.failed.load()) {
      r.state = "failed";
    } else if (st.finished.load()) {
      r.state = "finished";
    } else if (r.frames_analyzed == 0) {
      r.state = r.live && s.started_ms > 0 && now - s.started_ms > 5'000 ? "reconnecting" : "starting";
    } else if (r.live && now - c.last_progress_ms > 5'000) {
      r.state = "reconnecting";
    } else {
      r.state = "running";
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::unique_ptr<Detector> Service::detector_client(const std::string& camera) const {
  const auto found = impl_->camera_profiles.find(camera);
  if (impl_->pool == nullptr || found == impl_->camera_profiles.end()) return nullptr;
  return impl_->pool->client(found->second);
}

int Service::detector_workers() const { return impl_->pool ? impl_->pool_size.workers : 0; }
int Service::detector_threads() const { return impl_->pool ? impl_->pool_size.threads : 0; }
double Service::detector_busy_seconds() const {
  return impl_->pool ? static_cast<double>(impl_->pool->busy_ns()) / 1e9 : 0.0;
}

std::optional<SpoolingWriterStats> Service::store_spool_stats() const {
  if (impl_->spooled == nullptr) return std::nullopt;
  return impl_->spooled->spool_stats();
}

int run_service(const AppConfig& config, const std::atomic<bool>& stop) {
  auto service = Service::create(config, stop);
  if (!service) {
    spdlog::error("{}", service.error().message);
    return 1;
  }
  (*service)->start();
  (*service)->run(/*until_done=*/true);
  return (*service)->finish() ? 0 : 1;
}

}  // namespace footfall

#include "footfall/app/camera_bench.h"

#include <malloc.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>

#include <opencv2/core/utility.hpp>

#include "footfall/app/bench.h"
#include "footfall/app/detector_pool.h"
#include "footfall/app/paced_source.h"
#include "footfall/app/service.h"
#include "footfall/detect/detector.h"

namespace footfall {

namespace {

namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// A temporary directory for the step databases, removed with everything in it.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "footfall-bench-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Counters of every camera at one instant.
struct Snapshot {
  Steady::time_point at;
  double cpu = 0.0;
  double busy = 0.0;
  std::vector<std::uint64_t> analysed;
  std::vector<std::uint64_t> dropped;
  std::vector<std::uint64_t> decoded;
  std::uint64_t received = 0;  // all cameras: stream frames read
  std::uint64_t returned = 0;  // all cameras: frames decoded and returned
  std::uint64_t late = 0;
  double inference = 0.0;
  double queue = 0.0;
};

Snapshot snapshot(const Service& service, std::mutex& sources_mutex, const std::vector<PacedFileSource*>& sources) {
  Snapshot s;
  s.at = Steady::now();
  s.cpu = cpu_seconds();
  s.busy = service.detector_busy_seconds();
  for (const CameraRuntime& c : service.cameras()) {
    s.analysed.push_back(c.frames_analyzed);
    s.dropped.push_back(c.frames_dropped);
    s.inference += c.inference_seconds;
    s.queue += c.queue_seconds;
  }
  std::lock_guard lock(sources_mutex);
  for (const PacedFileSource* source : sources) {
    const PacedSourceStats st = source->stats();
    s.decoded.push_back(st.frames);
    s.received += st.frames;
    s.returned += st.decoded;
    s.late += st.late;
  }
  return s;
}

std::int64_t max_lag_ms(std::mutex& sources_mutex, const std::vector<PacedFileSource*>& sources) {
  std::lock_guard lock(sources_mutex);
  std::int64_t lag = 0;
  for (const PacedFileSource* source : sources) lag = std::max(lag, source->stats().max_lag_ms);
  return lag;
}

// Per-camera rate between two snapshots: min and mean.
std::pair<double, double> rates(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b,
                                double seconds) {
  if (a.empty() || a.size() != b.size() || seconds <= 0.0) return {0.0, 0.0};
  double min = std::numeric_limits<double>::max();
  double sum = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double r = static_cast<double>(b[i] - a[i]) / seconds;
    min = std::min(min, r);
    sum += r;
  }
  return {min, sum / static_cast<double>(a.size())};
}

std::uint64_t total_between(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) n += b[i] - a[i];
  return n;
}

// Sleeps up to `seconds`, sampling the resident memory into `peak_kb`; false when `stop` was set.
bool wait_sampling(double seconds, const std::atomic<bool>& stop, long& peak_kb) {
  const auto until =
      Steady::now() + std::chrono::duration_cast<Steady::duration>(std::chrono::duration<double>(seconds));
  while (Steady::now() < until) {
    if (stop.load()) return false;
    peak_kb = std::max(peak_kb, current_rss_kb());
    std::this_thread::sleep_for(std::min<Steady::duration>(std::chrono::milliseconds(250), until - Steady::now()));
  }
  peak_kb = std::max(peak_kb, current_rss_kb());
  return true;
}

CameraConfig bench_camera(const CameraBenchOptions& o, int index) {
  CameraConfig camera;
  char name[16];
  std::snprintf(name, sizeof name, "cam%02d", index + 1);
  camera.name = name;
  camera.source = o.input;
  camera.kind = "stream";  // live: wall-clock timestamps, a mailbox that drops when analysis falls behind
  camera.sampling = SamplingParams::fps(o.sample_fps);
  camera.sampling_set = true;
  camera.detect = o.detect;
  camera.lines = o.lines.empty() ? bench_default_lines() : o.lines;
  camera.zones = o.zones.empty() ? bench_default_zones() : o.zones;
  return camera;
}

Result<CameraBenchStep> run_step(const CameraBenchOptions& o, int n, const fs::path& dir,
                                 const std::atomic<bool>& stop) {
  AppConfig config;
  config.model = o.model;
  config.detect = o.detect;
  config.storage.database = (dir / ("bench-" + std::to_string(n) + ".db")).string();
  for (int i = 0; i < n; ++i) config.cameras.push_back(bench_camera(o, i));

  std::mutex sources_mutex;
  std::vector<PacedFileSource*> sources;  // owned by the pipelines; read only while they run
  ServiceOptions service_options;
  service_options.print_summary = false;
  service_options.make_source = [&](const SourceSpec& spec, const Clock& clock) -> std::unique_ptr<FrameSource> {
    const int threads = o.decode_threads >= 0 ? o.decode_threads : spec.decode_threads;
    std::lock_guard lock(sources_mutex);
    // Independent cameras are not in step: camera i starts i/n of a sampling period after the first, so their
    // sampled frames arrive spread over the period, not all at once; and i/n into the file, so that they show
    // different scenes and decode their key frames (the costly ones) at different times, as real cameras do.
    const double share = static_cast<double>(sources.size()) / static_cast<double>(n);
    PacedFileOptions paced;
    paced.decode_threads = threads;
    paced.convert_all = o.convert_all;
    paced.decode_all = o.decode_all;
    paced.phase_seconds = share / o.sample_fps;
    paced.start_at = o.same_start ? 0.0 : share;
    auto source = std::make_unique<PacedFileSource>(o.input, o.stream_fps, clock, paced);
    sources.push_back(source.get());
    return source;
  };

  ::malloc_trim(0);  // memory the previous step freed goes back to the system before this one is measured
  std::atomic<bool> step_stop{false};
  auto created = Service::create(config, step_stop, service_options);
  if (!created) return created.error();
  Service& service = **created;

  CameraBenchStep step;
  step.cameras = n;
  step.workers = service.detector_workers();
  step.threads = service.detector_threads();
  step.decode_threads = o.decode_threads >= 0 ? o.decode_threads : live_decoder_threads(cv::getNumberOfCPUs(), n);
  step.rss_fixed_kb = current_rss_kb();
  service.start();

  long peak = 0;
  const Snapshot start = snapshot(service, sources_mutex, sources);
  bool complete = wait_sampling(o.warmup_seconds, stop, peak);
  const Snapshot a = snapshot(service, sources_mutex, sources);
  complete = complete && wait_sampling(o.duration_seconds, stop, peak);
  const Snapshot b = snapshot(service, sources_mutex, sources);
  step.decode_max_lag_ms = max_lag_ms(sources_mutex, sources);
  step_stop = true;
  (void)service.finish();
  created->reset();
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ec;
    fs::remove(config.storage.database + suffix, ec);
  }

  step.seconds = std::chrono::duration<double>(b.at - a.at).count();
  std::tie(step.analysed_fps_min, step.analysed_fps_mean) = rates(a.analysed, b.analysed, step.seconds);
  std::tie(step.decoded_fps_min, step.decoded_fps_mean) = rates(a.decoded, b.decoded, step.seconds);
  step.frames_analysed = total_between(a.analysed, b.analysed);
  step.frames_dropped = total_between(a.dropped, b.dropped);
  step.frames_dropped_warmup = total_between(start.dropped, a.dropped);
  step.decode_late = b.late - a.late;
  if (b.received > a.received) {
    const auto received = static_cast<double>(b.received - a.received);
    const auto returned = static_cast<double>(b.returned - a.returned);
    step.undecoded_percent = std::max(0.0, 100.0 * (received - returned) / received);
  }
  const int cores = cv::getNumberOfCPUs();
  if (step.seconds > 0.0) {
    step.cpu_percent = 100.0 * (b.cpu - a.cpu) / (step.seconds * cores);
    if (step.workers > 0) step.detector_busy_percent = 100.0 * (b.busy - a.busy) / (step.seconds * step.workers);
  }
  if (step.frames_analysed > 0) {
    step.inference_ms = 1000.0 * (b.inference - a.inference) / static_cast<double>(step.frames_analysed);
    step.queue_ms = 1000.0 * (b.queue - a.queue) / static_cast<double>(step.frames_analysed);
  }
  step.rss_peak_kb = peak;
  step.rss_per_camera_kb = n > 0 ? std::max(0L, peak - step.rss_fixed_kb) / n : 0;
  step.ok = complete && step.frames_dropped == 0 && step.analysed_fps_min >= 0.95 * o.sample_fps &&
            step.decoded_fps_min >= 0.95 * o.stream_fps;
  return step;
}

}  // namespace

long current_rss_kb() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0;
  long resident = 0;
  if (!(statm >> pages >> resident)) return 0;
  return resident * (::sysconf(_SC_PAGESIZE) / 1024);
}

Result<CameraBenchReport> run_camera_bench(const CameraBenchOptions& options, const std::atomic<bool>& stop,
                                           const std::function<void(const CameraBenchStep&)>& on_step) {
  if (options.cameras.empty()) return make_error("bench: no camera count given");
  for (int n : options.cameras) {
    if (n < 1 || n > 256) return make_error("bench: camera counts must be 1..256, got " + std::to_string(n));
  }
  if (options.sample_fps <= 0.0 || options.sample_fps > options.stream_fps) {
    return make_error("bench: the sampling rate must be above 0 and at most the stream rate");
  }
  CameraBenchReport report;
  report.input = options.input;
  report.cores = cv::getNumberOfCPUs();
  report.stream_fps = options.stream_fps;
  report.sample_fps = options.sample_fps;
  {
    SystemClock clock;
    PacedFileSource probe(options.input, options.stream_fps, clock);
    if (Status s = probe.open(); !s) return s.error();
    Frame frame;
    if (probe.read(frame) != ReadStatus::frame) return make_error(options.input + ": no frame could be decoded");
    auto detector = create_detector(options.model, options.detect);
    if (!detector) return detector.error();
    report.model = (*detector)->name();
  }
  ScratchDir dir;
  if (dir.path().empty()) return make_error("bench: cannot create a temporary directory");
  for (int n : options.cameras) {
    if (stop.load()) break;
    auto step = run_step(options, n, dir.path(), stop);
    if (!step) return step.error();
    report.steps.push_back(*step);
    if (step->ok) report.max_cameras_ok = std::max(report.max_cameras_ok, n);
    if (on_step) on_step(*step);
  }
  return report;
}

}  // namespace footfall

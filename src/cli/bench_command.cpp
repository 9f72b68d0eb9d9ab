// footfall bench INPUT : decode-only fps, detector latency (1 and 2 threads), end-to-end fps and their ratio.
// footfall bench --cameras N,... INPUT : N copies of INPUT as paced live cameras through the shared detector pool:
// analysed fps per camera, drops, CPU and memory for each N, and the largest N without drops.
#include <spdlog/spdlog.h>

#include <cstdio>
#include <sstream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "detect_options.h"
#include "footfall/app/bench.h"
#include "footfall/app/camera_bench.h"
#include "footfall/app/shutdown.h"
#include "footfall/detect/model_manifest.h"

namespace footfall::cli {

namespace {

struct BenchCliOptions {
  std::string input;
  DetectOptions detect;
  bool all_models = false;
  std::size_t frames = 200;
  std::string format = "table";
  // --cameras mode
  std::string cameras;  // "1,4,8" or "4-32:4" (from-to:step), or a single count
  double duration = 20.0;
  double warmup = 12.0;
  double stream_fps = 25.0;
  double sample_fps = 5.0;
  int workers = 0;
  bool convert_all = false;
  bool decode_all = false;
  bool same_start = false;
  int decode_threads = -1;
};

// "1,4,8,16", "24", "4-32:4" (4, 8, ..., 32), or a mix: "1,2,4-32:4".
Result<std::vector<int>> parse_camera_counts(const std::string& text) {
  std::vector<int> counts;
  std::stringstream in(text);
  std::string item;
  const auto bad = [&text] {
    return make_error("--cameras: expected counts like 1,4,8 or 4-32:4, got '" + text + "'");
  };
  while (std::getline(in, item, ',')) {
    int from = 0;
    int to = 0;
    int step = 1;
    char dash = 0;
    char colon = 0;
    std::istringstream part(item);
    if (!(part >> from)) return bad();
    to = from;
    if (part >> dash) {
      if (dash != '-' || !(part >> to)) return bad();
      if (part >> colon && (colon != ':' || !(part >> step))) return bad();
    }
    if (!part.eof() && part.peek() != EOF) return bad();
    if (from < 1 || to < from || step < 1 || to > 256) return bad();
    for (int n = from; n <= to; n += step) counts.push_back(n);
  }
  if (counts.empty()) return bad();
  return counts;
}

void print_step(const CameraBenchStep& s) {
  std::printf("%7d %6dx%-2d %4d %9.2f %9.2f %9.2f %5.0f%% %9llu %8llu %6.0f%% %6.0f%% %8.1f %8.1f %9.0f %8.1f  %s\n",
              s.cameras, s.workers, s.threads, s.decode_threads, s.analysed_fps_min, s.analysed_fps_mean,
              s.decoded_fps_min, s.undecoded_percent,
              static_cast<unsigned long long>(s.frames_dropped), static_cast<unsigned long long>(s.decode_late),
              s.cpu_percent, s.detector_busy_percent, s.inference_ms, s.queue_ms,
              static_cast<double>(s.rss_peak_kb) / 1024.0, static_cast<double>(s.rss_per_camera_kb) / 1024.0,
              s.ok ? "ok" : "DROPS");
  std::fflush(stdout);
}

nlohmann::json to_json(const CameraBenchStep& s) {
  return {{"cameras", s.cameras},
          {"workers", s.workers},
          {"threads", s.threads},
          {"decode_threads", s.decode_threads},
          {"seconds", s.seconds},
          {"analysed_fps", {{"min", s.analysed_fps_min}, {"mean", s.analysed_fps_mean}}},
          {"decoded_fps", {{"min", s.decoded_fps_min}, {"mean", s.decoded_fps_mean}}},
          {"undecoded_percent", s.undecoded_percent},
          {"frames_analysed", s.frames_analysed},
          {"frames_dropped", s.frames_dropped},
          {"frames_dropped_warmup", s.frames_dropped_warmup},
          {"decode_late", s.decode_late},
          {"decode_max_lag_ms", s.decode_max_lag_ms},
          {"cpu_percent", s.cpu_percent},
          {"detector_busy_percent", s.detector_busy_percent},
          {"inference_ms", s.inference_ms},
          {"queue_ms", s.queue_ms},
          {"rss_fixed_kb", s.rss_fixed_kb},
          {"rss_peak_kb", s.rss_peak_kb},
          {"rss_per_camera_kb", s.rss_per_camera_kb},
          {"ok", s.ok}};
}

int run_camera_bench_cli(const BenchCliOptions& o) {
  auto counts = parse_camera_counts(o.cameras);
  auto params = to_detect_params(o.detect);
  if (!counts || !params) {
    print_error(!counts ? counts.error().message : params.error().message);
    return kExitUsage;
  }
  CameraBenchOptions bo;
  bo.input = o.input;
  bo.cameras = *counts;
  bo.stream_fps = o.stream_fps;
  bo.sample_fps = o.sample_fps;
  bo.duration_seconds = o.duration;
  bo.warmup_seconds = o.warmup;
  bo.model = to_model_params(o.detect);
  bo.detect = *params;
  bo.detect.workers = o.workers;
  bo.convert_all = o.convert_all;
  bo.decode_all = o.decode_all;
  bo.same_start = o.same_start;
  bo.decode_threads = o.decode_threads;
  if (bo.sample_fps > bo.stream_fps) {
    print_error("--sample-fps must not be above --stream-fps");
    return kExitUsage;
  }
  // The service logs a line per camera at start-up; at the default level the table is enough.
  const auto level = spdlog::get_level();
  if (level == spdlog::level::info) spdlog::set_level(spdlog::level::warn);
  install_shutdown_handlers();
  const bool table = o.format != "json";
  if (table) {
    std::printf("input %s, each camera decoded at %.0f fps and analysed at %.0f fps; %.0f s measured after %.0f s "
                "warm-up per step\n",
                o.input.c_str(), o.stream_fps, o.sample_fps, o.duration, o.warmup);
    std::printf("%7s %9s %4s %9s %9s %9s %6s %9s %8s %7s %7s %8s %8s %9s %8s\n", "cameras", "pool", "dec", "fps min",
                "fps mean", "decode", "skip", "dropped", "late", "cpu", "det.", "inf ms", "wait ms", "RSS MB", "MB/cam");
    std::fflush(stdout);
  }
  auto report = run_camera_bench(bo, shutdown_requested(), [table](const CameraBenchStep& s) {
    if (table) print_step(s);
  });
  spdlog::set_level(level);
  if (!report) {
    print_error(report.error().message);
    return kExitError;
  }
  if (o.format == "json") {
    nlohmann::json steps = nlohmann::json::array();
    for (const CameraBenchStep& s : report->steps) steps.push_back(to_json(s));
    const nlohmann::json doc = {{"input", report->input},
                                {"model", report->model},
                                {"cores", report->cores},
                                {"stream_fps", report->stream_fps},
                                {"sample_fps", report->sample_fps},
                                {"duration_s", o.duration},
                                {"warmup_s", o.warmup},
                                {"steps", steps},
                                {"max_cameras_without_drops", report->max_cameras_ok}};
    std::printf("%s\n", doc.dump(2).c_str());
  } else {
    std::printf("model %s on %d cores; largest camera count without drops: %d\n", report->model.c_str(),
                report->cores, report->max_cameras_ok);
  }
  return kExitOk;
}

void print_report(const BenchReport& r) {
  std::printf("input            %s (%lld frames)\n", r.input.c_str(), static_cast<long long>(r.decoded_frames));
  std::printf("model            %s\n", r.model.c_str());
  std::printf("decode only      %.0f fps\n", r.decode_fps);
  for (const LatencyStats& l : r.latency) {
    std::printf("detect, %d thr    median %.2f ms  p95 %.2f ms  mean %.2f ms  (%zu frames)\n", l.threads, l.median_ms,
                l.p95_ms, l.mean_ms, l.frames);
  }
  std::printf("detect only      %.1f fps (%d threads)\n", r.detect_fps, r.end_to_end_threads);
  std::printf("end to end       %.1f fps (%lld frames, %d threads)\n", r.end_to_end_fps,
              static_cast<long long>(r.end_to_end_frames), r.end_to_end_threads);
  std::printf("ratio            %.3f of the slower of decode-only and detect-only\n", r.ratio);
  std::printf("tracking         %.3f ms/frame for %zu lines and %zu zones (%lld crossings): %.2f%% of end to end\n",
              r.end_to_end_frames > 0 ? 1000.0 * r.tracking_seconds / static_cast<double>(r.end_to_end_frames) : 0.0,
              r.tracking_lines, r.tracking_zones, static_cast<long long>(r.crossings), 100.0 * r.tracking_overhead);
  std::printf("peak memory      %.1f MB\n", static_cast<double>(r.peak_rss_kb) / 1024.0);
}

nlohmann::json to_json(const BenchReport& r) {
  nlohmann::json lat = nlohmann::json::array();
  for (const LatencyStats& l : r.latency) {
    lat.push_back({{"threads", l.threads}, {"median_ms", l.median_ms}, {"p95_ms", l.p95_ms}, {"mean_ms", l.mean_ms}});
  }
  return {{"input", r.input},           {"model", r.model},           {"decoded_frames", r.decoded_frames},
          {"decode_fps", r.decode_fps}, {"latency", lat},             {"detect_fps", r.detect_fps},
          {"end_to_end_fps", r.end_to_end_fps}, {"ratio", r.ratio}, {"peak_rss_kb", r.peak_rss_kb},
          {"tracking", {{"lines", r.tracking_lines}, {"zones", r.tracking_zones}, {"seconds", r.tracking_seconds},
                        {"overhead", r.tracking_overhead}, {"crossings", r.crossings}}}};
}

int run_bench_cli(const BenchCliOptions& o) {
  if (!o.cameras.empty()) return run_camera_bench_cli(o);
  auto params = to_detect_params(o.detect);
  if (!params) {
    print_error(params.error().message);
    return kExitUsage;
  }
  std::vector<ModelParams> models;
  if (o.all_models) {
    for (const ModelSpec& m : builtin_models()) models.push_back(ModelParams{m.name, "", "", false});
    models.push_back(ModelParams{"hog", "", "", false});
  } else {
    models.push_back(to_model_params(o.detect));
  }
  nlohmann::json all = nlohmann::json::array();
  int exit_code = kExitOk;
  for (const ModelParams& model : models) {
    BenchOptions bo;
    bo.input = o.input;
    bo.model = model;
    bo.detect = *params;
    bo.latency_frames = o.frames;
    auto report = run_bench(bo);
    if (!report) {
      print_error(report.error().message);
      exit_code = kExitError;
      continue;
    }
    if (o.format == "json") {
      all.push_back(to_json(*report));
    } else {
      print_report(*report);
      std::printf("\n");
    }
    std::fflush(stdout);
  }
  if (o.format == "json") std::printf("%s\n", all.dump(2).c_str());
  return exit_code;
}

}  // namespace

void add_bench_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<BenchCliOptions>();
  CLI::App* cmd = app.add_subcommand("bench", "Measure decode, detection latency and end-to-end throughput, or with "
                                                "--cameras how many live cameras the box analyses");
  cmd->add_option("input", o->input, "Video file")->required();
  add_detect_options(*cmd, o->detect);
  cmd->add_flag("--all-models", o->all_models, "Benchmark every model in the manifest (and HOG)");
  cmd->add_option("--frames", o->frames, "Frames held in memory for the latency runs")->check(CLI::Range(10, 2000));
  cmd->add_option("--format", o->format, "table or json")->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("--cameras", o->cameras,
                  "Play the input as this many live cameras through the shared detector pool: counts like 1,4,8 "
                  "or 4-32:4 (from-to:step), run in order");
  cmd->add_option("--duration", o->duration, "--cameras: seconds measured per step")->check(CLI::Range(1.0, 3600.0));
  cmd->add_option("--warmup", o->warmup, "--cameras: seconds before measuring, per step")
      ->check(CLI::Range(0.0, 600.0));
  cmd->add_option("--stream-fps", o->stream_fps, "--cameras: frames per second each camera's decoder delivers")
      ->check(CLI::Range(1.0, 120.0));
  cmd->add_option("--sample-fps", o->sample_fps, "--cameras: frames per second analysed per camera")
      ->check(CLI::Range(0.1, 120.0));
  cmd->add_option("--workers", o->workers, "--cameras: detector workers (0 = as the service chooses)")
      ->check(CLI::Range(0, 64));
  cmd->add_option("--decode-threads", o->decode_threads,
                  "--cameras: decoder threads per camera (0 = FFmpeg's choice; default: as footfall run sets for "
                  "live streams, 1 once there are as many cameras as cores)")
      ->check(CLI::Range(0, 64));
  cmd->add_flag("--decode-all", o->decode_all,
                "--cameras: decode every frame, also those no frame references while none is wanted (to measure the "
                "skip)");
  cmd->add_flag("--same-start", o->same_start,
                "--cameras: start every copy at the file's start (default: camera i of n starts i/n into the file, "
                "so that the copies are not in step)");
  cmd->add_flag("--convert-all", o->convert_all,
                "--cameras: convert every decoded frame to BGR, not only the sampled ones (to measure the skip)");
  cmd->callback([o, &exit_code] { exit_code = run_bench_cli(*o); });
}

}  // namespace footfall::cli

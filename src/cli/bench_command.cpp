// footfall bench INPUT : decode-only fps, detector latency (1 and 2 threads), end-to-end fps and their ratio.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "detect_options.h"
#include "footfall/app/bench.h"
#include "footfall/detect/model_manifest.h"

namespace footfall::cli {

namespace {

struct BenchCliOptions {
  std::string input;
  DetectOptions detect;
  bool all_models = false;
  std::size_t frames = 200;
  std::string format = "table";
};

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
  CLI::App* cmd = app.add_subcommand("bench", "Measure decode, detection latency and end-to-end throughput");
  cmd->add_option("input", o->input, "Video file")->required();
  add_detect_options(*cmd, o->detect);
  cmd->add_flag("--all-models", o->all_models, "Benchmark every model in the manifest (and HOG)");
  cmd->add_option("--frames", o->frames, "Frames held in memory for the latency runs")->check(CLI::Range(10, 2000));
  cmd->add_option("--format", o->format, "table or json")->check(CLI::IsMember({"table", "json"}));
  cmd->callback([o, &exit_code] { exit_code = run_bench_cli(*o); });
}

}  // namespace footfall::cli

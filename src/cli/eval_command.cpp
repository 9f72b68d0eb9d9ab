// footfall eval VIDEO --gt gt.txt : per-frame count accuracy against MOTChallenge ground truth (MAE, bias, share
// of exact frames), for one or several thresholds in a single detection pass.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "detect_options.h"
#include "footfall/app/count_metrics.h"
#include "footfall/app/count_run.h"

namespace footfall::cli {

namespace {

struct EvalOptions {
  std::string video;
  std::string gt;
  DetectOptions detect;
  std::vector<float> thresholds;
  std::string format = "table";
};

// Per-frame confidences of every detection of `video`, at the detector's threshold.
Result<std::map<std::int64_t, std::vector<float>>> detect_all(const std::string& video, FrameAnalyzer& analyzer,
                                                              double& seconds) {
  SystemClock clock;
  SourceSpec spec;
  spec.uri = video;
  auto source = make_source(spec, clock);
  std::map<std::int64_t, std::vector<float>> confidences;
  std::atomic<bool> stop{false};
  auto run = count_source(*source, analyzer, CountRunOptions{}, [&](const Frame& f, const FrameCount& c) {
    auto& v = confidences[f.index];
    for (const Detection& d : c.detections) v.push_back(d.confidence);
  }, stop);
  if (!run) return run.error();
  seconds = run->seconds;
  return confidences;
}

int run_eval(EvalOptions o) {
  auto truth = load_mot_counts(o.gt);
  if (!truth) {
    print_error(truth.error().message);
    return kExitError;
  }
  std::sort(o.thresholds.begin(), o.thresholds.end());
  nlohmann::json rows = nlohmann::json::array();
  if (o.format == "table") {
    std::printf("%-34s %9s %6s %7s %7s %7s\n", "model", "threshold", "frames", "MAE", "bias", "exact");
  }
  // One detection pass at the lowest threshold serves every threshold when the threshold is a post-filter (all DNN
  // models); otherwise (HOG) each threshold gets its own pass.
  std::map<std::int64_t, std::vector<float>> confidences;
  bool have_pass = false;
  const std::size_t n = o.thresholds.empty() ? 1 : o.thresholds.size();
  for (std::size_t i = 0; i < n; ++i) {
    DetectOptions detect = o.detect;
    if (!o.thresholds.empty()) detect.threshold = have_pass ? o.thresholds.front() : o.thresholds[i];
    auto detector = make_detector(detect);
    if (!detector) {
      print_error(detector.error().message);
      return kExitError;
    }
    const float t = o.thresholds.empty() ? (*detector)->threshold() : o.thresholds[i];
    const std::string model = (*detector)->name();
    const bool reuse = (*detector)->threshold_is_a_post_filter();
    double seconds = 0.0;
    if (!have_pass || !reuse) {
      FrameAnalyzer analyzer(std::move(*detector), "eval");
      auto pass = detect_all(o.video, analyzer, seconds);
      if (!pass) {
        print_error(pass.error().message);
        return kExitError;
      }
      confidences = std::move(*pass);
      have_pass = reuse;
    }
    std::map<std::int64_t, int> predicted;
    for (const auto& [frame, confs] : confidences) {
      predicted[frame] = static_cast<int>(std::count_if(confs.begin(), confs.end(), [t](float c) { return c >= t; }));
    }
    const CountMetrics m = compare_counts(*truth, predicted);
    if (o.format == "table") {
      std::printf("%-34s %9.3f %6zu %7.3f %+7.3f %6.1f%%\n", model.c_str(), static_cast<double>(t), m.frames, m.mae,
                  m.bias, m.exact_share * 100.0);
      std::fflush(stdout);
    }
    rows.push_back({{"model", model}, {"threshold", t}, {"frames", m.frames}, {"mae", m.mae}, {"bias", m.bias},
                    {"exact_share", m.exact_share}});
  }
  if (o.format == "json") std::printf("%s\n", rows.dump(2).c_str());
  return kExitOk;
}

}  // namespace

void add_eval_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<EvalOptions>();
  CLI::App* cmd = app.add_subcommand("eval", "Per-frame count accuracy of a model against MOTChallenge ground truth");
  cmd->add_option("video", o->video, "Video whose frame N is frame N of the ground truth")->required();
  cmd->add_option("--gt", o->gt, "MOTChallenge gt.txt (rows with conf 1 are counted)")->required();
  add_detect_options(*cmd, o->detect);
  cmd->add_option("--thresholds", o->thresholds, "Evaluate several thresholds in one pass")
      ->delimiter(',')
      ->check(CLI::Range(0.0f, 1.0f));
  cmd->add_option("--format", o->format, "table or json")->check(CLI::IsMember({"table", "json"}));
  cmd->callback([o, &exit_code] { exit_code = run_eval(*o); });
}

}  // namespace footfall::cli

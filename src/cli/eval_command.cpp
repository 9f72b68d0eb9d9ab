// footfall eval : accuracy against MOTChallenge ground truth, in two modes.
// - footfall eval VIDEO --gt gt.txt : per-frame count accuracy of the detector (MAE, bias, share of exact frames),
//   for one or several thresholds in a single detection pass.
// - footfall eval --gt gt.txt --pred tracks.txt [--line ...] : a tracker's MOTChallenge output (footfall track --mot)
//   against the ground truth: tracked-count MAE, CLEAR MOT, identity metrics, and per line the crossings implied by
//   each side. Frame size and frame rate come from seqinfo.ini beside gt.txt when there is one.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "detect_options.h"
#include "footfall/app/count_metrics.h"
#include "footfall/app/count_run.h"
#include "footfall/app/track_counter.h"
#include "footfall/count/line_margin.h"
#include "footfall/count/mot_crossings.h"
#include "footfall/count/validation.h"
#include "footfall/track/mot_metrics.h"

namespace footfall::cli {

namespace {

struct EvalOptions {
  std::string video;
  std::string gt;
  DetectOptions detect;
  std::vector<float> thresholds;
  std::string format = "table";
  // --pred mode
  std::string pred;
  std::vector<std::string> lines;
  std::string frame_size;  // "WxH"
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

// --- footfall eval --gt gt.txt --pred FILE -------------------------------------------------------------------------

// What seqinfo.ini beside a MOTChallenge gt.txt says about the sequence (0 when absent).
struct SequenceInfo {
  int width = 0;
  int height = 0;
  int length = 0;  // frames
  double fps = 0.0;
};

Result<std::string> read_file(const std::string& path, const char* what) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return make_error(path + ": no such " + std::string(what));
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) return make_error(path + ": cannot read " + what);
  return text.str();
}

Result<MotRows> read_mot(const std::string& path, const char* what) {
  auto text = read_file(path, what);
  if (!text) return text.error();
  auto rows = parse_mot(*text);
  if (!rows) return make_error(path + ": " + rows.error().message);
  return rows;
}

// seqinfo.ini: "key=value" lines; only imWidth, imHeight, seqLength and frameRate are used.
Result<std::optional<SequenceInfo>> read_sequence_info(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::optional<SequenceInfo>{};
  auto text = read_file(path.string(), "sequence info");
  if (!text) return text.error();
  SequenceInfo info;
  std::istringstream lines(*text);
  std::string line;
  while (std::getline(lines, line)) {
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = line.substr(0, eq);
    std::string value = line.substr(eq + 1);
    while (!key.empty() && key.back() == ' ') key.pop_back();
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.pop_back();
    if (key != "imWidth" && key != "imHeight" && key != "seqLength" && key != "frameRate") continue;
    char* end = nullptr;
    const double v = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || !(v > 0.0) || v > 1e7) {
      return make_error(path.string() + ": " + key + " '" + value + "' is not a positive number");
    }
    if (key == "frameRate") {
      info.fps = v;
    } else {
      (key == "imWidth" ? info.width : key == "imHeight" ? info.height : info.length) = static_cast<int>(v);
    }
  }
  return std::optional<SequenceInfo>{info};
}

// "WxH" with positive integers.
Result<std::pair<int, int>> parse_frame_size(const std::string& text) {
  int w = 0;
  int h = 0;
  char x = 0;
  char extra = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X') || w <= 0 || h <= 0) {
    return make_error("--frame-size '" + text + "': expected WIDTHxHEIGHT in pixels, e.g. 640x480");
  }
  return std::make_pair(w, h);
}

struct PredEval {
  std::size_t frames = 0;
  CountMetrics count;
  ClearMot clear;
  IdentityMetrics identity;
  std::vector<LineParams> lines;
  std::vector<LineTotals> gt_lines;
  std::vector<LineTotals> pred_lines;
  std::vector<LineMargin> gt_margins;  // how clearly the ground truth decides each line
};

// A ground-truth path this close to a line's end, or a track starting or ending this close to the line, makes that
// line's count a matter of a few pixels of box: detector box bottoms differ from annotated ones by up to ~10 px.
constexpr double kUndecidedMarginPx = 15.0;

nlohmann::ordered_json margin_json(double px) {
  if (std::isinf(px)) return nullptr;
  return std::round(px * 10.0) / 10.0;
}

// Keys in the documented order.
nlohmann::ordered_json to_json(const PredEval& e) {
  nlohmann::ordered_json lines = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < e.lines.size(); ++i) {
    lines[e.lines[i].name] = nlohmann::ordered_json{
        {"gt",
         {{"in", e.gt_lines[i].in},
          {"out", e.gt_lines[i].out},
          {"end_margin_px", margin_json(e.gt_margins[i].end_px)},
          {"track_end_px", margin_json(e.gt_margins[i].track_end_px)}}},
        {"pred", {{"in", e.pred_lines[i].in}, {"out", e.pred_lines[i].out}}}};
  }
  return nlohmann::ordered_json{{"frames", e.frames},
          {"count", {{"mae", e.count.mae}, {"bias", e.count.bias}, {"exact", e.count.exact_share}}},
          {"mota", e.clear.mota},
          {"motp", e.clear.motp},
          {"idf1", e.identity.idf1},
          {"idp", e.identity.idp},
          {"idr", e.identity.idr},
          {"id_switches", e.clear.id_switches},
          {"false_positives", e.clear.false_positives},
          {"false_negatives", e.clear.false_negatives},
          {"lines", lines}};
}

void print_table(const PredEval& e) {
  std::printf("frames %zu\n", e.frames);
  std::printf("count   MAE %.3f  bias %+.3f  exact %.1f%%\n", e.count.mae, e.count.bias, e.count.exact_share * 100.0);
  std::printf("MOTA %.3f  MOTP %.3f  IDF1 %.3f  IDP %.3f  IDR %.3f\n", e.clear.mota, e.clear.motp, e.identity.idf1,
              e.identity.idp, e.identity.idr);
  std::printf("ID switches %d  FP %d  FN %d\n", e.clear.id_switches, e.clear.false_positives,
              e.clear.false_negatives);
  if (e.lines.empty()) return;
  auto px = [](double v) { return std::isinf(v) ? std::string("-") : std::to_string(std::lround(v)); };
  std::printf("%-16s %6s %6s %8s %8s %8s %9s\n", "line", "gt in", "gt out", "pred in", "pred out", "end px",
              "track px");
  for (std::size_t i = 0; i < e.lines.size(); ++i) {
    std::printf("%-16s %6lld %6lld %8lld %8lld %8s %9s\n", e.lines[i].name.c_str(),
                static_cast<long long>(e.gt_lines[i].in), static_cast<long long>(e.gt_lines[i].out),
                static_cast<long long>(e.pred_lines[i].in), static_cast<long long>(e.pred_lines[i].out),
                px(e.gt_margins[i].end_px).c_str(), px(e.gt_margins[i].track_end_px).c_str());
  }
  for (std::size_t i = 0; i < e.lines.size(); ++i) {
    const LineMargin& m = e.gt_margins[i];
    if (m.end_px < kUndecidedMarginPx) {
      std::printf("note: line %s: a ground-truth path meets it %s px from an end of the segment; whether it crosses "
                  "depends on a few pixels of box\n",
                  e.lines[i].name.c_str(), px(m.end_px).c_str());
    }
    if (m.track_end_px < kUndecidedMarginPx) {
      std::printf("note: line %s: a ground-truth track starts or ends %s px from it, inside the hysteresis band\n",
                  e.lines[i].name.c_str(), px(m.track_end_px).c_str());
    }
  }
}

int run_eval_pred(const EvalOptions& o) {
  if (!o.video.empty()) {
    print_error("eval: give either VIDEO (detector accuracy) or --pred FILE (tracker accuracy), not both");
    return kExitUsage;
  }
  if (!o.thresholds.empty()) {
    print_error("eval: --thresholds applies to VIDEO mode, not to --pred");
    return kExitUsage;
  }
  std::vector<LineConfig> configs;
  for (const std::string& text : o.lines) {
    auto line = parse_line_flag(text);
    if (!line) {
      print_error(line.error().message);
      return kExitUsage;
    }
    configs.push_back(*line);
  }
  std::optional<std::pair<int, int>> frame_size;
  if (!o.frame_size.empty()) {
    auto size = parse_frame_size(o.frame_size);
    if (!size) {
      print_error(size.error().message);
      return kExitUsage;
    }
    frame_size = *size;
  }

  auto gt_all = read_mot(o.gt, "ground truth file");
  if (!gt_all) {
    print_error(gt_all.error().message);
    return kExitError;
  }
  auto pred = read_mot(o.pred, "prediction file");
  if (!pred) {
    print_error(pred.error().message);
    return kExitError;
  }
  auto info = read_sequence_info(std::filesystem::path(o.gt).parent_path() / "seqinfo.ini");
  if (!info) {
    print_error(info.error().message);
    return kExitError;
  }
  if (!frame_size && *info && (*info)->width > 0 && (*info)->height > 0) {
    frame_size = std::make_pair((*info)->width, (*info)->height);
  }

  PredEval e;
  for (const LineConfig& c : configs) {
    if (c.normalized && !frame_size) {
      print_error("--line " + c.name + ": normalised (0..1) coordinates need the frame size: give --frame-size WxH "
                  "(no seqinfo.ini with imWidth/imHeight beside " + o.gt + ")");
      return kExitUsage;
    }
    const float w = frame_size ? static_cast<float>(frame_size->first) : 1.0f;
    const float h = frame_size ? static_cast<float>(frame_size->second) : 1.0f;
    LineParams p;
    p.name = c.name;
    p.a = c.normalized ? Point{c.a.x * w, c.a.y * h} : c.a;
    p.b = c.normalized ? Point{c.b.x * w, c.b.y * h} : c.b;
    p.hysteresis_px = c.hysteresis_px;
    p.hysteresis_fraction = c.hysteresis_fraction;
    if (auto problem = validate_line(p, frame_size ? frame_size->first : 0, frame_size ? frame_size->second : 0)) {
      print_error("--line " + c.name + ": " + *problem);
      return kExitUsage;
    }
    for (const LineParams& other : e.lines) {
      if (other.name == p.name) {
        print_error("--line " + c.name + ": a line of that name was already given");
        return kExitUsage;
      }
    }
    e.lines.push_back(p);
  }

  const MotRows gt = ground_truth_rows(*gt_all);
  int frame_count = *info && (*info)->length > 0 ? (*info)->length : 0;
  for (const MotRow& row : gt) frame_count = std::max(frame_count, row.frame);
  const std::vector<int> gt_counts = count_per_frame(gt, frame_count);
  const std::vector<int> pred_counts = count_per_frame(*pred, frame_count);
  std::map<std::int64_t, int> truth;
  std::map<std::int64_t, int> predicted;
  for (int f = 0; f < frame_count; ++f) {
    truth[f + 1] = gt_counts[static_cast<std::size_t>(f)];
    predicted[f + 1] = pred_counts[static_cast<std::size_t>(f)];
  }
  e.frames = static_cast<std::size_t>(frame_count);
  e.count = compare_counts(truth, predicted);
  e.clear = compute_clear_mot(gt, *pred);
  e.identity = compute_identity_metrics(gt, *pred);
  const double fps = *info && (*info)->fps > 0.0 ? (*info)->fps : 25.0;
  e.gt_lines = mot_crossings(e.lines, gt, fps).totals;
  e.pred_lines = mot_crossings(e.lines, *pred, fps).totals;
  for (const LineParams& line : e.lines) e.gt_margins.push_back(line_margin(line, gt));

  if (o.format == "json") {
    std::printf("%s\n", to_json(e).dump(2).c_str());
  } else {
    print_table(e);
  }
  return kExitOk;
}

}  // namespace

void add_eval_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<EvalOptions>();
  CLI::App* cmd = app.add_subcommand(
      "eval", "Accuracy against MOTChallenge ground truth: of a detector's per-frame count (VIDEO), or of tracks (--pred)");
  cmd->add_option("video", o->video, "Video whose frame N is frame N of the ground truth (detector accuracy)");
  cmd->add_option("--gt", o->gt, "MOTChallenge gt.txt (rows with conf 1 are evaluated)")->required();
  cmd->add_option("--pred", o->pred, "Tracks to evaluate, MOTChallenge format (footfall track --mot); no VIDEO then");
  cmd->add_option("--line", o->lines, "With --pred: counting line NAME=x1,y1,x2,y2 (pixels, or 0..1 fractions)");
  cmd->add_option("--frame-size", o->frame_size, "With --pred: WxH for 0..1 lines when there is no seqinfo.ini");
  add_detect_options(*cmd, o->detect);
  cmd->add_option("--thresholds", o->thresholds, "Evaluate several thresholds in one pass")
      ->delimiter(',')
      ->check(CLI::Range(0.0f, 1.0f));
  cmd->add_option("--format", o->format, "table or json")->check(CLI::IsMember({"table", "json"}));
  cmd->callback([o, &exit_code] {
    if (!o->pred.empty()) {
      exit_code = run_eval_pred(*o);
    } else if (o->video.empty()) {
      print_error("eval: give VIDEO (detector accuracy) or --pred FILE (tracker accuracy)");
      exit_code = kExitUsage;
    } else if (!o->lines.empty() || !o->frame_size.empty()) {
      print_error("eval: --line and --frame-size need --pred");
      exit_code = kExitUsage;
    } else {
      exit_code = run_eval(*o);
    }
  });
}

}  // namespace footfall::cli

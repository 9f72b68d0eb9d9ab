// footfall count INPUT... : counts persons per analysed frame in images, videos, folders of images or streams.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "count_output.h"
#include "counting_options.h"
#include "detect_options.h"
#include "footfall/app/annotate.h"
#include "footfall/app/count_run.h"
#include "footfall/app/progress.h"
#include "footfall/app/shutdown.h"
#include "footfall/app/track_counter.h"
#include "footfall/scene/ignore_region.h"
#include "footfall/scene/static_object_filter.h"

namespace footfall::cli {

namespace {

struct CountOptions {
  std::vector<std::string> inputs;
  DetectOptions detect;
  CountingOptions counting;
  bool every_frame = false;
  double fps = 0.0;
  double interval = 0.0;
  std::string format = "table";
  std::string annotate_dir;
  std::string start;
  std::int64_t max_frames = 0;
  double static_ignore = 0.0;               // learn ignore regions after S still seconds; 0 = off
  std::vector<std::string> ignore_regions;  // x,y,w,h (operator regions)
};

bool is_image_file(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return ext == ".jpg" || ext == ".jpeg" || ext == ".png" || ext == ".bmp" || ext == ".webp";
}

// Expands folders into their image files (sorted by name) and checks that every local input exists, so that a
// typo fails before any work is done.
Result<std::vector<std::string>> expand_inputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> out;
  for (const std::string& input : inputs) {
    const SourceKind kind = detect_source_kind(input);
    if (kind == SourceKind::stream || kind == SourceKind::device) {
      out.push_back(input);
      continue;
    }
    std::error_code ec;
    if (std::filesystem::is_directory(input, ec)) {
      std::vector<std::string> images;
      for (const auto& entry : std::filesystem::directory_iterator(input, ec)) {
        if (entry.is_regular_file() && is_image_file(entry.path())) images.push_back(entry.path().string());
      }
      if (images.empty()) return make_error(input + ": folder contains no .jpg, .jpeg, .png, .bmp or .webp image");
      std::sort(images.begin(), images.end());
      out.insert(out.end(), images.begin(), images.end());
      continue;
    }
    if (!std::filesystem::exists(input, ec)) return make_error(input + ": no such file or directory");
    if (!std::filesystem::is_regular_file(input, ec)) return make_error(input + ": not a regular file");
    out.push_back(input);
  }
  return out;
}

std::string annotate_name(const std::string& input, std::int64_t frame) {
  char idx[24];
  std::snprintf(idx, sizeof idx, "%06lld", static_cast<long long>(frame));
  std::string stem = std::filesystem::path(input).stem().string();
  if (stem.empty()) stem = "stream";
  return stem + "_" + idx + ".png";
}

// Per-zone figures of one input, or of all inputs together.
struct ZoneTally {
  std::vector<ZoneVisit> visits;
  double occupancy_sum = 0.0;
  int occupancy_max = 0;
  std::int64_t frames = 0;
  double seconds = 0.0;  // observed time: first to last frame timestamp of each input
};

void add_tally(ZoneTally& into, const ZoneTally& from) {
  into.visits.insert(into.visits.end(), from.visits.begin(), from.visits.end());
  into.occupancy_sum += from.occupancy_sum;
  into.occupancy_max = std::max(into.occupancy_max, from.occupancy_max);
  into.frames += from.frames;
  into.seconds += from.seconds;
}

ZoneSummary summarize_zone(const ZoneConfig& zone, const ZoneTally& t) {
  ZoneSummary z;
  z.name = zone.name;
  z.queue = zone.queue;
  z.dwell = summarize_dwell(t.visits);
  z.mean_occupancy = t.frames > 0 ? t.occupancy_sum / static_cast<double>(t.frames) : 0.0;
  z.max_occupancy = t.occupancy_max;
  if (zone.queue && !t.visits.empty() && t.seconds > 0.0) {
    const double arrivals_per_second = static_cast<double>(t.visits.size()) / t.seconds;
    z.littles_law_wait_s = z.mean_occupancy / arrivals_per_second;
  }
  return z;
}

int run_count(const CountOptions& options) {
  SamplingParams sampling = SamplingParams::every_frame();
  if (options.fps > 0.0) sampling = SamplingParams::fps(options.fps);
  if (options.interval > 0.0) sampling = SamplingParams::interval(options.interval);

  std::optional<TimestampMs> start_time;
  if (!options.start.empty()) {
    start_time = parse_time(options.start);
    if (!start_time) {
      print_error("--start: '" + options.start + "' is not an ISO-8601 time or epoch seconds/milliseconds");
      return kExitUsage;
    }
  }
  auto counting = to_counting_setup(options.counting);
  if (!counting) {
    print_error(counting.error().message);
    return kExitUsage;
  }
  std::vector<IgnoreRegion> operator_regions;
  for (const std::string& text : options.ignore_regions) {
    auto region = parse_ignore_region_flag(text);
    if (!region) {
      print_error(region.error().message);
      return kExitUsage;
    }
    operator_regions.push_back(*region);
  }
  StaticFilterParams static_params;
  static_params.learn_seconds = options.static_ignore;
  if (options.static_ignore > 0.0 && options.static_ignore < 2.0 * static_params.check_seconds) {
    char got[32];
    std::snprintf(got, sizeof got, "%g", options.static_ignore);
    print_error(std::string("--static-ignore: must be 0 (off) or at least 2 seconds, got ") + got);
    return kExitUsage;
  }
  auto inputs = expand_inputs(options.inputs);
  if (!inputs) {
    print_error(inputs.error().message);
    return kExitError;
  }
  auto detector = make_detector(options.detect);
  if (!detector) {
    print_error(detector.error().message);
    return kExitError;
  }

  install_shutdown_handlers();
  FrameAnalyzer analyzer(std::move(*detector), "count");
  std::optional<TrackCounter> tracker;
  auto output = make_count_output(options.format, stdout);
  output->begin(inputs->size() > 1);
  SystemClock clock;
  int exit_code = kExitOk;
  std::vector<LineSummary> all_lines;
  for (const LineConfig& l : counting->lines) all_lines.push_back({l.name, 0, 0});
  std::vector<ZoneTally> all_zones(counting->zones.size());
  for (const std::string& input : *inputs) {
    SourceSpec spec;
    spec.uri = input;
    spec.start_time = start_time;
    auto source = make_source(spec, clock);
    CountRunOptions run;
    run.sampling = sampling;
    run.max_frames = options.max_frames;
    run.progress = ProgressBar::stderr_is_terminal();
    run.label = std::filesystem::path(input).filename().string();
    CountSummary summary;
    summary.input = input;
    summary.min_count = std::numeric_limits<int>::max();
    double sum = 0.0;
    std::optional<TimestampMs> first_ms;
    TimestampMs last_ms = 0;
    std::vector<ZoneTally> zones(counting->zones.size());
    tracker.emplace(counting->lines, counting->zones, counting->tracker);  // one track space per input
    if (options.static_ignore > 0.0 || !operator_regions.empty()) {  // ignore regions: per input, like tracks
      auto filter = std::make_unique<StaticObjectFilter>(static_params);
      filter->set_regions(operator_regions);
      tracker->set_static_filter(std::move(filter));
    }
    auto close_visits = [&zones, &tracker](const std::vector<ZoneVisit>& visits) {
      for (const ZoneVisit& v : visits) {
        for (std::size_t i = 0; i < tracker->zones().size(); ++i) {
          if (tracker->zones()[i].name == v.zone) zones[i].visits.push_back(v);
        }
      }
    };
    auto on_count = [&](const Frame& frame, const FrameCount& analysed) -> Status {
      FrameCount count = analysed;  // the static filter drops detections in ignore regions from raw and tracked
      auto tracked = tracker->update(count, frame.image);
      if (!tracked) return make_error(input + ": " + tracked.error().message);
      output->frame(input, count, *tracked, *tracker);
      if (!first_ms) first_ms = count.timestamp_ms;
      last_ms = count.timestamp_ms;
      close_visits(tracked->visits);
      for (std::size_t i = 0; i < zones.size() && i < tracked->zone_occupancy.size(); ++i) {
        zones[i].occupancy_sum += tracked->zone_occupancy[i];
        zones[i].occupancy_max = std::max(zones[i].occupancy_max, tracked->zone_occupancy[i]);
        ++zones[i].frames;
      }
      sum += count.count;
      summary.max_count = std::max(summary.max_count, count.count);
      summary.min_count = std::min(summary.min_count, count.count);
      if (!options.annotate_dir.empty()) {
        const TrackingOverlay overlay = tracking_overlay(*tracked, *tracker);
        return write_annotated(frame, count,
                               std::filesystem::path(options.annotate_dir) / annotate_name(input, frame.index),
                               &overlay);
      }
      return {};
    };
    auto result = count_source_checked(*source, analyzer, run, on_count, shutdown_requested());
    if (!result) {
      print_error(result.error().message);
      exit_code = kExitError;
      continue;
    }
    close_visits(tracker->flush());
    if (first_ms) {
      // Each frame stands for the time until the next one; the last one for the mean interval.
      const double span = static_cast<double>(last_ms - *first_ms) / 1000.0;
      const double seconds = result->frames > 1 ? span * static_cast<double>(result->frames) /
                                                      static_cast<double>(result->frames - 1)
                                                : 0.0;
      for (ZoneTally& z : zones) z.seconds = seconds;
    }
    for (std::size_t i = 0; i < tracker->lines().size(); ++i) {
      const LineTotals& t = tracker->line_totals()[i];
      summary.lines.push_back({tracker->lines()[i].name, t.in, t.out});
      all_lines[i].in += t.in;
      all_lines[i].out += t.out;
    }
    for (std::size_t i = 0; i < zones.size(); ++i) {
      summary.zones.push_back(summarize_zone(counting->zones[i], zones[i]));
      add_tally(all_zones[i], zones[i]);
    }
    summary.frames = result->frames;
    summary.seconds = result->seconds;
    summary.mean_count = result->frames > 0 ? sum / static_cast<double>(result->frames) : 0.0;
    if (result->frames == 0) summary.min_count = 0;
    summary.warning = result->warning;
    output->input_done(summary);
    if (!result->warning.empty()) {
      spdlog::warn("{}", result->warning);
      if (exit_code == kExitOk) exit_code = kExitPartial;
    }
    if (shutdown_requested().load()) break;
  }
  std::vector<ZoneSummary> zone_totals;
  for (std::size_t i = 0; i < all_zones.size(); ++i) zone_totals.push_back(summarize_zone(counting->zones[i], all_zones[i]));
  output->end(all_lines, zone_totals);
  return exit_code;
}

}  // namespace

void add_count_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CountOptions>();
  CLI::App* cmd = app.add_subcommand("count", "Count persons per frame in images, videos, image folders or streams");
  cmd->add_option("inputs", options->inputs, "Image, video, folder of images, rtsp:// or http(s):// URL, /dev/videoN")
      ->required();
  add_detect_options(*cmd, options->detect);
  add_counting_options(*cmd, options->counting);
  auto* every = cmd->add_flag("--every-frame", options->every_frame, "Analyse every frame (default for files)");
  auto* fps = cmd->add_option("--fps", options->fps, "Analyse F frames per second")->check(CLI::Range(0.001, 1000.0));
  auto* interval = cmd->add_option("--interval", options->interval, "Analyse one frame every S seconds (0.05..3600)")
                       ->check(CLI::Range(0.05, 3600.0));
  every->excludes(fps, interval);
  fps->excludes(interval);
  cmd->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  cmd->add_option("--annotate", options->annotate_dir,
                  "Write PNGs into DIR with the detections, track ids, lines with running totals and zones drawn");
  cmd->add_option("--start", options->start,
                  "Timestamp of a file's first frame (ISO-8601 or epoch); default the file's modification time");
  cmd->add_option("--max-frames", options->max_frames, "Stop after N analysed frames (0 = no limit)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--static-ignore", options->static_ignore,
                  "Learn ignore regions where a person-like box and its pixels stay still for S seconds (signs, "
                  "mannequins); their detections are dropped from the raw and tracked counts (0 = off)")
      ->check(CLI::Range(0.0, 86400.0));
  cmd->add_option("--ignore-region", options->ignore_regions,
                  "Drop detections overlapping this box (x,y,w,h pixels, IoU >= 0.5) from all counts; repeatable");
  cmd->callback([options, &exit_code] { exit_code = run_count(*options); });
}

}  // namespace footfall::cli

// footfall track VIDEO --mot FILE : confirmed tracks in MOTChallenge format (frame,id,left,top,width,height,conf,
// -1,-1,-1; 1-based frames in decode order), plus line totals and zone visits when lines or zones are given.
#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "commands.h"
#include "detect_options.h"
#include "footfall/app/count_run.h"
#include "footfall/app/progress.h"
#include "footfall/app/shutdown.h"
#include "footfall/app/track_counter.h"

namespace footfall::cli {

namespace {

struct TrackOptions {
  std::string video;
  std::string mot;
  DetectOptions detect;
  std::vector<std::string> lines;
  std::vector<std::string> zones;
  TrackerParams tracker;
};

int run_track(const TrackOptions& o) {
  std::vector<LineConfig> lines;
  for (const std::string& text : o.lines) {
    auto line = parse_line_flag(text);
    if (!line) {
      print_error(line.error().message);
      return kExitUsage;
    }
    lines.push_back(*line);
  }
  std::vector<ZoneConfig> zones;
  for (const std::string& text : o.zones) {
    auto zone = parse_zone_flag(text);
    if (!zone) {
      print_error(zone.error().message);
      return kExitUsage;
    }
    zones.push_back(*zone);
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(o.video, ec)) {
    print_error(o.video + ": no such file");
    return kExitError;
  }
  auto detector = make_detector(o.detect);
  if (!detector) {
    print_error(detector.error().message);
    return kExitError;
  }
  FrameAnalyzer analyzer(std::move(*detector), "track");
  if (Status s = validate_tracker_params(o.tracker); !s) {
    print_error(s.error().message);
    return kExitUsage;
  }
  TrackCounter counter(lines, zones, o.tracker);
  // Written to a temporary file and renamed at the end: a failed run leaves no half-written MOT file.
  const std::filesystem::path tmp = o.mot + ".part";
  std::ofstream out(tmp);
  if (!out) {
    print_error(o.mot + ": cannot write");
    return kExitError;
  }
  install_shutdown_handlers();
  SystemClock clock;
  SourceSpec spec;
  spec.uri = o.video;
  auto source = make_source(spec, clock);
  CountRunOptions run;
  run.progress = ProgressBar::stderr_is_terminal();
  run.label = std::filesystem::path(o.video).filename().string();
  Status failure;
  std::int64_t tracked_rows = 0;
  auto on_count = [&](const Frame& frame, const FrameCount& count) {
    if (!failure.ok()) return;
    auto tracked = counter.update(count);
    if (!tracked) {
      failure = tracked.error();
      return;
    }
    for (const Track& t : tracked->tracks) {
      char line[160];
      std::snprintf(line, sizeof line, "%lld,%lld,%.2f,%.2f,%.2f,%.2f,%.3f,-1,-1,-1\n",
                    static_cast<long long>(frame.index), static_cast<long long>(t.id), static_cast<double>(t.box.x),
                    static_cast<double>(t.box.y), static_cast<double>(t.box.width), static_cast<double>(t.box.height),
                    static_cast<double>(t.confidence));
      out << line;
      ++tracked_rows;
    }
  };
  auto result = count_source(*source, analyzer, run, on_count, shutdown_requested());
  out.close();
  if (!result || !failure.ok() || !out) {
    std::filesystem::remove(tmp, ec);
    print_error(!result ? result.error().message : !failure.ok() ? failure.error().message : o.mot + ": write failed");
    return kExitError;
  }
  std::filesystem::rename(tmp, o.mot, ec);
  if (ec) {
    print_error(o.mot + ": " + ec.message());
    return kExitError;
  }
  const auto visits = counter.flush();
  std::fprintf(stderr, "%s: %lld frames, %lld track rows written to %s\n", o.video.c_str(),
               static_cast<long long>(result->frames), static_cast<long long>(tracked_rows), o.mot.c_str());
  for (std::size_t i = 0; i < counter.lines().size(); ++i) {
    std::printf("line %s: in %lld, out %lld\n", counter.lines()[i].name.c_str(),
                static_cast<long long>(counter.line_totals()[i].in),
                static_cast<long long>(counter.line_totals()[i].out));
  }
  (void)visits;
  if (!result->warning.empty()) {
    spdlog::warn("{}", result->warning);
    return kExitPartial;
  }
  return kExitOk;
}

}  // namespace

void add_track_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<TrackOptions>();
  CLI::App* cmd = app.add_subcommand("track", "Track persons through a video and write MOTChallenge tracks");
  cmd->add_option("video", o->video, "Video file")->required();
  cmd->add_option("--mot", o->mot, "Output file: frame,id,left,top,width,height,conf,-1,-1,-1")->required();
  add_detect_options(*cmd, o->detect);
  cmd->add_option("--line", o->lines, "Counting line NAME=x1,y1,x2,y2 (pixels, or 0..1 fractions)");
  cmd->add_option("--zone", o->zones, "Zone NAME=x1,y1,x2,y2,x3,y3,... (pixels, or 0..1 fractions)");
  cmd->add_option("--track-high", o->tracker.high_threshold, "Tracker: confidence of a first-stage detection")
      ->capture_default_str();
  cmd->add_option("--track-new", o->tracker.new_track_threshold, "Tracker: confidence needed to start a track")
      ->capture_default_str();
  cmd->add_option("--min-hits", o->tracker.min_hits, "Tracker: matches before a track is confirmed")
      ->capture_default_str();
  cmd->add_option("--lost-seconds", o->tracker.lost_track_seconds, "Tracker: how long a lost track is kept")
      ->capture_default_str();
  cmd->callback([o, &exit_code] { exit_code = run_track(*o); });
}

}  // namespace footfall::cli

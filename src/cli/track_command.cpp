// footfall track VIDEO --mot FILE : confirmed tracks in MOTChallenge format (frame,id,left,top,width,height,conf,
// -1,-1,-1; 1-based frames in decode order), plus line totals and zone visits when lines or zones are given.
#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "commands.h"
#include "counting_options.h"
#include "detect_options.h"
#include "footfall/app/annotate.h"
#include "footfall/app/count_run.h"
#include "footfall/app/progress.h"
#include "footfall/app/shutdown.h"
#include "footfall/app/track_counter.h"
#include "footfall/count/dwell_stats.h"

namespace footfall::cli {

namespace {

struct TrackOptions {
  std::string video;
  std::string mot;
  DetectOptions detect;
  CountingOptions counting;
  std::string annotate_dir;
};

int run_track(const TrackOptions& o) {
  auto counting = to_counting_setup(o.counting);
  if (!counting) {
    print_error(counting.error().message);
    return kExitUsage;
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
  TrackCounter counter(counting->lines, counting->zones, counting->tracker);
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
  std::int64_t tracked_rows = 0;
  std::vector<ZoneVisit> visits;
  auto on_count = [&](const Frame& frame, const FrameCount& count) -> Status {
    FrameCount described = count;  // the frame's image gives the tracker its appearance descriptors
    auto tracked = counter.update(described, frame.image);
    if (!tracked) return make_error(o.video + ": " + tracked.error().message);
    visits.insert(visits.end(), tracked->visits.begin(), tracked->visits.end());
    for (const Track& t : tracked->tracks) {
      char line[160];
      std::snprintf(line, sizeof line, "%lld,%lld,%.2f,%.2f,%.2f,%.2f,%.3f,-1,-1,-1\n",
                    static_cast<long long>(frame.index), static_cast<long long>(t.id), static_cast<double>(t.box.x),
                    static_cast<double>(t.box.y), static_cast<double>(t.box.width), static_cast<double>(t.box.height),
                    static_cast<double>(t.confidence));
      out << line;
      ++tracked_rows;
    }
    if (o.annotate_dir.empty()) return {};
    const TrackingOverlay overlay = tracking_overlay(*tracked, counter);
    char name[32];
    std::snprintf(name, sizeof name, "%06lld.png", static_cast<long long>(frame.index));
    return write_annotated(frame, count, std::filesystem::path(o.annotate_dir) / name, &overlay);
  };
  auto result = count_source_checked(*source, analyzer, run, on_count, shutdown_requested());
  out.close();
  if (!result || !out) {
    std::filesystem::remove(tmp, ec);
    print_error(!result ? result.error().message : o.mot + ": write failed");
    return kExitError;
  }
  std::filesystem::rename(tmp, o.mot, ec);
  if (ec) {
    print_error(o.mot + ": " + ec.message());
    return kExitError;
  }
  const auto open_visits = counter.flush();
  visits.insert(visits.end(), open_visits.begin(), open_visits.end());
  std::fprintf(stderr, "%s: %lld frames, %lld track rows written to %s\n", o.video.c_str(),
               static_cast<long long>(result->frames), static_cast<long long>(tracked_rows), o.mot.c_str());
  for (std::size_t i = 0; i < counter.lines().size(); ++i) {
    std::printf("line %s: in %lld, out %lld\n", counter.lines()[i].name.c_str(),
                static_cast<long long>(counter.line_totals()[i].in),
                static_cast<long long>(counter.line_totals()[i].out));
  }
  for (const ZoneParams& zone : counter.zones()) {
    std::vector<ZoneVisit> mine;
    for (const ZoneVisit& v : visits) {
      if (v.zone == zone.name) mine.push_back(v);
    }
    const DwellStats dwell = summarize_dwell(mine);
    std::printf("zone %s: %lld visits, dwell mean %.1f s, median %.1f s, max %.1f s\n", zone.name.c_str(),
                static_cast<long long>(dwell.visits), dwell.mean_s, dwell.median_s, dwell.max_s);
  }
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
  add_counting_options(*cmd, o->counting);
  cmd->add_option("--annotate", o->annotate_dir,
                  "Write PNGs into DIR with the detections, track ids, lines with running totals and zones drawn");
  cmd->callback([o, &exit_code] { exit_code = run_track(*o); });
}

}  // namespace footfall::cli

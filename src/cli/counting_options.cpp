#include "counting_options.h"

#include <set>

#include "footfall/app/track_counter.h"

namespace footfall::cli {
namespace {

// The tracker settings that have a flag: an error names the flag the operator typed.
struct TrackerFlag {
  std::string_view field;  // in TrackerParams
  const char* flag;
};
constexpr TrackerFlag kTrackerFlags[] = {
    {"high_threshold", "--track-high"},           {"low_threshold", "--track-low"},
    {"new_track_threshold", "--track-new"},       {"min_hits", "--min-hits"},
    {"lost_track_seconds", "--lost-seconds"},     {"appearance_weight", "--appearance-weight"},
    {"appearance_gate", "--appearance-gate"},     {"appearance_momentum", "--appearance-momentum"},
};

std::string tracker_flag(std::string_view field) {
  for (const TrackerFlag& f : kTrackerFlags) {
    if (f.field == field) return f.flag;
  }
  return "tracker." + std::string(field);
}

}  // namespace

void add_counting_options(CLI::App& cmd, CountingOptions& o) {
  cmd.add_option("--line", o.lines, "Counting line NAME=x1,y1,x2,y2 (pixels, or 0..1 fractions); 'in' is left to "
                                    "right of the walk from point 1 to point 2 (downwards for a line drawn left "
                                    "to right)");
  cmd.add_option("--zone", o.zones, "Zone NAME=x1,y1,x2,y2,x3,y3,... (pixels, or 0..1 fractions)");
  cmd.add_option("--queue", o.queues, "Queue zone NAME=x1,y1,...: also reports queue length and estimated wait");
  cmd.add_option("--track-high", o.tracker.high_threshold, "Tracker: confidence of a first-stage detection")
      ->capture_default_str();
  cmd.add_option("--track-low", o.tracker.low_threshold,
                 "Tracker: lowest confidence of a second-stage detection, which only keeps a track alive "
                 "(at most --track-high)")
      ->capture_default_str();
  cmd.add_option("--track-new", o.tracker.new_track_threshold, "Tracker: confidence needed to start a track")
      ->capture_default_str();
  cmd.add_option("--min-hits", o.tracker.min_hits, "Tracker: matches before a track is confirmed")
      ->capture_default_str();
  cmd.add_option("--lost-seconds", o.tracker.lost_track_seconds, "Tracker: how long a lost track is kept")
      ->capture_default_str();
  cmd.add_option("--appearance-weight", o.tracker.appearance_weight,
                 "Tracker: how much people's looks (clothing colours) weigh against box overlap when matching them "
                 "to their tracks, 0 to 1; 0 ranks matches by overlap alone (with --appearance-gate 1 as well, the "
                 "cue is off and looks are not even computed)")
      ->capture_default_str();
  cmd.add_option("--appearance-gate", o.tracker.appearance_gate,
                     "Tracker: where people cross, how different two looks may be and still be the same person, "
                     "above 0 up to 1; lower keeps ids apart more firmly but can drop a half-hidden person, 1 never "
                     "refuses a match for looks")
          ->capture_default_str();
  cmd.add_option("--appearance-momentum", o.tracker.appearance_momentum,
                 "Tracker: how slowly a track's remembered look follows the person's latest one, 0 up to (not "
                 "including) 1; higher is steadier, 0 keeps only the latest look")
      ->capture_default_str();
}

Result<CountingSetup> to_counting_setup(const CountingOptions& o) {
  CountingSetup setup;
  std::set<std::string> line_names;
  for (const std::string& text : o.lines) {
    auto line = parse_line_flag(text);
    if (!line) return line.error();
    if (!line_names.insert(line->name).second) {
      return make_error("--line '" + text + "': another line is already named '" + line->name + "'");
    }
    setup.lines.push_back(*line);
  }
  std::set<std::string> zone_names;
  auto add_zones = [&](const std::vector<std::string>& texts, bool queue) -> Status {
    const std::string flag = queue ? "--queue" : "--zone";
    for (const std::string& text : texts) {
      auto zone = parse_zone_flag(text, flag);
      if (!zone) return zone.error();
      if (!zone_names.insert(zone->name).second) {
        return make_error(flag + " '" + text + "': another zone is already named '" + zone->name + "'");
      }
      zone->queue = queue;
      setup.zones.push_back(*zone);
    }
    return {};
  };
  if (Status s = add_zones(o.zones, false); !s) return s.error();
  if (Status s = add_zones(o.queues, true); !s) return s.error();
  setup.tracker = o.tracker;
  if (Status s = validate_tracker_params(setup.tracker, tracker_flag); !s) return s.error();
  return setup;
}

}  // namespace footfall::cli

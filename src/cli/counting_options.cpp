#include "counting_options.h"

#include <set>

#include "footfall/app/track_counter.h"

namespace footfall::cli {

void add_counting_options(CLI::App& cmd, CountingOptions& o) {
  cmd.add_option("--line", o.lines, "Counting line NAME=x1,y1,x2,y2 (pixels, or 0..1 fractions); 'in' is left to "
                                    "right of the walk from point 1 to point 2 (downwards for a line drawn left "
                                    "to right)");
  cmd.add_option("--zone", o.zones, "Zone NAME=x1,y1,x2,y2,x3,y3,... (pixels, or 0..1 fractions)");
  cmd.add_option("--queue", o.queues, "Queue zone NAME=x1,y1,...: also reports queue length and estimated wait");
  cmd.add_option("--track-high", o.tracker.high_threshold, "Tracker: confidence of a first-stage detection")
      ->capture_default_str();
  cmd.add_option("--track-new", o.tracker.new_track_threshold, "Tracker: confidence needed to start a track")
      ->capture_default_str();
  cmd.add_option("--min-hits", o.tracker.min_hits, "Tracker: matches before a track is confirmed")
      ->capture_default_str();
  cmd.add_option("--lost-seconds", o.tracker.lost_track_seconds, "Tracker: how long a lost track is kept")
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
  if (Status s = validate_tracker_params(o.tracker); !s) return s.error();
  setup.tracker = o.tracker;
  return setup;
}

}  // namespace footfall::cli

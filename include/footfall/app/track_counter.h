// TrackCounter: per camera, turns each analysed frame's detections into tracks, line crossings and zone visits.
// Lines and zones come from config (pixels or normalised); they are mapped to pixels, and checked against the
// frame, at the first frame. Not thread-safe: one per pipeline thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "footfall/config/config.h"
#include "footfall/core/frame_count.h"
#include "footfall/core/result.h"
#include "footfall/count/line_counter.h"
#include "footfall/count/zone_tracker.h"
#include "footfall/track/tracker.h"

namespace footfall {

struct TrackedFrame {
  Tracks tracks;          // confirmed tracks matched in this frame (what is drawn and written as MOT)
  int tracked_count = 0;  // confirmed tracks in view: matched, or lost for less than `hold` (brief occlusion)
  std::vector<LineCrossing> crossings;
  std::vector<ZoneVisit> visits;  // visits closed by this frame
  std::vector<int> zone_occupancy;  // indexed like zones()
};

class TrackCounter {
 public:
  // hold_seconds: a confirmed track lost for less than this still counts as in view (brief occlusion).
  TrackCounter(std::vector<LineConfig> lines, std::vector<ZoneConfig> zones, TrackerParams params = {},
               double hold_seconds = 0.2);

  // Errors (first frame only): a line or zone outside the frame, naming it.
  Result<TrackedFrame> update(const FrameCount& count);
  // Closes open zone visits (end of input or shutdown).
  std::vector<ZoneVisit> flush();

  const std::vector<LineParams>& lines() const;
  const std::vector<ZoneParams>& zones() const;
  const std::vector<LineTotals>& line_totals() const;

 private:
  Status configure(int width, int height);

  std::vector<LineConfig> line_configs_;
  std::vector<ZoneConfig> zone_configs_;
  Tracker tracker_;
  TimestampMs hold_ms_;
  std::optional<LineCounter> lines_;
  std::optional<ZoneTracker> zones_;
};

// Parses "NAME=x1,y1,x2,y2" (--line) and "NAME=x1,y1,x2,y2,x3,y3,..." (--zone); coordinates all within 0..1 are
// normalised, else pixels. Errors name the flag value and the problem.
Result<LineConfig> parse_line_flag(const std::string& text);
Result<ZoneConfig> parse_zone_flag(const std::string& text);

}  // namespace footfall

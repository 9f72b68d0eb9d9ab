// TrackCounter: per camera, turns each analysed frame's detections into tracks, line crossings and zone visits.
// Lines and zones come from config (pixels or normalised); they are mapped to pixels, and checked against the
// frame, at the first frame. Not thread-safe: one per pipeline thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "footfall/config/config.h"
#include "footfall/core/frame_count.h"
#include "footfall/core/result.h"
#include "footfall/count/line_counter.h"
#include "footfall/count/zone_tracker.h"
#include "footfall/scene/static_object_filter.h"
#include "footfall/track/tracker.h"

namespace footfall {

struct TrackedFrame {
  Tracks tracks;          // confirmed tracks matched in this frame (what is drawn and written as MOT)
  int tracked_count = 0;  // confirmed tracks in view: matched, or lost for less than `hold` (brief occlusion)
  std::vector<LineCrossing> crossings;
  std::vector<ZoneVisit> visits;  // visits closed by this frame
  std::vector<int> zone_occupancy;  // indexed like zones()
  int ignored = 0;  // detections dropped in ignore regions (static filter), already removed from the count
};

class TrackCounter {
 public:
  // hold_seconds: a confirmed track lost for less than this still counts as in view (brief occlusion).
  TrackCounter(std::vector<LineConfig> lines, std::vector<ZoneConfig> zones, TrackerParams params = {},
               double hold_seconds = 0.2);

  // Errors (first frame only): a line or zone outside the frame, naming it. Tracks count.detections as given: with no
  // image to describe them from, on overlap alone unless they already carry descriptors.
  Result<TrackedFrame> update(const FrameCount& count);
  // With `image` (the BGR frame the detections were found in): when the tracker uses appearance
  // (uses_appearance(params)), each detection's descriptor is taken from the image for the tracker (count itself
  // keeps no descriptors). With a static filter set: first drops the detections in its ignore regions from `count`
  // (count, mean_confidence and detections are updated, so the raw count and the tracked count both exclude them),
  // then tracks, then lets the filter watch the kept detections in `image` to learn new regions, which apply from the
  // next frame.
  Result<TrackedFrame> update(FrameCount& count, const cv::Mat& image);
  // Static look-alikes (signs, mannequins): optional; nullptr removes it.
  void set_static_filter(std::unique_ptr<StaticObjectFilter> filter);
  StaticObjectFilter* static_filter() const { return static_filter_.get(); }
  // Closes open zone visits (end of input or shutdown).
  std::vector<ZoneVisit> flush();

  const std::vector<LineParams>& lines() const;
  const std::vector<ZoneParams>& zones() const;
  const std::vector<LineTotals>& line_totals() const;
  // Queue statistics of zone `zone` (indexed like zones()) as of the last update; meaningful for queue zones.
  QueueSnapshot queue(std::size_t zone) const;

 private:
  Status configure(int width, int height);
  Result<TrackedFrame> track(const FrameCount& count, const Detections& detections);
  // Tracks count's detections, described from image when the tracker uses appearance.
  Result<TrackedFrame> track_described(const FrameCount& count, const cv::Mat& image);

  std::vector<LineConfig> line_configs_;
  std::vector<ZoneConfig> zone_configs_;
  Tracker tracker_;
  TimestampMs hold_ms_;
  std::optional<LineCounter> lines_;
  std::optional<ZoneTracker> zones_;
  std::unique_ptr<StaticObjectFilter> static_filter_;
};

struct CountingGeometry {
  std::vector<LineParams> lines;
  std::vector<ZoneParams> zones;
};

// Lines and zones in pixels of a width x height frame, each validated (in the frame, two distinct points, a simple
// polygon). Errors name the line or zone: "line NAME: ..." or, with a key prefix such as "cameras.shop",
// "cameras.shop.lines.NAME: ...".
Result<CountingGeometry> resolve_counting_geometry(const std::vector<LineConfig>& lines,
                                                   const std::vector<ZoneConfig>& zones, int width, int height,
                                                   const std::string& key_prefix = "");

// Parses "NAME=x1,y1,x2,y2" (--line) and "NAME=x1,y1,x2,y2,x3,y3,..." (--zone); coordinates all within 0..1 are
// normalised, else pixels. Errors name the flag value and the problem.
Result<LineConfig> parse_line_flag(const std::string& text);
Result<ZoneConfig> parse_zone_flag(const std::string& text, const std::string& flag = "--zone");

}  // namespace footfall

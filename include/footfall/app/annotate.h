// Annotated frames (only with --annotate): the frame with the detections, and when tracking runs, the confirmed
// tracks with their ids, the counting lines with their direction and running totals, and the zones with their
// occupancy. Written as PNG next to nothing else: annotated frames are a debugging aid, never stored by the service.
#pragma once

#include <filesystem>
#include <vector>

#include <opencv2/core.hpp>

#include "footfall/core/frame_count.h"
#include "footfall/core/result.h"
#include "footfall/app/track_counter.h"
#include "footfall/core/track.h"
#include "footfall/count/line_counter.h"
#include "footfall/count/zone_tracker.h"
#include "footfall/ingest/frame.h"
#include "footfall/scene/ignore_region.h"

namespace footfall {

// What tracking adds to a frame; every field may be empty.
struct TrackingOverlay {
  Tracks tracks;                         // confirmed tracks matched in this frame
  int tracked_count = 0;
  std::vector<LineParams> lines;         // pixels
  std::vector<LineTotals> line_totals;   // running totals, indexed like lines
  std::vector<ZoneParams> zones;         // pixels
  std::vector<int> zone_occupancy;       // indexed like zones
  std::vector<IgnoreRegion> ignore_regions;  // the static filter's regions (drawn under everything else)
};

// What `counter` knows after the update that gave `frame`.
TrackingOverlay tracking_overlay(const TrackedFrame& frame, const TrackCounter& counter);

// Draws onto `canvas` (a BGR image of the frame's size).
void draw_detections(cv::Mat& canvas, const FrameCount& count);
void draw_tracking(cv::Mat& canvas, const TrackingOverlay& overlay);

// Draws the detections (and the overlay when given) on a copy of the frame and writes it to `png_path`
// atomically (temporary file, then rename); creates the folder.
Status write_annotated(const Frame& frame, const FrameCount& count, const std::filesystem::path& png_path,
                       const TrackingOverlay* overlay = nullptr);
// Writes an already drawn canvas the same way.
Status write_png(const cv::Mat& canvas, const std::filesystem::path& png_path);

}  // namespace footfall

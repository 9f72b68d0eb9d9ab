// StaticObjectFilter: learns ignore regions where something that looks like a person never moves (a sign, a pole,
// a mannequin, a coat), and drops detections there before tracking and counting.
//
// A detection's box marks a *place*. A place becomes an ignore region when, for `learn_seconds` of frame
// timestamps, (1) the pixels inside it never changed by more than the camera's noise between checkpoints
// `check_seconds` apart (ChangeMeter), checked at every checkpoint whether or not the detector fired there, and
// (2) the detector found a person at that same place (IoU >= still_iou, or every edge within max_drift_px) in at
// least `min_seen_fraction` of the checkpoint intervals, and in the frame that completes the period. A person
// standing still in a queue breathes, sways and moves arms and head, so some checkpoint sees their pixels change
// and the place's clock restarts: a person never becomes a region just by standing. A detector that fires only
// now and then on a sign (low confidence) still gets it learned, because the pixels, not the detections, carry the
// clock. Places are watched from all kept detections, not only confirmed tracks, so that an object detected with
// too little confidence to start a track, which still inflates the raw count, is learned too.
//
// Per frame: filter() before tracking, then observe() with the kept detections and the frame. Regions are plain
// data (set_regions / regions) so that operator regions and stored ones can be loaded and learned ones exported.
// Not thread-safe: one per camera pipeline. No clock: time comes from frame timestamps.
#pragma once

#include <cstdint>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "footfall/core/detection.h"
#include "footfall/core/result.h"
#include "footfall/core/time.h"
#include "footfall/scene/change_meter.h"
#include "footfall/scene/ignore_region.h"

namespace footfall {

struct StaticFilterParams {
  double learn_seconds = 20.0;  // still this long to become a learned region; 0: never learn (operator regions only)
  // Two boxes mark the same place when their IoU is at least still_iou, or when every edge is within max_drift_px
  // (small boxes, where one pixel of detector jitter costs more than 10% IoU).
  float still_iou = 0.9f;
  float max_drift_px = 3.0f;
  double check_seconds = 1.0;  // pixels are compared between checkpoints this far apart
  // A place is still while its mean absolute grey change between checkpoints is at most
  // noise * noise_factor + noise_margin (grey levels), noise being the camera's (ChangeMeter::noise()).
  float noise_factor = 2.0f;
  float noise_margin = 1.0f;
  float min_seen_fraction = 0.25f;  // of the checkpoint intervals of the period, with a detection at the place
  double forget_seconds = 30.0;     // a place with no detection for this long is forgotten
  float match_iou = 0.5f;           // a detection with IoU >= this against an enabled region is dropped
  int max_width = 320;              // working width of the pixel comparison
};

inline StaticFilterParams static_filter_default_params() { return {}; }

// Ok, or an error naming the field ("static_filter.still_iou: must be in (0, 1], got 0").
Status validate_static_filter_params(const StaticFilterParams& params);

class StaticObjectFilter {
 public:
  explicit StaticObjectFilter(StaticFilterParams params = {});

  // Replaces the regions (operator regions, or regions loaded from the store). Learned regions get ids above the
  // largest id present.
  void set_regions(std::vector<IgnoreRegion> regions);
  // Adds one; an id <= 0 is replaced by the next free id.
  void add_region(IgnoreRegion region);
  const std::vector<IgnoreRegion>& regions() const { return regions_; }

  // Before tracking: removes the detections matching an enabled region; returns how many were removed.
  int filter(Detections& detections) const;

  // After filter(): watches the remaining detections of the frame taken at `t` (BGR or grey, 8-bit, the frame the
  // detections are in) and returns the regions learned at this frame (already added to regions()).
  std::vector<IgnoreRegion> observe(const Detections& detections, const cv::Mat& frame, TimestampMs t);

  // A place being watched (diagnostics and tests).
  struct Candidate {
    Box box;                       // the first box seen at this place
    TimestampMs since_ms = 0;      // start of the still period
    TimestampMs last_seen_ms = 0;  // last frame with a detection at this place
    int still_checks = 0;          // checkpoints of the period (all found the pixels still)
    int seen_checks = 0;           // ... of which with a detection at the place since the previous one
    bool seen_since_check = false;
    float last_change = 0.0f;      // mean grey change at the last checkpoint
    float last_noise = 0.0f;
  };
  const std::vector<Candidate>& candidates() const { return candidates_; }
  const StaticFilterParams& params() const { return params_; }

 private:
  bool same_place(const Box& a, const Box& b) const;

  StaticFilterParams params_;
  ChangeMeter meter_;
  std::vector<IgnoreRegion> regions_;
  std::vector<Candidate> candidates_;
  std::int64_t next_id_ = 1;
};

}  // namespace footfall

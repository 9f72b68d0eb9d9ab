// Settings of the multi-object tracker. Every field has a default; validate_tracker_params names a bad one.
#pragma once

#include <string>

#include "footfall/core/result.h"
#include "footfall/track/kalman_box_filter.h"

namespace footfall {

struct TrackerParams {
  // Detections at or above this confidence are "high": matched first, and the only ones that start tracks.
  float high_threshold = 0.5f;
  // Detections in [low_threshold, high_threshold) only keep existing confirmed tracks alive (occlusion, blur).
  // Below low_threshold a detection is ignored.
  float low_threshold = 0.1f;
  // A new track needs at least this confidence (ByteTrack: high_threshold + 0.1).
  float new_track_threshold = 0.6f;
  // Minimum IoU between a track's predicted box and a detection, per association stage.
  float match_iou = 0.2f;            // stage 1: confirmed and lost tracks with high detections
  float low_match_iou = 0.5f;        // stage 2: remaining confirmed tracks with low detections
  float tentative_match_iou = 0.3f;  // stage 3: tentative tracks with remaining high detections
  // A track is confirmed once matched in this many updates (including the first). Tentative tracks never count.
  int min_hits = 3;
  // A confirmed track that goes unmatched is kept (lost, predicted forward) this long, in seconds of timestamps,
  // so that it behaves the same at any sampling rate; then it is removed. A tentative track that misses an update
  // is removed at once.
  double lost_track_seconds = 1.5;
  KalmanBoxNoise kalman;
};

inline TrackerParams tracker_default_params() { return {}; }

// Ok, or an error naming the field ("tracker.min_hits: must be >= 1, got 0").
Status validate_tracker_params(const TrackerParams& params);

}  // namespace footfall

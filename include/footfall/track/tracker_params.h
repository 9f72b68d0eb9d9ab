// Settings of the multi-object tracker. Every field has a default; validate_tracker_params names a bad one.
#pragma once

#include <functional>
#include <string>
#include <string_view>

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
  // Appearance, used only for pairs where both the track and the detection have a descriptor
  // (Detection::appearance; track/appearance.h). A track's descriptor is a moving average of those of its matched
  // detections. In every stage the cost of an allowed pair (IoU >= the stage's min IoU) blends overlap with the
  // appearance distance d (1 - cosine similarity), both scaled to the stage's limit:
  //   cost = (1 - w) (1 - IoU) + w min(d / appearance_gate, 1) (1 - min IoU),
  // and a contested pair (its track or its detection has another allowed partner) with d > appearance_gate is
  // refused: where people cross, one hiding the other, each track keeps the person it looks like. An uncontested
  // pair is never refused for its looks. Without descriptors the cost is 1 - IoU, as in ByteTrack.
  // The defaults were chosen on TUD-Campus and TUD-Stadtmitte with app/appearance_descriptor.h (the same person
  // within a second: d under 0.28 in 99% of pairs; two people: median 0.45 to 0.5), among settings that give the
  // same line totals (w 0.4 with gate 0.35..0.45, gate 0.4 with w 0.4..0.5 and momentum 0.8..0.95; see
  // docs/architecture.md, Tracking).
  float appearance_weight = 0.4f;    // w in [0, 1]; 0 = overlap alone ranks the allowed pairs
  float appearance_gate = 0.4f;      // in (0, 1]
  float appearance_momentum = 0.9f;  // in [0, 1): weight of the track's average against the new detection's
  KalmanBoxNoise kalman;
};

inline TrackerParams tracker_default_params() { return {}; }

// Whether descriptors can change any association (appearance_weight > 0 or appearance_gate < 1); when not, callers
// need not compute them.
inline bool uses_appearance(const TrackerParams& params) {
  return params.appearance_weight > 0.0f || params.appearance_gate < 1.0f;
}

// Names a field (its name in TrackerParams, e.g. "min_hits") as the user wrote it: a flag, a configuration key path.
using TrackerFieldNamer = std::function<std::string(std::string_view field)>;

// Ok, or an error naming the field by `name` (default "tracker.<field>": "tracker.min_hits: must be >= 1, got 0"),
// as are fields a range refers to ("tracker.low_threshold: must be in [0, tracker.high_threshold], got 0.6").
Status validate_tracker_params(const TrackerParams& params, const TrackerFieldNamer& name = {});

}  // namespace footfall

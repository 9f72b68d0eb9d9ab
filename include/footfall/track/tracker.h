// ByteTrack-style multi-object tracker: one call, update(detections, t) -> tracks. No detector inside, no I/O, no
// clock, no threads: time comes from the timestamps given. Deterministic: the same inputs give the same outputs.
//
// Per update, after predicting every track to t with its Kalman filter:
//   1. confirmed and lost tracks are matched with high-confidence detections (Hungarian assignment on IoU);
//   2. confirmed tracks still unmatched are matched with low-confidence detections; those left become lost;
//   3. tentative tracks are matched with the remaining high detections; unmatched tentative tracks are removed;
//   4. remaining detections with confidence >= new_track_threshold start tentative tracks;
//   5. lost tracks unmatched for more than lost_track_seconds are removed.
// In every stage the IoU of a pair is the better of the track's predicted box and its last matched detection
// (observation-centric recovery as in OC-SORT): a person who stopped or turned while occluded, or between two frames
// sampled far apart, is still found where last seen. When detections carry appearance descriptors, the cost of a
// pair also weighs how alike the track and the detection look, and pairs that look too different are refused (see
// TrackerParams::appearance_weight): two people who cross, one hiding the other, keep their own ids.
// A tentative track becomes confirmed when matched in min_hits updates; a lost one matched again is confirmed again
// with the same id.
//
// Thread-safety: none; one Tracker per camera, called from one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "footfall/core/detection.h"
#include "footfall/core/time.h"
#include "footfall/core/track.h"
#include "footfall/track/kalman_box_filter.h"
#include "footfall/track/tracker_params.h"

namespace footfall {

class Tracker {
 public:
  // params must pass validate_tracker_params (asserted).
  explicit Tracker(TrackerParams params = {});

  // Advances to time t with this frame's detections (all classes given are tracked: filter persons before).
  // Timestamps must not decrease; a smaller t than the previous one is treated as equal to it.
  // Returns the tracks matched in this update, confirmed and tentative (see Track::state), ordered by id; boxes are
  // the filtered estimates. Lost tracks are not returned (see lost_tracks()). Only confirmed tracks may be counted.
  Tracks update(const Detections& detections, TimestampMs t);

  // Tracks currently lost (unmatched but kept), with boxes predicted to the last update's time; ordered by id.
  Tracks lost_tracks() const;

  const TrackerParams& params() const { return params_; }

 private:
  struct Entry {
    Track track;
    KalmanBoxFilter filter;
    Box last_observed;  // box of the last matched detection
    std::vector<float> appearance;  // moving average of the matched detections' descriptors; empty = none yet
  };

  // Matches entries_[tracks[i]] with detections[detections_left[j]] at IoU >= min_iou and applies the matches.
  // Matched detections are removed from detections_left; returns the unmatched entries (indices into entries_).
  std::vector<int> match(const std::vector<int>& tracks, std::vector<int>& detections_left,
                         const Detections& detections, float min_iou, TimestampMs t);
  void apply_match(Entry& entry, const Detection& detection, TimestampMs t);

  TrackerParams params_;
  std::vector<Entry> entries_;  // ordered by id
  std::int64_t next_id_ = 1;
  std::optional<TimestampMs> last_t_;
};

}  // namespace footfall

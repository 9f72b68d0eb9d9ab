// Sampler: decides which frames are analysed, by timestamp. Pure and deterministic.
#pragma once

#include "footfall/core/params.h"
#include "footfall/core/time.h"

namespace footfall {

class Sampler {
 public:
  explicit Sampler(SamplingParams params);

  // True when the frame at `t` should be analysed. Timestamps must not go backwards; the first frame is taken.
  // fps F: at most one frame per 1/F s slot, the first frame at or after each slot; interval S: likewise with slot S.
  // Slots are anchored at the first frame; a frame up to 1 ms early still counts for its slot (timestamps are whole
  // milliseconds). A jump back by more than a slot restarts as at the first frame.
  bool take(TimestampMs t);
  // True when take(t) would be true now; changes nothing. A live source asks it before decoding a frame, so that a
  // frame nobody will analyse (and no later frame depends on) is not decoded at all.
  bool due(TimestampMs t) const;
  void reset();

 private:
  // True when a frame at `now` starts the slots again: the first frame, or a jump back by more than a slot.
  bool restarts_at(double now) const;

  SamplingParams params_;
  double period_ms_ = 0.0;
  bool started_ = false;
  double anchor_ms_ = 0.0;  // time of the first frame: slot k starts at anchor + k * period
  double next_due_ms_ = 0.0;
};

}  // namespace footfall

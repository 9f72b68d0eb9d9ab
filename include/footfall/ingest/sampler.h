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
  bool take(TimestampMs t);
  void reset();

 private:
  SamplingParams params_;
  double period_ms_ = 0.0;
  bool started_ = false;
  double next_due_ms_ = 0.0;
};

}  // namespace footfall

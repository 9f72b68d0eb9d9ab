#include "footfall/ingest/sampler.h"

#include <cassert>
#include <cmath>

namespace footfall {

namespace {

// Timestamps are whole milliseconds, so a 30 fps source arrives at 0, 33, 67, 100 ms: a frame up to this much
// before its slot still counts as in it, so that rounding does not skip it.
constexpr double kToleranceMs = 1.0;

double period_of(const SamplingParams& p) {
  switch (p.mode) {
    case SamplingParams::Mode::fps:
      return p.value > 0.0 ? 1000.0 / p.value : 0.0;
    case SamplingParams::Mode::interval:
      return p.value > 0.0 ? p.value * 1000.0 : 0.0;
    case SamplingParams::Mode::every_frame:
      break;
  }
  return 0.0;
}

}  // namespace

Sampler::Sampler(SamplingParams params) : params_(params), period_ms_(period_of(params)) {
  // Values are validated where they are read (config, CLI); a non-positive one here is a programming error.
  assert(params.mode == SamplingParams::Mode::every_frame || params.value > 0.0);
}

bool Sampler::restarts_at(double now) const {
  // Slots are anchored at the first frame: [t0 + k*P, t0 + (k+1)*P). A jump back by more than a slot (a clock step,
  // another file) starts again as at the first frame.
  return !started_ || now < next_due_ms_ - 2.0 * period_ms_;
}

bool Sampler::due(TimestampMs t) const {
  if (period_ms_ <= 0.0) return true;  // every frame
  const double now = static_cast<double>(t);
  return restarts_at(now) || now + kToleranceMs >= next_due_ms_;
}

bool Sampler::take(TimestampMs t) {
  if (!due(t)) return false;
  if (period_ms_ <= 0.0) return true;
  const double now = static_cast<double>(t);
  if (restarts_at(now)) {
    started_ = true;
    anchor_ms_ = now;
    next_due_ms_ = now + period_ms_;
    return true;
  }
  const double slot = std::floor((now + kToleranceMs - anchor_ms_) / period_ms_);
  next_due_ms_ = anchor_ms_ + (slot + 1.0) * period_ms_;
  return true;
}

void Sampler::reset() {
  started_ = false;
  anchor_ms_ = 0.0;
  next_due_ms_ = 0.0;
}

}  // namespace footfall

#include "footfall/ingest/backoff.h"

#include <algorithm>

namespace footfall {

Backoff::Backoff(std::int64_t initial_ms, std::int64_t max_ms)
    : initial_ms_(std::max<std::int64_t>(1, initial_ms)),
      max_ms_(std::max(initial_ms_, max_ms)),
      current_ms_(initial_ms_) {}

std::int64_t Backoff::next_delay_ms() {
  const std::int64_t delay = current_ms_;
  current_ms_ = std::min(max_ms_, current_ms_ * 2);
  ++attempts_;
  return delay;
}

void Backoff::reset() {
  current_ms_ = initial_ms_;
  attempts_ = 0;
}

}  // namespace footfall

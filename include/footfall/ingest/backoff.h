// Exponential backoff for reconnecting live sources: 1 s doubling up to 30 s, reset on success. Pure.
#pragma once

#include <cstdint>

namespace footfall {

class Backoff {
 public:
  explicit Backoff(std::int64_t initial_ms = 1000, std::int64_t max_ms = 30000);

  std::int64_t next_delay_ms();  // 1000, 2000, 4000, 8000, 16000, 30000, 30000, ...
  void reset();
  int attempts() const { return attempts_; }  // next_delay_ms() calls since construction or reset()
  std::int64_t max_ms() const { return max_ms_; }

 private:
  std::int64_t initial_ms_;
  std::int64_t max_ms_;
  std::int64_t current_ms_;
  int attempts_ = 0;
};

}  // namespace footfall

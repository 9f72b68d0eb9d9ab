// Queue statistics for one queue zone: current length, arrival rate over a sliding window, the Little's-law wait
// estimate and the measured dwell of those who left.
//
// Contract (pure; deterministic): calls come in non-decreasing time order. Rates are per second over the last
// `window_ms` of observed time (shorter while less time than that has been observed, so the first minutes are not
// underestimated). Little's law: wait = length / arrival rate.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>

#include "footfall/core/time.h"

namespace footfall {

struct QueueSnapshot {
  int length = 0;                           // people in the queue now
  std::int64_t arrivals_in_window = 0;
  double arrivals_per_second = 0.0;         // 0 when no time has been observed yet
  std::optional<double> estimated_wait_s;   // Little's law; 0 for an empty queue; nullopt when rate is 0 and length > 0
  std::int64_t departures_in_window = 0;
  std::optional<double> mean_dwell_s;       // mean dwell of the visits that ended within the window; nullopt if none
};

class QueueStats {
 public:
  static constexpr TimestampMs default_window_ms = 5 * 60 * 1000;

  explicit QueueStats(TimestampMs window_ms = default_window_ms);

  // Current length at time t (called once per analysed frame; also starts the observed period).
  void observe(TimestampMs t, int length);
  // Someone joined the queue at t.
  void record_arrival(TimestampMs t);
  // Someone left the queue at exit_ms after dwell_ms in it.
  void record_departure(TimestampMs exit_ms, TimestampMs dwell_ms);

  // Statistics as of `now` (normally the time of the last observe()).
  QueueSnapshot snapshot(TimestampMs now) const;

  TimestampMs window_ms() const { return window_ms_; }

 private:
  struct Departure {
    TimestampMs exit_ms = 0;
    TimestampMs dwell_ms = 0;
  };

  void prune(TimestampMs now);

  TimestampMs window_ms_;
  std::optional<TimestampMs> start_ms_;
  int length_ = 0;
  std::deque<TimestampMs> arrivals_;
  std::deque<Departure> departures_;
};

}  // namespace footfall

#include "footfall/count/queue_stats.h"

#include <algorithm>

namespace footfall {

QueueStats::QueueStats(TimestampMs window_ms) : window_ms_(std::max<TimestampMs>(window_ms, 1)) {}

void QueueStats::observe(TimestampMs t, int length) {
  if (!start_ms_) start_ms_ = t;
  length_ = length;
  prune(t);
}

void QueueStats::record_arrival(TimestampMs t) {
  if (!start_ms_) start_ms_ = t;
  arrivals_.push_back(t);
}

void QueueStats::record_departure(TimestampMs exit_ms, TimestampMs dwell_ms) {
  departures_.push_back(Departure{exit_ms, dwell_ms});
}

void QueueStats::prune(TimestampMs now) {
  const TimestampMs horizon = now - window_ms_;
  while (!arrivals_.empty() && arrivals_.front() <= horizon) arrivals_.pop_front();
  while (!departures_.empty() && departures_.front().exit_ms <= horizon) departures_.pop_front();
}

QueueSnapshot QueueStats::snapshot(TimestampMs now) const {
  QueueSnapshot s;
  s.length = length_;
  const TimestampMs horizon = now - window_ms_;
  s.arrivals_in_window = std::count_if(arrivals_.begin(), arrivals_.end(),
                                       [&](TimestampMs a) { return a > horizon && a <= now; });
  const TimestampMs observed = start_ms_ ? std::min(window_ms_, now - *start_ms_) : 0;
  if (observed > 0) {
    s.arrivals_per_second = static_cast<double>(s.arrivals_in_window) * 1000.0 / static_cast<double>(observed);
  }
  if (s.length == 0) {
    s.estimated_wait_s = 0.0;
  } else if (s.arrivals_per_second > 0.0) {
    s.estimated_wait_s = s.length / s.arrivals_per_second;
  }

  double dwell_sum_ms = 0.0;
  for (const Departure& d : departures_) {
    if (d.exit_ms <= horizon || d.exit_ms > now) continue;
    ++s.departures_in_window;
    dwell_sum_ms += static_cast<double>(d.dwell_ms);
  }
  if (s.departures_in_window > 0) {
    s.mean_dwell_s = dwell_sum_ms / 1000.0 / static_cast<double>(s.departures_in_window);
  }
  return s;
}

}  // namespace footfall

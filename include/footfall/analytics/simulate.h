// Simulated store traffic for demos and tests (issue 4, item 8): entries and exits at the door and till
// transactions, with daily and weekly patterns, day-to-day noise and a realistic conversion.
//
// Contract (pure, deterministic, thread-safe): the same options and zone give the same output on every platform and
// standard library: the generator is std::mt19937_64 (its output is fixed by the standard) and every distribution is
// drawn from its uniform output by this module's own code (no std:: distributions, whose algorithms differ).
//
// Model, all in store-local time:
// - Expected entries per minute = mean_daily_visitors x weekday factor x trend x profile(weekday, local minute), the
//   profile normalised to sum to 1 over the day's open minutes. Weekday factors (Mon 0.80, Tue 0.90, Wed 0.95,
//   Thu 1.00, Fri 1.15, Sat 1.45, Sun 1.10) are rescaled to average 1 over the open weekdays, so mean_daily_visitors
//   is the mean over open days. Profiles: Monday-Friday two peaks (lunch ~12:30, late afternoon ~17:30, the later one
//   higher) over a base; Saturday and Sunday one broad peak ~14:00. Trend: 1 + trend_per_week x weeks since start.
// - Each local day has a random factor, lognormal with mean 1 and relative sd `noise`, multiplying that day's
//   intensity; expected_hourly_visitors leaves it out (it is the expectation of the count, what a perfect forecast
//   would say).
// - Entries are a non-homogeneous Poisson process with that intensity (piecewise constant per minute, exact
//   inversion of exponential gaps), timestamped to the millisecond. The simulation walks UTC minutes and looks up
//   their local time, so a 23- or 25-hour day simply has one hour less or more.
// - Each visitor stays a lognormal time (mean mean_stay_minutes, sd 0.6 x mean, at least 30 s); one whose stay would
//   run past closing leaves uniformly within the 5 minutes after closing. So occupancy is never negative and the store
//   is empty 5 minutes after closing. A visitor who enters before end_ms leaves (and pays) even after it.
// - Each visitor buys with probability `conversion`; the transaction is timestamped at the visitor's exit, its amount
//   lognormal with mean mean_basket (sd 0.5 x mean), rounded to cents, at least 0.50.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "footfall/core/result.h"
#include "footfall/core/time.h"
#include "footfall/core/time_zone.h"

namespace footfall {

struct SimDayHours {
  int open_minute = 9 * 60;    // minutes after local midnight, inclusive
  int close_minute = 20 * 60;  // exclusive; open_minute < close_minute <= 1440
};

struct SimOpeningHours {
  // Index 0 = Monday ... 6 = Sunday: the day's opening ranges, sorted and not overlapping (a lunch break makes two);
  // empty = closed. Default: Monday-Saturday 09:00-20:00, Sunday closed.
  using Day = std::vector<SimDayHours>;
  std::array<Day, 7> days{Day{SimDayHours{}}, Day{SimDayHours{}}, Day{SimDayHours{}}, Day{SimDayHours{}},
                          Day{SimDayHours{}}, Day{SimDayHours{}}, Day{}};
};

struct SimulationOptions {
  std::uint64_t seed = 1;
  int weeks = 8;                       // 1..520
  TimestampMs end_ms = 1795996800000;  // exclusive, rounded down to a whole UTC hour; default 2026-11-30T00:00Z
                                       // (start = end - weeks x 168 hours)
  SimOpeningHours hours;
  double mean_daily_visitors = 800.0;  // mean entries per open day, >= 0
  double conversion = 0.25;            // probability that a visitor buys, 0..1
  double mean_basket = 32.0;           // mean transaction amount, > 0
  double noise = 0.15;                 // relative sd of the daily factor, 0..1
  double mean_stay_minutes = 18.0;     // > 0
  double trend_per_week = 0.0;         // relative growth per week (0.01 = +1 % a week), > -1 / weeks
};

struct SimCrossing {
  TimestampMs t = 0;
  bool entry = true;  // false: an exit
};

struct SimTransaction {
  TimestampMs t = 0;
  double amount = 0.0;
};

struct SimulatedTraffic {
  TimestampMs start_ms = 0;
  std::vector<SimCrossing> crossings;        // by time; an entry before an exit at the same millisecond
  std::vector<SimTransaction> transactions;  // by time
  // The expected entries in each UTC hour from start_ms (weeks x 168 values), without the daily random factor.
  std::vector<double> expected_hourly_visitors;
};

// Error when an option is out of range, naming it and its value.
Result<SimulatedTraffic> simulate_traffic(const SimulationOptions& options, const TimeZone& zone);

// The realised entries per UTC hour from start_ms, aligned with expected_hourly_visitors.
std::vector<double> hourly_entries(const SimulatedTraffic& traffic);

}  // namespace footfall

// Staffing recommendation per hour: floor associates by a ratio policy plus checkout staff by Erlang C.
//
// Contract (pure; deterministic; thread-safe):
// - One StaffingHour per HourDemand, in the same order (the caller decides which hours and in what order).
// - Closed hours get no staff: floor_staff = tills = total = 0, till_arrivals_per_hour = 0 and the queue figures of
//   no traffic (probability_of_waiting 0, average_wait_seconds 0, service_level 1), whatever demand they carry.
// - Open hours:
//     floor_staff = max(min_floor_staff, ceil(mean_occupancy / people_per_associate)); the ceiling ignores a
//       floating-point excess below 1e-9 associates, so 30.000000000001 people at 15 per associate need 2.
//     till_arrivals_per_hour = transactions if known, else visitors * conversion_fallback.
//     tills = max(min_tills, erlang_c_min_servers(till_arrivals_per_hour, service_seconds, service_target,
//       target_within_seconds)); the queue figures reported are those of the tills chosen (with min_tills above the
//       Erlang C answer they are better than the target).
//     total = floor_staff + tills: cashiers are counted as separate staff from the floor associates.
// - Errors: an invalid policy (the field is named, "staffing.service_target: must be in (0, 1), got 1.5"), a demand
//   value that is negative or not finite (the hour is named in ISO-8601 UTC), or a target no till count up to
//   100,000 can meet.
#pragma once

#include <optional>
#include <vector>

#include "footfall/core/result.h"
#include "footfall/core/time.h"

namespace footfall {

struct StaffingPolicy {
  double people_per_associate = 15;    // one floor associate per this many people present (> 0)
  int min_floor_staff = 1;             // floor associates in every open hour (>= 0)
  double service_seconds = 120;        // mean time to serve one customer at a till, seconds (> 0)
  double service_target = 0.8;         // share of customers to serve within target_within_seconds, in (0, 1)
  double target_within_seconds = 120;  // the wait in the service target, seconds (>= 0)
  int min_tills = 1;                   // open tills in every open hour (>= 0)
  double conversion_fallback = 0.2;    // transactions per visitor where no sales are known, in [0, 1]
};

inline StaffingPolicy default_staffing_policy() { return {}; }

// Ok, or an error naming the field ("staffing.people_per_associate: must be > 0, got 0").
Status validate(const StaffingPolicy& policy);

struct HourDemand {
  TimestampMs hour_start_ms = 0;
  bool open = false;
  double mean_occupancy = 0.0;            // people present on average during the hour (>= 0)
  double visitors = 0.0;                  // entries in the hour (>= 0)
  std::optional<double> transactions;     // till transactions in the hour, when sales data exists (>= 0)
};

struct StaffingHour {
  TimestampMs hour_start_ms = 0;
  int floor_staff = 0;
  int tills = 0;
  int total = 0;                          // floor_staff + tills
  double till_arrivals_per_hour = 0.0;
  double probability_of_waiting = 0.0;
  double average_wait_seconds = 0.0;
  double service_level = 1.0;
};

Result<std::vector<StaffingHour>> recommend_staffing(const std::vector<HourDemand>& hours,
                                                     const StaffingPolicy& policy);

}  // namespace footfall

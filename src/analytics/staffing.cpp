#include "footfall/analytics/staffing.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "footfall/analytics/erlang_c.h"

namespace footfall {
namespace {

template <typename T>
Status field_error(const char* field, const char* rule, T value) {
  std::ostringstream out;
  out << "staffing." << field << ": " << rule << ", got " << value;
  return make_error(out.str());
}

Status demand_error(TimestampMs hour, const char* field, double value) {
  std::ostringstream out;
  out << "staffing demand for the hour " << format_iso8601(hour) << ": " << field
      << " must be a finite number >= 0, got " << value;
  return make_error(out.str());
}

bool non_negative(double value) { return std::isfinite(value) && value >= 0.0; }

Status validate_demand(const HourDemand& d) {
  if (!non_negative(d.mean_occupancy)) return demand_error(d.hour_start_ms, "mean_occupancy", d.mean_occupancy);
  if (!non_negative(d.visitors)) return demand_error(d.hour_start_ms, "visitors", d.visitors);
  if (d.transactions && !non_negative(*d.transactions)) {
    return demand_error(d.hour_start_ms, "transactions", *d.transactions);
  }
  return Status::success();
}

int floor_staff_for(double mean_occupancy, const StaffingPolicy& policy) {
  // The 1e-9 keeps an average that is a multiple of the ratio up to rounding from asking for one more associate.
  const double needed = std::ceil(mean_occupancy / policy.people_per_associate - 1e-9);
  return std::max(policy.min_floor_staff, static_cast<int>(std::max(0.0, needed)));
}

}  // namespace

Status validate(const StaffingPolicy& policy) {
  if (!std::isfinite(policy.people_per_associate) || policy.people_per_associate <= 0.0) {
    return field_error("people_per_associate", "must be > 0", policy.people_per_associate);
  }
  if (policy.min_floor_staff < 0) return field_error("min_floor_staff", "must be >= 0", policy.min_floor_staff);
  if (!std::isfinite(policy.service_seconds) || policy.service_seconds <= 0.0) {
    return field_error("service_seconds", "must be > 0", policy.service_seconds);
  }
  if (!std::isfinite(policy.service_target) || policy.service_target <= 0.0 || policy.service_target >= 1.0) {
    return field_error("service_target", "must be in (0, 1)", policy.service_target);
  }
  if (!non_negative(policy.target_within_seconds)) {
    return field_error("target_within_seconds", "must be >= 0", policy.target_within_seconds);
  }
  if (policy.min_tills < 0) return field_error("min_tills", "must be >= 0", policy.min_tills);
  if (!std::isfinite(policy.conversion_fallback) || policy.conversion_fallback < 0.0 ||
      policy.conversion_fallback > 1.0) {
    return field_error("conversion_fallback", "must be in [0, 1]", policy.conversion_fallback);
  }
  return Status::success();
}

Result<std::vector<StaffingHour>> recommend_staffing(const std::vector<HourDemand>& hours,
                                                     const StaffingPolicy& policy) {
  if (Status s = validate(policy); !s) return s.error();

  std::vector<StaffingHour> out;
  out.reserve(hours.size());
  for (const HourDemand& demand : hours) {
    if (Status s = validate_demand(demand); !s) return s.error();
    StaffingHour hour;
    hour.hour_start_ms = demand.hour_start_ms;
    if (!demand.open) {
      out.push_back(hour);  // defaults: no staff, queue figures of no traffic
      continue;
    }

    hour.floor_staff = floor_staff_for(demand.mean_occupancy, policy);
    hour.till_arrivals_per_hour = demand.transactions.value_or(demand.visitors * policy.conversion_fallback);

    Result<ErlangC> needed = erlang_c_min_servers(hour.till_arrivals_per_hour, policy.service_seconds,
                                                  policy.service_target, policy.target_within_seconds);
    if (!needed) {
      return make_error("staffing for the hour " + format_iso8601(demand.hour_start_ms) + ": " +
                        needed.error().message);
    }
    ErlangC queue = *needed;
    if (queue.servers < policy.min_tills) {
      Result<ErlangC> at_minimum = erlang_c(hour.till_arrivals_per_hour, policy.service_seconds, policy.min_tills,
                                            policy.target_within_seconds);
      if (!at_minimum) return at_minimum.error();  // inputs were validated above: not expected
      queue = *at_minimum;
    }

    hour.tills = queue.servers;
    hour.total = hour.floor_staff + hour.tills;
    hour.probability_of_waiting = queue.probability_of_waiting;
    hour.average_wait_seconds = queue.average_wait_seconds;
    hour.service_level = queue.service_level;
    out.push_back(hour);
  }
  return out;
}

}  // namespace footfall

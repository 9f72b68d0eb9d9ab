// Whether an hour is over- or under-staffed against the roster. Internal to the report module.
#pragma once

#include "footfall/report/report_data.h"

namespace footfall::report_detail {

enum class StaffingState { kUnknown, kMatched, kOver, kUnder };

// kUnknown unless both the recommendation and the roster are known; kOver when more staff are scheduled than
// recommended, kUnder when fewer (differences below 1e-6 staff, rounding of fractional shifts, are a match).
StaffingState staffing_state(const HourlyRow& row);

// Scheduled minus recommended staff (positive: over-staffed); 0 when either is unknown.
double staffing_difference(const HourlyRow& row);

const char* staffing_state_name(StaffingState state);  // "over-staffed", "under-staffed", "matched", "unknown"

}  // namespace footfall::report_detail

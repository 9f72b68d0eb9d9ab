#include "staffing_gap.h"

namespace footfall::report_detail {

double staffing_difference(const HourlyRow& row) {
  if (!row.staff_recommended || !row.staff_scheduled) return 0;
  return *row.staff_scheduled - *row.staff_recommended;
}

StaffingState staffing_state(const HourlyRow& row) {
  if (!row.staff_recommended || !row.staff_scheduled) return StaffingState::kUnknown;
  const double diff = staffing_difference(row);
  if (diff > 1e-6) return StaffingState::kOver;
  if (diff < -1e-6) return StaffingState::kUnder;
  return StaffingState::kMatched;
}

const char* staffing_state_name(StaffingState state) {
  switch (state) {
    case StaffingState::kOver:
      return "over-staffed";
    case StaffingState::kUnder:
      return "under-staffed";
    case StaffingState::kMatched:
      return "matched";
    case StaffingState::kUnknown:
      break;
  }
  return "unknown";
}

}  // namespace footfall::report_detail

// The data of a store report over whole local days (visitors, conversion, peaks, the weekday x hour matrix, the last
// day against previous weeks, occupancy over a day, staffing against the roster), from StoreInsights: what
// `footfall report` renders and the API's report route returns.
#pragma once

#include <string>

#include "footfall/app/store_insights.h"
#include "footfall/report/report_data.h"

namespace footfall {

struct ReportRequest {
  std::string from_date;           // "YYYY-MM-DD", store-local, first day
  std::string to_date;             // last day, included
  TimestampMs from_ms = 0;         // UTC instant of from_date's local midnight
  TimestampMs to_ms = 0;           // UTC instant of the local midnight after to_date
  std::optional<TimestampMs> day;  // the occupancy chart's day (its local midnight); default the busiest day
  TimestampMs now_ms = 0;          // hours from here on are planned from the forecast
};

// The import source prefix under which `footfall simulate` logs its sales; a report over a range holding such an
// import says SIMULATED DATA.
inline constexpr const char* kSimulatedSourcePrefix = "footfall simulate (SIMULATED DATA";

// A staffing plan that cannot be made (no history to forecast from) leaves the staff columns empty with a warning in
// the log; other read errors are returned.
Result<ReportData> build_store_report(StoreInsights& insights, Store& store, const ReportRequest& request);

}  // namespace footfall

// footfall staffing --store S --week YYYY-Www: the staffing recommendation for one week as a weekday x hour table.
#pragma once

#include <string>

namespace footfall::cli {

struct StaffingWeekOptions {
  std::string store;
  std::string week;
  std::string config;
  std::string database;
  std::string format = "table";
};

int run_staffing_week(const StaffingWeekOptions& options);

}  // namespace footfall::cli

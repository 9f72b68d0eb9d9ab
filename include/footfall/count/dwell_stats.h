// Dwell statistics of zone visits: how many, and how long they lasted (mean, median, 90th percentile, max).
//
// Contract (pure; deterministic): visits are summarised as given (no filtering by zone: pass one zone's visits).
// Percentiles use the nearest-rank method on the sorted dwells; all figures are 0 when there are no visits.
#pragma once

#include <cstdint>
#include <span>

#include "footfall/count/zone_tracker.h"

namespace footfall {

struct DwellStats {
  std::int64_t visits = 0;
  double mean_s = 0.0;
  double median_s = 0.0;
  double p90_s = 0.0;
  double max_s = 0.0;
};

DwellStats summarize_dwell(std::span<const ZoneVisit> visits);

}  // namespace footfall

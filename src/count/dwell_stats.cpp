#include "footfall/count/dwell_stats.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace footfall {

namespace {

// Nearest rank: the smallest value with at least `p` of the values at or below it.
double nearest_rank(const std::vector<double>& sorted, double p) {
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

}  // namespace

DwellStats summarize_dwell(std::span<const ZoneVisit> visits) {
  DwellStats stats;
  if (visits.empty()) return stats;
  std::vector<double> dwell;
  dwell.reserve(visits.size());
  double sum = 0.0;
  for (const ZoneVisit& v : visits) {
    dwell.push_back(static_cast<double>(v.dwell_ms) / 1000.0);
    sum += dwell.back();
  }
  std::sort(dwell.begin(), dwell.end());
  stats.visits = static_cast<std::int64_t>(dwell.size());
  stats.mean_s = sum / static_cast<double>(dwell.size());
  stats.median_s = nearest_rank(dwell, 0.5);
  stats.p90_s = nearest_rank(dwell, 0.9);
  stats.max_s = dwell.back();
  return stats;
}

}  // namespace footfall

#include "footfall/analytics/rollup.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace footfall {

namespace {

// Index of the slot containing t, or -1. Slots are sorted by start and do not overlap.
std::ptrdiff_t slot_of(const std::vector<TimestampMs>& starts, const std::vector<TimeSlot>& slots, TimestampMs t) {
  const auto it = std::upper_bound(starts.begin(), starts.end(), t);
  if (it == starts.begin()) return -1;
  const std::ptrdiff_t i = (it - starts.begin()) - 1;
  return t < slots[static_cast<std::size_t>(i)].end_ms ? i : -1;
}

// Weighted mean with min and max. A pre-aggregated sample carries its own min and max (see inputs.h).
struct Moments {
  double sum = 0.0;
  double weight = 0.0;
  std::int64_t n = 0;
  double max = -std::numeric_limits<double>::infinity();
  double min = std::numeric_limits<double>::infinity();

  void add(double v, double w = 1.0, std::optional<double> low = std::nullopt,
           std::optional<double> high = std::nullopt) {
    sum += v * w;
    weight += w;
    ++n;
    max = std::max(max, high.value_or(v));
    min = std::min(min, low.value_or(v));
  }
  std::optional<double> mean() const {
    if (n == 0 || weight <= 0.0) return std::nullopt;
    return sum / weight;
  }
};

}  // namespace

std::vector<RollupRow> rollup(const RollupInput& input, TimestampMs from_ms, TimestampMs to_ms, Bucket bucket,
                              const TimeZone& tz) {
  return rollup(input, local_buckets(from_ms, to_ms, bucket, tz));
}

std::vector<RollupRow> rollup(const RollupInput& input, const std::vector<TimeSlot>& slots) {
  std::vector<RollupRow> rows(slots.size());
  std::vector<TimestampMs> starts(slots.size());
  for (std::size_t i = 0; i < slots.size(); ++i) {
    rows[i].slot = slots[i];
    starts[i] = slots[i].start_ms;
  }
  auto index = [&](TimestampMs t) { return slot_of(starts, slots, t); };

  for (const Crossing& c : input.crossings) {
    const std::ptrdiff_t i = index(c.t);
    if (i < 0) continue;
    (c.entry ? rows[static_cast<std::size_t>(i)].visitors : rows[static_cast<std::size_t>(i)].exits) += c.count;
  }

  {
    std::vector<Moments> occupancy(slots.size());
    for (const OccupancySample& s : input.occupancy) {
      if (const std::ptrdiff_t i = index(s.t); i >= 0) {
        occupancy[static_cast<std::size_t>(i)].add(s.occupancy, s.weight, s.min, s.max);
      }
    }
    for (std::size_t i = 0; i < slots.size(); ++i) {
      if (occupancy[i].n == 0) continue;
      rows[i].occupancy_mean = occupancy[i].mean();
      rows[i].occupancy_max = occupancy[i].max;
      rows[i].occupancy_min = occupancy[i].min;
    }
  }

  {
    // (slot, dwell seconds), sorted so that each slot's dwells are a sorted run: mean and median in one pass.
    std::vector<std::pair<std::size_t, double>> dwells;
    dwells.reserve(input.visits.size());
    for (const ZoneVisit& v : input.visits) {
      if (v.exit_ms < v.enter_ms) continue;
      if (const std::ptrdiff_t i = index(v.exit_ms); i >= 0) {
        dwells.emplace_back(static_cast<std::size_t>(i), static_cast<double>(v.exit_ms - v.enter_ms) / 1000.0);
      }
    }
    std::sort(dwells.begin(), dwells.end());
    for (std::size_t begin = 0; begin < dwells.size();) {
      std::size_t end = begin;
      double sum = 0.0;
      while (end < dwells.size() && dwells[end].first == dwells[begin].first) sum += dwells[end++].second;
      const std::size_t n = end - begin;
      RollupRow& row = rows[dwells[begin].first];
      row.visits = static_cast<std::int64_t>(n);
      row.dwell_mean_s = sum / static_cast<double>(n);
      const std::size_t mid = begin + n / 2;
      row.dwell_median_s = n % 2 == 1 ? dwells[mid].second : (dwells[mid - 1].second + dwells[mid].second) / 2.0;
      begin = end;
    }
  }

  if (!input.visit_summaries.empty()) {
    // Pre-aggregated visits (hourly rollups): counts and sums add up exactly; the median of a slot is the
    // visit-weighted median of the summaries' medians (exact when the slot holds one summary).
    std::vector<std::vector<std::pair<double, std::int64_t>>> medians(slots.size());
    std::vector<double> sums(slots.size(), 0.0);
    std::vector<std::int64_t> counts(slots.size(), 0);
    for (const VisitSummary& v : input.visit_summaries) {
      if (v.visits <= 0) continue;
      const std::ptrdiff_t i = index(v.t);
      if (i < 0) continue;
      const auto slot = static_cast<std::size_t>(i);
      medians[slot].emplace_back(v.dwell_median_s, v.visits);
      sums[slot] += v.dwell_sum_s;
      counts[slot] += v.visits;
    }
    for (std::size_t i = 0; i < slots.size(); ++i) {
      if (counts[i] == 0) continue;
      RollupRow& row = rows[i];
      // Raw visits in the same slot (a mixed input) are merged into the counts and the mean.
      const double raw_sum = row.dwell_mean_s ? *row.dwell_mean_s * static_cast<double>(row.visits) : 0.0;
      if (row.dwell_median_s) medians[i].emplace_back(*row.dwell_median_s, row.visits);
      row.visits += counts[i];
      row.dwell_mean_s = (raw_sum + sums[i]) / static_cast<double>(row.visits);
      std::sort(medians[i].begin(), medians[i].end());
      std::int64_t seen = 0;
      for (const auto& [median, weight] : medians[i]) {
        seen += weight;
        if (2 * seen >= row.visits) {
          row.dwell_median_s = median;
          break;
        }
      }
    }
  }

  {
    std::vector<Moments> length(slots.size());
    std::vector<Moments> wait(slots.size());
    for (const QueueSample& q : input.queue) {
      const std::ptrdiff_t i = index(q.t);
      if (i < 0) continue;
      length[static_cast<std::size_t>(i)].add(q.length, q.weight, std::nullopt, q.max_length);
      if (q.wait_s) wait[static_cast<std::size_t>(i)].add(*q.wait_s);
    }
    for (std::size_t i = 0; i < slots.size(); ++i) {
      if (length[i].n > 0) {
        rows[i].queue_length_mean = length[i].mean();
        rows[i].queue_length_max = length[i].max;
      }
      rows[i].queue_wait_mean_s = wait[i].mean();
    }
  }
  return rows;
}

}  // namespace footfall

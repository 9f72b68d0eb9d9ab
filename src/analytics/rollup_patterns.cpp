// Peak and quiet hours, the weekday x hour matrix and the same-weekday comparison (see rollup.h).
#include <algorithm>
#include <map>

#include "footfall/analytics/rollup.h"

namespace footfall {

namespace {

constexpr double kMinutesPerDay = 1440.0;

// Visitors per (local date, local hour): key = day_number * 24 + hour. Repeated hours (the autumn change) and
// sub-hour rows add up into their hour.
std::map<std::int64_t, std::int64_t> visitors_by_date_hour(const std::vector<RollupRow>& rows) {
  std::map<std::int64_t, std::int64_t> sums;
  for (const RollupRow& row : rows) {
    const LocalTime& local = row.slot.local_start;
    sums[day_number(local_date_of(local)) * 24 + local.hour] += row.visitors;
  }
  return sums;
}

bool earlier(const PeakHour& a, const PeakHour& b) { return a.slot.start_ms < b.slot.start_ms; }

}  // namespace

OpeningHours OpeningHours::always_open() {
  OpeningHours hours;
  for (auto& day : hours.days) day.push_back(OpenRange{0, 1440});
  return hours;
}

bool is_open(const TimeSlot& slot, const OpeningHours& hours) {
  const LocalTime& local = slot.local_start;
  const double begin = local.hour * 60.0 + local.minute + local.second / 60.0 + local.millisecond / 60'000.0;
  const double length = static_cast<double>(slot.end_ms - slot.start_ms) / 60'000.0;
  if (length <= 0) return false;
  const double end = begin + length;
  double open = 0.0;
  // A slot can run past local midnight (a day or week slot): the next days' ranges are shifted by 1440 minutes.
  for (int d = 0; d * kMinutesPerDay < end; ++d) {
    const auto& ranges = hours.days[static_cast<std::size_t>((local.weekday + d) % 7)];
    for (const OpenRange& r : ranges) {
      const double lo = std::max(begin, r.open_minute + d * kMinutesPerDay);
      const double hi = std::min(end, r.close_minute + d * kMinutesPerDay);
      if (hi > lo) open += hi - lo;
    }
  }
  return open * 2.0 >= length;
}

PeakReport peaks(const std::vector<RollupRow>& hourly, const OpeningHours& hours, int count) {
  return peaks(hourly, [&hours](const TimeSlot& slot) { return is_open(slot, hours); }, count);
}

PeakReport peaks(const std::vector<RollupRow>& hourly, const SlotFilter& open, int count) {
  PeakReport report;
  std::vector<PeakHour> candidates;
  for (const RollupRow& row : hourly) {
    if (open && !open(row.slot)) continue;
    candidates.push_back(PeakHour{row.slot, row.visitors});
  }
  report.open_hours = candidates.size();
  const std::size_t n = std::min(candidates.size(), static_cast<std::size_t>(std::max(count, 0)));

  report.busiest = candidates;
  std::stable_sort(report.busiest.begin(), report.busiest.end(), [](const PeakHour& a, const PeakHour& b) {
    return a.visitors != b.visitors ? a.visitors > b.visitors : earlier(a, b);
  });
  report.busiest.resize(n);

  report.quietest = std::move(candidates);
  std::stable_sort(report.quietest.begin(), report.quietest.end(), [](const PeakHour& a, const PeakHour& b) {
    return a.visitors != b.visitors ? a.visitors < b.visitors : earlier(a, b);
  });
  report.quietest.resize(n);
  return report;
}

WeekdayHourMatrix weekday_hour_matrix(const std::vector<RollupRow>& hourly) {
  WeekdayHourMatrix matrix;
  for (const auto& [key, visitors] : visitors_by_date_hour(hourly)) {
    const std::int64_t day = key / 24;
    const int hour = static_cast<int>(key - day * 24);
    WeekdayHourCell& cell =
        matrix.cells[static_cast<std::size_t>(weekday_of(date_of_day_number(day)))][static_cast<std::size_t>(hour)];
    cell.total_visitors += visitors;
    ++cell.days;
  }
  for (auto& row : matrix.cells) {
    for (WeekdayHourCell& cell : row) {
      if (cell.days > 0) cell.mean_visitors = static_cast<double>(cell.total_visitors) / cell.days;
    }
  }
  return matrix;
}

WeekComparison compare_with_previous_weeks(const std::vector<RollupRow>& hourly_history, const LocalDate& date,
                                           int weeks) {
  WeekComparison out;
  out.date = date;
  out.weeks = std::max(weeks, 0);
  const auto sums = visitors_by_date_hour(hourly_history);
  const std::int64_t day = day_number(date);
  for (int hour = 0; hour < 24; ++hour) {
    const auto today = sums.find(day * 24 + hour);
    if (today == sums.end()) continue;
    HourComparison h;
    h.hour = hour;
    h.visitors = today->second;
    std::int64_t previous_total = 0;
    for (int k = 1; k <= out.weeks; ++k) {
      const auto previous = sums.find((day - 7 * k) * 24 + hour);
      if (previous == sums.end()) continue;
      previous_total += previous->second;
      ++h.previous_days;
    }
    if (h.previous_days > 0) {
      const double mean = static_cast<double>(previous_total) / h.previous_days;
      h.previous_mean = mean;
      if (mean > 0) h.percent_change = 100.0 * (static_cast<double>(h.visitors) - mean) / mean;
    }
    out.hours.push_back(h);
  }
  return out;
}

}  // namespace footfall

// A store report built by hand for the report tests: two days (Monday 2026-11-23 and Tuesday 2026-11-24) of opening
// hours 08:00-19:00 in Europe/Berlin, with known peaks, sales on the first day only, a roster that under-staffs the
// busiest hour and over-staffs the empty one, and one day of occupancy per 15 minutes.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "footfall/core/time_zone.h"
#include "footfall/report/report_data.h"

namespace footfall::test {

inline constexpr int kFirstHour = 8;  // opening hours 08:00..19:00 (12 rows a day)
inline constexpr int kHoursPerDay = 12;
// Visitors per hour from 08:00: Monday's 19:00 is empty; Tuesday's 12:00 (80) is the busiest hour.
inline constexpr double kMonday[kHoursPerDay] = {5, 12, 20, 30, 45, 60, 40, 35, 50, 25, 10, 0};
inline constexpr double kTuesday[kHoursPerDay] = {8, 15, 30, 40, 80, 70, 45, 30, 40, 20, 12, 6};
inline constexpr std::size_t kBusiestRow = kHoursPerDay + 4;  // Tuesday 12:00
inline constexpr std::size_t kEmptyRow = kHoursPerDay - 1;    // Monday 19:00

inline std::string two_digits(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

inline ReportData sample_report(bool simulated = false, const std::string& store = "Demo store") {
  auto tz = TimeZone::locate("Europe/Berlin");
  if (!tz) throw std::runtime_error(tz.error().message);
  ReportData d;
  d.store = store;
  d.time_zone = "Europe/Berlin";
  d.simulated = simulated;
  d.note = "built by hand for tests";
  d.range = {"2026-11-23", "2026-11-24", tz->utc_of_local(local_epoch_ms(2026, 11, 23)),
             tz->utc_of_local(local_epoch_ms(2026, 11, 25))};

  const double* days[2] = {kMonday, kTuesday};
  double total_transactions = 0;
  double total_amount = 0;
  double over = 0;
  double under = 0;
  for (int day = 0; day < 2; ++day) {
    DailyRow daily;
    daily.date = "2026-11-2" + std::to_string(3 + day);
    daily.weekday = day;
    for (int i = 0; i < kHoursPerDay; ++i) {
      HourlyRow r;
      const int hour = kFirstHour + i;
      r.start_ms = tz->utc_of_local(local_epoch_ms(2026, 11, 23 + day, hour));
      r.local_label = daily.date + " " + two_digits(hour) + ":00";
      r.local_hour = hour;
      r.weekday = day;
      r.visitors = days[day][i];
      r.exits = days[day][i];
      if (day == 0) {  // sales imported for Monday only
        r.transactions = std::round(r.visitors * 0.2);
        r.conversion = r.visitors > 0 ? std::optional<double>(*r.transactions / r.visitors) : std::nullopt;
        r.amount = *r.transactions * 25.5;
        total_transactions += *r.transactions;
        total_amount += *r.amount;
      }
      r.occupancy_mean = r.visitors * 0.3;
      r.occupancy_max = std::ceil(r.visitors * 0.5);
      r.staff_recommended = 1 + static_cast<int>(std::ceil(r.visitors / 20));
      r.staff_scheduled = 3;
      const double diff = *r.staff_scheduled - *r.staff_recommended;
      (diff > 0 ? over : under) += std::abs(diff);
      daily.visitors += r.visitors;
      d.weekday_hour[static_cast<std::size_t>(day)][static_cast<std::size_t>(hour)] = r.visitors;
      d.hourly.push_back(r);
    }
    if (day == 0) {
      daily.transactions = total_transactions;
      daily.conversion = total_transactions / daily.visitors;
      daily.amount = total_amount;
      daily.average_basket = total_amount / total_transactions;
    }
    d.totals.visitors += daily.visitors;
    d.daily.push_back(daily);
  }
  d.totals.transactions = total_transactions;
  d.totals.amount = total_amount;
  d.totals.average_basket = total_amount / total_transactions;
  d.totals.labour_hours_over = over;
  d.totals.labour_hours_under = under;

  std::vector<HourlyRow> by_visitors = d.hourly;
  std::stable_sort(by_visitors.begin(), by_visitors.end(),
                   [](const HourlyRow& a, const HourlyRow& b) { return a.visitors > b.visitors; });
  for (std::size_t i = 0; i < 3; ++i) d.peaks.busiest.push_back({by_visitors[i].local_label, by_visitors[i].visitors});
  for (std::size_t i = 0; i < 3; ++i) {
    const HourlyRow& r = by_visitors[by_visitors.size() - 1 - i];
    d.peaks.quietest.push_back({r.local_label, r.visitors});
  }

  // Tuesday's occupancy per 15 minutes, 08:00..19:45: rising to 30 people at 12:00, then falling.
  d.occupancy_day.date = "2026-11-24";
  for (int q = 0; q < kHoursPerDay * 4; ++q) {
    const int minutes = kFirstHour * 60 + q * 15;
    const double value = std::max(0.0, 30.0 - std::abs(q - 16) * 1.5);
    d.occupancy_day.points.push_back({two_digits(minutes / 60) + ":" + two_digits(minutes % 60), value});
  }
  return d;
}

}  // namespace footfall::test

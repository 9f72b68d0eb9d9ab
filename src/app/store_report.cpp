#include "footfall/app/store_report.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <iterator>

namespace footfall {

namespace {

std::string date_text(const LocalTime& l) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", l.year, l.month, l.day);
  return buf;
}

std::string hour_label(const LocalTime& l) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", l.year, l.month, l.day, l.hour, l.minute);
  return buf;
}

std::optional<double> ratio(std::optional<double> a, double b) {
  if (!a || b <= 0.0) return std::nullopt;
  return *a / b;
}

}  // namespace

Result<ReportData> build_store_report(StoreInsights& insights, Store& store, const ReportRequest& request) {
  const TimestampMs from_ms = request.from_ms;
  const TimestampMs to_ms = request.to_ms;
  const TimeZone& tz = insights.tz();
  ReportData data;
  data.store = insights.config().name;
  data.time_zone = tz.name();
  data.range = {request.from_date, request.to_date, from_ms, to_ms};
  data.note = "generated " + format_iso8601(request.now_ms) + " by footfall 0.1.0 from " + store.describe();

  auto imports = store.read_imports(insights.config().name);
  if (!imports) return imports.error();
  for (const ImportRecord& r : *imports) {
    if (r.source.rfind(kSimulatedSourcePrefix, 0) == 0 && r.from_ms < to_ms && r.to_ms > from_ms) data.simulated = true;
  }

  auto hourly = insights.rollup(from_ms, to_ms, Bucket::kHour);
  if (!hourly) return hourly.error();
  auto sales = insights.sales(from_ms, to_ms);
  if (!sales) return sales.error();
  const bool has_sales = !sales->empty();
  const std::vector<ConversionRow> hourly_sales = conversion(*hourly, *sales);
  std::optional<StaffingPlan> plan;
  if (auto made = insights.staffing(from_ms, to_ms, request.now_ms); made) {
    plan = std::move(*made);
  } else {
    spdlog::warn("store {}: no staffing recommendation: {}", insights.config().name, made.error().message);
  }
  for (std::size_t i = 0; i < hourly->size(); ++i) {
    const RollupRow& r = (*hourly)[i];
    HourlyRow row;
    row.start_ms = r.slot.start_ms;
    row.local_label = hour_label(r.slot.local_start);
    row.local_hour = r.slot.local_start.hour;
    row.weekday = r.slot.local_start.weekday;
    row.visitors = static_cast<double>(r.visitors);
    row.exits = static_cast<double>(r.exits);
    if (has_sales) {
      row.transactions = static_cast<double>(hourly_sales[i].transactions);
      row.conversion = hourly_sales[i].conversion_rate;
      row.amount = hourly_sales[i].amount;
    }
    row.occupancy_mean = r.occupancy_mean;
    row.occupancy_max = r.occupancy_max;
    if (plan && i < plan->hours.size()) {
      row.staff_recommended = plan->hours[i].staff.total;
      if (plan->has_roster) row.staff_scheduled = plan->hours[i].scheduled;
    }
    data.hourly.push_back(std::move(row));
  }

  auto daily = insights.rollup(from_ms, to_ms, Bucket::kDay);
  if (!daily) return daily.error();
  const std::vector<ConversionRow> daily_sales = conversion(*daily, *sales);
  double busiest_visitors = -1.0;
  TimestampMs busiest_day = from_ms;
  for (std::size_t i = 0; i < daily->size(); ++i) {
    const RollupRow& r = (*daily)[i];
    DailyRow row;
    row.date = date_text(r.slot.local_start);
    row.weekday = r.slot.local_start.weekday;
    row.visitors = static_cast<double>(r.visitors);
    if (has_sales) {
      row.transactions = static_cast<double>(daily_sales[i].transactions);
      row.conversion = daily_sales[i].conversion_rate;
      row.amount = daily_sales[i].amount;
      row.average_basket = daily_sales[i].average_basket;
    }
    if (row.visitors > busiest_visitors) {
      busiest_visitors = row.visitors;
      busiest_day = r.slot.start_ms;
    }
    data.totals.visitors += row.visitors;
    data.daily.push_back(std::move(row));
  }
  if (has_sales) {
    double transactions = 0.0;
    double amount = 0.0;
    bool any_amount = false;
    double with_amount = 0.0;
    for (const ConversionRow& c : daily_sales) {
      transactions += static_cast<double>(c.transactions);
      if (c.amount) {
        amount += *c.amount;
        any_amount = true;
        if (c.average_basket && *c.average_basket > 0.0) with_amount += *c.amount / *c.average_basket;
      }
    }
    data.totals.transactions = transactions;
    data.totals.conversion = ratio(transactions, data.totals.visitors);
    if (any_amount) {
      data.totals.amount = amount;
      data.totals.average_basket = ratio(amount, with_amount);
    }
  }
  if (plan && plan->has_roster) {
    data.totals.labour_hours_over = plan->roster.overstaffed_hours;
    data.totals.labour_hours_under = plan->roster.understaffed_hours;
  }

  const PeakReport peak = peaks(*hourly, insights.opening_hours(), 5);
  for (const PeakHour& p : peak.busiest) {
    data.peaks.busiest.push_back({hour_label(p.slot.local_start), static_cast<double>(p.visitors)});
  }
  for (const PeakHour& p : peak.quietest) {
    data.peaks.quietest.push_back({hour_label(p.slot.local_start), static_cast<double>(p.visitors)});
  }
  // Closed hours stay empty in the matrix (the chart greys them out) rather than showing 0 visitors.
  std::vector<RollupRow> open_hours;
  const OpeningHours opening = insights.opening_hours();
  std::copy_if(hourly->begin(), hourly->end(), std::back_inserter(open_hours),
               [&opening](const RollupRow& r) { return is_open(r.slot, opening); });
  const WeekdayHourMatrix matrix = weekday_hour_matrix(open_hours);
  for (std::size_t d = 0; d < 7; ++d) {
    for (std::size_t h = 0; h < 24; ++h) {
      if (matrix.cells[d][h].days > 0) data.weekday_hour[d][h] = matrix.cells[d][h].mean_visitors;
    }
  }

  // The last day of the range against the same weekday of the four weeks before.
  constexpr int kWeeks = 4;
  const LocalTime last_day = tz.local_time_of(to_ms - 1);
  const TimestampMs history_start =
      tz.utc_of_local(local_epoch_ms(last_day.year, last_day.month, last_day.day) - kWeeks * 7 * 86'400'000LL);
  auto history = insights.rollup(history_start, to_ms, Bucket::kHour);
  if (!history) return history.error();
  const LocalDate compared{last_day.year, last_day.month, last_day.day};
  const WeekComparison week = compare_with_previous_weeks(*history, compared, kWeeks);
  data.comparison.date = date_text(last_day);
  data.comparison.weeks = kWeeks;
  double previous_total = 0.0;
  bool any_previous = false;
  for (const HourComparison& h : week.hours) {
    data.comparison.hours.push_back(
        {h.hour, static_cast<double>(h.visitors), h.previous_mean, h.percent_change});
    data.comparison.visitors += static_cast<double>(h.visitors);
    if (h.previous_mean) {
      previous_total += *h.previous_mean;
      any_previous = true;
    }
  }
  if (any_previous) data.comparison.previous_mean = previous_total;

  // Occupancy over one day, per 15 minutes: --day, else the busiest day of the range.
  const TimestampMs day_start = request.day.value_or(busiest_day);
  const LocalTime day_local = tz.local_time_of(day_start);
  const TimestampMs day_end =
      tz.utc_of_local(local_epoch_ms(day_local.year, day_local.month, day_local.day) + 86'400'000);
  auto quarters = insights.rollup(day_start, day_end, Bucket::k15Minutes);
  if (!quarters) return quarters.error();
  data.occupancy_day.date = date_text(day_local);
  for (const RollupRow& q : *quarters) {
    char label[8];
    std::snprintf(label, sizeof label, "%02d:%02d", q.slot.local_start.hour, q.slot.local_start.minute);
    data.occupancy_day.points.push_back({label, q.occupancy_mean.value_or(0.0)});
  }
  return data;
}

}  // namespace footfall

// footfall report --config F --store S --from D --to D --format table|csv|json|html [--out DIR] : a store's
// visitors, conversion, peaks, occupancy and staffing against the roster over whole local days, as text, CSV or
// JSON on stdout, or as an HTML page with PNG charts in DIR (--out writes the files for any format).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <iterator>
#include <cstdio>

#include "commands.h"
#include "footfall/app/store_insights.h"
#include "footfall/report/charts.h"
#include "footfall/report/report_render.h"
#include "store_context.h"

namespace footfall::cli {

namespace {

struct ReportOptions {
  std::string store;
  std::string config;
  std::string database;
  std::string from;
  std::string to;
  std::string day;  // the day of the occupancy chart; default the busiest day
  std::string format = "table";
  std::string out;
};

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

Result<ReportData> build_report(StoreInsights& insights, Store& store, const ReportOptions& o, TimestampMs from_ms,
                                TimestampMs to_ms) {
  const TimeZone& tz = insights.tz();
  ReportData data;
  data.store = o.store;
  data.time_zone = tz.name();
  data.range = {o.from, o.to, from_ms, to_ms};
  data.note = "generated " + format_iso8601(SystemClock().now_ms()) + " by footfall 0.1.0 from " + store.describe();

  auto imports = store.read_imports(o.store);
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
  if (auto made = insights.staffing(from_ms, to_ms, SystemClock().now_ms()); made) {
    plan = std::move(*made);
  } else {
    spdlog::warn("store {}: no staffing recommendation: {}", o.store, made.error().message);
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
  TimestampMs day_start = busiest_day;
  if (!o.day.empty()) {
    auto chosen = local_date_flag("--day", o.day, tz);
    if (!chosen) return chosen.error();
    day_start = *chosen;
  }
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

int run_report(const ReportOptions& o) {
  int failure = kExitUsage;
  auto context = load_store_context(o.config, o.store, o.database, &failure);
  if (!context) {
    print_error(context.error().message);
    return failure;
  }
  auto from = local_date_flag("--from", o.from, context->tz);
  auto to = local_date_flag("--to", o.to, context->tz);
  for (const auto* t : {&from, &to}) {
    if (!*t) {
      print_error(t->error().message);
      return kExitUsage;
    }
  }
  if (!o.day.empty()) {
    if (auto day = local_date_flag("--day", o.day, context->tz); !day) {
      print_error(day.error().message);
      return kExitUsage;
    }
  }
  const LocalTime last = context->tz.local_time_of(*to);
  const TimestampMs to_ms = context->tz.utc_of_local(local_epoch_ms(last.year, last.month, last.day) + 86'400'000);
  if (to_ms <= *from) {
    print_error("--to " + o.to + " is before --from " + o.from);
    return kExitUsage;
  }
  if (o.format == "html" && o.out.empty()) {
    print_error("--format html writes report.html and its charts into a folder: give --out DIR");
    return kExitUsage;
  }
  auto store = open_context_store(*context, StoreAccess::kRead);
  if (!store) {
    print_error(store.error().message);
    return kExitError;
  }
  StoreInsights insights(**store, context->store, context->tz);
  auto data = build_report(insights, **store, o, *from, to_ms);
  if (!data) {
    print_error(data.error().message);
    return kExitError;
  }
  if (!o.out.empty()) {
    if (Status s = write_report_files(*data, o.out); !s) {
      print_error(s.error().message);
      return kExitError;
    }
  }
  if (o.format == "table") {
    std::fputs(render_table(*data).c_str(), stdout);
  } else if (o.format == "csv") {
    std::fputs(render_csv(*data).c_str(), stdout);
  } else if (o.format == "json") {
    std::printf("%s\n", render_json(*data).c_str());
  }
  if (!o.out.empty()) {
    std::fprintf(o.format == "html" ? stdout : stderr, "report written to %s/report.html%s\n", o.out.c_str(),
                 data->simulated ? " (SIMULATED DATA)" : "");
  }
  return kExitOk;
}

}  // namespace

void add_report_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Visitors, conversion, peaks, occupancy and staffing vs roster of a store over whole local days");
  cmd->add_option("--store", o->store, "store name (from the config's stores section)")->required();
  cmd->add_option("--config", o->config, "configuration file that defines the store")->required();
  cmd->add_option("--database", o->database, "database path or URL (default: the config's)");
  cmd->add_option("--from", o->from, "first local date, YYYY-MM-DD")->required();
  cmd->add_option("--to", o->to, "last local date (included), YYYY-MM-DD")->required();
  cmd->add_option("--day", o->day, "the day of the occupancy chart (default: the busiest day)");
  cmd->add_option("--format", o->format, "table, csv, json or html")
      ->check(CLI::IsMember({"table", "csv", "json", "html"}));
  cmd->add_option("--out", o->out, "folder for report.html and the PNG charts (required for html)");
  cmd->callback([o, &exit_code] { exit_code = run_report(*o); });
}

}  // namespace footfall::cli

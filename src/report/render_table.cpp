// The report as aligned plain text for a terminal.
#include <cstdio>
#include <string>

#include "footfall/report/report_render.h"
#include "number_format.h"
#include "staffing_gap.h"
#include "text_table.h"

namespace footfall {

using namespace report_detail;

namespace {

using Col = TextTable::Column;
constexpr TextTable::Align kLeft = TextTable::Align::kLeft;

std::string count_text(double v) { return compact(v, 1); }
std::string count_or(const std::optional<double>& v) { return v ? count_text(*v) : "-"; }

void section(std::string& out, const std::string& title) { out += "\n" + title + "\n"; }

void summary(std::string& out, const ReportData& d) {
  section(out, "Summary");
  TextTable t({{"", kLeft}, {""}});
  t.add_row({"Visitors", count_text(d.totals.visitors)});
  t.add_row({"Transactions", count_or(d.totals.transactions)});
  t.add_row({"Conversion", percent_or(d.totals.conversion)});
  t.add_row({"Sales amount", fixed_or(d.totals.amount, 2)});
  t.add_row({"Average basket", fixed_or(d.totals.average_basket, 2)});
  if (d.totals.labour_hours_over || d.totals.labour_hours_under) {
    t.add_row({"Labour hours over roster (could be saved)", fixed_or(d.totals.labour_hours_over, 1)});
    t.add_row({"Labour hours under roster (to add)", fixed_or(d.totals.labour_hours_under, 1)});
  }
  out += t.render("  ", false);
}

void daily(std::string& out, const ReportData& d) {
  section(out, "Daily");
  if (d.daily.empty()) {
    out += "  no days in the range\n";
    return;
  }
  TextTable t(
      {{"Date", kLeft}, {"Day", kLeft}, {"Visitors"}, {"Transactions"}, {"Conversion"}, {"Amount"}, {"Avg basket"}});
  for (const DailyRow& r : d.daily) {
    t.add_row({r.date, std::string(weekday_short(r.weekday)), count_text(r.visitors), count_or(r.transactions),
               percent_or(r.conversion), fixed_or(r.amount, 2), fixed_or(r.average_basket, 2)});
  }
  out += t.render();
}

void peaks(std::string& out, const ReportData& d) {
  auto list = [&](const std::string& title, const std::vector<PeakEntry>& entries) {
    section(out, title);
    if (entries.empty()) {
      out += "  none\n";
      return;
    }
    TextTable t({{"#"}, {"Local time", kLeft}, {"Visitors"}});
    for (std::size_t i = 0; i < entries.size(); ++i) {
      t.add_row({std::to_string(i + 1), entries[i].label, count_text(entries[i].visitors)});
    }
    out += t.render();
  };
  list("Busiest hours", d.peaks.busiest);
  list("Quietest hours", d.peaks.quietest);
}

void comparison(std::string& out, const ReportData& d) {
  const DayComparison& c = d.comparison;
  if (c.date.empty()) return;
  section(out, c.date + " against the same weekday of the " + std::to_string(c.weeks) + " weeks before");
  out += "  visitors " + count_text(c.visitors) + ", previous mean " + fixed_or(c.previous_mean, 1) + "\n";
  TextTable t({{"Hour", kLeft}, {"Visitors"}, {"Previous mean"}, {"Change"}});
  for (const ComparisonHour& h : c.hours) {
    char hour[8];
    std::snprintf(hour, sizeof hour, "%02d:00", h.hour);
    std::string change = "-";
    if (h.percent_change) {
      char buf[24];
      std::snprintf(buf, sizeof buf, "%+.0f%%", *h.percent_change);
      change = buf;
    }
    t.add_row({hour, count_text(h.visitors), fixed_or(h.previous_mean, 1), change});
  }
  out += t.render();
}

void hourly(std::string& out, const ReportData& d) {
  section(out, "Hourly (store-local time)");
  if (d.hourly.empty()) {
    out += "  no hours in the range\n";
    return;
  }
  TextTable t({{"Local time", kLeft},
               {"Day", kLeft},
               {"Visitors"},
               {"Exits"},
               {"Trans."},
               {"Conv."},
               {"Amount"},
               {"Occ. mean"},
               {"Occ. max"},
               {"Staff rec."},
               {"Staff sched."}});
  for (const HourlyRow& r : d.hourly) {
    t.add_row({r.local_label, std::string(weekday_short(r.weekday)), count_text(r.visitors), count_or(r.exits),
               count_or(r.transactions), percent_or(r.conversion), fixed_or(r.amount, 2), fixed_or(r.occupancy_mean, 1),
               count_or(r.occupancy_max), r.staff_recommended ? std::to_string(*r.staff_recommended) : "-",
               count_or(r.staff_scheduled)});
  }
  out += t.render();
}

void staffing(std::string& out, const ReportData& d) {
  section(out, "Staffing vs roster");
  bool any_roster = false;
  int over = 0;
  int under = 0;
  TextTable t(
      {{"Local time", kLeft}, {"Day", kLeft}, {"Recommended"}, {"Scheduled"}, {"Difference"}, {"State", kLeft}});
  for (const HourlyRow& r : d.hourly) {
    any_roster = any_roster || r.staff_scheduled.has_value();
    const StaffingState s = staffing_state(r);
    if (s != StaffingState::kOver && s != StaffingState::kUnder) continue;
    (s == StaffingState::kOver ? over : under) += 1;
    const double diff = staffing_difference(r);
    t.add_row({r.local_label, std::string(weekday_short(r.weekday)), std::to_string(*r.staff_recommended),
               count_text(*r.staff_scheduled), (diff > 0 ? "+" : "") + count_text(diff), staffing_state_name(s)});
  }
  if (!any_roster) {
    out += "  no roster imported for the range\n";
    return;
  }
  if (t.empty()) {
    out += "  every hour with a recommendation is staffed as recommended\n";
    return;
  }
  out += t.render();
  out += "  " + std::to_string(over) + " hour(s) over-staffed, " + std::to_string(under) + " hour(s) under-staffed";
  if (d.totals.labour_hours_over || d.totals.labour_hours_under) {
    out += "; labour hours to save " + fixed_or(d.totals.labour_hours_over, 1) + ", to add " +
           fixed_or(d.totals.labour_hours_under, 1);
  }
  out += "\n";
}

}  // namespace

std::string render_table(const ReportData& d) {
  std::string out;
  const std::string banner = "*** SIMULATED DATA: demo traffic, not measured by a camera ***";
  if (d.simulated) out += banner + "\n";
  out += "Store report: " + d.store + "\n";
  out += "Time zone:    " + d.time_zone + " (all times store-local)\n";
  out += "Range:        " + d.range.from_date + " to " + d.range.to_date + "\n";
  if (!d.note.empty()) out += "Note:         " + d.note + "\n";
  summary(out, d);
  daily(out, d);
  peaks(out, d);
  comparison(out, d);
  staffing(out, d);
  hourly(out, d);
  if (d.simulated) out += "\n" + banner + "\n";
  return out;
}

}  // namespace footfall

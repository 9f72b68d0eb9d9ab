// The plain data of one store report, already in store-local time: the CLI (or the server) fills it from the store
// and the analytics module; the report module only lays it out (charts, table, CSV, JSON, HTML). No logic here.
//
// Conventions: counts and rates are doubles (rollups are integers, forecasts and means are not); an empty optional
// means "not known" (no sales imported, no roster, no occupancy samples) and is shown as "-", an empty CSV field or
// JSON null, never as 0. conversion is a fraction (0.25 = 25 %), amounts are in the store's currency.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "footfall/core/time.h"

namespace footfall {

// The reported range: whole local dates [from_date, to_date] (both included) and the UTC instants they span,
// [from_ms, to_ms) (to_ms is the start of the day after to_date).
struct ReportRange {
  std::string from_date;  // "YYYY-MM-DD", store-local
  std::string to_date;    // "YYYY-MM-DD", store-local, included
  TimestampMs from_ms = 0;
  TimestampMs to_ms = 0;
};

// One local hour. On a 25-hour day two rows share local_hour 2 (their labels are equal: start_ms tells them apart);
// on a 23-hour day hour 2 is absent.
struct HourlyRow {
  TimestampMs start_ms = 0;  // UTC start of the hour
  std::string local_label;   // "2026-11-23 09:00", store-local
  int local_hour = 0;        // 0..23
  int weekday = 0;           // 0 = Monday ... 6 = Sunday
  double visitors = 0;       // entries
  std::optional<double> exits;
  std::optional<double> transactions;
  std::optional<double> conversion;                     // transactions / visitors
  std::optional<double> amount;                         // sales amount
  std::optional<double> occupancy_mean, occupancy_max;  // people present
  std::optional<int> staff_recommended;
  std::optional<double> staff_scheduled;  // from the roster; fractional when a shift covers part of the hour
};

struct DailyRow {
  std::string date;  // "YYYY-MM-DD", store-local
  int weekday = 0;   // 0 = Monday
  double visitors = 0;
  std::optional<double> transactions;
  std::optional<double> conversion;
  std::optional<double> amount;
  std::optional<double> average_basket;  // amount / transactions
};

struct PeakEntry {
  std::string label;  // local hour label, as HourlyRow::local_label
  double visitors = 0;
};

struct ReportPeaks {
  std::vector<PeakEntry> busiest;   // most visitors first
  std::vector<PeakEntry> quietest;  // fewest visitors first
};

// Mean visitors per local weekday (row, 0 = Monday) and hour (column); empty where the range has no such hour
// (or the store is closed then).
using WeekdayHourGrid = std::array<std::array<std::optional<double>, 24>, 7>;

struct ReportTotals {
  double visitors = 0;
  std::optional<double> transactions;
  std::optional<double> conversion;
  std::optional<double> amount;
  std::optional<double> average_basket;
  // Against the roster: staff hours scheduled beyond the recommendation (could be saved) and missing from it (to
  // add). Empty without a roster.
  std::optional<double> labour_hours_over;
  std::optional<double> labour_hours_under;
};

struct OccupancyPoint {
  std::string label;  // "HH:MM", store-local
  double value = 0;   // people present
};

// Occupancy over one chosen local date, at a steady step (per minute or per 15 minutes), in time order.
struct OccupancyDay {
  std::string date;  // "YYYY-MM-DD"; empty when no day was chosen
  std::vector<OccupancyPoint> points;
};

// The last day of the range against the same weekday of previous weeks, hour by hour.
struct ComparisonHour {
  int hour = 0;  // local hour of the day
  double visitors = 0;
  std::optional<double> previous_mean;   // mean of the same weekday-hour over the previous weeks that have it
  std::optional<double> percent_change;  // 100 * (visitors - previous_mean) / previous_mean
};

struct DayComparison {
  std::string date;  // "YYYY-MM-DD"; empty when there is no comparison
  int weeks = 0;     // previous weeks looked at
  double visitors = 0;
  std::optional<double> previous_mean;  // the same day's total, averaged over the previous weeks
  std::vector<ComparisonHour> hours;
};

struct ReportData {
  std::string store;
  std::string time_zone;  // IANA name, e.g. "Europe/Berlin"; every label is local to it
  ReportRange range;
  // Simulated (demo) traffic: every rendering then says "SIMULATED DATA" prominently.
  bool simulated = false;
  std::string note;  // free text shown under the title, e.g. "generated 2026-11-30 10:00 by footfall 0.1.0"
  std::vector<HourlyRow> hourly;  // in time order
  std::vector<DailyRow> daily;    // in date order
  ReportPeaks peaks;
  WeekdayHourGrid weekday_hour{};
  ReportTotals totals;
  OccupancyDay occupancy_day;
  DayComparison comparison;
};

}  // namespace footfall

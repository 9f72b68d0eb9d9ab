// Renderings of a store report as text (terminal table), CSV, JSON and one self-contained HTML file, and the one
// function that writes a report directory. Every rendering of simulated data says "SIMULATED DATA".
//
// Rendering functions are pure (strings in memory, no I/O, deterministic); only the two write_* functions touch the
// file system. Missing values (empty optionals) are "-" in the table, an empty field in CSV and null in JSON.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "footfall/core/result.h"
#include "footfall/report/charts.h"
#include "footfall/report/report_data.h"

namespace footfall {

// Aligned plain text for a terminal: header (store, time zone, range, note), summary, daily table, peaks, hourly
// table, staffing vs roster (the over- and under-staffed hours). Conversion as a percentage.
std::string render_table(const ReportData& data);

// One line per hourly row, after a header line, "\n" line ends, "." decimal point, shortest exact number text.
// Simulated data adds a first line "# SIMULATED DATA: ..." before the header. Columns:
//   start_utc          UTC start of the hour, ISO-8601 ("2026-11-23T08:00:00.000Z")
//   local_time         store-local start, "YYYY-MM-DD HH:MM"
//   local_hour         0..23
//   weekday            0 = Monday ... 6 = Sunday
//   visitors           entries
//   exits, transactions, conversion (fraction, 0.25 = 25 %), amount, occupancy_mean, occupancy_max,
//   staff_recommended, staff_scheduled        empty when not known
std::string render_csv(const ReportData& data);

// A JSON object (2-space indent, keys sorted) with numbers as numbers and null for missing values:
//   store, time_zone, simulated (bool), notice ("SIMULATED DATA" or null), note,
//   range {from_date, to_date, from_utc_ms, to_utc_ms},
//   totals {visitors, transactions, conversion, amount, average_basket, labour_hours_over, labour_hours_under},
//   daily [{date, weekday, visitors, transactions, conversion, amount, average_basket}],
//   hourly [{start_utc_ms, local_time, local_hour, weekday, visitors, exits, transactions, conversion, amount,
//            occupancy_mean, occupancy_max, staff_recommended, staff_scheduled}],
//   peaks {busiest: [{local_time, visitors}], quietest: [...]},
//   weekday_hour [7 rows (Monday first) of 24 numbers or null],
//   occupancy_day {date, points: [{time, value}]},
//   comparison {date, weeks, visitors, previous_mean, hours: [{hour, visitors, previous_mean, percent_change}]}.
std::string render_json(const ReportData& data);

// One self-contained HTML page: inline CSS, the four charts as base64 PNG data URIs, summary cards, peaks, daily,
// staffing and hourly tables. No external resources (no scripts, links or fonts); all text HTML-escaped.
std::string render_html(const ReportData& data, const ReportCharts& charts);

// Writes bytes to path through a temporary file in the same directory and a rename, so that path is either the
// complete old or the complete new file. The error names path.
Status write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

// Renders the charts and the HTML page and writes report.html, visitors_per_hour.png, weekday_hour.png,
// occupancy_day.png and staffing.png into out_dir (created, with its parents, if missing), each atomically.
// Errors name the path: out_dir exists but is not a directory, cannot be created, or a file cannot be written.
Status write_report_files(const ReportData& data, const std::filesystem::path& out_dir);

}  // namespace footfall

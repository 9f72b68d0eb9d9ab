// PNG charts of a store report, drawn with cairo (image surfaces, the toy font API with DejaVu Sans).
//
// Contract: each function returns the bytes of a PNG of exactly size.width x size.height (RGB, white background)
// with a title, the store, time zone and range in a subtitle, axes with ticks and units, gridlines, a legend where
// there is more than one series, and store-local time labels (thinned to fit). A report with simulated data has a
// red "SIMULATED DATA" mark in the top right corner. Empty data gives a chart that says "no data", never an error.
// Deterministic for the same input and fonts; thread-safe (no shared state; each call owns its surface).
//
// The layout and palette below are part of the contract so that callers (and tests) can find what was drawn: the
// bar and line charts share chart_plot_area; the heatmap's cells are at heatmap_cell.
#pragma once

#include <cstdint>
#include <vector>

#include "footfall/report/report_data.h"

namespace footfall {

using PngBytes = std::vector<std::uint8_t>;

struct ChartSize {
  int width = 1000;  // pixels; at least 480 x 320 (smaller sizes are raised to that)
  int height = 500;
};

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
};

namespace chart_palette {
inline constexpr Rgb kVisitors{52, 101, 164};       // visitor bars
inline constexpr Rgb kTransactions{245, 121, 0};    // transactions line
inline constexpr Rgb kOccupancy{78, 154, 6};        // occupancy line (the area below is a lighter tint)
inline constexpr Rgb kRecommended{52, 101, 164};    // recommended staff bars
inline constexpr Rgb kScheduled{46, 52, 54};        // scheduled staff step line
inline constexpr Rgb kOverStaffed{255, 224, 150};   // background of an hour with more scheduled than recommended
inline constexpr Rgb kUnderStaffed{247, 182, 182};  // background of an hour with fewer scheduled than recommended
inline constexpr Rgb kEmptyCell{226, 226, 226};     // heatmap cell without data (hatched in kEmptyHatch)
inline constexpr Rgb kEmptyHatch{190, 190, 190};
inline constexpr Rgb kSimulated{204, 0, 0};  // the "SIMULATED DATA" mark
}  // namespace chart_palette

struct ChartRect {
  double x = 0, y = 0, width = 0, height = 0;
};

// The plot area of the bar and line charts (visitors, occupancy, staffing). With n data points, point i occupies
// the slot [x + i * width / n, x + (i + 1) * width / n); its bar is the middle of the slot (80 % for visitors, 60 %
// for staff, the whole slot when slots are under 5 pixels wide); the value axis starts at 0 at the bottom edge.
ChartRect chart_plot_area(ChartSize size);
// The heatmap cell of a weekday (row, 0 = Monday at the top) and hour (column, 0 at the left).
ChartRect heatmap_cell(ChartSize size, int weekday, int hour);
// The heatmap's colour scale: t = 0 (no visitors) pale yellow ... t = 1 (the busiest cell) dark red; t is clamped.
// A cell's t is its value over the largest value of the matrix.
Rgb heat_colour(double t);

// Visitors per local hour as bars over data.hourly; transactions, where any hour has them, as a second series (line).
PngBytes chart_visitors_per_hour(const ReportData& data, ChartSize size = {});
// Mean visitors by weekday x hour (data.weekday_hour): 7 rows Mon..Sun, 24 columns, a colour legend bar; empty cells
// grey and hatched.
PngBytes chart_weekday_hour(const ReportData& data, ChartSize size = {});
// People present over data.occupancy_day (line over a filled area).
PngBytes chart_occupancy_day(const ReportData& data, ChartSize size = {});
// Recommended staff per hour (bars) against the roster's scheduled staff (step line); over- and under-staffed hours
// (both known and different) have a coloured background.
PngBytes chart_staffing(const ReportData& data, ChartSize size = {});

// The four charts of a report, in the order above.
struct ReportCharts {
  PngBytes visitors_per_hour;
  PngBytes weekday_hour;
  PngBytes occupancy_day;
  PngBytes staffing;
};

ReportCharts render_charts(const ReportData& data, ChartSize size = {});

}  // namespace footfall

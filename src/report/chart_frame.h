// What every report chart shares: the header (title, store, time zone, range, the SIMULATED DATA mark), the "no
// data" panel, a value axis with nice ticks and gridlines, a category axis of local time labels thinned to fit, and
// the legend. Internal to the report module.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chart_canvas.h"
#include "footfall/report/charts.h"

namespace footfall::report_detail {

inline constexpr Rgb kInk{40, 40, 40};          // text and axes
inline constexpr Rgb kMutedInk{110, 110, 110};  // subtitle, tick labels
inline constexpr Rgb kGrid{222, 222, 222};

// Sizes below 480 x 320 are raised to that.
ChartSize clamp_size(ChartSize size);

// Title at the top left; "store · zone local time · from to to" below it; the SIMULATED DATA mark at the top right.
void draw_header(Canvas& canvas, const ReportData& data, std::string_view title);

// A framed area that says "no data" (and why, when given).
void draw_no_data(Canvas& canvas, const ChartRect& area, std::string_view why = {});

// A value axis from 0 to top in steps of step.
struct ValueAxis {
  double top = 1;
  double step = 1;
  double y_of(const ChartRect& plot, double value) const { return plot.y + plot.height * (1 - value / top); }
};

// Round ticks (1, 2, 2.5 or 5 times a power of ten, about five of them) covering [0, max_value]; whole steps when
// integers is set.
ValueAxis nice_value_axis(double max_value, bool integers = false);

// Horizontal gridlines, tick labels at the left and the axis title (with its unit) turned along the axis.
void draw_value_axis(Canvas& canvas, const ChartRect& plot, const ValueAxis& axis, std::string_view title);

// One label per data slot: primary is the tick text ("09:00"), group the second line ("Mon 2026-11-23") shown where
// the group changes; with more than one group, a faint line separates them. minute_of_day (local clock, 0..1439)
// lets the axis put ticks on round times; -1 when the slot is not a time of day.
struct SlotLabel {
  std::string primary;
  std::string group;
  int minute_of_day = -1;
};

// The bottom axis line, ticks and labels under slot centres, and the axis title below. With slot_minutes > 0 and a
// minute_of_day on every label, ticks go on round clock times (every 1, 2, 5, 10, 15, 30 minutes, 1, 2, 3, 4, 6, 12
// hours or whole days: the shortest whose labels fit); otherwise on every k-th slot. A label that would still touch
// the previous one is left out.
void draw_slot_axis(Canvas& canvas, const ChartRect& plot, const std::vector<SlotLabel>& labels, std::string_view title,
                    int slot_minutes = 0);

// "HH:MM" as minutes after midnight; -1 when the text is not such a time.
int minute_of_day(std::string_view hh_mm);

// The slot labels of hourly rows: "HH:MM" grouped by "Ddd YYYY-MM-DD".
std::vector<SlotLabel> hourly_slot_labels(const std::vector<HourlyRow>& rows);

enum class LegendMark { kBox, kLine };

struct LegendItem {
  std::string label;
  Rgb colour;
  LegendMark mark = LegendMark::kBox;
};

// A row of legend items right-aligned above the plot area.
void draw_legend(Canvas& canvas, const ChartRect& plot, const std::vector<LegendItem>& items);

// The slot of data point i of n in the plot: its left edge and width.
inline double slot_width(const ChartRect& plot, std::size_t n) { return plot.width / static_cast<double>(n); }
inline double slot_left(const ChartRect& plot, std::size_t n, std::size_t i) {
  return plot.x + slot_width(plot, n) * static_cast<double>(i);
}

}  // namespace footfall::report_detail

// Visitors per local hour: bars, with transactions per hour as a line over them where sales are known.
#include <algorithm>

#include "chart_frame.h"
#include "footfall/report/charts.h"

namespace footfall {

using namespace report_detail;

PngBytes chart_visitors_per_hour(const ReportData& data, ChartSize size) {
  size = clamp_size(size);
  Canvas canvas(size.width, size.height);
  draw_header(canvas, data, "Visitors per hour");
  const ChartRect plot = chart_plot_area(size);
  const std::vector<HourlyRow>& rows = data.hourly;
  if (rows.empty()) {
    draw_no_data(canvas, plot, "no hours in the range");
    return canvas.to_png();
  }

  bool has_transactions = false;
  double max_value = 0;
  for (const HourlyRow& row : rows) {
    max_value = std::max(max_value, row.visitors);
    if (row.transactions) {
      has_transactions = true;
      max_value = std::max(max_value, *row.transactions);
    }
  }
  const ValueAxis axis = nice_value_axis(max_value);
  draw_value_axis(canvas, plot, axis, has_transactions ? "people / transactions per hour" : "visitors per hour");
  draw_slot_axis(canvas, plot, hourly_slot_labels(rows), "local time (" + data.time_zone + ")", 60);

  const std::size_t n = rows.size();
  const double slot = slot_width(plot, n);
  // Narrow slots (weeks of hours) get bars that touch: a gap of under a pixel would only blur them.
  const double bar = slot < 5 ? slot : slot * 0.8;
  for (std::size_t i = 0; i < n; ++i) {
    const double v = std::max(0.0, rows[i].visitors);
    if (v <= 0) continue;
    const double top = axis.y_of(plot, v);
    canvas.fill_rect(slot_left(plot, n, i) + (slot - bar) / 2, top, bar, plot.y + plot.height - top,
                     chart_palette::kVisitors);
  }

  if (has_transactions) {
    cairo_t* cr = canvas.cr();
    canvas.colour(chart_palette::kTransactions);
    cairo_set_line_width(cr, 2);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    bool drawing = false;  // a gap in the sales data breaks the line
    for (std::size_t i = 0; i < n; ++i) {
      if (!rows[i].transactions) {
        drawing = false;
        continue;
      }
      const double x = slot_left(plot, n, i) + slot / 2;
      const double y = axis.y_of(plot, std::max(0.0, *rows[i].transactions));
      if (drawing) {
        cairo_line_to(cr, x, y);
      } else {
        cairo_move_to(cr, x, y);
      }
      drawing = true;
    }
    cairo_stroke(cr);
    if (slot >= 6) {
      for (std::size_t i = 0; i < n; ++i) {
        if (!rows[i].transactions) continue;
        cairo_arc(cr, slot_left(plot, n, i) + slot / 2, axis.y_of(plot, std::max(0.0, *rows[i].transactions)), 2.5, 0,
                  6.283185307179586);
        cairo_fill(cr);
      }
    }
    draw_legend(canvas, plot,
                {{"visitors", chart_palette::kVisitors, LegendMark::kBox},
                 {"transactions", chart_palette::kTransactions, LegendMark::kLine}});
  }
  return canvas.to_png();
}

}  // namespace footfall

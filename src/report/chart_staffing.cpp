// Recommended staff per hour (bars) against the roster (a step line); over- and under-staffed hours shaded.
#include <algorithm>

#include "chart_frame.h"
#include "footfall/report/charts.h"
#include "staffing_gap.h"

namespace footfall {

using namespace report_detail;

PngBytes chart_staffing(const ReportData& data, ChartSize size) {
  size = clamp_size(size);
  Canvas canvas(size.width, size.height);
  draw_header(canvas, data, "Recommended vs scheduled staff");
  const ChartRect plot = chart_plot_area(size);
  const std::vector<HourlyRow>& rows = data.hourly;

  bool has_recommended = false;
  bool has_scheduled = false;
  double max_value = 0;
  for (const HourlyRow& row : rows) {
    if (row.staff_recommended) {
      has_recommended = true;
      max_value = std::max(max_value, static_cast<double>(*row.staff_recommended));
    }
    if (row.staff_scheduled) {
      has_scheduled = true;
      max_value = std::max(max_value, *row.staff_scheduled);
    }
  }
  if (!has_recommended && !has_scheduled) {
    draw_no_data(canvas, plot, "no staffing recommendation or roster for the range");
    return canvas.to_png();
  }

  const std::size_t n = rows.size();
  const double slot = slot_width(plot, n);
  const double bottom = plot.y + plot.height;
  // Shading first, so that gridlines, bars and the roster line stay visible on it.
  bool any_over = false;
  bool any_under = false;
  for (std::size_t i = 0; i < n; ++i) {
    const StaffingState s = staffing_state(rows[i]);
    if (s != StaffingState::kOver && s != StaffingState::kUnder) continue;
    any_over = any_over || s == StaffingState::kOver;
    any_under = any_under || s == StaffingState::kUnder;
    canvas.fill_rect(slot_left(plot, n, i), plot.y, slot, plot.height,
                     s == StaffingState::kOver ? chart_palette::kOverStaffed : chart_palette::kUnderStaffed);
  }

  const ValueAxis axis = nice_value_axis(max_value, true);
  draw_value_axis(canvas, plot, axis, "staff on the floor and at the tills");
  draw_slot_axis(canvas, plot, hourly_slot_labels(rows), "local time (" + data.time_zone + ")", 60);

  const double bar = slot < 5 ? slot : slot * 0.6;  // narrow slots: bars that touch, as in the visitors chart
  for (std::size_t i = 0; i < n; ++i) {
    if (!rows[i].staff_recommended || *rows[i].staff_recommended <= 0) continue;
    const double top = axis.y_of(plot, *rows[i].staff_recommended);
    canvas.fill_rect(slot_left(plot, n, i) + (slot - bar) / 2, top, bar, bottom - top, chart_palette::kRecommended);
  }

  if (has_scheduled) {
    // A step line: flat across each hour's slot, vertical between neighbouring hours; a gap where the roster has
    // no value.
    cairo_t* cr = canvas.cr();
    canvas.colour(chart_palette::kScheduled);
    cairo_set_line_width(cr, 2.5);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    bool drawing = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (!rows[i].staff_scheduled) {
        drawing = false;
        continue;
      }
      const double y = axis.y_of(plot, std::max(0.0, *rows[i].staff_scheduled));
      const double left = slot_left(plot, n, i);
      if (drawing) {
        cairo_line_to(cr, left, y);
      } else {
        cairo_move_to(cr, left, y);
      }
      cairo_line_to(cr, left + slot, y);
      drawing = true;
    }
    cairo_stroke(cr);
  }

  std::vector<LegendItem> legend;
  if (has_recommended) legend.push_back({"recommended", chart_palette::kRecommended, LegendMark::kBox});
  if (has_scheduled) legend.push_back({"scheduled (roster)", chart_palette::kScheduled, LegendMark::kLine});
  if (any_over) legend.push_back({"over-staffed", chart_palette::kOverStaffed, LegendMark::kBox});
  if (any_under) legend.push_back({"under-staffed", chart_palette::kUnderStaffed, LegendMark::kBox});
  draw_legend(canvas, plot, legend);
  if (!has_scheduled) {
    canvas.colour(kMutedInk);
    canvas.font(12);
    canvas.text(plot.x, plot.y - 12, "no roster imported: recommendation only");
  }
  return canvas.to_png();
}

}  // namespace footfall

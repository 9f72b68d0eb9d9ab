// People present over one local day: a line over a lightly filled area.
#include <algorithm>

#include "chart_frame.h"
#include "footfall/report/charts.h"

namespace footfall {

using namespace report_detail;

PngBytes chart_occupancy_day(const ReportData& data, ChartSize size) {
  size = clamp_size(size);
  Canvas canvas(size.width, size.height);
  const OccupancyDay& day = data.occupancy_day;
  draw_header(
      canvas, data,
      day.date.empty() ? std::string("Occupancy over the day") : "Occupancy over " + day.date + " (people present)");
  const ChartRect plot = chart_plot_area(size);
  if (day.points.empty()) {
    draw_no_data(canvas, plot, "no occupancy samples for the day");
    return canvas.to_png();
  }

  double max_value = 0;
  for (const OccupancyPoint& p : day.points) max_value = std::max(max_value, p.value);
  const ValueAxis axis = nice_value_axis(max_value, true);
  draw_value_axis(canvas, plot, axis, "people present");
  std::vector<SlotLabel> labels;
  labels.reserve(day.points.size());
  for (const OccupancyPoint& p : day.points) labels.push_back({p.label, day.date, minute_of_day(p.label)});
  // The step between points, from the first two (a DST change later in the day does not change it).
  const int step_minutes =
      labels.size() >= 2 && labels[0].minute_of_day >= 0 && labels[1].minute_of_day > labels[0].minute_of_day
          ? labels[1].minute_of_day - labels[0].minute_of_day
          : 0;
  draw_slot_axis(canvas, plot, labels, "local time (" + data.time_zone + ")", step_minutes);

  const std::size_t n = day.points.size();
  const double slot = slot_width(plot, n);
  const double bottom = plot.y + plot.height;
  auto x_of = [&](std::size_t i) { return slot_left(plot, n, i) + slot / 2; };
  auto y_of = [&](std::size_t i) { return axis.y_of(plot, std::max(0.0, day.points[i].value)); };

  cairo_t* cr = canvas.cr();
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  // The area: along the line, then down to the axis and back.
  cairo_move_to(cr, x_of(0), bottom);
  for (std::size_t i = 0; i < n; ++i) cairo_line_to(cr, x_of(i), y_of(i));
  cairo_line_to(cr, x_of(n - 1), bottom);
  cairo_close_path(cr);
  canvas.colour(chart_palette::kOccupancy, 0.25);
  cairo_fill(cr);

  cairo_move_to(cr, x_of(0), y_of(0));
  for (std::size_t i = 1; i < n; ++i) cairo_line_to(cr, x_of(i), y_of(i));
  canvas.colour(chart_palette::kOccupancy);
  cairo_set_line_width(cr, 2);
  if (n == 1) {  // a single sample: a dot, since a line of one point draws nothing
    cairo_new_path(cr);
    cairo_arc(cr, x_of(0), y_of(0), 3, 0, 6.283185307179586);
    cairo_fill(cr);
  } else {
    cairo_stroke(cr);
  }
  return canvas.to_png();
}

}  // namespace footfall

// Mean visitors by local weekday x hour as a heatmap: 7 rows (Monday at the top), 24 columns, a colour legend bar.
#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "chart_frame.h"
#include "footfall/report/charts.h"
#include "number_format.h"

namespace footfall {

using namespace report_detail;

namespace {

constexpr double kLeft = 64;    // weekday labels
constexpr double kRight = 120;  // the legend bar and its labels
constexpr double kTop = 64;
constexpr double kBottom = 56;  // hour labels and the axis title
constexpr double kLegendBar = 18;

ChartRect grid_area(ChartSize size) {
  const ChartSize s = clamp_size(size);
  return ChartRect{kLeft, kTop, s.width - kLeft - kRight, s.height - kTop - kBottom};
}

// Stops of ColorBrewer's YlOrRd (9 classes, every other one), light to dark.
constexpr std::array<Rgb, 5> kStops{Rgb{255, 255, 204}, Rgb{254, 217, 118}, Rgb{253, 141, 60}, Rgb{227, 26, 28},
                                    Rgb{128, 0, 38}};

std::uint8_t mix(std::uint8_t a, std::uint8_t b, double f) {
  return static_cast<std::uint8_t>(std::lround(a + (b - a) * f));
}

void hatch(Canvas& canvas, const ChartRect& r) {
  canvas.fill_rect(r.x, r.y, r.width, r.height, chart_palette::kEmptyCell);
  cairo_t* cr = canvas.cr();
  cairo_save(cr);
  cairo_rectangle(cr, r.x, r.y, r.width, r.height);
  cairo_clip(cr);
  canvas.colour(chart_palette::kEmptyHatch);
  cairo_set_line_width(cr, 1);
  for (double d = -r.height; d < r.width; d += 6) {
    cairo_move_to(cr, r.x + d, r.y + r.height);
    cairo_line_to(cr, r.x + d + r.height, r.y);
  }
  cairo_stroke(cr);
  cairo_restore(cr);
}

// Black on light cells, white on dark ones.
Rgb text_on(Rgb background) {
  const double luma = 0.299 * background.r + 0.587 * background.g + 0.114 * background.b;
  return luma > 140 ? kInk : Rgb{255, 255, 255};
}

}  // namespace

Rgb heat_colour(double t) {
  if (!(t > 0)) return kStops.front();
  if (t >= 1) return kStops.back();
  const double pos = t * (kStops.size() - 1);
  const auto i = static_cast<std::size_t>(pos);
  const double f = pos - static_cast<double>(i);
  const Rgb a = kStops[i];
  const Rgb b = kStops[i + 1];
  return Rgb{mix(a.r, b.r, f), mix(a.g, b.g, f), mix(a.b, b.b, f)};
}

ChartRect heatmap_cell(ChartSize size, int weekday, int hour) {
  const ChartRect grid = grid_area(size);
  const double w = grid.width / 24;
  const double h = grid.height / 7;
  return ChartRect{grid.x + w * hour, grid.y + h * weekday, w, h};
}

PngBytes chart_weekday_hour(const ReportData& data, ChartSize size) {
  size = clamp_size(size);
  Canvas canvas(size.width, size.height);
  draw_header(canvas, data, "Average visitors by weekday and hour");
  const ChartRect grid = grid_area(size);

  double max_value = 0;
  bool any = false;
  for (const auto& row : data.weekday_hour) {
    for (const auto& cell : row) {
      if (!cell) continue;
      any = true;
      max_value = std::max(max_value, *cell);
    }
  }
  if (!any) {
    draw_no_data(canvas, grid, "no hours in the range");
    return canvas.to_png();
  }

  const double cell_w = grid.width / 24;
  const double cell_h = grid.height / 7;
  canvas.font(10);
  const bool values_fit = canvas.text_width("8888") + 4 <= cell_w && cell_h >= 16;
  for (int d = 0; d < 7; ++d) {
    for (int h = 0; h < 24; ++h) {
      const ChartRect c = heatmap_cell(size, d, h);
      // A 1-pixel white gap between cells: inset the right and bottom edges.
      const ChartRect inner{c.x, c.y, c.width - 1, c.height - 1};
      const auto& value = data.weekday_hour[static_cast<std::size_t>(d)][static_cast<std::size_t>(h)];
      if (!value) {
        hatch(canvas, inner);
        continue;
      }
      const Rgb colour = heat_colour(max_value > 0 ? *value / max_value : 0);
      canvas.fill_rect(inner.x, inner.y, inner.width, inner.height, colour);
      if (values_fit) {
        canvas.colour(text_on(colour));
        canvas.font(10);
        canvas.text(c.x + c.width / 2, c.y + c.height / 2 + 4, compact(*value, *value < 10 ? 1 : 0), Align::kCenter);
      }
    }
  }

  // Weekday labels at the left, hour labels below (every hour, or every other where they would touch).
  canvas.colour(kInk);
  canvas.font(12);
  for (int d = 0; d < 7; ++d) {
    canvas.text(grid.x - 10, grid.y + cell_h * (d + 0.5) + 4, weekday_short(d), Align::kRight);
  }
  canvas.font(11);
  const int hour_step = canvas.text_width("00") + 6 <= cell_w ? 1 : 2;
  canvas.colour(kMutedInk);
  for (int h = 0; h < 24; h += hour_step) {
    const std::string label = (h < 10 ? "0" : "") + std::to_string(h);
    canvas.text(grid.x + cell_w * (h + 0.5), grid.y + grid.height + 16, label, Align::kCenter);
  }
  canvas.colour(kInk);
  canvas.font(12);
  canvas.text(grid.x + grid.width / 2, grid.y + grid.height + 40, "hour of day, local time (" + data.time_zone + ")",
              Align::kCenter);

  // Legend bar: 0 at the bottom, the largest mean at the top; a hatched swatch for "no data" below it.
  const double bar_x = grid.x + grid.width + 24;
  const double bar_top = grid.y;
  const double bar_h = std::max(20.0, grid.height - 40);
  constexpr int kBands = 100;
  for (int i = 0; i < kBands; ++i) {
    const double t0 = static_cast<double>(i) / kBands;
    canvas.fill_rect(bar_x, bar_top + bar_h * (1 - t0 - 1.0 / kBands), kLegendBar, bar_h / kBands + 0.5,
                     heat_colour(t0 + 0.5 / kBands));
  }
  canvas.colour(kMutedInk);
  cairo_set_line_width(canvas.cr(), 1);
  cairo_rectangle(canvas.cr(), bar_x - 0.5, bar_top - 0.5, kLegendBar + 1, bar_h + 1);
  cairo_stroke(canvas.cr());
  const ValueAxis ticks = nice_value_axis(max_value);
  canvas.font(11);
  auto legend_tick = [&](double v, int decimals) {
    const double y = bar_top + bar_h * (1 - (max_value > 0 ? v / max_value : 0));
    canvas.line(bar_x + kLegendBar, y, bar_x + kLegendBar + 4, y, kInk, 1);
    canvas.colour(kMutedInk);
    canvas.text(bar_x + kLegendBar + 7, y + 4, compact(v, decimals));
    return y;
  };
  double last_tick_y = bar_top + bar_h;
  for (double v = 0; v <= max_value + 1e-9; v += ticks.step) last_tick_y = legend_tick(v, ticks.step >= 1 ? 0 : 1);
  // The largest mean itself at the top, unless a round tick already sits there.
  if (max_value > 0 && last_tick_y - bar_top > 14) legend_tick(max_value, 1);
  canvas.colour(kInk);
  canvas.font(11);
  canvas.text(bar_x - 4, bar_top - 8, "visitors / hour");
  const ChartRect swatch{bar_x, bar_top + bar_h + 12, kLegendBar, 12};
  hatch(canvas, swatch);
  canvas.colour(kMutedInk);
  canvas.text(bar_x + kLegendBar + 7, swatch.y + 10, "no data");
  return canvas.to_png();
}

}  // namespace footfall

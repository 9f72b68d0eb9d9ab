// A cairo image surface and its drawing context (RAII), with the few text and shape calls the charts use and the
// PNG encoding. Internal to the report module.
#pragma once

#include <cairo.h>

#include <string_view>

#include "footfall/report/charts.h"

namespace footfall::report_detail {

enum class Align { kLeft, kCenter, kRight };

class Canvas {
 public:
  // A white RGB surface of width x height pixels.
  Canvas(int width, int height);
  ~Canvas();
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

  cairo_t* cr() { return cr_; }
  int width() const { return width_; }
  int height() const { return height_; }

  void colour(Rgb c, double alpha = 1.0);
  // DejaVu Sans at size pixels.
  void font(double size, bool bold = false);
  double text_width(std::string_view text);
  // Text with its baseline at y; x is the left edge, centre or right edge as align says.
  void text(double x, double y, std::string_view text, Align align = Align::kLeft);
  // Text turned 90 degrees counter-clockwise (reading bottom to top), centred on (x, y).
  void text_vertical(double x, double y, std::string_view text);
  // A rectangle snapped to whole pixels (at least 1 x 1 unless it is empty).
  void fill_rect(double x, double y, double w, double h, Rgb c, double alpha = 1.0);
  void line(double x0, double y0, double x1, double y1, Rgb c, double width);

  PngBytes to_png();

 private:
  int width_;
  int height_;
  cairo_surface_t* surface_;
  cairo_t* cr_;
};

}  // namespace footfall::report_detail

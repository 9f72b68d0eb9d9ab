#include "chart_canvas.h"

#include <algorithm>
#include <cmath>
#include <new>
#include <string>

namespace footfall::report_detail {

namespace {

// Called from C: must not throw, so an allocation failure becomes cairo's write error.
cairo_status_t append_png_bytes(void* closure, const unsigned char* data, unsigned int length) {
  try {
    auto* out = static_cast<PngBytes*>(closure);
    out->insert(out->end(), data, data + length);
    return CAIRO_STATUS_SUCCESS;
  } catch (...) {
    return CAIRO_STATUS_WRITE_ERROR;
  }
}

double channel(std::uint8_t v) { return v / 255.0; }

}  // namespace

Canvas::Canvas(int width, int height)
    : width_(width),
      height_(height),
      surface_(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height)),
      cr_(cairo_create(surface_)) {
  cairo_set_source_rgb(cr_, 1, 1, 1);
  cairo_paint(cr_);
}

Canvas::~Canvas() {
  cairo_destroy(cr_);
  cairo_surface_destroy(surface_);
}

void Canvas::colour(Rgb c, double alpha) {
  cairo_set_source_rgba(cr_, channel(c.r), channel(c.g), channel(c.b), alpha);
}

void Canvas::font(double size, bool bold) {
  cairo_select_font_face(cr_, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr_, size);
}

double Canvas::text_width(std::string_view text) {
  const std::string s(text);
  cairo_text_extents_t extents;
  cairo_text_extents(cr_, s.c_str(), &extents);
  return extents.x_advance;
}

void Canvas::text(double x, double y, std::string_view text, Align align) {
  const std::string s(text);
  const double w = text_width(s);
  if (align == Align::kCenter) x -= w / 2;
  if (align == Align::kRight) x -= w;
  cairo_move_to(cr_, x, y);
  cairo_show_text(cr_, s.c_str());
}

void Canvas::text_vertical(double x, double y, std::string_view text) {
  const std::string s(text);
  const double w = text_width(s);
  cairo_font_extents_t fe;
  cairo_font_extents(cr_, &fe);
  cairo_save(cr_);
  cairo_translate(cr_, x, y);
  cairo_rotate(cr_, -1.5707963267948966);
  cairo_move_to(cr_, -w / 2, (fe.ascent - fe.descent) / 2);
  cairo_show_text(cr_, s.c_str());
  cairo_restore(cr_);
}

void Canvas::fill_rect(double x, double y, double w, double h, Rgb c, double alpha) {
  if (!(w > 0) || !(h > 0)) return;
  // Edges on whole pixels: bars side by side then meet without an anti-aliased seam, and stay crisp.
  const double x0 = std::round(x), y0 = std::round(y);
  const double x1 = std::max(x0 + 1, std::round(x + w)), y1 = std::max(y0 + 1, std::round(y + h));
  colour(c, alpha);
  cairo_rectangle(cr_, x0, y0, x1 - x0, y1 - y0);
  cairo_fill(cr_);
}

void Canvas::line(double x0, double y0, double x1, double y1, Rgb c, double width) {
  colour(c);
  cairo_set_line_width(cr_, width);
  cairo_move_to(cr_, x0, y0);
  cairo_line_to(cr_, x1, y1);
  cairo_stroke(cr_);
}

PngBytes Canvas::to_png() {
  cairo_surface_flush(surface_);
  PngBytes out;
  out.reserve(64 * 1024);
  // Writing to memory fails only when memory runs out: that is not a report error but the process's end.
  if (cairo_surface_write_to_png_stream(surface_, append_png_bytes, &out) != CAIRO_STATUS_SUCCESS) {
    throw std::bad_alloc();
  }
  return out;
}

}  // namespace footfall::report_detail

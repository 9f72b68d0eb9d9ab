// Reading the report's PNG charts back in tests: the file header by hand, the pixels through cairo's own PNG reader.
#pragma once

#include <cairo/cairo.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

#include "footfall/report/charts.h"

namespace footfall::test {

inline constexpr std::uint8_t kPngSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

// Width and height from the IHDR chunk, which must directly follow the signature; {0, 0} when not a PNG.
struct PngHeader {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
};

inline std::uint32_t big_endian32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

inline PngHeader png_header(const PngBytes& png) {
  if (png.size() < 33 || std::memcmp(png.data(), kPngSignature, 8) != 0) return {};
  if (big_endian32(png.data() + 8) != 13 || std::memcmp(png.data() + 12, "IHDR", 4) != 0) return {};
  return {big_endian32(png.data() + 16), big_endian32(png.data() + 20)};
}

// A decoded image (cairo RGB24/ARGB32, read back from the PNG bytes).
class DecodedPng {
 public:
  explicit DecodedPng(const PngBytes& png) : png_(png) {
    surface_ = cairo_image_surface_create_from_png_stream(&DecodedPng::read, this);
    if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS) {
      cairo_surface_destroy(surface_);
      throw std::runtime_error("cairo could not decode the PNG");
    }
    cairo_surface_flush(surface_);
  }
  ~DecodedPng() { cairo_surface_destroy(surface_); }
  DecodedPng(const DecodedPng&) = delete;
  DecodedPng& operator=(const DecodedPng&) = delete;

  int width() const { return cairo_image_surface_get_width(surface_); }
  int height() const { return cairo_image_surface_get_height(surface_); }

  Rgb at(int x, int y) const {
    const unsigned char* data = cairo_image_surface_get_data(surface_);
    const int stride = cairo_image_surface_get_stride(surface_);
    std::uint32_t px;
    std::memcpy(&px, data + y * stride + x * 4, 4);  // native-endian 0xAARRGGBB
    return Rgb{static_cast<std::uint8_t>(px >> 16), static_cast<std::uint8_t>(px >> 8), static_cast<std::uint8_t>(px)};
  }

  // Variance of the grey level over all pixels: 0 for a blank image.
  double grey_variance() const {
    double sum = 0, sum2 = 0;
    const double n = static_cast<double>(width()) * height();
    for (int y = 0; y < height(); ++y) {
      for (int x = 0; x < width(); ++x) {
        const Rgb p = at(x, y);
        const double g = (p.r + p.g + p.b) / 3.0;
        sum += g;
        sum2 += g * g;
      }
    }
    return sum2 / n - (sum / n) * (sum / n);
  }

 private:
  static cairo_status_t read(void* closure, unsigned char* data, unsigned int length) {
    auto* self = static_cast<DecodedPng*>(closure);
    if (self->offset_ + length > self->png_.size()) return CAIRO_STATUS_READ_ERROR;
    std::memcpy(data, self->png_.data() + self->offset_, length);
    self->offset_ += length;
    return CAIRO_STATUS_SUCCESS;
  }

  const PngBytes& png_;
  std::size_t offset_ = 0;
  cairo_surface_t* surface_ = nullptr;
};

inline bool near_colour(Rgb a, Rgb b, int tolerance = 3) {
  return std::abs(a.r - b.r) <= tolerance && std::abs(a.g - b.g) <= tolerance && std::abs(a.b - b.b) <= tolerance;
}

// Pixels of colour c in the column x between rows y0 (included) and y1 (excluded).
inline int count_in_column(const DecodedPng& img, int x, int y0, int y1, Rgb c, int tolerance = 3) {
  int n = 0;
  for (int y = y0; y < y1; ++y) n += near_colour(img.at(x, y), c, tolerance) ? 1 : 0;
  return n;
}

// Pixels of colour c in the rectangle [x0, x1) x [y0, y1).
inline int count_in_rect(const DecodedPng& img, int x0, int y0, int x1, int y1, Rgb c, int tolerance = 3) {
  int n = 0;
  for (int x = x0; x < x1; ++x) n += count_in_column(img, x, y0, y1, c, tolerance);
  return n;
}

}  // namespace footfall::test

#include "footfall/core/geometry.h"

#include <algorithm>
#include <cmath>

namespace footfall {

float iou(const Box& a, const Box& b) {
  const float ix = std::max(0.0f, std::min(a.right(), b.right()) - std::max(a.x, b.x));
  const float iy = std::max(0.0f, std::min(a.bottom(), b.bottom()) - std::max(a.y, b.y));
  const float inter = ix * iy;
  const float uni = a.area() + b.area() - inter;
  return uni > 0.0f ? inter / uni : 0.0f;
}

namespace {

bool on_segment(Point a, Point b, Point p) {
  const float cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
  const float scale = std::max({1.0f, std::abs(b.x - a.x), std::abs(b.y - a.y)});
  if (std::abs(cross) > 1e-4f * scale) return false;
  return p.x >= std::min(a.x, b.x) && p.x <= std::max(a.x, b.x) && p.y >= std::min(a.y, b.y) &&
         p.y <= std::max(a.y, b.y);
}

}  // namespace

bool contains(const Polygon& polygon, Point p) {
  const std::size_t n = polygon.size();
  if (n < 3) return false;
  bool inside = false;
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
    const Point a = polygon[i];
    const Point b = polygon[j];
    if (on_segment(a, b, p)) return true;
    if ((a.y > p.y) != (b.y > p.y)) {
      const float x_at = (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x;
      if (p.x < x_at) inside = !inside;
    }
  }
  return inside;
}

}  // namespace footfall

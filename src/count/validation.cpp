#include "footfall/count/validation.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <sstream>

namespace footfall {

namespace {

std::string format_point(Point p) {
  std::ostringstream out;
  out << '(' << p.x << ',' << p.y << ')';
  return out.str();
}

double cross(Point o, Point a, Point b) {
  return (double{a.x} - o.x) * (double{b.y} - o.y) - (double{a.y} - o.y) * (double{b.x} - o.x);
}

int sign(double v) { return (v > 0.0) - (v < 0.0); }

bool between(Point a, Point b, Point p) {
  return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y &&
         p.y <= std::max(a.y, b.y);
}

// Closed segments p1p2 and q1q2 share at least one point.
bool segments_intersect(Point p1, Point p2, Point q1, Point q2) {
  const int d1 = sign(cross(q1, q2, p1));
  const int d2 = sign(cross(q1, q2, p2));
  const int d3 = sign(cross(p1, p2, q1));
  const int d4 = sign(cross(p1, p2, q2));
  if (d1 != d2 && d3 != d4 && d1 != 0 && d2 != 0 && d3 != 0 && d4 != 0) return true;
  if (d1 == 0 && between(q1, q2, p1)) return true;
  if (d2 == 0 && between(q1, q2, p2)) return true;
  if (d3 == 0 && between(p1, p2, q1)) return true;
  if (d4 == 0 && between(p1, p2, q2)) return true;
  return false;
}

}  // namespace

std::optional<std::string> validate_point(Point p, int frame_width, int frame_height) {
  if (!std::isfinite(p.x) || !std::isfinite(p.y)) return "point " + format_point(p) + " is not a finite number";
  if (frame_width <= 0 || frame_height <= 0) return std::nullopt;
  if (p.x < 0.0f || p.y < 0.0f || p.x > static_cast<float>(frame_width) || p.y > static_cast<float>(frame_height)) {
    return "point " + format_point(p) + " is outside the " + std::to_string(frame_width) + "x" +
           std::to_string(frame_height) + " frame";
  }
  return std::nullopt;
}

std::optional<std::string> validate_line(const LineParams& line, int frame_width, int frame_height) {
  if (auto error = validate_point(line.a, frame_width, frame_height)) return "first " + *error;
  if (auto error = validate_point(line.b, frame_width, frame_height)) return "second " + *error;
  if (line.a.x == line.b.x && line.a.y == line.b.y) {
    return "the two points are equal " + format_point(line.a) + ": a line needs two distinct points";
  }
  if (!std::isfinite(line.hysteresis_px) || line.hysteresis_px < 0.0f) return "hysteresis pixels must be >= 0";
  if (!std::isfinite(line.hysteresis_fraction) || line.hysteresis_fraction < 0.0f) {
    return "hysteresis fraction of box height must be >= 0";
  }
  return std::nullopt;
}

std::optional<std::string> validate_polygon(const Polygon& polygon, int frame_width, int frame_height) {
  const std::size_t n = polygon.size();
  if (n < 3) return "a polygon needs at least 3 points, got " + std::to_string(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (auto error = validate_point(polygon[i], frame_width, frame_height)) {
      return "vertex " + std::to_string(i + 1) + ": " + *error;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Point a = polygon[i];
    const Point b = polygon[(i + 1) % n];
    if (a.x == b.x && a.y == b.y) {
      return "vertices " + std::to_string(i + 1) + " and " + std::to_string((i + 1) % n + 1) + " are equal " +
             format_point(a);
    }
  }
  bool collinear = true;  // vertices 1 and 2 differ (checked above)
  for (std::size_t i = 2; i < n && collinear; ++i) collinear = cross(polygon[0], polygon[1], polygon[i]) == 0.0;
  if (collinear) return "the polygon has zero area (all points on one line)";
  // Edges i and j must not touch unless adjacent (adjacent edges share exactly their common vertex).
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const bool adjacent = j == i + 1 || (i == 0 && j == n - 1);
      const Point p1 = polygon[i];
      const Point p2 = polygon[(i + 1) % n];
      const Point q1 = polygon[j];
      const Point q2 = polygon[(j + 1) % n];
      if (adjacent) {
        // Folding back onto the previous edge: collinear and overlapping beyond the shared vertex.
        const Point shared = j == i + 1 ? p2 : p1;
        const Point from_i = j == i + 1 ? p1 : p2;
        const Point from_j = j == i + 1 ? q2 : q1;
        const double c = cross(shared, from_i, from_j);
        const double dot = (double{from_i.x} - shared.x) * (double{from_j.x} - shared.x) +
                           (double{from_i.y} - shared.y) * (double{from_j.y} - shared.y);
        if (c == 0.0 && dot > 0.0) {
          return "edges " + std::to_string(i + 1) + " and " + std::to_string(j + 1) + " overlap: self-intersecting";
        }
        continue;
      }
      if (segments_intersect(p1, p2, q1, q2)) {
        return "edges " + std::to_string(i + 1) + " and " + std::to_string(j + 1) +
               " cross: the polygon is self-intersecting";
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string> validate_zone(const ZoneParams& zone, int frame_width, int frame_height) {
  if (auto error = validate_polygon(zone.polygon, frame_width, frame_height)) return error;
  if (!std::isfinite(zone.inertia_s) || zone.inertia_s < 0.0) return "inertia must be >= 0 seconds";
  return std::nullopt;
}

}  // namespace footfall

#include "footfall/count/line_margin.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace footfall {
namespace {

struct Vec {
  double x = 0.0;
  double y = 0.0;
};

Vec bottom_centre(const Box& box) {
  const Point p = box.bottom_centre();
  return {p.x, p.y};
}

double cross(Vec o, Vec a, Vec b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

double distance_to_segment(Vec p, Vec a, Vec b) {
  const double dx = b.x - a.x;
  const double dy = b.y - a.y;
  const double t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
  return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

}  // namespace

LineMargin line_margin(const LineParams& line, const MotRows& rows) {
  constexpr double kNone = std::numeric_limits<double>::infinity();
  LineMargin margin{kNone, kNone};
  const Vec a{line.a.x, line.a.y};
  const Vec b{line.b.x, line.b.y};
  const double length = std::hypot(b.x - a.x, b.y - a.y);

  std::map<std::int64_t, std::map<int, Vec>> paths;
  for (const MotRow& row : rows) paths[row.id][row.frame] = bottom_centre(row.box);

  for (const auto& [id, path] : paths) {
    margin.track_end_px = std::min(margin.track_end_px, distance_to_segment(path.begin()->second, a, b));
    margin.track_end_px = std::min(margin.track_end_px, distance_to_segment(path.rbegin()->second, a, b));
    for (auto it = path.begin(), next = std::next(it); next != path.end(); ++it, ++next) {
      const Vec p = it->second;
      const Vec q = next->second;
      const double side_p = cross(a, b, p);
      const double side_q = cross(a, b, q);
      const bool meets = side_q == 0.0 ? side_p != 0.0 : side_p == 0.0 || (side_p > 0.0) != (side_q > 0.0);
      if (!meets) continue;
      // Where the step meets the extension, as a fraction along a -> b.
      const double s = side_p / (side_p - side_q);
      const Vec hit{p.x + s * (q.x - p.x), p.y + s * (q.y - p.y)};
      const double along = ((hit.x - a.x) * (b.x - a.x) + (hit.y - a.y) * (b.y - a.y)) / length;
      margin.end_px = std::min(margin.end_px, std::abs(along <= length * 0.5 ? along : length - along));
    }
  }
  return margin;
}

}  // namespace footfall

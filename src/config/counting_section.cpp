// Counting geometry of a camera: `lines` (directed segments) and `zones` (polygons), and the point-list reader they
// share with `roi`.
#include <cmath>
#include <set>

#include "sections.h"

namespace footfall::config {

namespace {

double cross(Point o, Point a, Point b) {
  return static_cast<double>(a.x - o.x) * (b.y - o.y) - static_cast<double>(a.y - o.y) * (b.x - o.x);
}

// Proper or touching intersection of segments pq and rs.
bool segments_intersect(Point p, Point q, Point r, Point s) {
  const double d1 = cross(r, s, p);
  const double d2 = cross(r, s, q);
  const double d3 = cross(p, q, r);
  const double d4 = cross(p, q, s);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  auto on = [](Point a, Point b, Point c, double d) {
    return d == 0.0 && c.x >= std::min(a.x, b.x) && c.x <= std::max(a.x, b.x) && c.y >= std::min(a.y, b.y) &&
           c.y <= std::max(a.y, b.y);
  };
  return on(r, s, p, d1) || on(r, s, q, d2) || on(p, q, r, d3) || on(p, q, s, d4);
}

bool self_intersecting(const Polygon& polygon) {
  const std::size_t n = polygon.size();
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const bool adjacent = j == i + 1 || (i == 0 && j == n - 1);
      if (adjacent) continue;
      if (segments_intersect(polygon[i], polygon[(i + 1) % n], polygon[j], polygon[(j + 1) % n])) return true;
    }
  }
  return false;
}

// Iterates a map of name -> settings, checking names; calls `read` for each valid, unique one.
template <typename Read>
void for_each_named(YamlReader& reader, const YAML::Node& node, const std::string& path, const std::string& what,
                    Read read) {
  if (node.IsNull()) return;
  if (!reader.expect_map(node, path, "a map of " + what + " name to settings")) return;
  std::set<std::string> names;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar()) {
      reader.problem(path, what + " names must be plain names, got " + describe(it->first));
      continue;
    }
    const std::string& name = it->first.Scalar();
    const std::string item_path = key_path(path, name);
    if (!valid_name(name)) {
      reader.problem(item_path, "invalid " + what + " name; use letters, digits, '_' and '-' only");
    } else if (!names.insert(name).second) {
      reader.problem(item_path, "duplicate " + what + " name");
    } else {
      read(name, it->second, item_path);
    }
  }
}

}  // namespace

bool encloses_area(const Polygon& polygon) {
  double twice_area = 0.0;
  for (std::size_t i = 0; i < polygon.size(); ++i) {
    const Point& a = polygon[i];
    const Point& b = polygon[(i + 1) % polygon.size()];
    twice_area += static_cast<double>(a.x) * b.y - static_cast<double>(b.x) * a.y;
  }
  return std::abs(twice_area) > 1e-12;
}

bool valid_name(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::optional<Polygon> read_points(YamlReader& reader, const YAML::Node& node, const std::string& path,
                                   std::size_t min_points, bool& normalized) {
  if (!node.IsSequence()) {
    reader.problem(path, "must be a list of [x, y] points, got " + describe(node));
    return std::nullopt;
  }
  if (node.size() < min_points) {
    reader.problem(path, "needs at least " + std::to_string(min_points) + " points, got " + std::to_string(node.size()));
    return std::nullopt;
  }
  Polygon points;
  bool ok = true;
  normalized = true;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node point = node[i];
    const std::string point_path = index_path(path, i);
    if (!point.IsSequence() || point.size() != 2) {
      reader.problem(point_path, "must be a point [x, y], got " + describe(point));
      ok = false;
      continue;
    }
    auto x = reader.number_in(point[0], index_path(point_path, 0), 0.0, 1e6);
    auto y = reader.number_in(point[1], index_path(point_path, 1), 0.0, 1e6);
    if (!x || !y) {
      ok = false;
      continue;
    }
    points.push_back({static_cast<float>(*x), static_cast<float>(*y)});
    normalized = normalized && *x <= 1.0 && *y <= 1.0;
  }
  if (!ok) return std::nullopt;
  return points;
}

std::vector<LineConfig> read_lines(YamlReader& reader, const YAML::Node& node, const std::string& path) {
  std::vector<LineConfig> lines;
  for_each_named(reader, node, path, "line", [&](const std::string& name, const YAML::Node& item,
                                                 const std::string& item_path) {
    if (!reader.expect_map(item, item_path, "a map with points: [[x1, y1], [x2, y2]]")) return;
    reader.check_keys(item, item_path, {"points", "hysteresis", "hysteresis_fraction"});
    LineConfig line;
    line.name = name;
    const std::string points_path = key_path(item_path, "points");
    if (!item["points"].IsDefined()) {
      reader.problem(points_path, "missing; a line needs points: [[x1, y1], [x2, y2]]");
      return;
    }
    bool normalized = false;
    auto points = read_points(reader, item["points"], points_path, 2, normalized);
    if (!points) return;
    if (points->size() != 2) {
      reader.problem(points_path, "a line has exactly 2 points, got " + std::to_string(points->size()));
      return;
    }
    if ((*points)[0].x == (*points)[1].x && (*points)[0].y == (*points)[1].y) {
      reader.problem(points_path, "the two points are equal; a line needs two different points");
      return;
    }
    line.a = (*points)[0];
    line.b = (*points)[1];
    line.normalized = normalized;
    if (auto h = reader.number_in(item["hysteresis"], key_path(item_path, "hysteresis"), 0.0, 1000.0)) {
      line.hysteresis_px = static_cast<float>(*h);
    }
    if (auto f = reader.number_in(item["hysteresis_fraction"], key_path(item_path, "hysteresis_fraction"), 0.0, 1.0)) {
      line.hysteresis_fraction = static_cast<float>(*f);
    }
    lines.push_back(line);
  });
  return lines;
}

std::vector<ZoneConfig> read_zones(YamlReader& reader, const YAML::Node& node, const std::string& path) {
  std::vector<ZoneConfig> zones;
  for_each_named(reader, node, path, "zone", [&](const std::string& name, const YAML::Node& item,
                                                 const std::string& item_path) {
    if (!reader.expect_map(item, item_path, "a map with points: [[x, y], ...] (at least 3)")) return;
    reader.check_keys(item, item_path, {"points", "inertia", "queue"});
    ZoneConfig zone;
    zone.name = name;
    const std::string points_path = key_path(item_path, "points");
    if (!item["points"].IsDefined()) {
      reader.problem(points_path, "missing; a zone needs points: [[x, y], ...] (at least 3)");
      return;
    }
    auto polygon = read_points(reader, item["points"], points_path, 3, zone.normalized);
    if (!polygon) return;
    if (self_intersecting(*polygon)) {
      reader.problem(points_path, "the polygon crosses itself; list its corners in order around the zone");
      return;
    }
    if (!encloses_area(*polygon)) {
      reader.problem(points_path, "the points enclose no area (all on one line?)");
      return;
    }
    zone.polygon = std::move(*polygon);
    if (auto s = reader.number_in(item["inertia"], key_path(item_path, "inertia"), 0.0, 3600.0)) {
      zone.inertia_seconds = *s;
    }
    if (auto q = reader.boolean(item["queue"], key_path(item_path, "queue"))) zone.queue = *q;
    zones.push_back(std::move(zone));
  });
  return zones;
}

}  // namespace footfall::config

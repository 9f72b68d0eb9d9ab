#include "footfall/app/track_counter.h"

#include <cstdlib>
#include <sstream>

#include "footfall/app/appearance_descriptor.h"
#include "footfall/count/validation.h"

namespace footfall {

namespace {

Point to_pixels(Point p, bool normalized, int width, int height) {
  if (!normalized) return p;
  return {p.x * static_cast<float>(width), p.y * static_cast<float>(height)};
}

// "NAME=v1,v2,..." -> name and numbers.
Result<std::pair<std::string, std::vector<float>>> split_flag(const std::string& flag, const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    return make_error(flag + " '" + text + "': expected NAME=x1,y1,x2,y2,...");
  }
  std::vector<float> values;
  std::stringstream ss(text.substr(eq + 1));
  std::string item;
  while (std::getline(ss, item, ',')) {
    char* end = nullptr;
    const float v = std::strtof(item.c_str(), &end);
    if (item.empty() || end == item.c_str() || *end != '\0') {
      return make_error(flag + " '" + text + "': '" + item + "' is not a number");
    }
    if (v < 0.0f) return make_error(flag + " '" + text + "': coordinates must not be negative");
    values.push_back(v);
  }
  if (values.size() % 2 != 0) return make_error(flag + " '" + text + "': an odd number of coordinates");
  return std::make_pair(text.substr(0, eq), values);
}

bool all_normalized(const std::vector<float>& v) {
  for (float x : v) {
    if (x > 1.0f) return false;
  }
  return true;
}

}  // namespace

Result<LineConfig> parse_line_flag(const std::string& text) {
  auto parts = split_flag("--line", text);
  if (!parts) return parts.error();
  const auto& [name, v] = *parts;
  if (v.size() != 4) return make_error("--line '" + text + "': a line has exactly 2 points (x1,y1,x2,y2)");
  LineConfig line;
  line.name = name;
  line.a = {v[0], v[1]};
  line.b = {v[2], v[3]};
  if (line.a.x == line.b.x && line.a.y == line.b.y) {
    return make_error("--line '" + text + "': the two points are equal");
  }
  line.normalized = all_normalized(v);
  return line;
}

Result<ZoneConfig> parse_zone_flag(const std::string& text, const std::string& flag) {
  auto parts = split_flag(flag, text);
  if (!parts) return parts.error();
  const auto& [name, v] = *parts;
  if (v.size() < 6) return make_error(flag + " '" + text + "': a zone needs at least 3 points");
  ZoneConfig zone;
  zone.name = name;
  for (std::size_t i = 0; i + 1 < v.size(); i += 2) zone.polygon.push_back({v[i], v[i + 1]});
  zone.normalized = all_normalized(v);
  return zone;
}

TrackCounter::TrackCounter(std::vector<LineConfig> lines, std::vector<ZoneConfig> zones, TrackerParams params,
                           double hold_seconds)
    : line_configs_(std::move(lines)),
      zone_configs_(std::move(zones)),
      tracker_(params),
      hold_ms_(static_cast<TimestampMs>(hold_seconds * 1000.0)) {}

Result<CountingGeometry> resolve_counting_geometry(const std::vector<LineConfig>& line_configs,
                                                   const std::vector<ZoneConfig>& zone_configs, int width,
                                                   int height, const std::string& key_prefix) {
  const auto name = [&key_prefix](const char* kind, const std::string& n) {
    return key_prefix.empty() ? std::string(kind) + " " + n : key_prefix + "." + kind + "s." + n;
  };
  CountingGeometry out;
  for (const LineConfig& c : line_configs) {
    LineParams p;
    p.name = c.name;
    p.a = to_pixels(c.a, c.normalized, width, height);
    p.b = to_pixels(c.b, c.normalized, width, height);
    p.hysteresis_px = c.hysteresis_px;
    p.hysteresis_fraction = c.hysteresis_fraction;
    if (auto problem = validate_line(p, width, height)) return make_error(name("line", c.name) + ": " + *problem);
    out.lines.push_back(p);
  }
  for (const ZoneConfig& c : zone_configs) {
    ZoneParams p;
    p.name = c.name;
    for (const Point& q : c.polygon) p.polygon.push_back(to_pixels(q, c.normalized, width, height));
    p.inertia_s = c.inertia_seconds;
    p.is_queue = c.queue;
    if (auto problem = validate_zone(p, width, height)) return make_error(name("zone", c.name) + ": " + *problem);
    out.zones.push_back(p);
  }
  return out;
}

Status TrackCounter::configure(int width, int height) {
  auto geometry = resolve_counting_geometry(line_configs_, zone_configs_, width, height);
  if (!geometry) return geometry.error();
  lines_.emplace(std::move(geometry->lines));
  zones_.emplace(std::move(geometry->zones));
  return {};
}

Result<TrackedFrame> TrackCounter::update(const FrameCount& count) { return track(count, count.detections); }

Result<TrackedFrame> TrackCounter::track(const FrameCount& count, const Detections& detections) {
  if (!lines_) {
    if (Status s = configure(count.frame_width, count.frame_height); !s) return s.error();
  }
  TrackedFrame out;
  Tracks matched = tracker_.update(detections, count.timestamp_ms);
  // Counters also see lost tracks, so that a brief occlusion keeps a track's crossing and visit state.
  Tracks all = matched;
  const Tracks lost = tracker_.lost_tracks();
  all.insert(all.end(), lost.begin(), lost.end());
  out.crossings = lines_->update(all, count.timestamp_ms);
  out.visits = zones_->update(all, count.timestamp_ms);
  out.zone_occupancy = zones_->occupancy();
  for (Track& t : matched) {
    if (t.confirmed()) out.tracks.push_back(t);
  }
  out.tracked_count = static_cast<int>(out.tracks.size());
  for (const Track& t : lost) {
    if (count.timestamp_ms - t.last_seen_ms < hold_ms_) ++out.tracked_count;
  }
  return out;
}

Result<TrackedFrame> TrackCounter::update(FrameCount& count, const cv::Mat& image) {
  if (!static_filter_) return track_described(count, image);
  const int ignored = static_filter_->filter(count.detections);
  if (ignored > 0) {
    count.count = static_cast<int>(count.detections.size());
    float sum = 0.0f;
    for (const Detection& d : count.detections) sum += d.confidence;
    count.mean_confidence = count.count > 0 ? sum / static_cast<float>(count.count) : 0.0f;
  }
  auto out = track_described(count, image);
  if (!out) return out;
  out->ignored = ignored;
  static_filter_->observe(count.detections, image, count.timestamp_ms);
  return out;
}

Result<TrackedFrame> TrackCounter::track_described(const FrameCount& count, const cv::Mat& image) {
  if (!uses_appearance(tracker_.params()) || image.empty()) return track(count, count.detections);
  Detections described = count.detections;
  describe_appearances(image, described);
  return track(count, described);
}

void TrackCounter::set_static_filter(std::unique_ptr<StaticObjectFilter> filter) { static_filter_ = std::move(filter); }

std::vector<ZoneVisit> TrackCounter::flush() { return zones_ ? zones_->flush() : std::vector<ZoneVisit>{}; }

const std::vector<LineParams>& TrackCounter::lines() const {
  static const std::vector<LineParams> none;
  return lines_ ? lines_->lines() : none;
}

const std::vector<ZoneParams>& TrackCounter::zones() const {
  static const std::vector<ZoneParams> none;
  return zones_ ? zones_->zones() : none;
}

const std::vector<LineTotals>& TrackCounter::line_totals() const {
  static const std::vector<LineTotals> none;
  return lines_ ? lines_->totals() : none;
}

QueueSnapshot TrackCounter::queue(std::size_t zone) const { return zones_ ? zones_->queue(zone) : QueueSnapshot{}; }

}  // namespace footfall

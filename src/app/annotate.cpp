#include "footfall/app/annotate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace footfall {

namespace {

const cv::Scalar kWhite(255, 255, 255);
const cv::Scalar kBlack(0, 0, 0);
const cv::Scalar kDetection(160, 160, 160);
const cv::Scalar kLine(0, 215, 255);   // amber
const cv::Scalar kZone(255, 140, 0);   // blue

cv::Point to_cv(Point p) { return {static_cast<int>(std::lround(p.x)), static_cast<int>(std::lround(p.y))}; }

cv::Rect to_rect(const Box& b) {
  return {to_cv({b.x, b.y}), cv::Size(static_cast<int>(std::lround(b.width)), static_cast<int>(std::lround(b.height)))};
}

// A stable, well-separated colour per track id (golden-angle hue steps), saturated and bright.
cv::Scalar track_colour(std::int64_t id) {
  const double hue = std::fmod(static_cast<double>(id) * 137.508, 360.0) / 2.0;  // OpenCV hue is 0..180
  cv::Mat hsv(1, 1, CV_8UC3, cv::Scalar(hue, 220, 255));
  cv::Mat bgr;
  cv::cvtColor(hsv, bgr, cv::COLOR_HSV2BGR);
  const cv::Vec3b c = bgr.at<cv::Vec3b>(0, 0);
  return {static_cast<double>(c[0]), static_cast<double>(c[1]), static_cast<double>(c[2])};
}

// Text on a filled box, so it stays readable on any background.
void label(cv::Mat& canvas, const std::string& text, cv::Point origin, const cv::Scalar& background,
           const cv::Scalar& foreground = kBlack, double scale = 0.45) {
  int baseline = 0;
  const cv::Size size = cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, scale, 1, &baseline);
  origin.x = std::clamp(origin.x, 0, std::max(0, canvas.cols - size.width - 4));
  // Below the 24-pixel banner, above the bottom edge.
  const int top = 24 + size.height + 4;
  origin.y = std::clamp(origin.y, top, std::max(top, canvas.rows - baseline - 2));
  cv::rectangle(canvas, cv::Rect(origin.x, origin.y - size.height - 3, size.width + 4, size.height + baseline + 4),
                background, cv::FILLED);
  cv::putText(canvas, text, origin + cv::Point(2, 0), cv::FONT_HERSHEY_SIMPLEX, scale, foreground, 1, cv::LINE_AA);
}

void draw_line(cv::Mat& canvas, const LineParams& line, const LineTotals& totals) {
  const cv::Point a = to_cv(line.a);
  const cv::Point b = to_cv(line.b);
  cv::line(canvas, a, b, kLine, 2, cv::LINE_AA);
  cv::circle(canvas, a, 4, kLine, cv::FILLED, cv::LINE_AA);
  // An arrow from the middle towards the `in` side: the right-hand side of the walk from a to b (y down).
  const double dx = line.b.x - line.a.x;
  const double dy = line.b.y - line.a.y;
  const double length = std::hypot(dx, dy);
  if (length > 0.0) {
    const cv::Point2d normal(-dy / length, dx / length);  // right-hand normal in image coordinates
    const cv::Point mid = to_cv({(line.a.x + line.b.x) / 2.0f, (line.a.y + line.b.y) / 2.0f});
    const cv::Point tip = mid + cv::Point(static_cast<int>(normal.x * 24.0), static_cast<int>(normal.y * 24.0));
    cv::arrowedLine(canvas, mid, tip, kLine, 2, cv::LINE_AA, 0, 0.35);
    label(canvas, "in", tip + cv::Point(4, 4), kLine);
  }
  // The name and totals beside the middle, on the `out` side, so they never hide the arrow.
  const std::string text = line.name + "  in " + std::to_string(totals.in) + "  out " + std::to_string(totals.out);
  cv::Point at = to_cv({(line.a.x + line.b.x) / 2.0f, (line.a.y + line.b.y) / 2.0f});
  if (length > 0.0) at -= cv::Point(static_cast<int>(-dy / length * 30.0), static_cast<int>(dx / length * 30.0));
  label(canvas, text, at + cv::Point(4, 0), kLine);
}

void draw_zone(cv::Mat& canvas, const ZoneParams& zone, int occupancy) {
  if (zone.polygon.size() < 3) return;
  std::vector<cv::Point> points;
  for (const Point& p : zone.polygon) points.push_back(to_cv(p));
  cv::Mat tinted = canvas.clone();
  cv::fillPoly(tinted, std::vector<std::vector<cv::Point>>{points}, kZone, cv::LINE_AA);
  cv::addWeighted(tinted, 0.25, canvas, 0.75, 0.0, canvas);
  cv::polylines(canvas, std::vector<std::vector<cv::Point>>{points}, true, kZone, 2, cv::LINE_AA);
  const std::string text = zone.name + (zone.is_queue ? " (queue): " : ": ") + std::to_string(occupancy);
  cv::Point centre(0, 0);
  for (const cv::Point& p : points) centre += p;
  centre = cv::Point(centre.x / static_cast<int>(points.size()), centre.y / static_cast<int>(points.size()));
  label(canvas, text, centre, kZone, kWhite);
}

}  // namespace

TrackingOverlay tracking_overlay(const TrackedFrame& frame, const TrackCounter& counter) {
  TrackingOverlay overlay;
  overlay.tracks = frame.tracks;
  overlay.tracked_count = frame.tracked_count;
  overlay.lines = counter.lines();
  overlay.line_totals = counter.line_totals();
  overlay.zones = counter.zones();
  overlay.zone_occupancy = frame.zone_occupancy;
  if (const StaticObjectFilter* filter = counter.static_filter()) overlay.ignore_regions = filter->regions();
  return overlay;
}

void draw_detections(cv::Mat& canvas, const FrameCount& count) {
  for (const Detection& d : count.detections) {
    const cv::Rect r = to_rect(d.box);
    cv::rectangle(canvas, r, kDetection, 1);
    char text[16];
    std::snprintf(text, sizeof text, "%.2f", static_cast<double>(d.confidence));
    cv::putText(canvas, text, cv::Point(r.x + 2, r.y + r.height - 4), cv::FONT_HERSHEY_SIMPLEX, 0.35, kDetection, 1);
  }
}

void draw_tracking(cv::Mat& canvas, const TrackingOverlay& overlay) {
  for (std::size_t i = 0; i < overlay.zones.size(); ++i) {
    draw_zone(canvas, overlay.zones[i], i < overlay.zone_occupancy.size() ? overlay.zone_occupancy[i] : 0);
  }
  for (std::size_t i = 0; i < overlay.lines.size(); ++i) {
    draw_line(canvas, overlay.lines[i], i < overlay.line_totals.size() ? overlay.line_totals[i] : LineTotals{});
  }
  for (const Track& t : overlay.tracks) {
    const cv::Scalar colour = track_colour(t.id);
    const cv::Rect r = to_rect(t.box);
    cv::rectangle(canvas, r, colour, 2);
    cv::circle(canvas, to_cv({t.box.x + t.box.width / 2.0f, t.box.y + t.box.height}), 3, colour, cv::FILLED);
    label(canvas, "#" + std::to_string(t.id), r.tl() + cv::Point(0, -2), colour);
  }
}

Status write_png(const cv::Mat& canvas, const std::filesystem::path& png_path) {
  std::error_code ec;
  if (png_path.has_parent_path()) std::filesystem::create_directories(png_path.parent_path(), ec);
  const std::filesystem::path tmp = png_path.string() + ".tmp.png";
  try {
    if (!cv::imwrite(tmp.string(), canvas)) return make_error(png_path.string() + ": cannot write image");
  } catch (const cv::Exception& e) {
    return make_error(png_path.string() + ": cannot write image: " + e.what());
  }
  std::filesystem::rename(tmp, png_path, ec);
  if (ec) return make_error(png_path.string() + ": " + ec.message());
  return {};
}

Status write_annotated(const Frame& frame, const FrameCount& count, const std::filesystem::path& png_path,
                       const TrackingOverlay* overlay) {
  cv::Mat canvas = frame.image.clone();
  if (overlay != nullptr) draw_ignore_regions(canvas, overlay->ignore_regions);
  draw_detections(canvas, count);
  if (overlay != nullptr) draw_tracking(canvas, *overlay);
  std::string banner = "persons: " + std::to_string(count.count);
  if (overlay != nullptr) banner += "  tracked: " + std::to_string(overlay->tracked_count);
  banner += "  " + count.model;
  cv::rectangle(canvas, cv::Rect(0, 0, canvas.cols, 24), kBlack, cv::FILLED);
  cv::putText(canvas, banner, cv::Point(6, 17), cv::FONT_HERSHEY_SIMPLEX, 0.55, kWhite, 1, cv::LINE_AA);
  return write_png(canvas, png_path);
}

}  // namespace footfall

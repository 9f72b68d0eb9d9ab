#include "footfall/scene/ignore_region.h"

#include <cmath>
#include <cstdlib>
#include <sstream>

#include <opencv2/imgproc.hpp>

namespace footfall {

std::string_view to_string(IgnoreOrigin origin) {
  return origin == IgnoreOrigin::learned ? "learned" : "operator";
}

std::optional<IgnoreOrigin> parse_ignore_origin(std::string_view text) {
  if (text == "learned") return IgnoreOrigin::learned;
  if (text == "operator") return IgnoreOrigin::operator_set;
  return std::nullopt;
}

Result<IgnoreRegion> parse_ignore_region_flag(const std::string& text, const std::string& flag) {
  std::vector<float> values;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    char* end = nullptr;
    const float v = std::strtof(item.c_str(), &end);
    if (item.empty() || end == item.c_str() || *end != '\0' || !std::isfinite(v)) {
      return make_error(flag + " '" + text + "': '" + item + "' is not a number");
    }
    values.push_back(v);
  }
  if (values.size() != 4) return make_error(flag + " '" + text + "': expected x,y,width,height in pixels");
  if (values[0] < 0.0f || values[1] < 0.0f) {
    return make_error(flag + " '" + text + "': x and y must not be negative");
  }
  if (values[2] <= 0.0f || values[3] <= 0.0f) {
    return make_error(flag + " '" + text + "': width and height must be > 0");
  }
  IgnoreRegion region;
  region.box = {values[0], values[1], values[2], values[3]};
  region.origin = IgnoreOrigin::operator_set;
  return region;
}

std::string format_ignore_region(const IgnoreRegion& region) {
  const auto px = [](float v) { return std::to_string(std::lround(v)); };
  return px(region.box.x) + "," + px(region.box.y) + "," + px(region.box.width) + "," + px(region.box.height);
}

const IgnoreRegion* matching_region(const std::vector<IgnoreRegion>& regions, const Box& box, float min_iou) {
  const IgnoreRegion* best = nullptr;
  float best_iou = min_iou;
  for (const IgnoreRegion& r : regions) {
    if (!r.enabled) continue;
    const float v = iou(r.box, box);
    if (v >= best_iou) {
      best = &r;
      best_iou = v;
    }
  }
  return best;
}

int drop_ignored(Detections& detections, const std::vector<IgnoreRegion>& regions, float min_iou) {
  const auto before = detections.size();
  std::erase_if(detections,
                [&](const Detection& d) { return matching_region(regions, d.box, min_iou) != nullptr; });
  return static_cast<int>(before - detections.size());
}

void draw_ignore_regions(cv::Mat& canvas, const std::vector<IgnoreRegion>& regions) {
  const cv::Rect frame(0, 0, canvas.cols, canvas.rows);
  for (const IgnoreRegion& r : regions) {
    const cv::Rect box = cv::Rect(cv::Point(static_cast<int>(r.box.x), static_cast<int>(r.box.y)),
                                  cv::Size(static_cast<int>(r.box.width), static_cast<int>(r.box.height))) &
                         frame;
    if (box.empty()) continue;
    if (!r.enabled) {
      cv::rectangle(canvas, box, cv::Scalar(160, 160, 160), 1);
      continue;
    }
    const cv::Scalar magenta(255, 0, 255);
    cv::Mat roi = canvas(box);
    for (int d = -box.height; d < box.width; d += 12) {  // diagonal hatching, clipped to the box
      cv::line(roi, cv::Point(d, 0), cv::Point(d + box.height, box.height), magenta, 1, cv::LINE_AA);
    }
    cv::rectangle(canvas, box, magenta, 2);
    const std::string label = "ignored (" + std::string(to_string(r.origin)) + ")";
    cv::putText(canvas, label, box.tl() + cv::Point(2, -4), cv::FONT_HERSHEY_SIMPLEX, 0.45, magenta, 1, cv::LINE_AA);
  }
}

}  // namespace footfall

// Ignore regions: boxes of a camera's frame where person detections are dropped before tracking and counting,
// because something there looks like a person but never moves (a sign, a mannequin, a coat on a rack). Learned by
// the StaticObjectFilter or set by the operator; plain data, so the operator can list, disable or delete them and
// the store can keep them (table ignore_regions: camera, id, x, y, width, height, origin, created_ms, enabled).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "footfall/core/detection.h"
#include "footfall/core/geometry.h"
#include "footfall/core/result.h"
#include "footfall/core/time.h"

namespace footfall {

enum class IgnoreOrigin { learned, operator_set };

struct IgnoreRegion {
  std::int64_t id = 0;  // unique per camera (StaticObjectFilter numbers new regions above the largest given id)
  Box box;              // frame pixels
  IgnoreOrigin origin = IgnoreOrigin::operator_set;
  TimestampMs created_ms = 0;
  bool enabled = true;  // a disabled region is kept (so it is not learned again) but drops nothing
};

// "learned" / "operator", as stored.
std::string_view to_string(IgnoreOrigin origin);
std::optional<IgnoreOrigin> parse_ignore_origin(std::string_view text);

// Parses "x,y,w,h" in pixels (--ignore-region); an operator region. Errors name the flag value and the problem.
Result<IgnoreRegion> parse_ignore_region_flag(const std::string& text, const std::string& flag = "--ignore-region");
// "x,y,w,h" (rounded pixels), the inverse of the flag.
std::string format_ignore_region(const IgnoreRegion& region);

// The enabled region whose box has the highest IoU >= min_iou with `box`; nullptr when none.
const IgnoreRegion* matching_region(const std::vector<IgnoreRegion>& regions, const Box& box, float min_iou);
// Removes from `detections` those matching an enabled region (IoU >= min_iou); returns how many were removed.
int drop_ignored(Detections& detections, const std::vector<IgnoreRegion>& regions, float min_iou);

// Draws the regions on a BGR canvas: enabled ones as a hatched magenta box labelled "ignored" with their origin,
// disabled ones as a thin grey outline.
void draw_ignore_regions(cv::Mat& canvas, const std::vector<IgnoreRegion>& regions);

}  // namespace footfall

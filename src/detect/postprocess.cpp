#include "footfall/detect/postprocess.h"

#include <algorithm>

namespace footfall {

Detections non_max_suppression(Detections detections, float iou_threshold) {
  std::stable_sort(detections.begin(), detections.end(),
                   [](const Detection& a, const Detection& b) { return a.confidence > b.confidence; });
  Detections kept;
  kept.reserve(detections.size());
  for (const Detection& candidate : detections) {
    bool suppressed = false;
    for (const Detection& k : kept) {
      if (k.class_id == candidate.class_id && iou(k.box, candidate.box) > iou_threshold) {
        suppressed = true;
        break;
      }
    }
    if (!suppressed) kept.push_back(candidate);
  }
  return kept;
}

Detections filter_min_size(Detections detections, float min_width, float min_height) {
  std::erase_if(detections, [&](const Detection& d) { return d.box.width < min_width || d.box.height < min_height; });
  return detections;
}

Detections filter_roi(Detections detections, const Polygon& roi) {
  if (roi.empty()) return detections;
  std::erase_if(detections, [&](const Detection& d) { return !contains(roi, d.box.bottom_centre()); });
  return detections;
}

}  // namespace footfall

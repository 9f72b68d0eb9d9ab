// Post-processing shared by every backend: threshold, class filter, NMS, minimum size, region of interest.
#pragma once

#include "footfall/core/detection.h"
#include "footfall/core/geometry.h"

namespace footfall {

// Greedy non-maximum suppression per class; keeps the higher-confidence box of any pair with IoU > iou_threshold.
// Output sorted by confidence, descending.
Detections non_max_suppression(Detections detections, float iou_threshold);

// Drops boxes narrower or shorter than the minimum.
Detections filter_min_size(Detections detections, float min_width, float min_height);

// Keeps detections whose bottom-centre lies inside `roi` (pixels). An empty roi keeps everything.
Detections filter_roi(Detections detections, const Polygon& roi);

}  // namespace footfall

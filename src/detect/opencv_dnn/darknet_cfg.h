// Darknet .cfg text handling for the OpenCV DNN backend.
#pragma once

#include <string>

namespace footfall::dnn {

// OpenCV's Darknet importer zeroes every class score below the [yolo] section's `thresh` (0.2 when unset).
// Returns `cfg` with `thresh=<value>` set in every [yolo] section: an existing `thresh` line is replaced, otherwise
// one is inserted after the section header. Other keys (ignore_thresh, iou_thresh, ...) are left alone.
std::string with_yolo_thresh(const std::string& cfg, float thresh);

struct DarknetCfgInfo {
  int width = 0;     // [net] width, 0 when absent
  int height = 0;    // [net] height
  int classes = 0;   // `classes` of the first [yolo] (or [region]) section, 0 when absent
  int yolo_sections = 0;
};

DarknetCfgInfo read_darknet_cfg_info(const std::string& cfg);

}  // namespace footfall::dnn

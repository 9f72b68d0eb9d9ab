// Parameter structs shared by config, ingest, detect and app. Plain data with defaults; validated by config.
#pragma once

#include <optional>
#include <string>

#include "footfall/core/geometry.h"
#include "footfall/core/time.h"

namespace footfall {

// Which frames of a source are analysed.
struct SamplingParams {
  enum class Mode { every_frame, fps, interval };
  Mode mode = Mode::every_frame;
  double value = 0.0;  // frames per second for fps (>0, <=1000); seconds for interval (0.05..3600)

  static SamplingParams every_frame() { return {Mode::every_frame, 0.0}; }
  static SamplingParams fps(double f) { return {Mode::fps, f}; }
  static SamplingParams interval(double s) { return {Mode::interval, s}; }
};

// Detector post-processing and run-time settings.
struct DetectParams {
  float threshold = -1.0f;      // confidence threshold 0..1; < 0 means the model's manifest default
  float nms_threshold = 0.45f;  // IoU above which the lower-scored box is suppressed
  int input_width = 0;          // network input; 0 means the model's manifest default
  int input_height = 0;
  float min_box_width = 0.0f;   // pixels of the original frame; smaller boxes are dropped
  float min_box_height = 0.0f;
  int threads = 0;              // OpenCV threads for inference; 0 = all cores (the service: see workers)
  // The service's detector workers, shared by every camera (global detect section only); 0 = one per camera up to
  // the number of cores. The service gives each worker threads = cores / workers unless `threads` is set.
  int workers = 0;
};

// Which model to use and where to look for it.
struct ModelParams {
  std::string name;       // manifest name, "hog", or empty for the default model
  std::string path;       // explicit file (weights or .onnx); overrides the lookup
  std::string cache_dir;  // where downloads go; empty = $XDG_CACHE_HOME/footfall/models or ~/.cache/footfall/models
  bool allow_download = true;
};

}  // namespace footfall

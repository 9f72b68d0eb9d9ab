// Detector flags shared by count, bench and eval: --model, --threshold, --input-size, --threads, --min-box.
#pragma once

#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "footfall/core/params.h"
#include "footfall/core/result.h"
#include "footfall/detect/detector.h"

namespace footfall::cli {

struct DetectOptions {
  std::string model;       // manifest name, "hog", or a file path
  std::string model_file;  // explicit weights/.onnx file for the named model (--model NAME --model-file PATH)
  float threshold = -1.0f;
  float nms = 0.45f;
  std::string input_size;  // "WxH"
  int threads = 0;
  float min_box_height = 0.0f;
  bool no_download = false;
};

void add_detect_options(CLI::App& cmd, DetectOptions& options);

// Parses --input-size and builds the detector; prints the HOG-fallback warning if there is one.
Result<DetectParams> to_detect_params(const DetectOptions& options);
ModelParams to_model_params(const DetectOptions& options);
Result<std::unique_ptr<Detector>> make_detector(const DetectOptions& options);

}  // namespace footfall::cli

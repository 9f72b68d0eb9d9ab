// The OpenCV DNN backend: Darknet (cfg + weights) and ONNX models, pre-processed and decoded as their ModelSpec
// says. One instance per thread (cv::dnn::Net is not thread-safe).
#pragma once

#include <filesystem>
#include <memory>

#include "footfall/core/params.h"
#include "footfall/core/result.h"
#include "footfall/detect/detector.h"
#include "footfall/detect/model_manifest.h"

namespace footfall::dnn {

struct ModelPaths {
  std::filesystem::path model;   // .onnx, or Darknet .weights
  std::filesystem::path config;  // Darknet .cfg; empty for ONNX
};

// Network input size for `spec` under `params` (0 = the manifest default). Errors: a non-default size for a
// fixed-input model, a size that is not a multiple of spec.input_multiple, or out of range.
Result<cv::Size> resolve_input_size(const ModelSpec& spec, const DetectParams& params);

// Loads the network, runs one warm-up inference (so that a layout the decoder does not expect is reported here,
// not on the first frame) and returns the detector. Errors name the model and file. Sets cv::setNumThreads when
// params.threads > 0 (process-wide in OpenCV).
Result<std::unique_ptr<Detector>> create_dnn_detector(const ModelSpec& spec, const ModelPaths& paths,
                                                      const DetectParams& params);

}  // namespace footfall::dnn

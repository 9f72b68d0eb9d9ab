// Detector: finds persons in one BGR frame. Backends live in src/detect/<backend>/ and register in the factory.
// A Detector is not thread-safe; use one instance per thread.
#pragma once

#include <memory>
#include <string>

#include <opencv2/core/mat.hpp>

#include "footfall/core/detection.h"
#include "footfall/core/params.h"
#include "footfall/core/result.h"
#include "footfall/detect/model_locator.h"

namespace footfall {

class Detector {
 public:
  virtual ~Detector() = default;

  // Persons (class filter, confidence threshold, NMS, minimum box size applied), boxes in frame pixels.
  virtual Detections detect(const cv::Mat& bgr) = 0;

  virtual std::string name() const = 0;  // e.g. "yolo-fastest-1.1-body@320x320"
  virtual float threshold() const = 0;   // effective confidence threshold
  // True when running at a threshold t equals running at a lower threshold and keeping boxes >= t (greedy NMS: a
  // box is only suppressed by a higher-scoring one). False for HOG, whose window grouping depends on the threshold.
  virtual bool threshold_is_a_post_filter() const { return true; }
};

// Builds the detector for `model` (manifest name, explicit path, or "hog"), locating (and if needed downloading
// and verifying) its files. Errors name the model and file. `warning` (if given) is set when the HOG fallback
// was chosen because no model file could be found or downloaded.
//   name "hog"            -> OpenCV's HOG people detector (no files).
//   path (+ optional name) -> that file: .weights (Darknet; the .cfg beside it with the same stem, or the manifest
//                            cfg name) or .onnx. Its manifest spec comes from `name`, else from a manifest file
//                            with the same file name; an unknown .onnx without a name is an error (the decoder
//                            cannot be guessed). Explicit files are not checksummed: they may be the user's own.
//   name                  -> that manifest model, located per model_locator.h; missing files are an error.
//   neither               -> the default model; if its files cannot be found or downloaded, HOG and *warning.
Result<std::unique_ptr<Detector>> create_detector(const ModelParams& model, const DetectParams& params,
                                                  std::string* warning = nullptr);

// As above, with the lookup options given (search_dirs, verify); model.cache_dir and model.allow_download
// override the corresponding fields of `locate` when set (cache_dir non-empty, allow_download false).
Result<std::unique_ptr<Detector>> create_detector(const ModelParams& model, const DetectParams& params,
                                                  const LocateOptions& locate, std::string* warning);

}  // namespace footfall

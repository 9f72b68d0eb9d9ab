// Detector: finds persons in one BGR frame. Backends live in src/detect/<backend>/ and register in the factory.
// A Detector is not thread-safe; use one instance per thread.
#pragma once

#include <memory>
#include <string>

#include <opencv2/core/mat.hpp>

#include "footfall/core/detection.h"
#include "footfall/core/params.h"
#include "footfall/core/result.h"

namespace footfall {

class Detector {
 public:
  virtual ~Detector() = default;

  // Persons (class filter, confidence threshold, NMS, minimum box size applied), boxes in frame pixels.
  virtual Detections detect(const cv::Mat& bgr) = 0;

  virtual std::string name() const = 0;  // e.g. "yolo-fastest-1.1-body@320x320"
  virtual float threshold() const = 0;   // effective confidence threshold
};

// Builds the detector for `model` (manifest name, explicit path, or "hog"), locating (and if needed downloading
// and verifying) its files. Errors name the model and file. `warning` (if given) is set when the HOG fallback
// was chosen because no model file could be found or downloaded.
Result<std::unique_ptr<Detector>> create_detector(const ModelParams& model, const DetectParams& params,
                                                  std::string* warning = nullptr);

}  // namespace footfall

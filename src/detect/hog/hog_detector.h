// OpenCV's built-in HOG + linear SVM people detector (Dalal-Triggs, 64x128 window): the zero-download fallback.
#pragma once

#include <memory>

#include "footfall/core/params.h"
#include "footfall/core/result.h"
#include "footfall/detect/detector.h"

namespace footfall::hog {

// Default confidence threshold (see hog_detector.cpp for how SVM scores map to confidences). 0.35 (SVM margin
// -0.62) gives HOG its lowest count error over both TUD sequences together (MAE 1.18 / 1.17; at 0.5 it misses
// most people: 2.75 / 2.17), measured with `footfall eval --model hog --thresholds ...` (docs/models.md).
inline constexpr float kDefaultThreshold = 0.35f;

// params.input_width/height, when set, resize the frame before detection (people shorter than ~128 px at that
// scale are missed); 0 keeps the frame size. threads as for the DNN backend.
Result<std::unique_ptr<Detector>> create_hog_detector(const DetectParams& params);

// The confidence given to a HOG window with SVM decision value `margin`, and its inverse.
float margin_to_confidence(double margin);
double confidence_to_margin(float confidence);

}  // namespace footfall::hog

// One detected person in one frame.
#pragma once

#include <vector>

#include "footfall/core/geometry.h"

namespace footfall {

struct Detection {
  Box box;                  // pixels of the original frame
  float confidence = 0.0f;  // 0..1, after the model's own score combination
  int class_id = 0;         // model class id (person is 0 in every shipped model)
  // Optional appearance descriptor of the person (app/appearance_descriptor.h): non-negative, unit L2 length, the
  // same length for every detection of a camera. Empty = none: the tracker then associates on overlap alone.
  std::vector<float> appearance{};
};

using Detections = std::vector<Detection>;

}  // namespace footfall

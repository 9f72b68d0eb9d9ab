// The result of analysing one frame: what gets stored (all but the boxes) and printed.
#pragma once

#include <cstdint>
#include <string>

#include "footfall/core/detection.h"
#include "footfall/core/time.h"

namespace footfall {

struct FrameCount {
  std::string camera;
  TimestampMs timestamp_ms = 0;
  std::int64_t frame_index = 0;  // 1-based index of the frame in decode order
  int count = 0;                 // persons after all filters
  float mean_confidence = 0.0f;  // mean confidence of the counted persons; 0 when count is 0
  std::string model;
  int frame_width = 0;
  int frame_height = 0;
  Detections detections;  // not stored; for output and annotation
};

// A period in which a camera delivered no frames (stream dropped, device gone).
struct SourceGap {
  std::string camera;
  TimestampMs start_ms = 0;  // last frame before the outage (or when the outage was noticed)
  TimestampMs end_ms = 0;    // first frame after it came back
  std::string reason;
};

}  // namespace footfall

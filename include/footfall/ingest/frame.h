// A decoded frame with its timestamp. Frames live only in memory; nothing here is ever written to disk.
#pragma once

#include <cstdint>
#include <string>

#include <opencv2/core/mat.hpp>

#include "footfall/core/time.h"

namespace footfall {

struct Frame {
  cv::Mat image;                 // BGR, 8-bit
  TimestampMs timestamp_ms = 0;  // UTC: wall clock for live sources, start time + presentation time for files
  std::int64_t index = 0;        // 1-based index in decode order (for an inbox: order of processing)
  std::string origin;            // inbox: the snapshot file path; otherwise empty
};

}  // namespace footfall

// Small pieces shared by the cv::VideoCapture-based sources (file, stream, device).
#pragma once

#include <cstdint>

#include <opencv2/videoio.hpp>

#include "footfall/core/time.h"
#include "footfall/ingest/frame.h"
#include "footfall/ingest/source.h"

namespace footfall {

// The capture's reported frame rate, or 0 when it is missing or implausible (not finite, <= 0 or > 1000).
double reported_fps(cv::VideoCapture& capture);

// Live sources: reads the next frame into `frame`, stamped with the wall clock and the next 1-based index.
// False (and `frame` untouched) when the capture delivered nothing. With `wanted`, the frame is grabbed (decoded)
// and stamped first, and its pixels retrieved (converted to BGR) only when wanted(timestamp); otherwise
// frame.image is left empty.
bool read_live_frame(cv::VideoCapture& capture, const Clock& clock, std::int64_t& index, Frame& frame,
                     const FrameFilter* wanted = nullptr);

}  // namespace footfall

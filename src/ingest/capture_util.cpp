#include "capture_util.h"

#include <cmath>

namespace footfall {

double reported_fps(cv::VideoCapture& capture) {
  const double fps = capture.get(cv::CAP_PROP_FPS);
  return std::isfinite(fps) && fps > 0.0 && fps <= 1000.0 ? fps : 0.0;
}

bool read_live_frame(cv::VideoCapture& capture, const Clock& clock, std::int64_t& index, Frame& frame,
                     const FrameFilter* wanted) {
  if (wanted == nullptr) {
    cv::Mat image;  // a fresh buffer: the caller may still hold the previous frame's pixels
    if (!capture.read(image) || image.empty()) return false;
    frame.image = std::move(image);
    frame.timestamp_ms = clock.now_ms();
  } else {
    if (!capture.grab()) return false;
    const TimestampMs t = clock.now_ms();
    cv::Mat image;
    if ((*wanted)(t) && (!capture.retrieve(image) || image.empty())) return false;
    frame.image = std::move(image);
    frame.timestamp_ms = t;
  }
  frame.index = ++index;
  frame.origin.clear();
  return true;
}

}  // namespace footfall

// FrameAnalyzer: one frame in, one FrameCount out (detector + region of interest). Not thread-safe: one per
// pipeline thread, like the Detector it owns.
#pragma once

#include <memory>
#include <string>

#include "footfall/core/frame_count.h"
#include "footfall/core/geometry.h"
#include "footfall/detect/detector.h"
#include "footfall/ingest/frame.h"

namespace footfall {

class FrameAnalyzer {
 public:
  // `roi` in pixels, or in 0..1 of the frame size when `roi_normalized`; empty keeps the whole frame.
  FrameAnalyzer(std::unique_ptr<Detector> detector, std::string camera, Polygon roi = {}, bool roi_normalized = false);

  FrameCount analyze(const Frame& frame);

  Detector& detector() { return *detector_; }
  const std::string& camera() const { return camera_; }

 private:
  const Polygon& roi_for(int width, int height);

  std::unique_ptr<Detector> detector_;
  std::string camera_;
  Polygon roi_;
  bool roi_normalized_;
  Polygon roi_pixels_;
  int roi_width_ = -1;
  int roi_height_ = -1;
};

}  // namespace footfall

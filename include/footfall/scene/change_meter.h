// ChangeMeter: how much the pixels of a box changed over the last second or so, compared with how much the
// camera's noise alone changes a pixel. Used to tell a living person who stands still (breathes, sways, moves
// arms) from an object that looks like one (a sign, a mannequin).
//
// Contract: every `interval_seconds` of frame timestamps (a checkpoint), the frame is turned into a small blurred
// grey image (at most `max_width` wide) and compared with the previous checkpoint's. Memory: two such images
// (2 * 320 * 240 bytes for a 4:3 camera). A frame of another size restarts it. Not thread-safe; no clock.
#pragma once

#include <opencv2/core/mat.hpp>

#include "footfall/core/geometry.h"
#include "footfall/core/time.h"

namespace footfall {

class ChangeMeter {
 public:
  explicit ChangeMeter(double interval_seconds = 1.0, int max_width = 320);

  // Returns true when `frame` (BGR or grey, 8-bit) is a checkpoint that has a previous one to compare with; then
  // noise() and change() describe the change between the two until the next call.
  bool update(const cv::Mat& frame, TimestampMs t);

  // The camera's noise: the lower quartile, over 16x16-pixel blocks of the working image, of the mean absolute
  // grey change. A quarter of the blocks showing static background is enough for people moving through the rest not
  // to raise it (people close to the camera can fill half of the frame); a global light change raises it.
  float noise() const { return noise_; }
  // Mean absolute grey change inside `box` (frame pixels); 0 when the box is outside the frame.
  float change(const Box& box) const;
  // Grey levels of change above noise() in `box` (0 when at or below the noise).
  float excess_change(const Box& box) const;

 private:
  TimestampMs interval_ms_;
  int max_width_;
  cv::Size frame_size_;
  double scale_ = 1.0;       // working pixels per frame pixel
  cv::Mat previous_;         // grey, working size, last checkpoint
  cv::Mat diff_;             // |current - previous| at the last checkpoint
  TimestampMs last_ms_ = 0;
  float noise_ = 0.0f;
};

}  // namespace footfall

// BackgroundModel: an image of the scene without people, for drawing heatmaps over. Moving people vanish because
// each pixel takes the median of frames sampled seconds apart: a pixel covered by people in fewer than half of the
// samples shows the floor behind them.
//
// Contract: add() frames in timestamp order (BGR or grey, 8-bit); image() is the frame size, BGR. Frames are kept
// downscaled (at most `max_width` wide), so a 768x576 camera costs samples * 320 * 240 * 3 bytes (3.5 MB with the
// defaults). A frame of another size restarts the model. Not thread-safe; no clock (timestamps come with frames).
#pragma once

#include <cstddef>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "footfall/core/time.h"

namespace footfall {

enum class BackgroundMethod {
  ring_median,    // exact per-pixel median of the last `samples` sampled frames
  approx_median,  // one image; each sample moves every pixel by `approx_step` towards it (McFarlane & Schofield)
};

struct BackgroundParams {
  BackgroundMethod method = BackgroundMethod::ring_median;
  double sample_seconds = 2.0;  // one frame sampled every this many seconds of frame timestamps
  int samples = 15;             // ring_median: frames kept (the window is samples * sample_seconds)
  int min_samples = 5;          // ready() once this many frames were sampled
  int max_width = 320;          // working width in pixels; larger frames are downscaled (area)
  int approx_step = 1;          // approx_median: grey levels per sample
};

class BackgroundModel {
 public:
  explicit BackgroundModel(BackgroundParams params = {});

  // Samples `frame` when `sample_seconds` have passed since the last sample (or time went backwards). Returns true
  // when the frame was sampled. Empty frames and frames that are not 8-bit 1-, 3- or 4-channel are ignored.
  bool add(const cv::Mat& frame, TimestampMs t);
  bool ready() const;
  // The background at the size of the last frame, BGR 8-bit; empty before the first sample.
  cv::Mat image() const;

  std::size_t sample_count() const { return sampled_; }
  // Bytes of pixel data held (ring or running image), for the memory bound.
  std::size_t memory_bytes() const;
  void reset();

 private:
  void compute_median() const;

  BackgroundParams params_;
  cv::Size frame_size_;
  cv::Size work_size_;
  std::vector<cv::Mat> ring_;  // ring_median: downscaled BGR samples
  std::size_t next_ = 0;       // ring slot written next
  std::size_t sampled_ = 0;    // samples taken since the last reset
  TimestampMs last_sample_ms_ = 0;
  mutable cv::Mat median_;     // working size; ring_median: recomputed lazily
  mutable bool dirty_ = false;
};

}  // namespace footfall

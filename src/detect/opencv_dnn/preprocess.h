// Frame -> network input blob for the OpenCV DNN backend, and the inverse mapping of boxes back to the frame.
#pragma once

#include <array>

#include <opencv2/core/mat.hpp>

#include "footfall/core/geometry.h"
#include "footfall/detect/model_manifest.h"

namespace footfall::dnn {

// Where the frame sits inside the network input: input = frame / scale + offset (per axis).
struct InputTransform {
  cv::Size frame;          // frame size in pixels
  cv::Rect content;        // the resized frame's rectangle inside the input (all of it for stretch)
  float scale_x = 1.0f;    // frame pixels per input pixel
  float scale_y = 1.0f;

  // A box in input pixels to frame pixels, clipped to the frame.
  Box to_frame(const Box& input_box) const;
};

// Stretch fills the input; letterbox keeps the aspect ratio (scale min(W/w, H/h)) and puts the image at the
// top-left corner or centred (integer offsets).
InputTransform make_input_transform(cv::Size frame, cv::Size input, Resize resize);

struct PreprocessParams {
  cv::Size input;                      // network input in pixels
  Resize resize = Resize::stretch;
  double pad_value = 114.0;            // letterbox fill, a pixel value before scaling
  bool swap_rb = true;                 // blob channels in RGB order
  double scale = 1.0 / 255.0;          // blob = (pixel * scale - mean) / std, per blob channel
  std::array<double, 3> mean{0.0, 0.0, 0.0};
  std::array<double, 3> std{1.0, 1.0, 1.0};
};

PreprocessParams preprocess_params(const ModelSpec& spec, cv::Size input);

// Builds the 1x3xHxW float blob. Reuses its buffers across calls: nothing is allocated per frame while the frame
// size stays the same. Not thread-safe.
class Preprocessor {
 public:
  explicit Preprocessor(const PreprocessParams& params);

  // `bgr` is an 8-bit, 3-channel BGR frame. The returned blob stays valid until the next call.
  const cv::Mat& run(const cv::Mat& bgr);
  const InputTransform& transform() const { return transform_; }

 private:
  void fill_blob(const cv::Mat& image);

  PreprocessParams params_;
  std::array<float, 3> alpha_{};  // blob channel c = source channel src_channel_[c] * alpha_[c] + beta_[c]
  std::array<float, 3> beta_{};
  std::array<int, 3> src_channel_{};
  InputTransform transform_;
  cv::Mat canvas_;  // 8-bit input-sized image (letterbox padding stays in place between frames)
  cv::Mat blob_;
};

}  // namespace footfall::dnn

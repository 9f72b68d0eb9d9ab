#include "preprocess.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace footfall::dnn {

Box InputTransform::to_frame(const Box& b) const {
  const auto fw = static_cast<float>(frame.width);
  const auto fh = static_cast<float>(frame.height);
  const float x0 = std::clamp((b.x - static_cast<float>(content.x)) * scale_x, 0.0f, fw);
  const float y0 = std::clamp((b.y - static_cast<float>(content.y)) * scale_y, 0.0f, fh);
  const float x1 = std::clamp((b.right() - static_cast<float>(content.x)) * scale_x, 0.0f, fw);
  const float y1 = std::clamp((b.bottom() - static_cast<float>(content.y)) * scale_y, 0.0f, fh);
  return {x0, y0, x1 - x0, y1 - y0};
}

InputTransform make_input_transform(cv::Size frame, cv::Size input, Resize resize) {
  InputTransform t;
  t.frame = frame;
  if (resize == Resize::stretch) {
    t.content = cv::Rect(0, 0, input.width, input.height);
  } else {
    const double r = std::min(static_cast<double>(input.width) / frame.width,
                              static_cast<double>(input.height) / frame.height);
    const int w = std::clamp(static_cast<int>(std::lround(frame.width * r)), 1, input.width);
    const int h = std::clamp(static_cast<int>(std::lround(frame.height * r)), 1, input.height);
    const bool centre = resize == Resize::letterbox_centre;
    t.content = cv::Rect(centre ? (input.width - w) / 2 : 0, centre ? (input.height - h) / 2 : 0, w, h);
  }
  t.scale_x = static_cast<float>(frame.width) / static_cast<float>(t.content.width);
  t.scale_y = static_cast<float>(frame.height) / static_cast<float>(t.content.height);
  return t;
}

PreprocessParams preprocess_params(const ModelSpec& spec, cv::Size input) {
  PreprocessParams p;
  p.input = input;
  p.resize = spec.resize;
  p.pad_value = spec.pad_value;
  p.swap_rb = spec.swap_rb;
  p.scale = spec.scale;
  for (std::size_t c = 0; c < 3; ++c) {
    p.mean[c] = c < spec.mean.size() ? spec.mean[c] : 0.0;
    p.std[c] = c < spec.std.size() ? spec.std[c] : 1.0;
  }
  return p;
}

Preprocessor::Preprocessor(const PreprocessParams& params) : params_(params) {
  for (int c = 0; c < 3; ++c) {
    const auto i = static_cast<std::size_t>(c);
    alpha_[i] = static_cast<float>(params_.scale / params_.std[i]);
    beta_[i] = static_cast<float>(-params_.mean[i] / params_.std[i]);
    src_channel_[i] = params_.swap_rb ? 2 - c : c;
  }
  canvas_.create(params_.input, CV_8UC3);
  const int blob_shape[] = {1, 3, params_.input.height, params_.input.width};
  blob_.create(4, blob_shape, CV_32F);
}

const cv::Mat& Preprocessor::run(const cv::Mat& bgr) {
  CV_Assert(bgr.type() == CV_8UC3 && !bgr.empty());
  if (bgr.size() != transform_.frame) {
    transform_ = make_input_transform(bgr.size(), params_.input, params_.resize);
    const double pad = std::clamp(params_.pad_value, 0.0, 255.0);
    canvas_.setTo(cv::Scalar(pad, pad, pad));
  }
  if (params_.resize == Resize::stretch && bgr.size() == params_.input) {
    fill_blob(bgr);  // already the input size: no resize, no copy
  } else {
    cv::Mat content = canvas_(transform_.content);
    cv::resize(bgr, content, content.size(), 0.0, 0.0, cv::INTER_LINEAR);
    fill_blob(canvas_);
  }
  return blob_;
}

void Preprocessor::fill_blob(const cv::Mat& image) {
  const int w = image.cols;
  const int h = image.rows;
  const std::size_t plane = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
  float* out = blob_.ptr<float>();
  float* dst[3] = {out, out + plane, out + 2 * plane};
  const int s0 = src_channel_[0], s1 = src_channel_[1], s2 = src_channel_[2];
  const float a0 = alpha_[0], a1 = alpha_[1], a2 = alpha_[2];
  const float b0 = beta_[0], b1 = beta_[1], b2 = beta_[2];
  for (int y = 0; y < h; ++y) {
    const unsigned char* px = image.ptr<unsigned char>(y);
    float* d0 = dst[0] + static_cast<std::size_t>(y) * static_cast<std::size_t>(w);
    float* d1 = dst[1] + static_cast<std::size_t>(y) * static_cast<std::size_t>(w);
    float* d2 = dst[2] + static_cast<std::size_t>(y) * static_cast<std::size_t>(w);
    for (int x = 0; x < w; ++x, px += 3) {
      d0[x] = static_cast<float>(px[s0]) * a0 + b0;
      d1[x] = static_cast<float>(px[s1]) * a1 + b1;
      d2[x] = static_cast<float>(px[s2]) * a2 + b2;
    }
  }
}

}  // namespace footfall::dnn

#include "decode.h"

namespace footfall::dnn {

Detections decode_fastestdet(const std::vector<cv::Mat>& outputs, const DecodeParams& params) {
  if (outputs.size() != 1) {
    throw DecodeError("fastestdet: expected one output tensor, got " + std::to_string(outputs.size()));
  }
  const cv::Mat& map = outputs[0];
  if (map.type() != CV_32F || !map.isContinuous() || map.dims != 4 || map.size[0] != 1 ||
      map.size[1] != 5 + params.num_classes) {
    throw DecodeError("fastestdet: expected [1, 5 + " + std::to_string(params.num_classes) + ", H, W], got " +
                      shape_string(map));
  }
  const int grid_h = map.size[2];
  const int grid_w = map.size[3];
  const std::size_t plane = static_cast<std::size_t>(grid_h) * static_cast<std::size_t>(grid_w);
  const float* data = map.ptr<float>();
  const float* objectness = data;
  const float* x_offset = data + plane;
  const float* y_offset = data + 2 * plane;
  const float* width = data + 3 * plane;
  const float* height = data + 4 * plane;
  const float* class_prob = data + (5 + static_cast<std::size_t>(params.class_id)) * plane;
  const auto in_w = static_cast<float>(params.input_width);
  const auto in_h = static_cast<float>(params.input_height);
  Detections out;
  for (int gy = 0; gy < grid_h; ++gy) {
    for (int gx = 0; gx < grid_w; ++gx) {
      const std::size_t i = static_cast<std::size_t>(gy) * static_cast<std::size_t>(grid_w) + static_cast<std::size_t>(gx);
      const float score = objectness[i] * class_prob[i];
      if (score < params.score_threshold) continue;
      const float cx = (static_cast<float>(gx) + std::tanh(x_offset[i])) / static_cast<float>(grid_w) * in_w;
      const float cy = (static_cast<float>(gy) + std::tanh(y_offset[i])) / static_cast<float>(grid_h) * in_h;
      const float w = sigmoid(width[i]) * in_w;
      const float h = sigmoid(height[i]) * in_h;
      out.push_back({{cx - 0.5f * w, cy - 0.5f * h, w, h}, score, params.class_id});
    }
  }
  return out;
}

}  // namespace footfall::dnn

#include "decode.h"

namespace footfall::dnn {

Detections decode_yolox(const std::vector<cv::Mat>& outputs, const DecodeParams& params) {
  if (outputs.size() != 1) {
    throw DecodeError("yolox: expected one output tensor, got " + std::to_string(outputs.size()));
  }
  const cv::Mat rows = as_rows(outputs[0], "yolox");
  int expected = 0;
  for (int s : params.strides) expected += (params.input_height / s) * (params.input_width / s);
  if (rows.cols != 5 + params.num_classes || rows.rows != expected) {
    throw DecodeError("yolox: expected [1, " + std::to_string(expected) + ", 5 + " +
                      std::to_string(params.num_classes) + "] for a " + std::to_string(params.input_width) + "x" +
                      std::to_string(params.input_height) + " input, got " + shape_string(outputs[0]));
  }
  Detections out;
  int r = 0;
  for (int s : params.strides) {
    const int grid_w = params.input_width / s;
    const int grid_h = params.input_height / s;
    const auto stride = static_cast<float>(s);
    for (int gy = 0; gy < grid_h; ++gy) {
      for (int gx = 0; gx < grid_w; ++gx, ++r) {
        const float* row = rows.ptr<float>(r);
        const float objectness = row[4];
        if (objectness < params.score_threshold) continue;
        const float score = objectness * row[5 + params.class_id];
        if (score < params.score_threshold) continue;
        const float cx = (row[0] + static_cast<float>(gx)) * stride;
        const float cy = (row[1] + static_cast<float>(gy)) * stride;
        const float w = std::exp(row[2]) * stride;
        const float h = std::exp(row[3]) * stride;
        out.push_back({{cx - 0.5f * w, cy - 0.5f * h, w, h}, score, params.class_id});
      }
    }
  }
  return out;
}

}  // namespace footfall::dnn

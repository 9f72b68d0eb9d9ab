#include "decode.h"

namespace footfall::dnn {

Detections decode_yolov8(const std::vector<cv::Mat>& outputs, const DecodeParams& params) {
  if (outputs.size() != 1) {
    throw DecodeError("yolov8: expected one output tensor, got " + std::to_string(outputs.size()));
  }
  // Channels first: row c holds attribute c of every candidate.
  const cv::Mat channels = as_rows(outputs[0], "yolov8");
  if (channels.rows != 4 + params.num_classes) {
    throw DecodeError("yolov8: expected [1, 4 + " + std::to_string(params.num_classes) + ", N], got " +
                      shape_string(outputs[0]));
  }
  const int n = channels.cols;
  const float* cx = channels.ptr<float>(0);
  const float* cy = channels.ptr<float>(1);
  const float* w = channels.ptr<float>(2);
  const float* h = channels.ptr<float>(3);
  const float* scores = channels.ptr<float>(4 + params.class_id);
  Detections out;
  for (int i = 0; i < n; ++i) {
    if (scores[i] < params.score_threshold) continue;
    out.push_back({{cx[i] - 0.5f * w[i], cy[i] - 0.5f * h[i], w[i], h[i]}, scores[i], params.class_id});
  }
  return out;
}

}  // namespace footfall::dnn

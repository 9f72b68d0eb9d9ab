#include "decode.h"

namespace footfall::dnn {

Detections decode_yolov5(const std::vector<cv::Mat>& outputs, const DecodeParams& params) {
  if (outputs.size() != 1) {
    throw DecodeError("yolov5: expected one output tensor, got " + std::to_string(outputs.size()));
  }
  const cv::Mat rows = as_rows(outputs[0], "yolov5");
  if (rows.cols != 5 + params.num_classes) {
    throw DecodeError("yolov5: expected [1, N, 5 + " + std::to_string(params.num_classes) + "], got " +
                      shape_string(outputs[0]));
  }
  Detections out;
  for (int r = 0; r < rows.rows; ++r) {
    const float* row = rows.ptr<float>(r);
    const float objectness = row[4];
    if (objectness < params.score_threshold) continue;  // the class score is at most 1
    const float score = objectness * row[5 + params.class_id];
    if (score < params.score_threshold) continue;
    out.push_back({{row[0] - 0.5f * row[2], row[1] - 0.5f * row[3], row[2], row[3]}, score, params.class_id});
  }
  return out;
}

}  // namespace footfall::dnn

#include "decode.h"

namespace footfall::dnn {

Detections decode_darknet(const std::vector<cv::Mat>& outputs, const DecodeParams& params) {
  if (outputs.empty()) throw DecodeError("darknet_yolo: the network has no outputs");
  const int score_col = 5 + params.class_id;
  const auto w = static_cast<float>(params.input_width);
  const auto h = static_cast<float>(params.input_height);
  Detections out;
  for (const cv::Mat& tensor : outputs) {
    const cv::Mat rows = as_rows(tensor, "darknet_yolo");
    if (rows.cols != 5 + params.num_classes) {
      throw DecodeError("darknet_yolo: expected rows of 5 + " + std::to_string(params.num_classes) +
                        " values, got " + shape_string(tensor));
    }
    for (int r = 0; r < rows.rows; ++r) {
      const float* row = rows.ptr<float>(r);
      const float score = row[score_col];
      if (score < params.score_threshold || score <= 0.0f) continue;
      const float bw = row[2] * w;
      const float bh = row[3] * h;
      out.push_back({{row[0] * w - 0.5f * bw, row[1] * h - 0.5f * bh, bw, bh}, score, params.class_id});
    }
  }
  return out;
}

}  // namespace footfall::dnn

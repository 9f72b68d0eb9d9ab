#include <algorithm>

#include "decode.h"

namespace footfall::dnn {

namespace {

// Expected value of a softmax distribution over `bins` values (the DFL distance in stride units).
float dfl_distance(const float* logits, int bins) {
  const float top = *std::max_element(logits, logits + bins);
  float sum = 0.0f;
  float weighted = 0.0f;
  for (int k = 0; k < bins; ++k) {
    const float e = std::exp(logits[k] - top);
    sum += e;
    weighted += e * static_cast<float>(k);
  }
  return weighted / sum;
}

}  // namespace

Detections decode_gfl(const std::vector<cv::Mat>& outputs, const DecodeParams& params) {
  const int bins = params.reg_max + 1;
  const int reg_cols = 4 * bins;
  if (params.num_classes == reg_cols) {
    throw DecodeError("gfl: " + std::to_string(params.num_classes) +
                      " classes and 4 x " + std::to_string(bins) + " DFL bins give tensors of the same shape");
  }
  std::vector<cv::Mat> rows;
  rows.reserve(outputs.size());
  for (const cv::Mat& t : outputs) rows.push_back(as_rows(t, "gfl"));

  Detections out;
  for (int s : params.strides) {
    const int grid_w = (params.input_width + s - 1) / s;
    const int grid_h = (params.input_height + s - 1) / s;
    const int n = grid_w * grid_h;
    const cv::Mat* cls = nullptr;
    const cv::Mat* reg = nullptr;
    for (const cv::Mat& r : rows) {
      if (r.rows != n) continue;
      if (r.cols == params.num_classes) cls = &r;
      if (r.cols == reg_cols) reg = &r;
    }
    if (cls == nullptr || reg == nullptr) {
      std::string shapes;
      for (const cv::Mat& t : outputs) shapes += " " + shape_string(t);
      throw DecodeError("gfl: stride " + std::to_string(s) + " needs tensors [1, " + std::to_string(n) + ", " +
                        std::to_string(params.num_classes) + "] and [1, " + std::to_string(n) + ", " +
                        std::to_string(reg_cols) + "]; outputs are" + shapes);
    }
    const auto stride = static_cast<float>(s);
    const float centre_offset = (stride - 1.0f) * 0.5f;
    for (int i = 0; i < n; ++i) {
      const float score = cls->ptr<float>(i)[params.class_id];
      if (score < params.score_threshold) continue;
      const float* d = reg->ptr<float>(i);
      const float cx = static_cast<float>(i % grid_w) * stride + centre_offset;
      const float cy = static_cast<float>(i / grid_w) * stride + centre_offset;
      const float left = dfl_distance(d, bins) * stride;
      const float top = dfl_distance(d + bins, bins) * stride;
      const float right = dfl_distance(d + 2 * bins, bins) * stride;
      const float bottom = dfl_distance(d + 3 * bins, bins) * stride;
      out.push_back({{cx - left, cy - top, left + right, top + bottom}, score, params.class_id});
    }
  }
  return out;
}

}  // namespace footfall::dnn

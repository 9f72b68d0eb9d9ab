// HOG people detector.
//
// Confidence: HOGDescriptor::detectMultiScale reports, per grouped box, the largest SVM decision value (signed
// distance to the hyperplane, in SVM units; 0 is the trained decision boundary) among the windows in the group.
// We map it with the logistic function, confidence = 1 / (1 + exp(-margin)): 0.5 at the boundary, ~0.73 at
// margin 1, ~0.88 at margin 2. It is monotonic, so a confidence threshold t is applied exactly by passing the
// corresponding margin, logit(t), as detectMultiScale's hitThreshold; it is not a calibrated probability.
//
// Boxes: the 64x128 detection window has a margin of background around the person (about 16 px at the sides and
// 8-16 px above and below); like OpenCV's peopledetect sample we shrink each box to its central 80% in width and
// height (top edge moved down 7%), so that the bottom-centre point used by regions and lines is near the feet.
#include "hog_detector.h"

#include <algorithm>
#include <cmath>
#include <string>

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include "footfall/detect/postprocess.h"

namespace footfall::hog {

namespace {

class HogDetector final : public Detector {
 public:
  HogDetector(const DetectParams& params, float threshold)
      : threshold_(threshold),
        hit_threshold_(confidence_to_margin(threshold)),
        input_(params.input_width, params.input_height),
        nms_threshold_(params.nms_threshold),
        min_width_(params.min_box_width),
        min_height_(params.min_box_height) {
    hog_.setSVMDetector(cv::HOGDescriptor::getDefaultPeopleDetector());
    name_ = input_.width > 0 ? "hog@" + std::to_string(input_.width) + "x" + std::to_string(input_.height) : "hog";
  }

  Detections detect(const cv::Mat& frame) override {
    if (frame.empty()) return {};
    const cv::Mat* image = &frame;
    if (frame.channels() == 4) {
      cv::cvtColor(frame, converted_, cv::COLOR_BGRA2BGR);
      image = &converted_;
    }
    float sx = 1.0f;
    float sy = 1.0f;
    if (input_.width > 0 && image->size() != input_) {
      cv::resize(*image, resized_, input_, 0.0, 0.0, cv::INTER_LINEAR);
      sx = static_cast<float>(image->cols) / static_cast<float>(input_.width);
      sy = static_cast<float>(image->rows) / static_cast<float>(input_.height);
      image = &resized_;
    }
    // Parameters of OpenCV's peopledetect sample: 8x8 window stride, 5% pyramid steps, groups of 3+ windows.
    hog_.detectMultiScale(*image, boxes_, weights_, hit_threshold_, cv::Size(8, 8), cv::Size(), 1.05, 2.0, false);
    Detections found;
    found.reserve(boxes_.size());
    const auto fw = static_cast<float>(frame.cols);
    const auto fh = static_cast<float>(frame.rows);
    for (std::size_t i = 0; i < boxes_.size(); ++i) {
      const cv::Rect& r = boxes_[i];
      const float left = (static_cast<float>(r.x) + 0.1f * static_cast<float>(r.width)) * sx;
      const float top = (static_cast<float>(r.y) + 0.07f * static_cast<float>(r.height)) * sy;
      const float x0 = std::clamp(left, 0.0f, fw);
      const float y0 = std::clamp(top, 0.0f, fh);
      const float x1 = std::clamp(left + 0.8f * static_cast<float>(r.width) * sx, 0.0f, fw);
      const float y1 = std::clamp(top + 0.8f * static_cast<float>(r.height) * sy, 0.0f, fh);
      const float confidence = margin_to_confidence(i < weights_.size() ? weights_[i] : hit_threshold_);
      if (confidence < threshold_) continue;
      found.push_back({{x0, y0, x1 - x0, y1 - y0}, confidence, 0});
    }
    found = non_max_suppression(std::move(found), nms_threshold_);
    if (min_width_ > 0.0f || min_height_ > 0.0f) found = filter_min_size(std::move(found), min_width_, min_height_);
    return found;
  }

  std::string name() const override { return name_; }
  float threshold() const override { return threshold_; }
  bool threshold_is_a_post_filter() const override { return false; }

 private:
  cv::HOGDescriptor hog_;
  std::string name_;
  float threshold_;
  double hit_threshold_;
  cv::Size input_;
  float nms_threshold_;
  float min_width_;
  float min_height_;
  std::vector<cv::Rect> boxes_;
  std::vector<double> weights_;
  cv::Mat converted_;
  cv::Mat resized_;
};

}  // namespace

float margin_to_confidence(double margin) { return static_cast<float>(1.0 / (1.0 + std::exp(-margin))); }

double confidence_to_margin(float confidence) {
  const double c = std::clamp(static_cast<double>(confidence), 1e-6, 1.0 - 1e-6);
  return std::log(c / (1.0 - c));
}

Result<std::unique_ptr<Detector>> create_hog_detector(const DetectParams& params) {
  const float threshold = params.threshold < 0.0f ? kDefaultThreshold : params.threshold;
  if (threshold > 1.0f) return make_error("hog: threshold " + std::to_string(threshold) + " is above 1");
  if ((params.input_width > 0) != (params.input_height > 0) || params.input_width < 0 || params.input_height < 0 ||
      (params.input_width > 0 && (params.input_width < 64 || params.input_height < 128))) {
    return make_error("hog: input size " + std::to_string(params.input_width) + "x" +
                      std::to_string(params.input_height) + " must be at least 64x128 (or 0 for the frame size)");
  }
  if (params.threads > 0) cv::setNumThreads(params.threads);  // as the DNN backend: 0 leaves it as it is
  return std::unique_ptr<Detector>(std::make_unique<HogDetector>(params, threshold));
}

}  // namespace footfall::hog

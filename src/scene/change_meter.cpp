#include "footfall/scene/change_meter.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace footfall {

namespace {

constexpr int kNoiseBlock = 16;  // working pixels per side of a noise block

}  // namespace

ChangeMeter::ChangeMeter(double interval_seconds, int max_width)
    : interval_ms_(static_cast<TimestampMs>(interval_seconds * 1000.0)), max_width_(std::max(16, max_width)) {}

bool ChangeMeter::update(const cv::Mat& frame, TimestampMs t) {
  if (frame.empty() || frame.depth() != CV_8U) return false;
  const bool restart = frame.size() != frame_size_;
  if (!restart && t >= last_ms_ && t - last_ms_ < interval_ms_) return false;
  cv::Mat grey;
  switch (frame.channels()) {
    case 1: grey = frame; break;
    case 3: cv::cvtColor(frame, grey, cv::COLOR_BGR2GRAY); break;
    case 4: cv::cvtColor(frame, grey, cv::COLOR_BGRA2GRAY); break;
    default: return false;
  }
  if (restart) {
    frame_size_ = frame.size();
    scale_ = frame.cols > max_width_ ? static_cast<double>(max_width_) / frame.cols : 1.0;
    previous_.release();
  }
  cv::Mat small;
  if (scale_ < 1.0) {
    cv::resize(grey, small, cv::Size(), scale_, scale_, cv::INTER_AREA);
  } else {
    small = grey.clone();
  }
  cv::GaussianBlur(small, small, cv::Size(3, 3), 0.0);
  last_ms_ = t;
  if (previous_.empty()) {
    previous_ = small;
    return false;
  }
  cv::absdiff(small, previous_, diff_);
  previous_ = small;

  cv::Mat blocks;
  const cv::Size block_grid(std::max(1, diff_.cols / kNoiseBlock), std::max(1, diff_.rows / kNoiseBlock));
  cv::Mat diff_float;
  diff_.convertTo(diff_float, CV_32F);
  cv::resize(diff_float, blocks, block_grid, 0, 0, cv::INTER_AREA);
  std::vector<float> means(blocks.begin<float>(), blocks.end<float>());
  const auto quartile = means.begin() + static_cast<std::ptrdiff_t>(means.size() / 4);
  std::nth_element(means.begin(), quartile, means.end());
  noise_ = *quartile;
  return true;
}

float ChangeMeter::change(const Box& box) const {
  if (diff_.empty()) return 0.0f;
  const auto px = [&](float v) { return static_cast<int>(std::lround(v * scale_)); };
  const cv::Rect r = cv::Rect(cv::Point(px(box.x), px(box.y)), cv::Point(px(box.right()), px(box.bottom()))) &
                     cv::Rect(0, 0, diff_.cols, diff_.rows);
  if (r.empty()) return 0.0f;
  return static_cast<float>(cv::mean(diff_(r))[0]);
}

float ChangeMeter::excess_change(const Box& box) const { return std::max(0.0f, change(box) - noise_); }

}  // namespace footfall

#include "footfall/scene/background_model.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <opencv2/imgproc.hpp>

namespace footfall {

namespace {

// BGR 8-bit copy of `frame` (grey and BGRA converted); empty when the type is not supported.
cv::Mat to_bgr(const cv::Mat& frame) {
  if (frame.empty() || frame.depth() != CV_8U) return {};
  cv::Mat bgr;
  switch (frame.channels()) {
    case 1: cv::cvtColor(frame, bgr, cv::COLOR_GRAY2BGR); break;
    case 3: bgr = frame; break;
    case 4: cv::cvtColor(frame, bgr, cv::COLOR_BGRA2BGR); break;
    default: return {};
  }
  return bgr;
}

cv::Size working_size(cv::Size frame, int max_width) {
  if (max_width <= 0 || frame.width <= max_width) return frame;
  const double scale = static_cast<double>(max_width) / frame.width;
  return {max_width, std::max(1, static_cast<int>(std::lround(frame.height * scale)))};
}

}  // namespace

BackgroundModel::BackgroundModel(BackgroundParams params) : params_(params) {
  params_.samples = std::max(1, params_.samples);
  params_.min_samples = std::max(1, params_.min_samples);
  if (params_.method == BackgroundMethod::ring_median) {
    params_.min_samples = std::min(params_.min_samples, params_.samples);
  }
  params_.approx_step = std::max(1, params_.approx_step);
}

void BackgroundModel::reset() {
  ring_.clear();
  next_ = 0;
  sampled_ = 0;
  median_.release();
  dirty_ = false;
  frame_size_ = {};
  work_size_ = {};
}

bool BackgroundModel::add(const cv::Mat& frame, TimestampMs t) {
  const cv::Mat bgr = to_bgr(frame);
  if (bgr.empty()) return false;
  if (bgr.size() != frame_size_) {
    reset();
    frame_size_ = bgr.size();
    work_size_ = working_size(frame_size_, params_.max_width);
  } else {
    const auto interval_ms = static_cast<TimestampMs>(params_.sample_seconds * 1000.0);
    if (t >= last_sample_ms_ && t - last_sample_ms_ < interval_ms) return false;
  }
  last_sample_ms_ = t;
  cv::Mat small;
  if (work_size_ == frame_size_) {
    small = bgr.clone();
  } else {
    cv::resize(bgr, small, work_size_, 0, 0, cv::INTER_AREA);
  }
  ++sampled_;
  if (params_.method == BackgroundMethod::approx_median) {
    if (median_.empty()) {
      median_ = small;
      return true;
    }
    const int step = params_.approx_step;
    const std::size_t n = median_.total() * median_.channels();
    std::uint8_t* m = median_.ptr<std::uint8_t>();
    const std::uint8_t* s = small.ptr<std::uint8_t>();
    for (std::size_t i = 0; i < n; ++i) {
      if (s[i] > m[i]) {
        m[i] = static_cast<std::uint8_t>(std::min<int>(s[i], m[i] + step));
      } else if (s[i] < m[i]) {
        m[i] = static_cast<std::uint8_t>(std::max<int>(s[i], m[i] - step));
      }
    }
    return true;
  }
  if (ring_.size() < static_cast<std::size_t>(params_.samples)) {
    ring_.push_back(small);
  } else {
    ring_[next_] = small;
  }
  next_ = (next_ + 1) % static_cast<std::size_t>(params_.samples);
  dirty_ = true;
  return true;
}

bool BackgroundModel::ready() const { return sampled_ >= static_cast<std::size_t>(params_.min_samples); }

void BackgroundModel::compute_median() const {
  if (!dirty_ || ring_.empty()) return;
  median_.create(work_size_, CV_8UC3);
  const std::size_t k = ring_.size();
  const std::size_t n = median_.total() * 3;
  std::vector<const std::uint8_t*> planes;
  for (const cv::Mat& m : ring_) planes.push_back(m.ptr<std::uint8_t>());
  std::vector<std::uint8_t> values(k);
  std::uint8_t* out = median_.ptr<std::uint8_t>();
  const auto mid = values.begin() + static_cast<std::ptrdiff_t>(k / 2);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < k; ++j) values[j] = planes[j][i];
    std::nth_element(values.begin(), mid, values.end());
    out[i] = *mid;
  }
  dirty_ = false;
}

cv::Mat BackgroundModel::image() const {
  compute_median();
  if (median_.empty()) return {};
  if (work_size_ == frame_size_) return median_.clone();
  cv::Mat full;
  cv::resize(median_, full, frame_size_, 0, 0, cv::INTER_LINEAR);
  return full;
}

std::size_t BackgroundModel::memory_bytes() const {
  std::size_t bytes = median_.total() * median_.elemSize();
  for (const cv::Mat& m : ring_) bytes += m.total() * m.elemSize();
  return bytes;
}

}  // namespace footfall

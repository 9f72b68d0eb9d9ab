#include "video_file_source.h"

#include "capture_util.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "image_file.h"

namespace footfall {

namespace {

// The container's frame count is exact for mp4/avi/gif; where FFmpeg estimates it from the duration it can be off
// by a frame. Fewer frames than this short of the announced count is not reported as damage.
std::int64_t allowed_shortfall(std::int64_t announced) { return std::max<std::int64_t>(1, announced / 1000); }

}  // namespace

VideoFileSource::VideoFileSource(std::string path, std::optional<TimestampMs> start_time)
    : path_(std::move(path)), start_time_(start_time) {}

Status VideoFileSource::open() {
  close();
  auto fail = [this](const std::string& why) {
    last_error_ = path_ + ": " + why;
    return Status(make_error(last_error_));
  };
  std::error_code ec;
  const auto status = std::filesystem::status(path_, ec);
  if (!std::filesystem::exists(status)) return fail("no such file");
  if (!std::filesystem::is_regular_file(status)) return fail("not a regular file");
  if (std::filesystem::file_size(path_, ec) == 0) return fail("empty file");
  if (!capture_.open(path_, cv::CAP_FFMPEG) || !capture_.isOpened()) {
    capture_.release();
    return fail("cannot open as a video (not a format FFmpeg decodes, or the file is truncated or damaged)");
  }
  fps_ = reported_fps(capture_);
  const double count = capture_.get(cv::CAP_PROP_FRAME_COUNT);
  frame_count_ = std::isfinite(count) && count > 0.0 ? static_cast<std::int64_t>(std::llround(count)) : 0;
  base_ms_ = start_time_ ? *start_time_ : file_mtime_ms(path_).value_or(0);
  return Status::success();
}

double VideoFileSource::presentation_ms() {
  // CAP_PROP_POS_MSEC is the presentation time of the frame just read. Some containers leave it 0 (or repeat it);
  // then the previous time plus one frame period (index / fps) is used, so time never goes backwards.
  const double period = fps_ > 0.0 ? 1000.0 / fps_ : 0.0;
  const double pts = capture_.get(cv::CAP_PROP_POS_MSEC);
  double t = pts;
  if (index_ == 1) {
    t = std::isfinite(pts) && pts >= 0.0 ? pts : 0.0;
  } else if (!std::isfinite(pts) || pts <= last_pts_ms_) {
    t = last_pts_ms_ + period;
  }
  last_pts_ms_ = t;
  return t;
}

ReadStatus VideoFileSource::read(Frame& frame) {
  if (!capture_.isOpened()) {
    if (!ended_) {
      last_error_ = path_ + ": read() before a successful open()";
      return ReadStatus::error;
    }
    return ReadStatus::end_of_stream;
  }
  cv::Mat image;  // a fresh buffer: the caller may still hold the previous frame's pixels
  if (!capture_.read(image) || image.empty()) {
    ended_ = true;
    capture_.release();
    if (frame_count_ > 0 && frame_count_ - index_ > allowed_shortfall(frame_count_)) {
      last_error_ = path_ + ": video ended early after frame " + std::to_string(index_) + " of " +
                    std::to_string(frame_count_) + " (file truncated or damaged)";
    }
    return ReadStatus::end_of_stream;
  }
  ++index_;
  frame.image = std::move(image);
  frame.index = index_;
  frame.timestamp_ms = base_ms_ + static_cast<TimestampMs>(std::llround(presentation_ms()));
  frame.origin.clear();
  return ReadStatus::frame;
}

void VideoFileSource::close() {
  capture_.release();
  index_ = 0;
  last_pts_ms_ = 0.0;
  ended_ = false;
  last_error_.clear();
}

}  // namespace footfall

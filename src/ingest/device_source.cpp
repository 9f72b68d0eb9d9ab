#include "device_source.h"

#include "capture_util.h"

#include <unistd.h>

#include <cmath>
#include <filesystem>

namespace footfall {

namespace {

// "3" -> "/dev/video3"; a path is kept.
std::string device_path(const std::string& device) {
  if (!device.empty() && device.find_first_not_of("0123456789") == std::string::npos) return "/dev/video" + device;
  return device;
}

}  // namespace

DeviceSource::DeviceSource(std::string device, const Clock& clock) : device_(std::move(device)), clock_(clock) {}

Status DeviceSource::open() {
  close();
  const std::string path = device_path(device_);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    last_error_ = device_ + ": no such video device (" + path + " does not exist)";
    return make_error(last_error_);
  }
  if (::access(path.c_str(), R_OK | W_OK) != 0) {
    last_error_ = device_ + ": no permission to open " + path + " (add the user to the 'video' group)";
    return make_error(last_error_);
  }
  if (!capture_.open(path, cv::CAP_V4L2) || !capture_.isOpened()) {
    capture_.release();
    last_error_ = device_ + ": cannot open V4L2 device " + path + " (busy, or not a video capture device)";
    return make_error(last_error_);
  }
  fps_ = reported_fps(capture_);
  return Status::success();
}

ReadStatus DeviceSource::read(Frame& frame) { return read_frame(frame, nullptr); }

ReadStatus DeviceSource::read_sampled(Frame& frame, const FrameFilter& wanted) { return read_frame(frame, &wanted); }

ReadStatus DeviceSource::read_frame(Frame& frame, const FrameFilter* wanted) {
  if (!capture_.isOpened()) {
    if (last_error_.empty()) last_error_ = device_ + ": device is not open";
    return ReadStatus::error;
  }
  if (!read_live_frame(capture_, clock_, index_, frame, wanted)) {
    capture_.release();
    last_error_ = device_ + ": device stopped delivering frames (unplugged or failed)";
    return ReadStatus::error;
  }
  return ReadStatus::frame;
}

void DeviceSource::close() {
  capture_.release();
  index_ = 0;
  last_error_.clear();
}

}  // namespace footfall

// A local camera through Video4Linux2 (/dev/videoN or a device number), timestamped by the wall clock.
#pragma once

#include <string>

#include <opencv2/videoio.hpp>

#include "footfall/ingest/source.h"

namespace footfall {

class DeviceSource final : public FrameSource {
 public:
  // `device` is "/dev/videoN" or "N". `clock` must outlive the source.
  DeviceSource(std::string device, const Clock& clock);

  Status open() override;  // error names the device: missing, busy, no permission, not a capture device
  // frame, or error when the device stops delivering (unplugged); never end_of_stream.
  ReadStatus read(Frame& frame) override;
  // Grabs every frame, converts only the wanted ones (see FrameSource::read_sampled).
  ReadStatus read_sampled(Frame& frame, const FrameFilter& wanted) override;
  void close() override;
  const std::string& last_error() const override { return last_error_; }
  std::string describe() const override { return device_; }
  bool is_live() const override { return true; }
  double nominal_fps() const override { return fps_; }

 private:
  ReadStatus read_frame(Frame& frame, const FrameFilter* wanted);

  std::string device_;
  const Clock& clock_;
  cv::VideoCapture capture_;
  double fps_ = 0.0;
  std::int64_t index_ = 0;
  std::string last_error_;
};

}  // namespace footfall

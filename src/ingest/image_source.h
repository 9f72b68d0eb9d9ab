// A single still image (JPEG/PNG/BMP/WebP): one frame, then end of stream.
#pragma once

#include <optional>
#include <string>

#include "footfall/ingest/source.h"

namespace footfall {

class ImageSource final : public FrameSource {
 public:
  // The frame's timestamp is `start_time`, else the file's modification time.
  ImageSource(std::string path, std::optional<TimestampMs> start_time);

  Status open() override;  // decodes the image; an error names the file and the problem
  ReadStatus read(Frame& frame) override;
  void close() override;
  const std::string& last_error() const override { return last_error_; }
  std::string describe() const override { return path_; }
  bool is_live() const override { return false; }
  std::int64_t frame_count_hint() const override { return 1; }

 private:
  std::string path_;
  std::optional<TimestampMs> start_time_;
  cv::Mat image_;
  TimestampMs timestamp_ms_ = 0;
  bool delivered_ = false;
  std::string last_error_;
};

}  // namespace footfall

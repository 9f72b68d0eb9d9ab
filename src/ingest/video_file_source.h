// A video file decoded by FFmpeg (mp4, avi, mkv, gif, ...), frame by frame in decode order.
#pragma once

#include <optional>
#include <string>

#include <opencv2/videoio.hpp>

#include "footfall/ingest/source.h"

namespace footfall {

class VideoFileSource final : public FrameSource {
 public:
  // Frame timestamps are `start_time` (default: the file's modification time) plus the frame's presentation time.
  VideoFileSource(std::string path, std::optional<TimestampMs> start_time);

  Status open() override;
  // end_of_stream at the end of the file. If the file ends well before the frame count its container announced,
  // last_error() holds a warning ("video ended early after frame N of M ...") while the status stays end_of_stream:
  // the frames up to the damage are good.
  ReadStatus read(Frame& frame) override;
  void close() override;
  const std::string& last_error() const override { return last_error_; }
  std::string describe() const override { return path_; }
  bool is_live() const override { return false; }
  double nominal_fps() const override { return fps_; }
  std::int64_t frame_count_hint() const override { return frame_count_; }

 private:
  // Presentation time of the frame just decoded, in ms from the start of the file, never going backwards.
  double presentation_ms();

  std::string path_;
  std::optional<TimestampMs> start_time_;
  cv::VideoCapture capture_;
  TimestampMs base_ms_ = 0;
  double fps_ = 0.0;
  std::int64_t frame_count_ = 0;
  std::int64_t index_ = 0;
  double last_pts_ms_ = 0.0;
  bool ended_ = false;
  std::string last_error_;
};

}  // namespace footfall

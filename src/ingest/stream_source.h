// A network stream (rtsp://, http(s):// MJPEG or HLS, rtmp://, ...) decoded by FFmpeg (FfmpegCapture, with the
// decoder thread count the caller chose), timestamped by the wall clock.
#pragma once

#include <string>

#include "footfall/ingest/ffmpeg_capture.h"
#include "footfall/ingest/source.h"

namespace footfall {

class StreamSource final : public FrameSource {
 public:
  // Connecting gives up after open_timeout_ms; a stream that delivers no frame for read_timeout_ms has dropped.
  // `decode_threads`: the decoder's threads (0 = FFmpeg's choice). `clock` must outlive the source.
  StreamSource(std::string url, const Clock& clock, int open_timeout_ms, int read_timeout_ms, int decode_threads = 0);

  // Fails (naming the masked URL and, for TCP protocols, why: unknown host, refused, no answer, no video) when the
  // stream cannot be opened. Blocks for at most about open_timeout_ms.
  Status open() override;
  // frame, or error once the stream dropped (the capture is then closed; open() again to reconnect).
  // Never end_of_stream. Blocks for at most about read_timeout_ms.
  ReadStatus read(Frame& frame) override;
  // Grabs every frame, converts only the wanted ones (see FrameSource::read_sampled).
  ReadStatus read_sampled(Frame& frame, const FrameFilter& wanted) override;
  void close() override;
  const std::string& last_error() const override { return last_error_; }
  std::string describe() const override { return masked_; }
  bool is_live() const override { return true; }
  double nominal_fps() const override { return fps_; }

 private:
  ReadStatus read_frame(Frame& frame, const FrameFilter* wanted);

  std::string url_;
  std::string masked_;
  const Clock& clock_;
  int open_timeout_ms_;
  int read_timeout_ms_;
  int decode_threads_;
  FfmpegCapture capture_;
  double fps_ = 0.0;
  std::int64_t index_ = 0;
  std::string last_error_;
};

}  // namespace footfall

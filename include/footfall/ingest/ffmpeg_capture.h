// FfmpegCapture: a video file or network stream decoded by FFmpeg (libavformat, libavcodec, libswscale) directly,
// with the decoder's thread count chosen by the caller. OpenCV 4.6's VideoCapture gives every decoder one thread per
// core, which a box decoding many cameras pays for twice: a 768x432 H.264 stream costs 1.3 ms of CPU a frame that
// way against 1.0 ms with one thread, and 11 MB against 7 MB of memory (docs/architecture.md, many cameras). Frames
// are decoded by grab() and converted to BGR only by retrieve(), so frames nobody analyses skip the conversion.
// Not thread-safe; one reader at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <opencv2/core/mat.hpp>

#include "footfall/core/result.h"

namespace footfall {

struct FfmpegCaptureOptions {
  int threads = 0;          // decoder threads; 0 = FFmpeg's choice (about one per core)
  int open_timeout_ms = 0;  // give up opening after this long; 0 = no limit
  int read_timeout_ms = 0;  // a grab() that gets no frame for this long fails; 0 = no limit
};

class FfmpegCapture {
 public:
  FfmpegCapture();
  ~FfmpegCapture();
  FfmpegCapture(const FfmpegCapture&) = delete;
  FfmpegCapture& operator=(const FfmpegCapture&) = delete;

  // Opens `url` (a path or an rtsp://, http(s)://, ... URL; RTSP prefers TCP) and the decoder of its best video
  // stream. The error says what failed (FFmpeg's message), not which source: the caller names it.
  Status open(const std::string& url, const FfmpegCaptureOptions& options = {});
  void close();
  bool is_open() const;

  // Decodes the next frame. False at the end of a file, on a read or decode error, or after read_timeout_ms without
  // a frame; error() says which (empty at a clean end of file).
  bool grab();
  // Converts the frame decoded by the last grab() into `bgr` (8-bit, 3 channels, a fresh buffer). False when there
  // is none.
  bool retrieve(cv::Mat& bgr);

  // Moves to the key frame at or before `ms` from the start of the stream (files; a live stream cannot seek); the
  // next grab() decodes from there. False when the stream cannot seek (error() says why).
  bool seek_ms(double ms);
  // The stream's duration in ms; 0 when unknown (a live stream).
  double duration_ms() const;

  // From the next grab() on, frames that no other frame references (most H.264 and MPEG-4 B-frames; codecs and
  // streams without such frames are unaffected) are not decoded at all when `skip` is true: grab() goes on to the
  // next frame that is decoded. Frames that are decoded are exactly as without the skip. Off after open().
  void set_skip_unreferenced(bool skip);
  // Video packets (coded frames) read since open(), decoded or skipped; a frame skipped by set_skip_unreferenced
  // is in packets() but never returned by grab().
  std::uint64_t packets() const;

  // Presentation time of the frame decoded last, in ms from the start of the stream; negative when unknown.
  double position_ms() const;
  double fps() const;                 // the stream's frame rate; 0 when unknown or implausible
  std::int64_t frame_count() const;   // frames the container announces; 0 when unknown
  int threads() const;                // decoder threads in use
  const std::string& error() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace footfall

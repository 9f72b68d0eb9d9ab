#include "stream_source.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "endpoint_probe.h"

namespace footfall {

namespace {

// Protocols carried over TCP, whose endpoint can be probed with a TCP connection to explain a failed open.
bool is_tcp_protocol(const std::string& url) {
  for (const char* scheme : {"rtsp://", "rtsps://", "http://", "https://", "rtmp://", "rtmps://"}) {
    if (url.rfind(scheme, 0) == 0) return true;
  }
  return false;
}

}  // namespace

StreamSource::StreamSource(std::string url, const Clock& clock, int open_timeout_ms, int read_timeout_ms,
                           int decode_threads)
    : url_(std::move(url)),
      masked_(mask_credentials(url_)),
      clock_(clock),
      open_timeout_ms_(std::max(1, open_timeout_ms)),
      read_timeout_ms_(std::max(1, read_timeout_ms)),
      decode_threads_(std::max(0, decode_threads)) {}

Status StreamSource::open() {
  close();
  if (Status s = capture_.open(url_, {decode_threads_, open_timeout_ms_, read_timeout_ms_}); !s) {
    const std::string why = is_tcp_protocol(url_)
                                ? diagnose_stream_endpoint(url_, std::min(open_timeout_ms_, 1000))
                                : "no stream within " + std::to_string(open_timeout_ms_) + " ms";
    capture_.close();
    last_error_ = masked_ + ": cannot open stream: " + why;
    return make_error(last_error_);
  }
  fps_ = capture_.fps();
  return Status::success();
}

ReadStatus StreamSource::read(Frame& frame) { return read_frame(frame, nullptr); }

ReadStatus StreamSource::read_sampled(Frame& frame, const FrameFilter& wanted) { return read_frame(frame, &wanted); }

ReadStatus StreamSource::read_frame(Frame& frame, const FrameFilter* wanted) {
  if (!capture_.is_open()) {
    if (last_error_.empty()) last_error_ = masked_ + ": stream is not open";
    return ReadStatus::error;
  }
  const auto dropped = [this] {
    capture_.close();
    last_error_ = masked_ + ": stream dropped (connection closed, or no frame for " +
                  std::to_string(read_timeout_ms_) + " ms)";
    return ReadStatus::error;
  };
  // While the sampler wants no frame yet, frames no other frame references are not decoded at all (a B-frame of a
  // 25 fps camera sampled at 5 fps, say); grab() then returns the next frame that is.
  capture_.set_skip_unreferenced(wanted != nullptr && wanted->knows_due() && !wanted->due(clock_.now_ms()));
  if (!capture_.grab()) return dropped();
  // Stamped when decoded; converted to BGR only when wanted (a frame that sampling skips costs its decoding only).
  const TimestampMs t = clock_.now_ms();
  cv::Mat image;
  if ((wanted == nullptr || (*wanted)(t)) && !capture_.retrieve(image)) return dropped();
  frame.image = std::move(image);
  frame.timestamp_ms = t;
  frame.index = ++index_;
  frame.origin.clear();
  return ReadStatus::frame;
}

void StreamSource::close() {
  capture_.close();
  index_ = 0;
  last_error_.clear();
}

}  // namespace footfall

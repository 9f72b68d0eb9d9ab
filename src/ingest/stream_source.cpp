#include "stream_source.h"

#include "capture_util.h"

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

StreamSource::StreamSource(std::string url, const Clock& clock, int open_timeout_ms, int read_timeout_ms)
    : url_(std::move(url)),
      masked_(mask_credentials(url_)),
      clock_(clock),
      open_timeout_ms_(std::max(1, open_timeout_ms)),
      read_timeout_ms_(std::max(1, read_timeout_ms)) {}

Status StreamSource::open() {
  close();
  const std::vector<int> params = {cv::CAP_PROP_OPEN_TIMEOUT_MSEC, open_timeout_ms_, cv::CAP_PROP_READ_TIMEOUT_MSEC,
                                   read_timeout_ms_};
  if (!capture_.open(url_, cv::CAP_FFMPEG, params) || !capture_.isOpened()) {
    capture_.release();
    const std::string why = is_tcp_protocol(url_)
                                ? diagnose_stream_endpoint(url_, std::min(open_timeout_ms_, 1000))
                                : "no stream within " + std::to_string(open_timeout_ms_) + " ms";
    last_error_ = masked_ + ": cannot open stream: " + why;
    return make_error(last_error_);
  }
  fps_ = reported_fps(capture_);
  return Status::success();
}

ReadStatus StreamSource::read(Frame& frame) {
  if (!capture_.isOpened()) {
    if (last_error_.empty()) last_error_ = masked_ + ": stream is not open";
    return ReadStatus::error;
  }
  if (!read_live_frame(capture_, clock_, index_, frame)) {
    capture_.release();
    last_error_ = masked_ + ": stream dropped (connection closed, or no frame for " +
                  std::to_string(read_timeout_ms_) + " ms)";
    return ReadStatus::error;
  }
  return ReadStatus::frame;
}

void StreamSource::close() {
  capture_.release();
  index_ = 0;
  last_error_.clear();
}

}  // namespace footfall

// Explains why a network stream could not be opened. OpenCV only says "not opened"; an operator needs to know
// whether the host is unknown, refuses the connection, does not answer, or answers but serves no playable video.
#pragma once

#include <string>

namespace footfall {

// Looks at the host and port of `url` (default port from the scheme: rtsp 554, http 80, https 443, rtmp 1935) with
// one TCP connection attempt of at most `timeout_ms`. Returns a short reason, e.g. "connection refused by
// 127.0.0.1:8554". Blocks for at most about timeout_ms plus name resolution. Thread-safe.
std::string diagnose_stream_endpoint(const std::string& url, int timeout_ms);

}  // namespace footfall

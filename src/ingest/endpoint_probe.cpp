#include "endpoint_probe.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

namespace footfall {

namespace {

struct Endpoint {
  std::string host;
  std::string port;
};

std::string default_port(std::string_view scheme) {
  if (scheme == "rtsp") return "554";
  if (scheme == "rtsps") return "322";
  if (scheme == "http") return "80";
  if (scheme == "https") return "443";
  if (scheme == "rtmp" || scheme == "rtmps") return "1935";
  return "";
}

// scheme://[user[:pass]@]host[:port][/...]; IPv6 hosts in brackets.
bool parse_endpoint(const std::string& url, Endpoint& out) {
  const std::size_t sep = url.find("://");
  if (sep == std::string::npos) return false;
  const std::string scheme = url.substr(0, sep);
  std::size_t begin = sep + 3;
  std::size_t end = url.find_first_of("/?#", begin);
  if (end == std::string::npos) end = url.size();
  std::string_view authority = std::string_view(url).substr(begin, end - begin);
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return false;
    host = authority.substr(1, close - 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') port = authority.substr(close + 2);
  } else if (const std::size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  out.host = std::string(host);
  out.port = port.empty() ? default_port(scheme) : std::string(port);
  return !out.host.empty() && !out.port.empty();
}

// One non-blocking connect with a deadline. Returns 0 when connected, else an errno value (ETIMEDOUT on no answer).
int try_connect(const addrinfo& ai, int timeout_ms) {
  const int fd = ::socket(ai.ai_family, ai.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai.ai_protocol);
  if (fd < 0) return errno;
  int err = 0;
  if (::connect(fd, ai.ai_addr, ai.ai_addrlen) != 0) {
    err = errno;
    if (err == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      const int ready = ::poll(&p, 1, timeout_ms);
      if (ready <= 0) {
        err = ready == 0 ? ETIMEDOUT : errno;
      } else {
        socklen_t len = sizeof err;
        if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
      }
    }
  }
  ::close(fd);
  return err;
}

}  // namespace

std::string diagnose_stream_endpoint(const std::string& url, int timeout_ms) {
  Endpoint ep;
  if (!parse_endpoint(url, ep)) return "not a host:port URL";
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (const int rc = ::getaddrinfo(ep.host.c_str(), ep.port.c_str(), &hints, &found); rc != 0) {
    return "cannot resolve host '" + ep.host + "': " + ::gai_strerror(rc);
  }
  const std::string where = ep.host + ":" + ep.port;
  int err = ECONNREFUSED;
  for (const addrinfo* ai = found; ai != nullptr; ai = ai->ai_next) {
    err = try_connect(*ai, timeout_ms);
    if (err == 0) break;
  }
  ::freeaddrinfo(found);
  if (err == 0) return where + " accepts connections but serves no playable video there (wrong path or credentials, "
                               "unsupported codec, or no data before the open timeout)";
  if (err == ECONNREFUSED) return "connection refused by " + where + " (no server listening)";
  if (err == ETIMEDOUT) return "no answer from " + where + " within " + std::to_string(timeout_ms) + " ms";
  return "cannot connect to " + where + ": " + std::strerror(err);
}

}  // namespace footfall

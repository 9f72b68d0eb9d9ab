#include "connection_close.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>

namespace footfall {

namespace {

// Ends a connection whose request body was refused unread, once the response is written (this runs from the
// logger). httplib (0.11) would keep the connection and read the rest of that body as the next request (line by line,
// with no limit on a line), and no handler sees the socket, so it is found by its addresses (this connection's peer,
// this server's port). Then a lingering close: the write side is shut (the client gets the response and the end of
// the stream), what the client still sends is read and dropped for a moment (at most 1 s and 16 MB, so that closing
// with unread data does not reset the connection before the response arrived), and the socket is replaced by
// /dev/null, on which httplib's next read fails, so that it closes the connection (and that descriptor) itself.
void end_connection(int fd) {
  ::shutdown(fd, SHUT_WR);
  char buffer[64 * 1024];
  std::size_t dropped = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  while (dropped < 16u * 1024 * 1024) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
    if (n <= 0) break;
    dropped += static_cast<std::size_t>(n);
  }
  const int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null_fd >= 0) {
    ::dup2(null_fd, fd);  // closes the socket; fd stays valid until httplib closes it
    ::close(null_fd);
  }
}

}  // namespace

void close_after_response(const httplib::Request& req, int local_port) {
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) return;
  int found = -1;
  while (const dirent* entry = ::readdir(dir)) {
    char* end = nullptr;
    const long fd = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0') continue;
    struct stat info {};
    if (::fstat(static_cast<int>(fd), &info) != 0 || !S_ISSOCK(info.st_mode)) continue;
    sockaddr_storage local{};
    sockaddr_storage peer{};
    socklen_t local_size = sizeof local;
    socklen_t peer_size = sizeof peer;
    if (::getsockname(static_cast<int>(fd), reinterpret_cast<sockaddr*>(&local), &local_size) != 0 ||
        ::getpeername(static_cast<int>(fd), reinterpret_cast<sockaddr*>(&peer), &peer_size) != 0) {
      continue;
    }
    auto port_of = [](const sockaddr_storage& a) {
      if (a.ss_family == AF_INET) return static_cast<int>(ntohs(reinterpret_cast<const sockaddr_in&>(a).sin_port));
      if (a.ss_family == AF_INET6) return static_cast<int>(ntohs(reinterpret_cast<const sockaddr_in6&>(a).sin6_port));
      return -1;
    };
    auto address_of = [](const sockaddr_storage& a) {
      char text[INET6_ADDRSTRLEN] = {};
      if (a.ss_family == AF_INET) {
        ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(a).sin_addr, text, sizeof text);
      } else if (a.ss_family == AF_INET6) {
        ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(a).sin6_addr, text, sizeof text);
      }
      return std::string(text);
    };
    if (port_of(local) == local_port && port_of(peer) == req.remote_port && address_of(peer) == req.remote_addr) {
      found = static_cast<int>(fd);
      break;
    }
  }
  ::closedir(dir);
  if (found >= 0) end_connection(found);
}

}  // namespace footfall

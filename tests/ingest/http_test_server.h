// A minimal HTTP/1.0 server on 127.0.0.1 for the stream tests, in the test process: serves files from a folder
// (enough for an HLS playlist and its segments) and, at /mjpeg, a multipart/x-mixed-replace Motion-JPEG stream
// like an IP camera's. One thread per connection; every response closes its connection.
#pragma once

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "test_process.h"

namespace footfall::test {

class HttpTestServer {
 public:
  // `root`: folder of files to serve. `mjpeg_parts`: encoded JPEGs sent in turn at `mjpeg_fps`, looping, at /mjpeg.
  HttpTestServer(std::filesystem::path root, std::vector<std::vector<unsigned char>> mjpeg_parts, int mjpeg_fps = 10)
      : root_(std::move(root)), parts_(std::move(mjpeg_parts)), fps_(mjpeg_fps) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listen_fd_, 16) != 0 || ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      throw std::runtime_error("HttpTestServer: cannot listen");
    }
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  ~HttpTestServer() { stop(); }
  HttpTestServer(const HttpTestServer&) = delete;
  HttpTestServer& operator=(const HttpTestServer&) = delete;

  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  int requests() const { return requests_.load(); }

  // Closes the listening socket and every open connection, and joins the threads.
  void stop() {
    if (stopping_.exchange(true)) return;
    acceptor_.join();
    ::close(listen_fd_);
    std::lock_guard lock(mutex_);
    for (auto& t : handlers_) t.join();
  }

 private:
  void accept_loop() {
    while (!stopping_.load()) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      std::lock_guard lock(mutex_);
      handlers_.emplace_back([this, fd] {
        handle(fd);
        ::close(fd);
      });
    }
  }

  bool send_all(int fd, const void* data, std::size_t n) {
    const char* p = static_cast<const char*>(data);
    while (n > 0) {
      const ssize_t sent = ::send(fd, p, n, MSG_NOSIGNAL);
      if (sent <= 0) return false;
      p += sent;
      n -= static_cast<std::size_t>(sent);
    }
    return true;
  }
  bool send_text(int fd, const std::string& s) { return send_all(fd, s.data(), s.size()); }

  void handle(int fd) {
    std::string request;
    char buf[2048];
    while (request.find("\r\n\r\n") == std::string::npos && !stopping_.load()) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) return;
      request.append(buf, static_cast<std::size_t>(n));
    }
    ++requests_;
    const std::size_t sp1 = request.find(' ');
    const std::size_t sp2 = request.find(' ', sp1 + 1);
    if (sp1 == std::string::npos || sp2 == std::string::npos) return;
    const std::string path = request.substr(sp1 + 1, sp2 - sp1 - 1);
    if (path == "/mjpeg") return stream_mjpeg(fd);
    const std::filesystem::path file = root_ / path.substr(1);
    std::error_code ec;
    if (path.find("..") != std::string::npos || !std::filesystem::is_regular_file(file, ec)) {
      send_text(fd, "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    const std::string body = read_text(file);
    const std::string type = file.extension() == ".m3u8" ? "application/vnd.apple.mpegurl"
                             : file.extension() == ".ts" ? "video/mp2t"
                                                         : "application/octet-stream";
    send_text(fd, "HTTP/1.0 200 OK\r\nContent-Type: " + type + "\r\nContent-Length: " + std::to_string(body.size()) +
                      "\r\nConnection: close\r\n\r\n");
    send_text(fd, body);
  }

  void stream_mjpeg(int fd) {
    if (!send_text(fd, "HTTP/1.0 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=ffboundary\r\n"
                       "Cache-Control: no-cache\r\nConnection: close\r\n\r\n")) {
      return;
    }
    for (std::size_t i = 0; !stopping_.load() && !parts_.empty(); ++i) {
      const auto& jpeg = parts_[i % parts_.size()];
      const std::string head = "--ffboundary\r\nContent-Type: image/jpeg\r\nContent-Length: " +
                               std::to_string(jpeg.size()) + "\r\n\r\n";
      if (!send_text(fd, head) || !send_all(fd, jpeg.data(), jpeg.size()) || !send_text(fd, "\r\n")) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(1000 / fps_));
    }
  }

  std::filesystem::path root_;
  std::vector<std::vector<unsigned char>> parts_;
  int fps_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> requests_{0};
  std::thread acceptor_;
  std::mutex mutex_;
  std::vector<std::thread> handlers_;
};

}  // namespace footfall::test

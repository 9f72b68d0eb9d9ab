// The loopback RTSP test server (tests/tools/rtsp_server.c) as an object: started in the constructor, ready when
// the constructor returns, killed by the destructor.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include "test_paths.h"
#include "test_process.h"

namespace footfall::test {

// A TCP port on 127.0.0.1 that nobody listens on right now.
inline int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    throw std::runtime_error("cannot find a free loopback port");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

class RtspServerProcess {
 public:
  // Serves `clip` at rtsp://127.0.0.1:PORT/cam as Motion-JPEG at `fps`, or with `fps` 0 an MP4's H.264 as it is (at
  // its own rate); port 0 lets the server choose. Throws if not ready within 15 s.
  explicit RtspServerProcess(const std::filesystem::path& clip, int port = 0, int fps = 10) {
    const auto program = test_tools_dir() / "rtsp_server";
    log_ = dir_ / "server.log";
    process_ = std::make_unique<BackgroundProcess>(
        std::vector<std::string>{program.string(), std::to_string(port), "/cam", clip.string(),
                                 fps > 0 ? std::to_string(fps) : std::string("copy")},
        log_);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
      const std::string log = read_text(log_);
      const std::size_t at = log.find("ready ");
      if (at != std::string::npos && log.find('\n', at) != std::string::npos) {
        port_ = std::stoi(log.substr(at + 6));
        return;
      }
      if (!process_->running()) throw std::runtime_error("rtsp_server exited: " + log);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("rtsp_server not ready after 15 s: " + read_text(log_));
  }

  int port() const { return port_; }
  std::string url(const std::string& mount = "/cam") const {
    return "rtsp://127.0.0.1:" + std::to_string(port_) + mount;
  }
  // Sends `sig` and waits for the process to end.
  void stop(int sig) {
    process_->signal(sig);
    process_->wait();
  }
  std::string log() const { return read_text(log_); }

 private:
  TempDir dir_;
  std::filesystem::path log_;
  std::unique_ptr<BackgroundProcess> process_;
  int port_ = 0;
};

}  // namespace footfall::test

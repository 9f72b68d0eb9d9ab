// Thin POSIX file helpers for the spool: an owning file descriptor, whole-buffer pread/pwrite that retry short
// transfers and EINTR, and fsync of a directory (so that a created, renamed or removed entry is durable).
// Every function returns an error naming the path and the system's reason.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>

#include "footfall/core/result.h"

namespace footfall::spool {

class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) reset(std::exchange(other.fd_, -1));
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  void reset(int fd = -1);

 private:
  int fd_ = -1;
};

// strerror(errno) of the calling thread, for messages.
std::string errno_text();
std::string errno_text(int error);

// open(2) with O_CLOEXEC; the error names the path.
Result<UniqueFd> open_file(const std::filesystem::path& path, int flags, unsigned mode = 0644);

// Writes all `size` bytes at `offset`.
Status pwrite_all(int fd, const void* data, std::size_t size, std::uint64_t offset, const std::filesystem::path& path);
// Reads exactly `size` bytes at `offset`; reading past the end of the file is an error.
Status pread_all(int fd, void* data, std::size_t size, std::uint64_t offset, const std::filesystem::path& path);

// fdatasync(2): the file's data and size are on disk.
Status sync_file(int fd, const std::filesystem::path& path);
// fsync(2) of a directory: entries created, renamed or removed in it are on disk. `dir_fd` is an open descriptor
// of `dir` (O_RDONLY | O_DIRECTORY).
Status sync_dir(const std::filesystem::path& dir);
Status sync_dir(int dir_fd, const std::filesystem::path& dir);

}  // namespace footfall::spool

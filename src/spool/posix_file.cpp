#include "posix_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <type_traits>

namespace footfall::spool {

void UniqueFd::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

std::string errno_text() { return errno_text(errno); }

std::string errno_text(int error) {
  char buffer[256];
  // GNU strerror_r returns the message (maybe not in buffer); XSI returns 0 and fills buffer.
  auto result = ::strerror_r(error, buffer, sizeof buffer);
  if constexpr (std::is_same_v<decltype(result), char*>) {
    return result;
  } else {
    return result == 0 ? buffer : "error " + std::to_string(error);
  }
}

Result<UniqueFd> open_file(const std::filesystem::path& path, int flags, unsigned mode) {
  int fd = -1;
  do {
    fd = ::open(path.c_str(), flags | O_CLOEXEC, static_cast<mode_t>(mode));
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return make_error(path.string() + ": cannot open: " + errno_text());
  return UniqueFd(fd);
}

Status pwrite_all(int fd, const void* data, std::size_t size, std::uint64_t offset,
                  const std::filesystem::path& path) {
  const auto* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::pwrite(fd, p, size, static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return make_error(path.string() + ": cannot write at offset " + std::to_string(offset) + ": " + errno_text());
    }
    p += n;
    size -= static_cast<std::size_t>(n);
    offset += static_cast<std::uint64_t>(n);
  }
  return Status::success();
}

Status pread_all(int fd, void* data, std::size_t size, std::uint64_t offset, const std::filesystem::path& path) {
  auto* p = static_cast<char*>(data);
  while (size > 0) {
    const ssize_t n = ::pread(fd, p, size, static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return make_error(path.string() + ": cannot read at offset " + std::to_string(offset) + ": " + errno_text());
    }
    if (n == 0) {
      return make_error(path.string() + ": cannot read at offset " + std::to_string(offset) +
                        ": the file ends there");
    }
    p += n;
    size -= static_cast<std::size_t>(n);
    offset += static_cast<std::uint64_t>(n);
  }
  return Status::success();
}

Status sync_file(int fd, const std::filesystem::path& path) {
  if (::fdatasync(fd) != 0) return make_error(path.string() + ": cannot sync to disk: " + errno_text());
  return Status::success();
}

Status sync_dir(const std::filesystem::path& dir) {
  auto fd = open_file(dir, O_RDONLY | O_DIRECTORY);
  if (!fd) return fd.error();
  return sync_dir(fd->get(), dir);
}

Status sync_dir(int dir_fd, const std::filesystem::path& dir) {
  if (::fsync(dir_fd) != 0) return make_error(dir.string() + ": cannot sync the folder to disk: " + errno_text());
  return Status::success();
}

}  // namespace footfall::spool

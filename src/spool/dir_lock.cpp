#include "dir_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <string>

namespace footfall::spool {

Result<UniqueFd> lock_spool_dir(const std::filesystem::path& dir) {
  const auto path = dir / kLockFileName;
  auto fd = open_file(path, O_RDWR | O_CREAT);
  if (!fd) return make_error("spool " + dir.string() + ": cannot create its lock file: " + fd.error().message);
  if (::flock(fd->get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK) {
      return make_error("spool " + dir.string() + ": cannot lock " + path.string() + ": " + errno_text());
    }
    char buffer[32] = {};
    const ssize_t n = ::pread(fd->get(), buffer, sizeof buffer - 1, 0);
    std::string holder = n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : "";
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
    const bool self = holder == std::to_string(::getpid());
    return make_error("spool " + dir.string() + " is in use " +
                      (self ? std::string("by another spool in this process") :
                              "by another process" + (holder.empty() ? std::string() : " (pid " + holder + ")")) +
                      "; each spool folder has one owner (lock file " + path.string() + ")");
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd->get(), 0) != 0) return make_error(path.string() + ": cannot write: " + errno_text());
  if (Status s = pwrite_all(fd->get(), pid.data(), pid.size(), 0, path); !s) return s.error();
  return std::move(*fd);
}

}  // namespace footfall::spool

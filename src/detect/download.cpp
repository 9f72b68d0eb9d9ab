// Verified model download over HTTP(S) with cpp-httplib (Debian's libcpp-httplib, built with OpenSSL).
#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#define CPPHTTPLIB_OPENSSL_SUPPORT
#endif
#include <httplib.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "footfall/detect/model_locator.h"
#include "sha256.h"

namespace footfall {

namespace fs = std::filesystem;

namespace {

struct UrlParts {
  std::string origin;  // scheme://host[:port]
  std::string target;  // /path?query
};

std::optional<UrlParts> split_url(const std::string& url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return std::nullopt;
  const std::string scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return std::nullopt;
  const std::size_t path_start = url.find('/', scheme_end + 3);
  UrlParts parts;
  parts.origin = url.substr(0, path_start);
  parts.target = path_start == std::string::npos ? "/" : url.substr(path_start);
  if (parts.origin.size() <= scheme_end + 3) return std::nullopt;  // no host
  return parts;
}

// A temporary file next to its destination, removed on destruction unless committed by rename.
class TempFile {
 public:
  explicit TempFile(const fs::path& dest) {
    std::string pattern = (dest.parent_path() / ("." + dest.filename().string() + ".part-XXXXXX")).string();
    fd_ = ::mkstemp(pattern.data());
    if (fd_ >= 0) path_ = pattern;
  }
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  bool ok() const { return fd_ >= 0; }
  const fs::path& path() const { return path_; }

  bool write_all(const char* data, std::size_t size) {
    while (size > 0) {
      const ssize_t n = ::write(fd_, data, size);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      data += n;
      size -= static_cast<std::size_t>(n);
    }
    return true;
  }

  // fsync, close and rename onto dest; the temporary name is gone afterwards either way.
  bool commit(const fs::path& dest) {
    const bool synced = ::fsync(fd_) == 0;
    const bool closed = ::close(fd_) == 0;
    fd_ = -1;
    if (!synced || !closed || ::rename(path_.c_str(), dest.c_str()) != 0) return false;
    path_.clear();
    // Make the rename itself durable.
    const int dir = ::open(dest.parent_path().c_str(), O_RDONLY | O_DIRECTORY);
    if (dir >= 0) {
      ::fsync(dir);
      ::close(dir);
    }
    return true;
  }

 private:
  int fd_ = -1;
  fs::path path_;
};

std::string describe(httplib::Error error, const std::string& origin) {
  switch (error) {
    case httplib::Error::Connection: return "cannot connect to " + origin + " (offline, or a proxy or firewall is in the way?)";
    case httplib::Error::SSLServerVerification: return "the TLS certificate of " + origin + " could not be verified";
    case httplib::Error::Read: return "the connection broke while reading";
    default: return "request failed (" + httplib::to_string(error) + ")";
  }
}

// Creates the missing directories of `dir`; unless keep() is called, removes those it created again (if empty).
class CreatedDirs {
 public:
  std::error_code create(const fs::path& dir) {
    std::error_code ec;
    for (fs::path p = dir; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
      created_.push_back(p);
      if (p.parent_path() == p) break;
    }
    fs::create_directories(dir, ec);
    return ec;
  }
  void keep() { created_.clear(); }
  ~CreatedDirs() {
    std::error_code ec;
    for (const fs::path& p : created_) fs::remove(p, ec);  // deepest first; fails harmlessly when not empty
  }

 private:
  std::vector<fs::path> created_;
};

}  // namespace

Status download_verified(const std::string& url, const std::string& sha256, const fs::path& dest) {
  const auto parts = split_url(url);
  if (!parts) return make_error(url + ": not an http:// or https:// URL");
  CreatedDirs dirs;  // declared before `temp`, so the temporary file goes first
  const std::error_code ec = dirs.create(dest.parent_path());
  if (ec) return make_error(dest.parent_path().string() + ": cannot create directory: " + ec.message());
  TempFile temp(dest);
  if (!temp.ok()) return make_error(dest.parent_path().string() + ": cannot create a file: " + std::strerror(errno));

  httplib::Client client(parts->origin);
  client.set_follow_location(true);
  client.set_connection_timeout(15, 0);
  client.set_read_timeout(60, 0);

  detail::Sha256 sha;
  int status = 0;
  bool write_failed = false;
  auto result = client.Get(
      parts->target,
      [&](const httplib::Response& response) {
        status = response.status;
        return response.status == 200;
      },
      [&](const char* data, std::size_t size) {
        sha.update(data, size);
        write_failed = !temp.write_all(data, size);
        return !write_failed;
      });
  if (write_failed) return make_error(temp.path().string() + ": write failed: " + std::strerror(errno));
  if (status != 0 && status != 200) return make_error(url + ": HTTP status " + std::to_string(status));
  if (!result) return make_error(url + ": " + describe(result.error(), parts->origin));
  if (result->status != 200) return make_error(url + ": HTTP status " + std::to_string(result->status));

  const std::string digest = sha.hex_digest();
  if (digest != sha256) {
    return make_error(url + ": checksum mismatch: expected sha256 " + sha256 + ", got " + digest +
                      "; the download was discarded");
  }
  if (!temp.commit(dest)) return make_error(dest.string() + ": cannot save the download: " + std::strerror(errno));
  dirs.keep();
  return Status::success();
}

}  // namespace footfall

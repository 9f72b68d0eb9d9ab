#include "ack_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "posix_file.h"

namespace footfall::spool {

namespace {

constexpr std::string_view kAckHeader = "footfall-spool-ack 1\n";

}  // namespace

Result<std::uint64_t> read_ack_file(const std::filesystem::path& dir) {
  const auto path = dir / kAckFileName;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::uint64_t{0};
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(path.string() + ": cannot read the spool's acknowledgement file");
  std::ostringstream text;
  text << in.rdbuf();
  const std::string content = text.str();
  if (content.size() < kAckHeader.size() + 2 || content.compare(0, kAckHeader.size(), kAckHeader) != 0 ||
      content.back() != '\n') {
    return make_error(path.string() + ": not a spool acknowledgement file");
  }
  const std::string number = content.substr(kAckHeader.size(), content.size() - kAckHeader.size() - 1);
  if (number.empty() || number.size() > 20 || number.find_first_not_of("0123456789") != std::string::npos) {
    return make_error(path.string() + ": not a spool acknowledgement file (bad sequence '" + number + "')");
  }
  try {
    return static_cast<std::uint64_t>(std::stoull(number));
  } catch (const std::exception&) {
    return make_error(path.string() + ": not a spool acknowledgement file (bad sequence '" + number + "')");
  }
}

Status write_ack_file(const std::filesystem::path& dir, int dir_fd, std::uint64_t sequence) {
  const auto temp = dir / kAckTempFileName;
  const auto path = dir / kAckFileName;
  const std::string content = std::string(kAckHeader) + std::to_string(sequence) + "\n";
  {
    auto fd = open_file(temp, O_WRONLY | O_CREAT | O_TRUNC);
    if (!fd) return fd.error();
    if (Status s = pwrite_all(fd->get(), content.data(), content.size(), 0, temp); !s) return s;
    if (Status s = sync_file(fd->get(), temp); !s) return s;
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    return make_error(temp.string() + ": cannot rename to " + path.filename().string() + ": " + errno_text());
  }
  return sync_dir(dir_fd, dir);
}

}  // namespace footfall::spool

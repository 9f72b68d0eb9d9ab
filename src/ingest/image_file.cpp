#include "image_file.h"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <string>

#include <opencv2/imgcodecs.hpp>

namespace footfall {

namespace {

// A JPEG by content (whatever its name): it starts with the SOI marker FF D8 FF.
bool starts_like_jpeg(std::ifstream& in) {
  char head[3] = {};
  in.read(head, 3);
  return in.gcount() == 3 && head[0] == '\xFF' && head[1] == '\xD8' && head[2] == '\xFF';
}

// A complete JPEG ends with the EOI marker FF D9. Some writers pad after it, so the marker is looked for in the
// last kTail bytes rather than exactly at the end. Inside entropy-coded data FF is always followed by 00 or a
// restart marker, so a cut-off file cannot contain a stray FF D9 near its end (short of an embedded thumbnail in a
// file of only a few KiB).
bool jpeg_has_end_marker(std::ifstream& in, std::uintmax_t size) {
  constexpr std::uintmax_t kTail = 1024;
  in.clear();
  const std::uintmax_t n = std::min(size, kTail);
  in.seekg(static_cast<std::streamoff>(size - n));
  std::string tail(n, '\0');
  in.read(tail.data(), static_cast<std::streamsize>(n));
  if (static_cast<std::uintmax_t>(in.gcount()) != n) return false;
  return tail.find("\xFF\xD9") != std::string::npos;
}

}  // namespace

Result<cv::Mat> read_image_file(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) return make_error(name + ": no such file");
  if (!std::filesystem::is_regular_file(status)) return make_error(name + ": not a regular file");
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return make_error(name + ": cannot read: " + ec.message());
  if (size == 0) return make_error(name + ": empty file");
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(name + ": cannot open for reading");
    if (starts_like_jpeg(in) && !jpeg_has_end_marker(in, size)) {
      return make_error(name + ": truncated or damaged JPEG (no end-of-image marker)");
    }
  }
  cv::Mat image = cv::imread(name, cv::IMREAD_COLOR);
  if (image.empty()) return make_error(name + ": not a readable image (corrupt, or not JPEG/PNG/BMP/WebP)");
  return image;
}

std::optional<TimestampMs> file_mtime_ms(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return static_cast<TimestampMs>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
}

}  // namespace footfall

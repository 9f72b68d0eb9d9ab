// Helpers for the spool tests: capture of spdlog's output, the segment files of a spool folder, raw file edits.
#pragma once

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "footfall/spool/spool.h"

namespace footfall::test {

// Routes spdlog's default logger into a string for the lifetime of the object.
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(stream_);
    sink->set_pattern("%l %v");
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  std::string text() const { return stream_.str(); }
  // Lines that start with `level` ("warning", "error", "info") and contain `needle`.
  std::size_t count(const std::string& level, const std::string& needle) const {
    std::istringstream in(stream_.str());
    std::size_t n = 0;
    for (std::string line; std::getline(in, line);) {
      if (line.rfind(level + " ", 0) == 0 && line.find(needle) != std::string::npos) ++n;
    }
    return n;
  }

 private:
  std::ostringstream stream_;
  std::shared_ptr<spdlog::logger> previous_;
};

// The segment files of a spool folder, oldest first.
inline std::vector<std::filesystem::path> segment_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".seg") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  ASSERT_TRUE(out.good()) << path;
}

inline std::unique_ptr<Spool> open_spool(const SpoolOptions& options) {
  auto spool = Spool::open(options);
  if (!spool) {
    ADD_FAILURE() << spool.error().message;
    return nullptr;
  }
  return std::move(*spool);
}

inline std::vector<SpoolItem> peek_all(Spool& spool) {
  auto items = spool.peek(SIZE_MAX);
  if (!items) {
    ADD_FAILURE() << items.error().message;
    return {};
  }
  return std::move(*items);
}

}  // namespace footfall::test

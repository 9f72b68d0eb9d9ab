// Where the tests find real test material and programs. Tests skip nothing: missing material is a failure.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

#include <stdlib.h>

namespace footfall::test {

inline std::filesystem::path source_dir() { return FOOTFALL_SOURCE_DIR; }
inline std::filesystem::path shared_dir() { return FOOTFALL_SHARED_DIR; }
inline std::filesystem::path models_dir() { return shared_dir() / "models"; }
inline std::filesystem::path media_dir() { return shared_dir() / "media" / "intel-sample-videos"; }
inline std::filesystem::path datasets_dir() { return shared_dir() / "datasets"; }
inline std::filesystem::path vtest_avi() { return "/usr/share/doc/opencv-doc/examples/data/vtest.avi"; }
inline std::filesystem::path darknet_data() { return "/usr/share/darknet/data"; }
inline std::filesystem::path footfall_binary() { return FOOTFALL_BINARY; }
inline std::filesystem::path test_tools_dir() { return FOOTFALL_TEST_TOOLS_DIR; }

// A fresh empty directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir() {
    auto base = std::filesystem::temp_directory_path();
    std::string pattern = (base / "footfall-test-XXXXXX").string();
    char* made = ::mkdtemp(pattern.data());
    if (made == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = made;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace footfall::test

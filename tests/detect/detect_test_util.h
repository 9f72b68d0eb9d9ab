// Helpers shared by the detect tests: environment overrides, file copies, reference frames and boxes.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

#include "footfall/core/geometry.h"
#include "scoped_env.h"
#include "test_paths.h"

namespace footfall::test {


// Copies `from` to `to`, creating parent directories.
inline void copy_file(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::filesystem::create_directories(to.parent_path());
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
}

// Flips every bit of the byte at `offset`.
inline void corrupt_byte(const std::filesystem::path& file, std::streamoff offset) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(offset);
  char c = 0;
  f.get(c);
  f.seekp(offset);
  f.put(static_cast<char>(~c));
}

inline std::string read_all(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline std::filesystem::path person_jpg() { return darknet_data() / "person.jpg"; }

// The one person in darknet's person.jpg (640x424: a hiker with a dog and a horse), by eye.
inline Box person_jpg_person() { return {190, 98, 85, 277}; }

// Frame 100 (0-based) of vtest.avi, decoded once.
inline const cv::Mat& vtest_frame_100() {
  static const cv::Mat frame = [] {
    cv::VideoCapture cap(vtest_avi().string(), cv::CAP_FFMPEG);
    cv::Mat f;
    for (int i = 0; i <= 100 && cap.read(f); ++i) {
    }
    return f.clone();
  }();
  return frame;
}

// Three clearly visible walkers in vtest.avi frame 100 (768x576), by eye: the woman in black near the lamp post,
// the man in grey at the right, the left one of the couple.
inline std::vector<Box> vtest_frame_100_people() { return {{346, 197, 30, 77}, {588, 153, 30, 85}, {494, 149, 26, 70}}; }

}  // namespace footfall::test

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <opencv2/imgcodecs.hpp>

#include "footfall/ingest/source.h"
#include "test_paths.h"

namespace footfall {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

std::unique_ptr<FrameSource> image_source(const fs::path& path, std::optional<TimestampMs> start = std::nullopt) {
  static SystemClock clock;
  SourceSpec spec;
  spec.uri = path.string();
  spec.start_time = start;
  return make_source(spec, clock);
}

void copy_prefix(const fs::path& from, const fs::path& to, std::uintmax_t bytes) {
  fs::copy_file(from, to);
  fs::resize_file(to, bytes);
}

TEST(ImageSource, OneFrameThenEndOfStream) {
  auto source = image_source(test::darknet_data() / "person.jpg", 1'764'000'000'000);
  ASSERT_TRUE(source->open()) << source->last_error();
  EXPECT_FALSE(source->is_live());
  EXPECT_EQ(source->frame_count_hint(), 1);
  Frame frame;
  ASSERT_EQ(source->read(frame), ReadStatus::frame);
  EXPECT_EQ(frame.image.size(), cv::Size(640, 424));
  EXPECT_EQ(frame.image.type(), CV_8UC3);
  EXPECT_EQ(frame.index, 1);
  EXPECT_EQ(frame.timestamp_ms, 1'764'000'000'000);
  EXPECT_EQ(source->read(frame), ReadStatus::end_of_stream);
  EXPECT_EQ(source->read(frame), ReadStatus::end_of_stream);
  EXPECT_EQ(source->last_error(), "");
}

TEST(ImageSource, EveryDarknetPhotoDecodes) {
  for (const char* name : {"dog.jpg", "eagle.jpg", "giraffe.jpg", "horses.jpg", "kite.jpg", "scream.jpg"}) {
    auto source = image_source(test::darknet_data() / name, 0);
    ASSERT_TRUE(source->open()) << source->last_error();
    Frame frame;
    ASSERT_EQ(source->read(frame), ReadStatus::frame) << name;
    EXPECT_FALSE(frame.image.empty()) << name;
  }
}

TEST(ImageSource, PngWithModificationTimeAsDefault) {
  TempDir dir;
  const fs::path png = dir / "still.png";
  ASSERT_TRUE(cv::imwrite(png.string(), cv::Mat(48, 64, CV_8UC3, cv::Scalar(10, 20, 30))));
  const auto when = fs::file_time_type::clock::now() - std::chrono::hours(5);
  fs::last_write_time(png, when);
  auto source = image_source(png);
  ASSERT_TRUE(source->open()) << source->last_error();
  Frame frame;
  ASSERT_EQ(source->read(frame), ReadStatus::frame);
  EXPECT_EQ(frame.image.size(), cv::Size(64, 48));
  const auto expected = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::file_clock::to_sys(when).time_since_epoch())
                            .count();
  EXPECT_EQ(frame.timestamp_ms, expected);
}

TEST(ImageSource, BadFilesAreErrorsNamingTheFile) {
  TempDir dir;
  const fs::path missing = dir / "missing.jpg";
  Status s = image_source(missing)->open();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message, missing.string() + ": no such file");

  const fs::path garbage = dir / "garbage.jpg";
  std::ofstream(garbage) << "definitely not a JPEG, although it ends like one \xFF\xD9";
  s = image_source(garbage)->open();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message.rfind(garbage.string() + ": not a readable image", 0), 0u) << s.error().message;

  const fs::path cut = dir / "cut.jpg";
  copy_prefix(test::darknet_data() / "person.jpg", cut, fs::file_size(test::darknet_data() / "person.jpg") / 2);
  s = image_source(cut)->open();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message, cut.string() + ": truncated or damaged JPEG (no end-of-image marker)");

  const fs::path cut_png = dir / "cut.png";
  ASSERT_TRUE(cv::imwrite((dir / "whole.png").string(), cv::Mat(200, 200, CV_8UC3, cv::Scalar(1, 2, 3))));
  copy_prefix(dir / "whole.png", cut_png, fs::file_size(dir / "whole.png") / 2);
  s = image_source(cut_png)->open();
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find(cut_png.string()), std::string::npos);

  const fs::path empty = dir / "empty.png";
  std::ofstream{empty};
  s = image_source(empty)->open();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message, empty.string() + ": empty file");
}

}  // namespace
}  // namespace footfall

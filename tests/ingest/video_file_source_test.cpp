#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include <opencv2/videoio.hpp>

#include "footfall/ingest/source.h"
#include "test_paths.h"

namespace footfall {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

struct Decoded {
  std::vector<TimestampMs> timestamps;
  std::vector<std::int64_t> indices;
  cv::Size size;
  ReadStatus end = ReadStatus::frame;
};

std::unique_ptr<FrameSource> open_file(const fs::path& path, std::optional<TimestampMs> start) {
  static SystemClock clock;
  SourceSpec spec;
  spec.uri = path.string();
  spec.start_time = start;
  return make_source(spec, clock);
}

Decoded decode_all(FrameSource& source) {
  Decoded d;
  Frame frame;
  ReadStatus status;
  while ((status = source.read(frame)) == ReadStatus::frame) {
    d.timestamps.push_back(frame.timestamp_ms);
    d.indices.push_back(frame.index);
    d.size = frame.image.size();
    EXPECT_EQ(frame.image.type(), CV_8UC3);
  }
  d.end = status;
  return d;
}

void expect_consecutive_indices(const Decoded& d) {
  for (std::size_t i = 0; i < d.indices.size(); ++i) ASSERT_EQ(d.indices[i], static_cast<std::int64_t>(i + 1));
}

TimestampMs mtime_ms(const fs::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0);
  return static_cast<TimestampMs>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
}

TEST(VideoFileSource, Mp4AllFramesWithPresentationTimes) {
  const TimestampMs start = parse_iso8601("2026-11-24T09:00:00Z").value();
  auto source = open_file(test::media_dir() / "one-by-one-person-detection.mp4", start);
  ASSERT_TRUE(source->open()) << source->last_error();
  EXPECT_FALSE(source->is_live());
  EXPECT_DOUBLE_EQ(source->nominal_fps(), 10.0);
  EXPECT_EQ(source->frame_count_hint(), 1394);
  const Decoded d = decode_all(*source);
  ASSERT_EQ(d.timestamps.size(), 1394u);
  EXPECT_EQ(d.end, ReadStatus::end_of_stream);
  EXPECT_EQ(d.size, cv::Size(768, 432));
  expect_consecutive_indices(d);
  for (std::size_t i = 0; i < d.timestamps.size(); ++i) {
    ASSERT_EQ(d.timestamps[i], start + static_cast<TimestampMs>(i) * 100) << "frame " << i + 1;
  }
  EXPECT_EQ(source->last_error(), "");
  Frame frame;
  EXPECT_EQ(source->read(frame), ReadStatus::end_of_stream);  // stays ended
}

TEST(VideoFileSource, AviFromOpencvDoc) {
  auto source = open_file(test::vtest_avi(), 0);
  ASSERT_TRUE(source->open()) << source->last_error();
  const Decoded d = decode_all(*source);
  EXPECT_EQ(d.timestamps.size(), 795u);
  EXPECT_EQ(d.size, cv::Size(768, 576));
  EXPECT_EQ(d.timestamps.back(), 794 * 100);
  EXPECT_EQ(source->last_error(), "");
}

TEST(VideoFileSource, TudSequencesFrameForFrame) {
  for (const auto& [file, frames] : {std::pair{"tud-stadtmitte/TUD-Stadtmitte.mp4", 179u},
                                     std::pair{"tud-campus/TUD-Campus.mp4", 71u}}) {
    auto source = open_file(test::datasets_dir() / file, 0);
    ASSERT_TRUE(source->open()) << source->last_error();
    const Decoded d = decode_all(*source);
    EXPECT_EQ(d.timestamps.size(), frames) << file;
    EXPECT_EQ(d.size, cv::Size(640, 480)) << file;
    EXPECT_EQ(d.timestamps[1], 40) << file;  // 25 fps
    expect_consecutive_indices(d);
  }
}

TEST(VideoFileSource, GifsDecodeThroughFfmpegWithTheirFrameDelays) {
  auto source = open_file(test::media_dir() / "people-detection.gif", 1000);
  ASSERT_TRUE(source->open()) << source->last_error();
  const Decoded d = decode_all(*source);
  ASSERT_EQ(d.timestamps.size(), 23u);
  EXPECT_EQ(d.size, cv::Size(480, 270));
  // This GIF's frames last 80, 90, ... ms: the timestamps follow the GIF's own delays, not a fixed rate.
  EXPECT_EQ(d.timestamps[0], 1000);
  EXPECT_EQ(d.timestamps[1], 1080);
  EXPECT_EQ(d.timestamps[2], 1170);
  for (std::size_t i = 1; i < d.timestamps.size(); ++i) EXPECT_GT(d.timestamps[i], d.timestamps[i - 1]);
  EXPECT_EQ(d.end, ReadStatus::end_of_stream);

  for (const auto& [file, frames] : {std::pair{"face-demographics-walking-and-pause.gif", 41u},
                                     std::pair{"worker-zone-detection.gif", 71u}}) {
    auto gif = open_file(test::media_dir() / file, 0);
    ASSERT_TRUE(gif->open()) << gif->last_error();
    EXPECT_EQ(decode_all(*gif).timestamps.size(), frames) << file;
    EXPECT_EQ(gif->last_error(), "") << file;
  }
}

TEST(VideoFileSource, MkvWrittenByFfmpeg) {
  TempDir dir;
  const fs::path path = dir / "clip.mkv";
  {
    cv::VideoWriter writer(path.string(), cv::CAP_FFMPEG, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 10.0,
                           cv::Size(160, 120));
    ASSERT_TRUE(writer.isOpened());
    for (int i = 0; i < 30; ++i) writer.write(cv::Mat(120, 160, CV_8UC3, cv::Scalar(i * 8, 40, 200 - i * 5)));
  }
  auto source = open_file(path, 5000);
  ASSERT_TRUE(source->open()) << source->last_error();
  const Decoded d = decode_all(*source);
  ASSERT_EQ(d.timestamps.size(), 30u);
  EXPECT_EQ(d.size, cv::Size(160, 120));
  EXPECT_EQ(d.timestamps.front(), 5000);
  EXPECT_EQ(d.timestamps.back(), 5000 + 29 * 100);
  EXPECT_EQ(source->last_error(), "");
}

TEST(VideoFileSource, DefaultStartIsTheFileModificationTime) {
  const fs::path path = test::datasets_dir() / "tud-campus" / "TUD-Campus.mp4";
  auto source = open_file(path, std::nullopt);
  ASSERT_TRUE(source->open()) << source->last_error();
  Frame frame;
  ASSERT_EQ(source->read(frame), ReadStatus::frame);
  EXPECT_EQ(frame.timestamp_ms, mtime_ms(path));
  ASSERT_EQ(source->read(frame), ReadStatus::frame);
  EXPECT_EQ(frame.timestamp_ms, mtime_ms(path) + 40);
}

TEST(VideoFileSource, TruncatedVideoDeliversFramesUpToTheDamageThenWarns) {
  TempDir dir;
  const fs::path original = test::media_dir() / "one-by-one-person-detection.mp4";
  const fs::path cut = dir / "cut.mp4";
  {
    std::ifstream in(original, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream out(cut, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 2));
  }
  auto source = open_file(cut, 0);
  ASSERT_TRUE(source->open()) << source->last_error();  // this mp4 keeps its index at the front
  EXPECT_EQ(source->frame_count_hint(), 1394);
  const Decoded d = decode_all(*source);
  EXPECT_EQ(d.end, ReadStatus::end_of_stream);
  EXPECT_GT(d.timestamps.size(), 500u);
  EXPECT_LT(d.timestamps.size(), 1000u);
  expect_consecutive_indices(d);
  const std::string expected = cut.string() + ": video ended early after frame " +
                               std::to_string(d.timestamps.size()) + " of 1394 (file truncated or damaged)";
  EXPECT_EQ(source->last_error(), expected);
}

TEST(VideoFileSource, TruncatedVideoWithItsIndexAtTheEndDoesNotOpen) {
  TempDir dir;
  const fs::path original = test::datasets_dir() / "tud-stadtmitte" / "TUD-Stadtmitte.mp4";
  const fs::path cut = dir / "stadtmitte-cut.mp4";
  fs::copy_file(original, cut);
  fs::resize_file(cut, fs::file_size(original) / 2);
  auto source = open_file(cut, 0);
  Status s = source->open();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message.rfind(cut.string() + ": cannot open as a video", 0), 0u) << s.error().message;
  EXPECT_EQ(source->last_error(), s.error().message);
}

TEST(VideoFileSource, MissingAndUnreadableFilesNameThePath) {
  TempDir dir;
  auto missing = open_file(dir / "nope.mp4", 0);
  Status s = missing->open();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message, (dir / "nope.mp4").string() + ": no such file");

  const fs::path text = dir / "notes.mp4";
  std::ofstream(text) << "this is not a video\n";
  auto bad = open_file(text, 0);
  s = bad->open();
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find(text.string()), std::string::npos);
  EXPECT_NE(s.error().message.find("cannot open as a video"), std::string::npos);

  const fs::path empty = dir / "empty.avi";
  std::ofstream{empty};
  s = open_file(empty, 0)->open();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message, empty.string() + ": empty file");

  SystemClock clock;
  SourceSpec spec;
  spec.uri = dir.path().string();
  spec.kind = SourceKind::file;  // forced to be a video file, but a folder
  s = make_source(spec, clock)->open();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message, dir.path().string() + ": not a regular file");
}

TEST(VideoFileSource, ReadWithoutOpenIsAnError) {
  auto source = open_file(test::vtest_avi(), 0);
  Frame frame;
  EXPECT_EQ(source->read(frame), ReadStatus::error);
  EXPECT_NE(source->last_error().find("before a successful open"), std::string::npos);
}

}  // namespace
}  // namespace footfall

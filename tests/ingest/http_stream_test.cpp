// http(s):// sources: an IP camera's Motion-JPEG stream and an HLS playlist, both served on loopback.
#include <gtest/gtest.h>

#include <fstream>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

#include "fakes.h"
#include "footfall/ingest/source.h"
#include "http_test_server.h"
#include "test_paths.h"

namespace footfall {
namespace {

namespace fs = std::filesystem;

// The first n frames of vtest.avi as JPEG files in memory.
std::vector<std::vector<unsigned char>> vtest_jpegs(int n) {
  cv::VideoCapture capture(test::vtest_avi().string(), cv::CAP_FFMPEG);
  std::vector<std::vector<unsigned char>> out;
  cv::Mat image;
  while (static_cast<int>(out.size()) < n && capture.read(image)) {
    std::vector<unsigned char> jpeg;
    cv::imencode(".jpg", image, jpeg);
    out.push_back(std::move(jpeg));
  }
  return out;
}

// TUD-Campus cut into MPEG-TS segments of 25 frames with a finished (VOD) HLS playlist, index.m3u8. Returns the
// number of frames written.
int write_hls(const fs::path& dir) {
  cv::VideoCapture capture((test::datasets_dir() / "tud-campus" / "TUD-Campus.mp4").string(), cv::CAP_FFMPEG);
  std::ofstream playlist(dir / "index.m3u8");
  playlist << "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:0\n";
  cv::VideoWriter writer;
  cv::Mat image;
  int frames = 0;
  int segments = 0;
  while (capture.read(image)) {
    if (frames % 25 == 0) {
      writer.release();
      const std::string name = "seg" + std::to_string(segments) + ".ts";
      if (segments++ > 0) playlist << "#EXT-X-DISCONTINUITY\n";
      playlist << "#EXTINF:1.0,\n" << name << "\n";
      writer.open((dir / name).string(), cv::CAP_FFMPEG, cv::VideoWriter::fourcc('m', 'p', '4', 'v'), 25.0,
                   image.size());
      if (!writer.isOpened()) return 0;
    }
    writer.write(image);
    ++frames;
  }
  writer.release();
  playlist << "#EXT-X-ENDLIST\n";
  return frames;
}

TEST(HttpStream, MotionJpegFromAnIpCamera) {
  test::HttpTestServer server(fs::temp_directory_path(), vtest_jpegs(10), 20);
  test::TickingClock clock(1'000'000);
  SourceSpec spec;
  spec.uri = "http://viewer:s3cret@" + server.url("/mjpeg").substr(7);
  auto source = make_source(spec, clock);
  EXPECT_EQ(source->describe(), "http://viewer:***@" + server.url("/mjpeg").substr(7));
  ASSERT_TRUE(source->open()) << source->last_error();
  Frame frame;
  for (int i = 0; i < 15; ++i) {
    ASSERT_EQ(source->read(frame), ReadStatus::frame) << source->last_error();
    EXPECT_EQ(frame.image.size(), cv::Size(768, 576));
    EXPECT_EQ(frame.index, i + 1);
    EXPECT_EQ(frame.timestamp_ms, 1'000'000 + i);
  }
  source->close();
  server.stop();
}

TEST(HttpStream, HlsPlaylistIsReadToItsEndAndThenReportedAsADrop) {
  test::TempDir dir;
  const int written = write_hls(dir.path());
  ASSERT_EQ(written, 71);
  test::HttpTestServer server(dir.path(), {});
  SystemClock clock;
  SourceSpec spec;
  spec.uri = server.url("/index.m3u8");
  auto source = make_source(spec, clock);
  ASSERT_TRUE(source->open()) << source->last_error();
  Frame frame;
  int frames = 0;
  ReadStatus status;
  while ((status = source->read(frame)) == ReadStatus::frame) {
    EXPECT_EQ(frame.image.size(), cv::Size(640, 480));
    ++frames;
  }
  EXPECT_EQ(frames, 71);
  EXPECT_EQ(status, ReadStatus::error);  // a live source never ends: the end of a stream is a drop
  EXPECT_EQ(source->last_error().rfind(spec.uri + ": stream dropped", 0), 0u) << source->last_error();
  EXPECT_GE(server.requests(), 4);  // the playlist and three segments
}

TEST(HttpStream, MissingPlaylistNamesTheUrl) {
  test::TempDir dir;
  test::HttpTestServer server(dir.path(), {});
  SystemClock clock;
  SourceSpec spec;
  spec.uri = server.url("/nothing.m3u8?token=abc");
  auto source = make_source(spec, clock);
  Status s = source->open();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message.rfind(server.url("/nothing.m3u8?token=***") + ": cannot open stream: 127.0.0.1:", 0),
            0u)
      << s.error().message;
}

}  // namespace
}  // namespace footfall

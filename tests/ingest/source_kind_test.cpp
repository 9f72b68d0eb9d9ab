#include <gtest/gtest.h>

#include <fstream>

#include "footfall/ingest/source.h"
#include "test_paths.h"

namespace footfall {
namespace {

using test::TempDir;

TEST(DetectSourceKind, NetworkUrlsAreStreams) {
  EXPECT_EQ(detect_source_kind("rtsp://10.0.0.5:554/stream1"), SourceKind::stream);
  EXPECT_EQ(detect_source_kind("RTSP://cam/live"), SourceKind::stream);
  EXPECT_EQ(detect_source_kind("http://cam.local/video.mjpg"), SourceKind::stream);
  EXPECT_EQ(detect_source_kind("https://example.com/live/index.m3u8"), SourceKind::stream);
  EXPECT_EQ(detect_source_kind("rtmp://server/app/key"), SourceKind::stream);
  EXPECT_EQ(detect_source_kind("udp://239.0.0.1:1234"), SourceKind::stream);
}

TEST(DetectSourceKind, DevicesByPathOrNumber) {
  EXPECT_EQ(detect_source_kind("/dev/video0"), SourceKind::device);
  EXPECT_EQ(detect_source_kind("/dev/video12"), SourceKind::device);
  EXPECT_EQ(detect_source_kind("0"), SourceKind::device);
  EXPECT_EQ(detect_source_kind("2"), SourceKind::device);
}

TEST(DetectSourceKind, FoldersAreInboxesAndStillsAreImages) {
  TempDir dir;
  EXPECT_EQ(detect_source_kind(dir.path().string()), SourceKind::inbox);
  EXPECT_EQ(detect_source_kind("/snapshots/door.JPG"), SourceKind::image);
  EXPECT_EQ(detect_source_kind("a.jpeg"), SourceKind::image);
  EXPECT_EQ(detect_source_kind("a.png"), SourceKind::image);
  EXPECT_EQ(detect_source_kind("a.webp"), SourceKind::image);
  EXPECT_EQ(detect_source_kind("a.bmp"), SourceKind::image);
}

TEST(DetectSourceKind, EverythingElseIsAVideoFile) {
  EXPECT_EQ(detect_source_kind("clip.mp4"), SourceKind::file);
  EXPECT_EQ(detect_source_kind("walk.gif"), SourceKind::file);
  EXPECT_EQ(detect_source_kind("rec.mkv"), SourceKind::file);
  EXPECT_EQ(detect_source_kind("/no/such/folder"), SourceKind::file);
  EXPECT_EQ(detect_source_kind("file:///tmp/x.mp4"), SourceKind::file);
  EXPECT_EQ(detect_source_kind("12345"), SourceKind::file);  // too long for a device number
}

TEST(SourceKindName, AllKinds) {
  EXPECT_STREQ(to_string(SourceKind::file), "file");
  EXPECT_STREQ(to_string(SourceKind::stream), "stream");
  EXPECT_STREQ(to_string(SourceKind::device), "device");
  EXPECT_STREQ(to_string(SourceKind::inbox), "inbox");
  EXPECT_STREQ(to_string(SourceKind::image), "image");
}

TEST(MaskCredentials, HidesThePasswordKeepsTheRest) {
  EXPECT_EQ(mask_credentials("rtsp://user:secret@host/x"), "rtsp://user:***@host/x");
  EXPECT_EQ(mask_credentials("rtsp://admin:p%40ss:w0rd@10.0.0.5:554/Streaming/101"),
            "rtsp://admin:***@10.0.0.5:554/Streaming/101");
  EXPECT_EQ(mask_credentials("http://u:pw@cam"), "http://u:***@cam");
}

TEST(MaskCredentials, HidesSecretQueryValues) {
  EXPECT_EQ(mask_credentials("https://cam.example/live.m3u8?token=abc123&res=hd"),
            "https://cam.example/live.m3u8?token=***&res=hd");
  EXPECT_EQ(mask_credentials("http://cam/video.cgi?user=admin&password=hunter2#x"),
            "http://cam/video.cgi?user=admin&password=***#x");
}

TEST(MaskCredentials, LeavesUrlsWithoutSecretsAlone) {
  EXPECT_EQ(mask_credentials("rtsp://10.0.0.5:554/stream1"), "rtsp://10.0.0.5:554/stream1");
  EXPECT_EQ(mask_credentials("rtsp://user@host/x"), "rtsp://user@host/x");
  EXPECT_EQ(mask_credentials("rtsp://host/path@with/at"), "rtsp://host/path@with/at");
  EXPECT_EQ(mask_credentials("/videos/clip.mp4"), "/videos/clip.mp4");
}

TEST(MakeSource, PicksTheSourceForTheKind) {
  TempDir dir;
  SystemClock clock;
  SourceSpec spec;
  spec.uri = "rtsp://user:secret@127.0.0.1:9/cam";
  auto stream = make_source(spec, clock);
  EXPECT_TRUE(stream->is_live());
  EXPECT_EQ(stream->describe(), "rtsp://user:***@127.0.0.1:9/cam");

  spec.uri = dir.path().string();
  auto inbox = make_source(spec, clock);
  EXPECT_FALSE(inbox->is_live());
  EXPECT_EQ(inbox->describe(), dir.path().string());

  spec.uri = "/dev/video7";
  EXPECT_TRUE(make_source(spec, clock)->is_live());

  spec.uri = "clip.mp4";
  EXPECT_FALSE(make_source(spec, clock)->is_live());

  spec.uri = "photo.jpg";
  EXPECT_EQ(make_source(spec, clock)->frame_count_hint(), 1);

  spec.uri = "photo.jpg";  // an explicit kind wins over the name
  spec.kind = SourceKind::file;
  EXPECT_EQ(make_source(spec, clock)->frame_count_hint(), 0);
}

}  // namespace
}  // namespace footfall

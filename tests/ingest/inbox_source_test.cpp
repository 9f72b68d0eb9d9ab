#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <opencv2/imgcodecs.hpp>

#include "footfall/ingest/source.h"
#include "test_paths.h"

namespace footfall {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

const TimestampMs kT0 = parse_iso8601("2026-11-24T09:30:00Z").value();

// A real JPEG (PNG for a .png name) whose width tells the snapshots apart; any name, as an uploader would write it.
void write_snapshot(const fs::path& path, int width) {
  const fs::path encoded = path.string() + (path.extension() == ".png" ? ".enc.png" : ".enc.jpg");
  ASSERT_TRUE(cv::imwrite(encoded.string(), cv::Mat(60, width, CV_8UC3, cv::Scalar(30, 90, 200))));
  fs::rename(encoded, path);
}

void set_mtime(const fs::path& path, TimestampMs t) {
  const auto sys = std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(t));
  fs::last_write_time(path, std::chrono::file_clock::from_sys(sys));
}

std::unique_ptr<FrameSource> inbox(const fs::path& dir, bool keep = false, int settle_ms = 0, int poll_ms = 20) {
  static SystemClock clock;
  SourceSpec spec;
  spec.uri = dir.string();
  spec.keep_inbox_files = keep;
  spec.inbox_settle_ms = settle_ms;
  spec.inbox_poll_ms = poll_ms;
  return make_source(spec, clock);
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(InboxSource, SnapshotsComeInTimestampOrderAndAreDeletedOnceCommitted) {
  TempDir dir;
  write_snapshot(dir / "cam_2026-11-24T09-30-10Z.jpg", 41);
  write_snapshot(dir / "20261124T093000Z.jpg", 42);
  write_snapshot(dir / ("snap_" + std::to_string(kT0 / 1000 + 5) + ".png"), 43);
  write_snapshot(dir / "door.jpg", 44);  // no time in the name: its modification time counts
  set_mtime(dir / "door.jpg", kT0 + 7000);
  write_snapshot(dir / "z_2026-11-24T09:29:59.500Z.jpg", 45);

  auto source = inbox(dir.path());
  ASSERT_TRUE(source->open()) << source->last_error();
  EXPECT_FALSE(source->is_live());
  std::vector<Frame> frames;
  Frame frame;
  while (frames.size() < 5) {
    ASSERT_EQ(source->read(frame), ReadStatus::frame) << source->last_error();
    frames.push_back(frame);
  }
  const std::vector<std::pair<int, TimestampMs>> expected = {
      {45, kT0 - 500}, {42, kT0}, {43, kT0 + 5000}, {44, kT0 + 7000}, {41, kT0 + 10000}};
  for (std::size_t i = 0; i < frames.size(); ++i) {
    EXPECT_EQ(frames[i].image.cols, expected[i].first) << i;
    EXPECT_EQ(frames[i].timestamp_ms, expected[i].second) << i;
    EXPECT_EQ(frames[i].index, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(fs::path(frames[i].origin).parent_path(), dir.path());
  }
  EXPECT_EQ(fs::path(frames[3].origin).filename(), "door.jpg");

  // Delivered but not committed: still on disk, and not delivered again.
  EXPECT_EQ(source->read(frame), ReadStatus::retry_later);
  EXPECT_EQ(names_in(dir.path()).size(), 5u);

  source->committed(frames[0]);
  source->committed(frames[1]);
  EXPECT_FALSE(fs::exists(frames[0].origin));
  EXPECT_FALSE(fs::exists(frames[1].origin));
  EXPECT_TRUE(fs::exists(frames[2].origin));
  for (std::size_t i = 2; i < frames.size(); ++i) source->committed(frames[i]);
  source->committed(frames[0]);  // a second acknowledgement is harmless
  EXPECT_TRUE(names_in(dir.path()).empty());
  EXPECT_EQ(source->read(frame), ReadStatus::retry_later);
}

TEST(InboxSource, KeepMovesSnapshotsToDoneSoARestartDoesNotCountThemTwice) {
  TempDir dir;
  write_snapshot(dir / "2026-11-24T09-30-00Z.jpg", 50);
  write_snapshot(dir / "2026-11-24T09-31-00Z.jpg", 51);
  {
    auto source = inbox(dir.path(), /*keep=*/true);
    ASSERT_TRUE(source->open());
    Frame first, second;
    ASSERT_EQ(source->read(first), ReadStatus::frame);
    ASSERT_EQ(source->read(second), ReadStatus::frame);
    source->committed(first);  // the second one's count never got committed (a crash)
    source->close();
  }
  EXPECT_EQ(names_in(dir.path()), (std::vector<std::string>{"2026-11-24T09-31-00Z.jpg", "done"}));
  EXPECT_EQ(names_in(dir / "done"), (std::vector<std::string>{"2026-11-24T09-30-00Z.jpg"}));

  auto restarted = inbox(dir.path(), /*keep=*/true);
  ASSERT_TRUE(restarted->open());
  Frame frame;
  ASSERT_EQ(restarted->read(frame), ReadStatus::frame);
  EXPECT_EQ(frame.image.cols, 51);  // only the uncommitted one comes again
  restarted->committed(frame);
  EXPECT_EQ(restarted->read(frame), ReadStatus::retry_later);
  EXPECT_EQ(names_in(dir / "done").size(), 2u);
  EXPECT_EQ(names_in(dir.path()), (std::vector<std::string>{"done"}));
}

TEST(InboxSource, CorruptSnapshotsAreMovedToRejectedAndTheRestContinue) {
  TempDir dir;
  write_snapshot(dir / "2026-11-24T09-30-00Z.jpg", 60);
  std::ofstream(dir / "2026-11-24T09-30-01Z.jpg") << "garbage from a broken upload";
  const fs::path person = test::darknet_data() / "person.jpg";
  fs::copy_file(person, dir / "2026-11-24T09-30-02Z.jpg");
  fs::resize_file(dir / "2026-11-24T09-30-02Z.jpg", fs::file_size(person) / 2);  // cut short
  write_snapshot(dir / "2026-11-24T09-30-03Z.jpg", 63);

  auto source = inbox(dir.path());
  ASSERT_TRUE(source->open());
  Frame frame;
  ASSERT_EQ(source->read(frame), ReadStatus::frame);
  EXPECT_EQ(frame.image.cols, 60);

  ASSERT_EQ(source->read(frame), ReadStatus::error);
  const std::string garbage = (dir / "2026-11-24T09-30-01Z.jpg").string();
  EXPECT_EQ(source->last_error(), garbage + ": not a readable image (corrupt, or not JPEG/PNG/BMP/WebP); moved to " +
                                      (dir / "rejected" / "2026-11-24T09-30-01Z.jpg").string());

  ASSERT_EQ(source->read(frame), ReadStatus::error);
  EXPECT_NE(source->last_error().find("2026-11-24T09-30-02Z.jpg: truncated or damaged JPEG"), std::string::npos);

  ASSERT_EQ(source->read(frame), ReadStatus::frame);
  EXPECT_EQ(frame.image.cols, 63);
  EXPECT_EQ(frame.index, 2);
  EXPECT_EQ(names_in(dir / "rejected"),
            (std::vector<std::string>{"2026-11-24T09-30-01Z.jpg", "2026-11-24T09-30-02Z.jpg"}));
  EXPECT_EQ(fs::file_size(dir / "rejected" / "2026-11-24T09-30-02Z.jpg"), fs::file_size(person) / 2);  // untouched

  // The same name rejected again keeps both copies.
  std::ofstream(dir / "2026-11-24T09-30-01Z.jpg") << "garbage again";
  ASSERT_EQ(source->read(frame), ReadStatus::error);
  EXPECT_TRUE(fs::exists(dir / "rejected" / "2026-11-24T09-30-01Z-1.jpg"));
  EXPECT_EQ(source->read(frame), ReadStatus::retry_later);
}

TEST(InboxSource, UploadsInProgressAndOtherFilesAreLeftAlone) {
  TempDir dir;
  write_snapshot(dir / "real.jpg", 70);
  write_snapshot(dir / ".hidden.jpg", 71);
  write_snapshot(dir / "upload.jpg.part", 72);
  write_snapshot(dir / "upload2.tmp", 73);
  write_snapshot(dir / "backup.jpg~", 74);
  std::ofstream(dir / "notes.txt") << "not an image";
  fs::create_directory(dir / "sub");
  write_snapshot(dir / "sub" / "nested.jpg", 75);

  auto source = inbox(dir.path());
  ASSERT_TRUE(source->open());
  Frame frame;
  ASSERT_EQ(source->read(frame), ReadStatus::frame);
  EXPECT_EQ(frame.image.cols, 70);
  source->committed(frame);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(source->read(frame), ReadStatus::retry_later);
  EXPECT_EQ(names_in(dir.path()), (std::vector<std::string>{".hidden.jpg", "backup.jpg~", "notes.txt", "sub",
                                                             "upload.jpg.part", "upload2.tmp"}));
  EXPECT_TRUE(fs::exists(dir / "sub" / "nested.jpg"));
}

TEST(InboxSource, ASnapshotIsTakenOnlyOnceItHasSettled) {
  TempDir dir;
  auto source = inbox(dir.path(), false, /*settle_ms=*/300, /*poll_ms=*/20);
  ASSERT_TRUE(source->open());
  write_snapshot(dir / "2026-11-24T09-30-00Z.jpg", 80);
  const auto written = std::chrono::steady_clock::now();
  Frame frame;
  ASSERT_EQ(source->read(frame), ReadStatus::retry_later);  // modified just now: maybe still being written
  ReadStatus status;
  while ((status = source->read(frame)) == ReadStatus::retry_later) {
    ASSERT_LT(std::chrono::steady_clock::now() - written, std::chrono::seconds(5));
  }
  ASSERT_EQ(status, ReadStatus::frame);
  EXPECT_GE(std::chrono::steady_clock::now() - written, std::chrono::milliseconds(280));
  EXPECT_EQ(frame.image.cols, 80);
}

TEST(InboxSource, AFutureModificationTimeSettlesByWatching) {
  TempDir dir;
  write_snapshot(dir / "ahead.jpg", 81);
  const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  set_mtime(dir / "ahead.jpg", now_ms + 3'600'000);  // the camera's clock is an hour ahead
  auto source = inbox(dir.path(), false, /*settle_ms=*/200, /*poll_ms=*/20);
  ASSERT_TRUE(source->open());
  const auto start = std::chrono::steady_clock::now();
  Frame frame;
  ReadStatus status;
  while ((status = source->read(frame)) == ReadStatus::retry_later) {
    ASSERT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  }
  ASSERT_EQ(status, ReadStatus::frame);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(190));
  EXPECT_EQ(frame.timestamp_ms, now_ms + 3'600'000);
}

TEST(InboxSource, EmptyInboxWaitsAPollAndNeverEnds) {
  TempDir dir;
  auto source = inbox(dir.path(), false, 0, /*poll_ms=*/100);
  ASSERT_TRUE(source->open());
  Frame frame;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(source->read(frame), ReadStatus::retry_later);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(95));
  EXPECT_EQ(source->read(frame), ReadStatus::retry_later);

  write_snapshot(dir / "late.png", 90);  // a camera uploads while we wait
  ASSERT_EQ(source->read(frame), ReadStatus::frame);
  EXPECT_EQ(frame.image.cols, 90);
}

TEST(InboxSource, AFolderThatVanishesIsWaitedFor) {
  TempDir dir;
  const fs::path folder = dir / "inbox";
  fs::create_directory(folder);
  auto source = inbox(folder);
  ASSERT_TRUE(source->open());
  fs::remove(folder);  // an unmounted share, say
  Frame frame;
  for (int i = 0; i < 3; ++i) EXPECT_EQ(source->read(frame), ReadStatus::retry_later);
  fs::create_directory(folder);
  write_snapshot(folder / "back.jpg", 95);
  ASSERT_EQ(source->read(frame), ReadStatus::frame);
  EXPECT_EQ(frame.image.cols, 95);
}

TEST(InboxSource, OpenNamesAMissingOrWrongFolder) {
  TempDir dir;
  SystemClock clock;
  SourceSpec spec;
  spec.uri = (dir / "not-there").string();
  spec.kind = SourceKind::inbox;
  Status s = make_source(spec, clock)->open();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message, spec.uri + ": no such inbox folder");

  std::ofstream(dir / "file.txt") << "x";
  spec.uri = (dir / "file.txt").string();
  s = make_source(spec, clock)->open();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message.rfind(spec.uri + ": not a folder", 0), 0u);
}

}  // namespace
}  // namespace footfall

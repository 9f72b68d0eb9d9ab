// What the spool makes of damaged files on open: a torn or corrupt tail is cut off (with a warning naming the file
// and the offset) and every intact item before it is kept; a torn new segment and a damaged ack file are handled
// without losing items.
#include <gtest/gtest.h>

#include <filesystem>

#include "footfall/spool/spool.h"
#include "spool_test_util.h"
#include "test_paths.h"

namespace footfall::test {
namespace {

constexpr std::size_t kHeader = 16;
constexpr std::size_t kPayload = 100;
constexpr std::size_t kFrame = 26 + 5 + kPayload;  // kind "batch"

std::string payload_of(std::uint64_t sequence) { return std::string(kPayload, static_cast<char>('a' + sequence)); }

// A spool with five items in one segment, closed again. Returns the segment file.
std::filesystem::path five_items(const SpoolOptions& options) {
  auto spool = open_spool(options);
  if (!spool) return {};
  for (std::uint64_t i = 1; i <= 5; ++i) EXPECT_TRUE(spool->append("batch", payload_of(i), static_cast<TimestampMs>(i)));
  const auto files = segment_files(options.dir);
  EXPECT_EQ(files.size(), 1u);
  return files.empty() ? std::filesystem::path() : files[0];
}

void expect_items(Spool& spool, std::uint64_t first, std::uint64_t last) {
  auto items = peek_all(spool);
  ASSERT_EQ(items.size(), last - first + 1);
  for (std::uint64_t s = first; s <= last; ++s) {
    EXPECT_EQ(items[s - first].sequence, s);
    EXPECT_EQ(items[s - first].payload, payload_of(s));
  }
}

TEST(SpoolRecovery, ATruncatedLastRecordIsCutOffWithAWarning) {
  TempDir dir;
  const SpoolOptions options{.dir = dir / "spool"};
  const auto segment = five_items(options);
  ASSERT_FALSE(segment.empty());
  std::filesystem::resize_file(segment, kHeader + 4 * kFrame + 60);  // a write torn mid-record

  LogCapture log;
  auto spool = open_spool(options);
  ASSERT_TRUE(spool);
  expect_items(*spool, 1, 4);
  EXPECT_EQ(log.count("warning", segment.string() + " at offset " + std::to_string(kHeader + 4 * kFrame) +
                                     ": the record is cut off"),
            1u)
      << log.text();
  EXPECT_EQ(std::filesystem::file_size(segment), kHeader + 4 * kFrame) << "the tail is truncated on disk";
  // The torn item was never reported stored: its sequence is given to the next item.
  ASSERT_TRUE(spool->append("batch", payload_of(5), 5));
  expect_items(*spool, 1, 5);
}

TEST(SpoolRecovery, AFlippedByteInTheLastRecordIsCaughtByItsChecksum) {
  TempDir dir;
  const SpoolOptions options{.dir = dir / "spool"};
  const auto segment = five_items(options);
  ASSERT_FALSE(segment.empty());
  std::string bytes = read_bytes(segment);
  bytes[kHeader + 4 * kFrame + 40] ^= 0x10;  // inside the payload of item 5
  write_bytes(segment, bytes);

  LogCapture log;
  auto spool = open_spool(options);
  ASSERT_TRUE(spool);
  expect_items(*spool, 1, 4);
  EXPECT_EQ(log.count("warning", segment.string() + " at offset " + std::to_string(kHeader + 4 * kFrame) +
                                     ": the record's checksum does not match"),
            1u)
      << log.text();
}

TEST(SpoolRecovery, ADamagedLengthFieldEndsTheSegmentThere) {
  TempDir dir;
  const SpoolOptions options{.dir = dir / "spool"};
  const auto segment = five_items(options);
  ASSERT_FALSE(segment.empty());
  std::string bytes = read_bytes(segment);
  bytes[kHeader + 3 * kFrame + 3] = '\x7f';  // item 4's length: ~2 GB
  write_bytes(segment, bytes);

  LogCapture log;
  auto spool = open_spool(options);
  ASSERT_TRUE(spool);
  expect_items(*spool, 1, 3);  // nothing after a damaged record can be trusted to start where it seems to
  EXPECT_EQ(log.count("warning", segment.string() + " at offset " + std::to_string(kHeader + 3 * kFrame) +
                                     ": the record's length fields are not valid"),
            1u)
      << log.text();
}

TEST(SpoolRecovery, AZeroFilledTailIsCutOff) {
  TempDir dir;
  const SpoolOptions options{.dir = dir / "spool"};
  const auto segment = five_items(options);
  ASSERT_FALSE(segment.empty());
  write_bytes(segment, read_bytes(segment) + std::string(4096, '\0'));  // blocks allocated, data never written

  LogCapture log;
  auto spool = open_spool(options);
  ASSERT_TRUE(spool);
  expect_items(*spool, 1, 5);
  EXPECT_EQ(log.count("warning", segment.string() + " at offset " + std::to_string(kHeader + 5 * kFrame)), 1u)
      << log.text();
  EXPECT_EQ(std::filesystem::file_size(segment), kHeader + 5 * kFrame);
}

TEST(SpoolRecovery, ASegmentTornWhileBeingCreatedIsRemoved) {
  TempDir dir;
  const SpoolOptions options{.dir = dir / "spool"};
  ASSERT_FALSE(five_items(options).empty());
  const auto torn = options.dir / "00000000000000000006.seg";
  write_bytes(torn, "FFSP");  // the crash came before the header was complete

  LogCapture log;
  auto spool = open_spool(options);
  ASSERT_TRUE(spool);
  expect_items(*spool, 1, 5);
  EXPECT_FALSE(std::filesystem::exists(torn));
  EXPECT_EQ(log.count("warning", torn.string() + " has no valid segment header"), 1u) << log.text();
  ASSERT_TRUE(spool->append("batch", payload_of(6), 6));
  expect_items(*spool, 1, 6);
}

TEST(SpoolRecovery, ADamagedAckFileRedeliversRatherThanLoses) {
  TempDir dir;
  const SpoolOptions options{.dir = dir / "spool"};
  {
    auto spool = open_spool(options);
    ASSERT_TRUE(spool);
    for (std::uint64_t i = 1; i <= 5; ++i) ASSERT_TRUE(spool->append("batch", payload_of(i), 0));
    ASSERT_TRUE(spool->ack(2));
  }
  EXPECT_EQ(read_bytes(options.dir / "ack"), "footfall-spool-ack 1\n2\n");
  write_bytes(options.dir / "ack", "garbage");
  write_bytes(options.dir / "ack.tmp", "footfall-spool-ack 1\n5\n");  // a crash before the rename: not applied

  LogCapture log;
  auto spool = open_spool(options);
  ASSERT_TRUE(spool);
  expect_items(*spool, 1, 5);
  EXPECT_EQ(log.count("warning", "not a spool acknowledgement file"), 1u) << log.text();
  EXPECT_FALSE(std::filesystem::exists(options.dir / "ack.tmp"));
  ASSERT_TRUE(spool->ack(3));
  EXPECT_EQ(read_bytes(options.dir / "ack"), "footfall-spool-ack 1\n3\n");
}

TEST(SpoolRecovery, AcknowledgedSegmentsLeftByACrashAreRemovedOnOpen) {
  TempDir dir;
  const SpoolOptions options{.dir = dir / "spool", .segment_bytes = 300};  // two items per segment
  {
    auto spool = open_spool(options);
    ASSERT_TRUE(spool);
    for (std::uint64_t i = 1; i <= 5; ++i) ASSERT_TRUE(spool->append("batch", payload_of(i), 0));
  }
  ASSERT_EQ(segment_files(options.dir).size(), 3u);
  // The ack was written, then the process died before removing the segments it covers.
  write_bytes(options.dir / "ack", "footfall-spool-ack 1\n4\n");
  auto spool = open_spool(options);
  ASSERT_TRUE(spool);
  expect_items(*spool, 5, 5);
  const auto files = segment_files(options.dir);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].filename(), "00000000000000000005.seg");
}

TEST(SpoolRecovery, PeekReportsARecordDamagedAfterOpen) {
  TempDir dir;
  const SpoolOptions options{.dir = dir / "spool"};
  auto spool = open_spool(options);
  ASSERT_TRUE(spool);
  for (std::uint64_t i = 1; i <= 3; ++i) ASSERT_TRUE(spool->append("batch", payload_of(i), 0));
  const auto segment = segment_files(options.dir).at(0);
  std::string bytes = read_bytes(segment);
  bytes[kHeader + kFrame + 50] ^= 0x01;
  write_bytes(segment, bytes);
  auto items = spool->peek(10);
  ASSERT_FALSE(items);
  EXPECT_EQ(items.error().message, "spool " + options.dir.string() + ": " + segment.string() + " at offset " +
                                       std::to_string(kHeader + kFrame) +
                                       ": the record's checksum does not match (the file changed on disk after the "
                                       "spool was opened)");
  auto first = spool->peek(1);
  ASSERT_TRUE(first) << "items before the damage still read";
  EXPECT_EQ(first->at(0).payload, payload_of(1));
}

}  // namespace
}  // namespace footfall::test

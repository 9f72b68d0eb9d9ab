// The spool's contract on a real folder: order, acknowledgement, reopening, segments, the on-disk format, the
// folder lock and threads.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <set>
#include <thread>

#include "footfall/spool/spool.h"
#include "spool_test_util.h"
#include "test_paths.h"

namespace footfall::test {
namespace {

std::string payload_of(int i) { return "payload " + std::to_string(i) + std::string(static_cast<std::size_t>(i), 'x'); }

TEST(Spool, AppendsPeeksAndAcknowledgesInOrder) {
  TempDir dir;
  auto spool = open_spool({.dir = dir / "spool"});
  ASSERT_TRUE(spool);
  EXPECT_TRUE(std::filesystem::is_directory(dir / "spool"));
  for (int i = 1; i <= 10; ++i) {
    ASSERT_TRUE(spool->append(i % 3 == 0 ? "gap" : "batch", payload_of(i), 1000 + i)) << i;
  }
  SpoolStats stats = spool->stats();
  EXPECT_EQ(stats.items, 10u);
  EXPECT_EQ(stats.last_sequence, 10u);
  EXPECT_EQ(stats.acked_sequence, 0u);
  EXPECT_EQ(stats.oldest_ms, 1001);
  EXPECT_EQ(stats.oldest_age_ms(1501), 500);
  std::uint64_t expected_bytes = 0;
  for (int i = 1; i <= 10; ++i) expected_bytes += 26 + (i % 3 == 0 ? 3 : 5) + payload_of(i).size();
  EXPECT_EQ(stats.bytes, expected_bytes);

  auto first = spool->peek(4);
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_EQ(first->size(), 4u);
  for (int i = 1; i <= 4; ++i) {
    const SpoolItem& item = (*first)[static_cast<std::size_t>(i - 1)];
    EXPECT_EQ(item.sequence, static_cast<std::uint64_t>(i));
    EXPECT_EQ(item.kind, i % 3 == 0 ? "gap" : "batch");
    EXPECT_EQ(item.payload, payload_of(i));
    EXPECT_EQ(item.created_ms, 1000 + i);
  }
  // peek does not remove.
  EXPECT_EQ(peek_all(*spool).size(), 10u);

  ASSERT_TRUE(spool->ack(4));
  auto rest = peek_all(*spool);
  ASSERT_EQ(rest.size(), 6u);
  EXPECT_EQ(rest.front().sequence, 5u);
  EXPECT_EQ(rest.back().sequence, 10u);
  stats = spool->stats();
  EXPECT_EQ(stats.items, 6u);
  EXPECT_EQ(stats.acked_sequence, 4u);
  EXPECT_EQ(stats.oldest_ms, 1005);

  EXPECT_TRUE(spool->ack(2)) << "acknowledging an acknowledged sequence does nothing";
  EXPECT_EQ(spool->stats().items, 6u);
  Status beyond = spool->ack(11);
  ASSERT_FALSE(beyond);
  EXPECT_NE(beyond.error().message.find("the newest item is 10"), std::string::npos) << beyond.error().message;

  ASSERT_TRUE(spool->ack(10));
  stats = spool->stats();
  EXPECT_EQ(stats.items, 0u);
  EXPECT_EQ(stats.bytes, 0u);
  EXPECT_FALSE(stats.oldest_ms);
  EXPECT_FALSE(stats.oldest_age_ms(5000));
  EXPECT_TRUE(peek_all(*spool).empty());
  EXPECT_TRUE(segment_files(dir / "spool").empty()) << "an idle spool keeps no segment";
}

TEST(Spool, ItemsAndAcknowledgementSurviveReopening) {
  TempDir dir;
  const SpoolOptions options{.dir = dir / "spool"};
  {
    auto spool = open_spool(options);
    ASSERT_TRUE(spool);
    for (int i = 1; i <= 6; ++i) ASSERT_TRUE(spool->append("batch", payload_of(i), i));
    ASSERT_TRUE(spool->ack(2));
  }
  {
    auto spool = open_spool(options);
    ASSERT_TRUE(spool);
    auto items = peek_all(*spool);
    ASSERT_EQ(items.size(), 4u);
    for (std::size_t i = 0; i < items.size(); ++i) {
      EXPECT_EQ(items[i].sequence, i + 3);
      EXPECT_EQ(items[i].payload, payload_of(static_cast<int>(i + 3)));
    }
    EXPECT_EQ(spool->stats().acked_sequence, 2u);
    ASSERT_TRUE(spool->append("batch", "seven", 7));
    EXPECT_EQ(peek_all(*spool).back().sequence, 7u) << "the sequence continues after a reopen";
    ASSERT_TRUE(spool->ack(7));
  }
  {
    // Everything acknowledged and every segment removed: the sequence still continues (from the ack file).
    auto spool = open_spool(options);
    ASSERT_TRUE(spool);
    EXPECT_TRUE(segment_files(options.dir).empty());
    EXPECT_EQ(spool->stats().last_sequence, 7u);
    ASSERT_TRUE(spool->append("batch", "eight", 8));
    auto items = peek_all(*spool);
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].sequence, 8u);
  }
}

TEST(Spool, SegmentsRotateAndAcknowledgedSegmentsAreDeleted) {
  TempDir dir;
  const SpoolOptions options{.dir = dir / "spool", .segment_bytes = 1000};
  auto spool = open_spool(options);
  ASSERT_TRUE(spool);
  const std::string payload(170, 'p');  // 26 + 5 + 170 = 201 bytes: four records per 1000-byte segment
  for (int i = 1; i <= 20; ++i) ASSERT_TRUE(spool->append("batch", payload, i));
  auto files = segment_files(options.dir);
  ASSERT_EQ(files.size(), 5u);
  EXPECT_EQ(files[0].filename(), "00000000000000000001.seg");
  EXPECT_EQ(files[1].filename(), "00000000000000000005.seg");
  EXPECT_EQ(files[4].filename(), "00000000000000000017.seg");
  EXPECT_EQ(std::filesystem::file_size(files[0]), 16u + 4 * 201);

  ASSERT_TRUE(spool->ack(7));  // segment 1 fully, segment 5 partly
  files = segment_files(options.dir);
  ASSERT_EQ(files.size(), 4u);
  EXPECT_EQ(files[0].filename(), "00000000000000000005.seg");
  EXPECT_EQ(spool->stats().bytes, 13u * 201);

  // An item larger than a segment gets one of its own.
  ASSERT_TRUE(spool->append("big", std::string(5000, 'b'), 21));
  ASSERT_TRUE(spool->append("batch", payload, 22));
  files = segment_files(options.dir);
  EXPECT_EQ(files.back().filename(), "00000000000000000022.seg");
  auto items = peek_all(*spool);
  ASSERT_EQ(items.size(), 15u);
  EXPECT_EQ(items[13].payload, std::string(5000, 'b'));

  ASSERT_TRUE(spool->ack(22));
  EXPECT_TRUE(segment_files(options.dir).empty());
}

// Bit-by-bit CRC-32 (IEEE, reflected), the reference for the table-driven one in src/spool.
std::uint32_t reference_crc32(const std::string& bytes) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char byte : bytes) {
    crc ^= byte;
    for (int k = 0; k < 8; ++k) crc = (crc & 1u) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
  }
  return ~crc;
}

std::uint64_t le(const std::string& bytes, std::size_t offset, int count) {
  std::uint64_t value = 0;
  for (int i = 0; i < count; ++i) {
    value |= std::uint64_t{static_cast<unsigned char>(bytes[offset + static_cast<std::size_t>(i)])} << (8 * i);
  }
  return value;
}

TEST(Spool, WritesTheDocumentedRecordFormat) {
  ASSERT_EQ(reference_crc32("123456789"), 0xCBF43926u);
  TempDir dir;
  const SpoolOptions options{.dir = dir / "spool"};
  auto spool = open_spool(options);
  ASSERT_TRUE(spool);
  std::string payload;
  for (int i = 0; i < 1000; ++i) payload.push_back(static_cast<char>(i * 37));  // every byte value, odd length
  payload.push_back('!');
  ASSERT_TRUE(spool->append("gap", payload, -1234567));
  const auto files = segment_files(options.dir);
  ASSERT_EQ(files.size(), 1u);
  const std::string bytes = read_bytes(files[0]);
  ASSERT_EQ(bytes.size(), 16u + 26 + 3 + payload.size());
  EXPECT_EQ(bytes.substr(0, 8), "FFSPOOL1");
  EXPECT_EQ(le(bytes, 8, 8), 1u);
  const std::string record = bytes.substr(16);
  EXPECT_EQ(le(record, 0, 4), 3 + payload.size());
  EXPECT_EQ(le(record, 4, 2), 3u);
  EXPECT_EQ(le(record, 6, 8), 1u);
  EXPECT_EQ(static_cast<std::int64_t>(le(record, 14, 8)), -1234567);
  EXPECT_EQ(record.substr(22, 3), "gap");
  EXPECT_EQ(record.substr(25, payload.size()), payload);
  EXPECT_EQ(le(record, record.size() - 4, 4), reference_crc32(record.substr(0, record.size() - 4)));
}

TEST(Spool, ASecondOpenOfTheFolderIsRefused) {
  TempDir dir;
  const SpoolOptions options{.dir = dir / "spool"};
  auto spool = open_spool(options);
  ASSERT_TRUE(spool);

  auto again = Spool::open(options);
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("spool " + options.dir.string() + " is in use by another spool in this process"),
            std::string::npos)
      << again.error().message;

  // Another process: the child reports the error it got through a pipe.
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    auto other = Spool::open(options);
    const std::string message = other ? std::string("opened") : other.error().message;
    const ssize_t written = ::write(fds[1], message.data(), message.size());
    ::_exit(written == static_cast<ssize_t>(message.size()) ? 0 : 1);
  }
  ::close(fds[1]);
  std::string message;
  char buffer[512];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) message.append(buffer, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_EQ(message, "spool " + options.dir.string() + " is in use by another process (pid " +
                         std::to_string(::getpid()) + "); each spool folder has one owner (lock file " +
                         (options.dir / "lock").string() + ")");

  spool.reset();
  EXPECT_TRUE(open_spool(options)) << "the lock is released when the spool closes";
}

TEST(Spool, RefusesBadOptionsAndItems) {
  TempDir dir;
  EXPECT_FALSE(Spool::open({}));
  auto zero = Spool::open({.dir = dir / "a", .max_bytes = 0});
  ASSERT_FALSE(zero);
  EXPECT_NE(zero.error().message.find("max_bytes must be > 0"), std::string::npos);
  auto warn = Spool::open({.dir = dir / "a", .warn_fraction = 1.5});
  ASSERT_FALSE(warn);
  EXPECT_NE(warn.error().message.find("warn_fraction must be in (0, 1]"), std::string::npos);

  write_bytes(dir / "file", "not a folder");
  auto file = Spool::open({.dir = dir / "file"});
  ASSERT_FALSE(file);
  EXPECT_NE(file.error().message.find("spool " + (dir / "file").string()), std::string::npos)
      << file.error().message;

  auto spool = open_spool({.dir = dir / "spool"});
  ASSERT_TRUE(spool);
  Status empty_kind = spool->append("", "x", 0);
  ASSERT_FALSE(empty_kind);
  EXPECT_NE(empty_kind.error().message.find("kind must be 1..255 bytes, got 0"), std::string::npos);
  EXPECT_FALSE(spool->append(std::string(256, 'k'), "x", 0));
  EXPECT_EQ(spool->stats().items, 0u);
}

TEST(Spool, ThreadsAppendConcurrentlyWithoutLosingOrder) {
  TempDir dir;
  auto spool = open_spool({.dir = dir / "spool", .segment_bytes = 4096});
  ASSERT_TRUE(spool);
  constexpr int kThreads = 4;
  constexpr int kPerThread = 150;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&spool, t] {
      for (int i = 0; i < kPerThread; ++i) {
        EXPECT_TRUE(spool->append("t" + std::to_string(t), std::to_string(i), i));
      }
    });
  }
  // A consumer drains concurrently.
  std::uint64_t consumed = 0;
  std::vector<int> next(kThreads, 0);
  while (consumed < kThreads * kPerThread) {
    auto items = spool->peek(32);
    ASSERT_TRUE(items) << items.error().message;
    for (const auto& item : *items) {
      EXPECT_EQ(item.sequence, consumed + 1);
      const int t = std::stoi(item.kind.substr(1));
      EXPECT_EQ(std::stoi(item.payload), next[static_cast<std::size_t>(t)]++) << "thread " << t;
      consumed = item.sequence;
    }
    if (!items->empty()) {
      ASSERT_TRUE(spool->ack(consumed));
    }
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(spool->stats().items, 0u);
  EXPECT_TRUE(segment_files(dir / "spool").empty());
}

}  // namespace
}  // namespace footfall::test

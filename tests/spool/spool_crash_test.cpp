// kill -9, for real: tools/spool_crash_writer appends (and acknowledges) as fast as it can and reports each durable
// step on a pipe; the test kills it at random moments, several times, and after each kill reopens the spool: every
// item the writer reported stored must be there, intact, in order, with no gap and no duplicate, and no item it
// reported acknowledged may come back.
#include <gtest/gtest.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <random>
#include <sstream>

#include "footfall/spool/spool.h"
#include "spool_test_util.h"
#include "test_paths.h"
#include "tools/spool_crash_payload.h"

namespace footfall::test {
namespace {

struct Reported {
  std::vector<std::uint64_t> appended;  // in report order
  std::uint64_t max_acked = 0;
};

// Runs the writer on `dir` until it has reported `kill_after` appends, waits `delay_us` more, kills it with SIGKILL
// and returns everything it reported (including lines still in the pipe).
Reported run_and_kill(const std::filesystem::path& dir, std::uint64_t segment_bytes, std::uint64_t ack_every,
                      std::size_t kill_after, unsigned delay_us, const std::filesystem::path& stderr_path) {
  Reported reported;
  int fds[2];
  if (::pipe(fds) != 0) {
    ADD_FAILURE() << "pipe failed";
    return reported;
  }
  const std::string tool = (test_tools_dir() / "spool_crash_writer").string();
  const std::vector<std::string> args{tool, dir.string(), std::to_string(segment_bytes), std::to_string(ack_every)};
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    std::FILE* err = std::freopen(stderr_path.c_str(), "w", stderr);
    (void)err;
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  std::string pending;
  bool killed = false;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) {
    pending.append(buffer, static_cast<std::size_t>(n));
    for (std::size_t end; (end = pending.find('\n')) != std::string::npos; pending.erase(0, end + 1)) {
      const std::string line = pending.substr(0, end);
      if (line.size() < 3 || (line[0] != 'a' && line[0] != 'k') || line[1] != ' ' ||
          line.find_first_not_of("0123456789", 2) != std::string::npos) {
        ADD_FAILURE() << "unexpected output from the writer: " << line;
        continue;
      }
      const std::uint64_t sequence = std::stoull(line.substr(2));
      if (line[0] == 'a') {
        reported.appended.push_back(sequence);
      } else {
        reported.max_acked = std::max(reported.max_acked, sequence);
      }
    }
    if (!killed && reported.appended.size() >= kill_after) {
      ::usleep(delay_us);
      ::kill(pid, SIGKILL);
      killed = true;  // keep reading: lines written before the kill are still in the pipe
    }
  }
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "the writer ended by itself (status " << status << "): " << read_bytes(stderr_path);
  EXPECT_TRUE(pending.empty()) << "a report line was cut: " << pending;
  return reported;
}

// Reopens the spool after a kill and checks it against what the writer reported. Returns the last sequence.
std::uint64_t check_after_kill(const SpoolOptions& options, const Reported& reported, std::uint64_t previous_last) {
  auto spool = open_spool(options);
  if (!spool) return previous_last;
  const SpoolStats stats = spool->stats();
  const std::uint64_t max_appended = reported.appended.empty() ? 0 : reported.appended.back();
  EXPECT_GE(stats.last_sequence, max_appended) << "an item reported stored is missing";
  EXPECT_GE(stats.acked_sequence, reported.max_acked) << "an acknowledgement reported done was lost";
  // The writer continued right after what the previous run left, in order.
  for (std::size_t i = 0; i < reported.appended.size(); ++i) {
    EXPECT_EQ(reported.appended[i], previous_last + 1 + i) << "report " << i;
  }
  const auto items = peek_all(*spool);
  EXPECT_EQ(items.size(), stats.items);
  EXPECT_EQ(items.size(), stats.last_sequence - stats.acked_sequence) << "a gap or a duplicate";
  std::uint64_t expected = stats.acked_sequence + 1;  // nothing acknowledged comes back
  for (const auto& item : items) {
    EXPECT_EQ(item.sequence, expected);
    EXPECT_EQ(item.kind, "item");
    EXPECT_EQ(item.created_ms, static_cast<TimestampMs>(item.sequence));
    EXPECT_TRUE(item.payload == spool_crash_payload(item.sequence)) << "item " << item.sequence << " is damaged";
    expected = item.sequence + 1;
    if (::testing::Test::HasFailure()) break;
  }
  return stats.last_sequence;
}

void kill_repeatedly(std::uint64_t segment_bytes, std::uint64_t ack_every) {
  TempDir dir;
  const SpoolOptions options{.dir = dir / "spool", .segment_bytes = segment_bytes};
  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 random(seed);
  std::uint64_t last = 0;
  std::uint64_t total = 0;
  for (int round = 0; round < 6 && !::testing::Test::HasFailure(); ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const std::size_t kill_after = std::uniform_int_distribution<std::size_t>(5, 150)(random);
    const unsigned delay_us = std::uniform_int_distribution<unsigned>(0, 3000)(random);
    const Reported reported = run_and_kill(options.dir, segment_bytes, ack_every, kill_after, delay_us, dir / "err");
    total += reported.appended.size();
    last = check_after_kill(options, reported, last);
  }
  EXPECT_GT(total, 30u);

  // The consumer side: acknowledge part, restart, and the acknowledged items never come back.
  std::uint64_t acked = 0;
  {
    auto spool = open_spool(options);
    ASSERT_TRUE(spool);
    const SpoolStats stats = spool->stats();
    ASSERT_GT(stats.items, 1u);
    acked = stats.acked_sequence + stats.items / 2;
    ASSERT_TRUE(spool->ack(acked));
  }
  auto spool = open_spool(options);
  ASSERT_TRUE(spool);
  const auto items = peek_all(*spool);
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items.front().sequence, acked + 1);
  EXPECT_EQ(items.back().sequence, last);
}

TEST(SpoolCrash, KillNineWhileAppendingLosesNothingReported) {
  kill_repeatedly(/*segment_bytes=*/16 << 20, /*ack_every=*/0);
}

TEST(SpoolCrash, KillNineWhileAppendingAcknowledgingAndRotatingSegments) {
  // ~2 KB items in 32 KB segments, acknowledged every 8: segments are created and removed all the time, so kills
  // land in segment creation, ack file replacement and segment removal too.
  kill_repeatedly(/*segment_bytes=*/32 << 10, /*ack_every=*/8);
}

}  // namespace
}  // namespace footfall::test

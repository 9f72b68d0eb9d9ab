// kill -9 while committing: every batch a writer saw committed must survive, no batch may be half there, and the
// file must pass integrity_check. The writer is a forked child using the real store on a real file.
#include <gtest/gtest.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdint>
#include <map>
#include <set>

#include "sqlite_test_util.h"
#include "test_paths.h"

namespace footfall::test {
namespace {

constexpr int kRowsPerBatch = 100;

// Child: writes batch after batch, reporting each batch number on `report_fd` only after write_counts returned
// success. Never returns.
[[noreturn]] void write_until_killed(const std::string& db, int first_batch, int report_fd) {
  auto store = open_store(db);
  if (!store) ::_exit(2);
  for (std::int32_t batch = first_batch;; ++batch) {
    std::vector<CountRow> rows;
    rows.reserve(kRowsPerBatch);
    for (int r = 0; r < kRowsPerBatch; ++r) {
      rows.push_back(make_row(r % 2 == 0 ? "door" : "till", std::int64_t{batch} * kRowsPerBatch + r, batch % 7));
    }
    if (!(*store)->write_counts(rows)) ::_exit(3);
    if (::write(report_fd, &batch, sizeof batch) != static_cast<ssize_t>(sizeof batch)) ::_exit(4);
  }
}

// Runs a child writer, kills it with SIGKILL once it reported `kill_after` batches (plus `delay_us`), and returns
// every batch number it reported.
std::set<std::int32_t> run_and_kill(const std::string& db, int first_batch, int kill_after, useconds_t delay_us) {
  int fds[2];
  if (::pipe(fds) != 0) {
    ADD_FAILURE() << "pipe failed";
    return {};
  }
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    write_until_killed(db, first_batch, fds[1]);
  }
  ::close(fds[1]);
  std::set<std::int32_t> reported;
  std::int32_t batch = 0;
  while (static_cast<int>(reported.size()) < kill_after && ::read(fds[0], &batch, sizeof batch) == sizeof batch) {
    reported.insert(batch);
  }
  ::usleep(delay_us);
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "child exited early, status " << status;
  // Reports written before the kill are still in the pipe.
  while (::read(fds[0], &batch, sizeof batch) == sizeof batch) reported.insert(batch);
  ::close(fds[0]);
  return reported;
}

TEST(SqliteCrashSafety, EveryReportedBatchSurvivesKillNine) {
  TempDir dir;
  const std::string db = (dir / "counts.db").string();
  int next_batch = 0;
  std::set<std::int32_t> all_reported;
  // Several rounds on the same file: later rounds also recover a WAL left behind by a killed writer.
  const std::vector<std::pair<int, useconds_t>> rounds{{20, 0}, {50, 700}, {80, 1500}, {30, 3000}};
  for (const auto& [kill_after, delay_us] : rounds) {
    const auto reported = run_and_kill(db, next_batch, kill_after, delay_us);
    ASSERT_GE(static_cast<int>(reported.size()), kill_after);
    all_reported.insert(reported.begin(), reported.end());
    // The next writer starts after anything this one may have committed without reporting it.
    next_batch = *reported.rbegin() + 1000;

    auto store = open_or_fail(db);
    ASSERT_TRUE(store);
    auto rows = store->read_counts({});
    ASSERT_TRUE(rows) << rows.error().message;
    std::map<std::int64_t, int> rows_per_batch;
    for (const CountRow& row : *rows) rows_per_batch[row.timestamp_ms / kRowsPerBatch]++;
    for (std::int32_t batch : all_reported) {
      ASSERT_EQ(rows_per_batch[batch], kRowsPerBatch) << "batch " << batch << " was reported committed";
    }
    for (const auto& [batch, n] : rows_per_batch) {
      ASSERT_EQ(n, kRowsPerBatch) << "batch " << batch << " is only partly there";
    }
    EXPECT_EQ(sql_text(dir / "counts.db", "PRAGMA integrity_check"), "ok");
  }
}

}  // namespace
}  // namespace footfall::test

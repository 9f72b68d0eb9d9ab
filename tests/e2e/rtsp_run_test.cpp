// `footfall run` on a real RTSP stream served on loopback by GStreamer's RTSP server: the server is stopped
// mid-stream and started again; counting must resume and the outage must be recorded as one gap.
#include <gtest/gtest.h>

#include <csignal>

#include "e2e_util.h"
#include "ingest/rtsp_server_process.h"

namespace footfall::test {
namespace {

TEST(RtspRun, CountingResumesAfterTheServerComesBackAndTheGapIsRecorded) {
  TempDir dir;
  const auto db = dir / "counts.db";
  auto server = std::make_unique<RtspServerProcess>(vtest_avi());
  const int port = server->port();
  write_file(dir / "cfg.yaml", "database:\n  url: " + db.string() +
                                   "\n  batch_rows: 4\n  batch_ms: 200\n"
                                   "cameras:\n  plaza:\n    source: rtsp://127.0.0.1:" + std::to_string(port) +
                                   "/cam\n    sampling:\n      fps: 5\n");
  BackgroundProcess run({footfall_binary().string(), "run", "--config", (dir / "cfg.yaml").string()}, dir / "log");
  const auto rows = [&] { return query_int(db, "SELECT COUNT(*) FROM counts WHERE camera='plaza'"); };
  ASSERT_TRUE(wait_until([&] { return rows() >= 10; }, std::chrono::seconds(40))) << read_text(dir / "log");
  EXPECT_GT(query_int(db, "SELECT SUM(count) FROM counts"), 0) << "pedestrians are counted from the stream";

  server->stop(SIGKILL);  // the camera disappears mid-stream
  server.reset();
  std::this_thread::sleep_for(std::chrono::seconds(4));
  const long long during_outage = rows();
  std::this_thread::sleep_for(std::chrono::seconds(2));
  EXPECT_EQ(rows(), during_outage) << "no counts while the camera is gone";
  EXPECT_TRUE(run.running()) << read_text(dir / "log");

  server = std::make_unique<RtspServerProcess>(vtest_avi(), port);
  const bool resumed = wait_until([&] { return rows() >= during_outage + 10; }, std::chrono::seconds(60));
  run.signal(SIGTERM);
  EXPECT_EQ(run.wait(), 0) << read_text(dir / "log");
  ASSERT_TRUE(resumed) << read_text(dir / "log");

  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM gaps WHERE camera='plaza'"), 1) << read_text(dir / "log");
  const long long gap_start = query_int(db, "SELECT start_ms FROM gaps WHERE camera='plaza'");
  const long long gap_end = query_int(db, "SELECT end_ms FROM gaps WHERE camera='plaza'");
  EXPECT_GE(gap_end - gap_start, 4000) << "the outage lasted at least the 4+2 s the test waited";
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM counts WHERE ts_ms > " + std::to_string(gap_start) +
                              " AND ts_ms < " + std::to_string(gap_end)),
            0);
  EXPECT_GE(query_int(db, "SELECT COUNT(*) FROM counts WHERE ts_ms >= " + std::to_string(gap_end)), 10);

  const auto gaps = run_footfall({"export", "--database", db.string(), "--gaps"});
  EXPECT_EQ(split_lines(gaps.out).size(), 2u) << gaps.out;
}

}  // namespace
}  // namespace footfall::test

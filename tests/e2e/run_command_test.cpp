// `footfall run` end to end: real config files, the real binary, a real SQLite file.
#include <gtest/gtest.h>

#include <csignal>
#include <regex>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

#include "e2e_util.h"

namespace footfall::test {
namespace {

std::string file_camera_config(const std::filesystem::path& db, const std::filesystem::path& video,
                               const std::string& sampling, int batch_rows = 16) {
  return "database:\n  url: " + db.string() + "\n  batch_rows: " + std::to_string(batch_rows) +
         "\n  batch_ms: 200\n"
         "cameras:\n"
         "  entrance:\n"
         "    source: " + video.string() + "\n"
         "    start_time: \"2026-11-24T10:00:00Z\"\n"
         "    sampling:\n      " + sampling + "\n";
}

TEST(RunCommand, CountsAFileIntoSqliteAndReprocessingReplacesRows) {
  TempDir dir;
  const auto db = dir / "counts.db";
  write_file(dir / "cfg.yaml", file_camera_config(db, vtest_avi(), "fps: 2"));
  const auto first = run_footfall({"run", "--config", (dir / "cfg.yaml").string()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const long long rows = query_int(db, "SELECT COUNT(*) FROM counts WHERE camera='entrance'");
  // 795 frames at a nominal 10 fps = 79.5 s; at 2 fps that is 159 or 160 frames.
  EXPECT_GE(rows, 158);
  EXPECT_LE(rows, 161);
  EXPECT_GT(query_int(db, "SELECT SUM(count) FROM counts"), rows) << "pedestrians are in view";
  EXPECT_EQ(query_int(db, "SELECT MIN(ts_ms) FROM counts"), 1795514400000) << "start_time + presentation time";

  const auto second = run_footfall({"run", "--config", (dir / "cfg.yaml").string()});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM counts"), rows) << "same frames replace, never duplicate";

  const auto csv = run_footfall({"export", "--database", db.string(), "--from", "2026-11-24T10:00:00Z", "--to",
                                 "2026-11-24T10:00:10Z", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  const auto lines = split_lines(csv.out);
  EXPECT_EQ(lines.size(), 21u) << "header + 2 fps x 10 s";
  EXPECT_EQ(lines[0].substr(0, 17), "camera,timestamp,");
}

TEST(RunCommand, MalformedYamlIsRefusedWithTheLineAndNothingWritten) {
  TempDir dir;
  const auto db = dir / "counts.db";
  write_file(dir / "bad.yaml", "database: " + db.string() + "\ncameras:\n  door:\n    source: [unclosed\n");
  const auto r = run_footfall({"run", "--config", (dir / "bad.yaml").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad.yaml"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(db));
}

TEST(RunCommand, UnknownKeyIsRefusedNamingTheKeyPath) {
  TempDir dir;
  const auto db = dir / "counts.db";
  write_file(dir / "typo.yaml", "database: " + db.string() + "\ncameras:\n  door:\n    source: " +
                                    vtest_avi().string() + "\n    sampling:\n      fsp: 5\n");
  for (const char* command : {"run", "check-config"}) {
    const auto r = std::string(command) == "run" ? run_footfall({"run", "--config", (dir / "typo.yaml").string()})
                                                 : run_footfall({"check-config", (dir / "typo.yaml").string()});
    EXPECT_EQ(r.exit_code, 1) << command;
    EXPECT_NE(r.err.find("cameras.door.sampling.fsp"), std::string::npos) << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(db));
}

TEST(RunCommand, MissingVideoFileIsRefusedBeforeAnythingIsWritten) {
  TempDir dir;
  const auto db = dir / "counts.db";
  write_file(dir / "cfg.yaml", file_camera_config(db, dir / "missing.mp4", "every_frame: true"));
  const auto r = run_footfall({"run", "--config", (dir / "cfg.yaml").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("missing.mp4"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(db)) << "the store is opened only once every camera checks out";
}

TEST(RunCommand, ModelWithBadChecksumIsRefused) {
  TempDir dir;
  const auto models = dir / "models";
  std::filesystem::create_directories(models / "yolo-fastest-1.1-body");
  for (const char* f : {"yolo-fastest-1.1_body.cfg", "yolo-fastest-1.1_body.weights"}) {
    std::filesystem::copy_file(models_dir() / "yolo-fastest-1.1-body" / f, models / "yolo-fastest-1.1-body" / f);
  }
  {
    std::fstream weights(models / "yolo-fastest-1.1-body" / "yolo-fastest-1.1_body.weights",
                         std::ios::in | std::ios::out | std::ios::binary);
    weights.seekp(1000);
    weights.put('\x5a');
  }
  const auto r = run_footfall({"count", (darknet_data() / "person.jpg").string(), "--model", "yolo-fastest-1.1-body",
                               "--no-download"},
                              {"FOOTFALL_MODELS=" + models.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("yolo-fastest-1.1_body.weights"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("checksum mismatch"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(RunCommand, InboxCountsSnapshotsRejectsACorruptOneAndDeletesAfterCommit) {
  TempDir dir;
  const auto inbox = dir / "inbox";
  std::filesystem::create_directories(inbox);
  cv::VideoCapture cap(vtest_avi().string(), cv::CAP_FFMPEG);
  cv::Mat frame;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(cap.read(frame));
    cv::imwrite((inbox / ("cam_2026-11-24T10-00-0" + std::to_string(i) + "Z.jpg")).string(), frame);
  }
  write_file(inbox / "cam_2026-11-24T10-00-05Z.jpg", "this is not a jpeg");
  const auto db = dir / "counts.db";
  write_file(dir / "cfg.yaml", "database: " + db.string() + "\ncameras:\n  tills:\n    source: " + inbox.string() +
                                   "\n    type: inbox\n");
  BackgroundProcess run({footfall_binary().string(), "run", "--config", (dir / "cfg.yaml").string()}, dir / "log");
  const bool counted = wait_until([&] { return query_int(db, "SELECT COUNT(*) FROM counts") == 3; },
                                  std::chrono::seconds(30));
  const bool emptied = wait_until(
      [&] { return !std::filesystem::exists(inbox / "cam_2026-11-24T10-00-00Z.jpg") &&
                   !std::filesystem::exists(inbox / "cam_2026-11-24T10-00-02Z.jpg"); },
      std::chrono::seconds(10));
  run.signal(SIGTERM);
  EXPECT_EQ(run.wait(), 0) << read_text(dir / "log");
  EXPECT_TRUE(counted) << read_text(dir / "log");
  EXPECT_TRUE(emptied);
  EXPECT_TRUE(std::filesystem::exists(inbox / "rejected" / "cam_2026-11-24T10-00-05Z.jpg"));
  EXPECT_NE(read_text(dir / "log").find("cam_2026-11-24T10-00-05Z.jpg"), std::string::npos);
  EXPECT_EQ(query_int(db, "SELECT MIN(ts_ms) FROM counts"), 1795514400000) << "timestamp from the file name";
  EXPECT_GT(query_int(db, "SELECT MIN(count) FROM counts"), 0);
}

TEST(RunCommand, UnreachableStreamIsRetriedWithoutExiting) {
  TempDir dir;
  const auto db = dir / "counts.db";
  const int port = free_port();
  write_file(dir / "cfg.yaml", "database: " + db.string() + "\ncameras:\n  door:\n    source: rtsp://viewer:secret@127.0.0.1:" +
                                   std::to_string(port) + "/live\n");
  BackgroundProcess run({footfall_binary().string(), "run", "--config", (dir / "cfg.yaml").string()}, dir / "log");
  std::this_thread::sleep_for(std::chrono::seconds(5));
  EXPECT_TRUE(run.running()) << read_text(dir / "log");
  run.signal(SIGTERM);
  EXPECT_EQ(run.wait(), 0);
  const std::string log = read_text(dir / "log");
  EXPECT_NE(log.find("127.0.0.1:" + std::to_string(port)), std::string::npos) << log;
  EXPECT_EQ(log.find("secret"), std::string::npos) << "credentials are masked in logs: " << log;
  // Logged once per state change, not once per retry (1 s, 2 s: at least two retries happened in 5 s).
  std::size_t disconnected_lines = 0;
  for (const auto& line : split_lines(log)) disconnected_lines += line.find("door") != std::string::npos &&
                                                                   (line.find("warn") != std::string::npos ||
                                                                    line.find("error") != std::string::npos);
  EXPECT_LE(disconnected_lines, 2u) << log;
}

TEST(RunCommand, KillNineLosesNoCommittedCount) {
  TempDir dir;
  const auto db = dir / "counts.db";
  const auto video = media_dir() / "one-by-one-person-detection.mp4";
  write_file(dir / "cfg.yaml", file_camera_config(db, video, "every_frame: true", 8));
  BackgroundProcess run({footfall_binary().string(), "run", "--config", (dir / "cfg.yaml").string()}, dir / "log");
  ASSERT_TRUE(wait_until([&] { return query_int(db, "SELECT COUNT(*) FROM counts") >= 200; }, std::chrono::seconds(60)))
      << read_text(dir / "log");
  const long long before = query_int(db, "SELECT COUNT(*) FROM counts");
  run.signal(SIGKILL);
  EXPECT_EQ(run.wait(), -SIGKILL);
  EXPECT_EQ(query_text(db, "PRAGMA integrity_check"), "ok");
  EXPECT_GE(query_int(db, "SELECT COUNT(*) FROM counts"), before) << "every committed row survives kill -9";
  ASSERT_LT(before, 1394) << "the kill came too late to test anything";

  const auto rerun = run_footfall({"run", "--config", (dir / "cfg.yaml").string()});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM counts"), 1394) << "restart completes without duplicates";
}

// The heatmap cells of one row: unsigned LEB128 varints, row-major (include/footfall/store/heatmap_cells.h).
std::vector<std::uint64_t> heatmap_cells(const std::filesystem::path& db, const std::string& where) {
  std::vector<std::uint64_t> cells;
  sqlite3* handle = nullptr;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    const std::string sql = "SELECT cells FROM heatmaps WHERE " + where;
    if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
      const auto* bytes = static_cast<const unsigned char*>(sqlite3_column_blob(stmt, 0));
      const int size = sqlite3_column_bytes(stmt, 0);
      std::uint64_t value = 0;
      int shift = 0;
      for (int i = 0; i < size; ++i) {
        value |= std::uint64_t{bytes[i] & 0x7fu} << shift;
        shift += 7;
        if ((bytes[i] & 0x80) == 0) {
          cells.push_back(value);
          value = 0;
          shift = 0;
        }
      }
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(handle);
  return cells;
}

TEST(RunCommand, TrackingStoresCrossingsVisitsZoneCountsAndTheHeatmapOfARealClip) {
  TempDir dir;
  const auto clip = datasets_dir() / "tud-campus" / "TUD-Campus.mp4";  // 71 frames, 640x480, people walking across
  const std::string line = "mid=320,100,320,479";
  const std::string zone = "left=0,200,320,200,320,479,0,479";

  // What `footfall track` finds on the same clip with the same model, every frame.
  const auto mot = dir / "campus.mot";
  const auto track = run_footfall({"track", clip.string(), "--mot", mot.string(), "--line", line});
  ASSERT_EQ(track.exit_code, 0) << track.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(track.out, m, std::regex("line mid: in (\\d+), out (\\d+)"))) << track.out;
  const long long track_in = std::stoll(m[1]);
  const long long track_out = std::stoll(m[2]);
  ASSERT_GT(track_in + track_out, 0) << "the line must see crossings for this test to mean anything";
  long long positions = 0;  // confirmed-track bottom-centres inside the frame
  for (const auto& row : split_lines(read_text(mot))) {
    std::vector<double> v;
    std::stringstream ss(row);
    std::string item;
    while (std::getline(ss, item, ',')) v.push_back(std::stod(item));
    const double bx = v[2] + v[4] / 2.0;
    const double by = v[3] + v[5];
    positions += bx >= 0 && bx <= 640 && by >= 0 && by <= 480;
  }
  ASSERT_GT(positions, 100);

  const auto db = dir / "counts.db";
  write_file(dir / "cfg.yaml", "database: " + db.string() +
                                   "\n"
                                   "cameras:\n"
                                   "  campus:\n"
                                   "    source: " + clip.string() + "\n"
                                   "    start_time: \"2026-11-24T10:00:00Z\"\n"
                                   "    sampling:\n      every_frame: true\n"
                                   "    lines:\n      mid:\n        points: [[320, 100], [320, 479]]\n"
                                   "    zones:\n      left:\n"
                                   "        points: [[0, 200], [320, 200], [320, 479], [0, 479]]\n"
                                   "        queue: true\n"
                                   "stores:\n"
                                   "  campus-shop:\n"
                                   "    timezone: Europe/Berlin\n"
                                   "    entry_lines: [{camera: campus, line: mid}]\n");
  const auto run = run_footfall({"run", "--config", (dir / "cfg.yaml").string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;

  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM counts"), 71);
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM counts WHERE tracked IS NULL"), 0) << "every row has a tracked count";
  EXPECT_GT(query_int(db, "SELECT SUM(tracked) FROM counts"), 71) << "several people are tracked";
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM crossings WHERE line='mid' AND direction='in'"), track_in);
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM crossings WHERE line='mid' AND direction='out'"), track_out);
  EXPECT_GT(query_int(db, "SELECT COUNT(*) FROM zone_visits WHERE zone='left'"), 0);
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM zone_visits WHERE dwell_ms != exit_ms - enter_ms"), 0);
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM zone_counts WHERE zone='left'"), 71) << "one row per frame";
  EXPECT_GT(query_int(db, "SELECT SUM(occupancy) FROM zone_counts"), 0);
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM zone_counts WHERE queue_length IS NULL"), 0) << "a queue zone";
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM heatmaps"), 1) << "2.8 s of frames in one hour";
  EXPECT_EQ(query_int(db, "SELECT hour_ms FROM heatmaps"), 1795514400000);
  std::vector<std::uint64_t> cells = heatmap_cells(db, "camera='campus-shop.campus'");
  ASSERT_EQ(cells.size(), 64u * 36u);
  long long total = 0;
  for (std::uint64_t c : cells) total += static_cast<long long>(c);
  EXPECT_EQ(total, positions) << "one heatmap position per confirmed track per frame";
  // The store's occupancy follows its entry line: one row per crossing time (open all day, no reset within the
  // clip), entries - exits never below zero.
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM store_occupancy WHERE store='campus-shop'"),
            query_int(db, "SELECT COUNT(DISTINCT ts_ms) FROM crossings"));
  EXPECT_EQ(query_int(db, "SELECT MAX(entries) FROM store_occupancy"), track_in);
  EXPECT_EQ(query_int(db, "SELECT MAX(exits) FROM store_occupancy"), track_out);
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM store_occupancy WHERE occupancy < 0"), 0);
  long long expected_occupancy = 0;
  for (long long i = 0; i < track_in + track_out; ++i) {
    const std::string direction =
        query_text(db, "SELECT direction FROM crossings ORDER BY ts_ms, track_id LIMIT 1 OFFSET " + std::to_string(i));
    expected_occupancy = direction == "in" ? expected_occupancy + 1 : std::max(0LL, expected_occupancy - 1);
  }
  EXPECT_EQ(query_int(db, "SELECT occupancy FROM store_occupancy ORDER BY ts_ms DESC LIMIT 1"), expected_occupancy);
  EXPECT_NE(run.out.find("store campus-shop: occupancy " + std::to_string(expected_occupancy)), std::string::npos)
      << run.out;

  // The end-of-run summary has the crossings per camera.
  std::smatch summary;
  ASSERT_TRUE(std::regex_search(run.out, summary, std::regex("campus\\s+71\\s.*\\s(\\d+)\\s+(\\d+)\\s+(\\d+)\\n")))
      << run.out;
  EXPECT_EQ(std::stoll(summary[1]), track_in) << run.out;
  EXPECT_EQ(std::stoll(summary[2]), track_out) << run.out;

  // Re-processing the same file replaces: no duplicate crossings or visits, and the heatmap is not counted twice.
  const long long visits = query_int(db, "SELECT COUNT(*) FROM zone_visits");
  const auto again = run_footfall({"run", "--config", (dir / "cfg.yaml").string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM crossings"), track_in + track_out);
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM zone_visits"), visits);
  cells = heatmap_cells(db, "camera='campus-shop.campus'");
  total = 0;
  for (std::uint64_t c : cells) total += static_cast<long long>(c);
  EXPECT_EQ(total, positions);

  const auto csv = run_footfall({"export", "--database", db.string(), "--what", "crossings"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  const auto rows = split_lines(csv.out);
  ASSERT_EQ(static_cast<long long>(rows.size()), 1 + track_in + track_out) << csv.out;
  EXPECT_EQ(rows[0], "camera,line,timestamp,timestamp_ms,track_id,direction");
  EXPECT_EQ(rows[1].substr(0, 23), "campus-shop.campus,mid,");
  const auto zones = run_footfall({"export", "--database", db.string(), "--what", "zones", "--format", "json"});
  ASSERT_EQ(zones.exit_code, 0) << zones.err;
  EXPECT_NE(zones.out.find("\"queue_length\""), std::string::npos);
}

}  // namespace
}  // namespace footfall::test

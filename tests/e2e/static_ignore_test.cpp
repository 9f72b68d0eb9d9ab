// Static look-alikes through `footfall run`, end to end: a cut-out of a person pasted still onto vtest.avi (a
// poster, a mannequin) is learned as an ignore region, stored, and no longer counted; people who stand still at a
// table (one-by-one-person-detection.mp4) are never learned.
#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <functional>

#include "e2e_util.h"
#include "pg_test_server.h"

namespace footfall::test {
namespace {

// Builds vtest.avi with a 38x95 cut-out of a walking person (frame 100, x 584, y 148) pasted at (200, 330) for the
// whole clip, with FFmpeg (installed by scripts/install-deps.sh).
std::filesystem::path make_cutout_clip(const TempDir& dir) {
  const auto cutout = dir / "cutout.png";
  const auto clip = dir / "vtest_cutout.mp4";
  auto r = run_process({"/usr/bin/ffmpeg", "-v", "error", "-y", "-i", vtest_avi().string(), "-vf",
                        "select=eq(n\\,100),crop=38:95:584:148", "-frames:v", "1", cutout.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = run_process({"/usr/bin/ffmpeg", "-v", "error", "-y", "-i", vtest_avi().string(), "-i", cutout.string(),
                   "-filter_complex", "overlay=200:330", "-c:v", "libx264", "-crf", "18", "-pix_fmt", "yuv420p",
                   clip.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return clip;
}

constexpr std::int64_t kCutoutStart = 1795514400000;  // start_time of the runs below, 2026-11-24T10:00:00Z

std::string config(const std::filesystem::path& db, const std::filesystem::path& clip, int static_ignore) {
  return "database:\n  url: " + db.string() +
         "\ncameras:\n"
         "  hall:\n"
         "    source: " + clip.string() + "\n"
         "    start_time: \"2026-11-24T10:00:00Z\"\n"
         "    sampling:\n      fps: 5\n"
         "    static_ignore: " + std::to_string(static_ignore) + "\n";
}

double iou(double ax, double ay, double aw, double ah, double bx, double by, double bw, double bh) {
  const double iw = std::max(0.0, std::min(ax + aw, bx + bw) - std::max(ax, bx));
  const double ih = std::max(0.0, std::min(ay + ah, by + bh) - std::max(ay, by));
  const double inter = iw * ih;
  return inter / (aw * ah + bw * bh - inter);
}

// The one stored region is the cut-out's box (200,330 38x95); `query` answers a SELECT of one value.
void expect_the_cutouts_region(const std::function<std::string(const std::string&)>& query) {
  const double x = std::stod(query("SELECT x FROM ignore_regions"));
  const double y = std::stod(query("SELECT y FROM ignore_regions"));
  const double w = std::stod(query("SELECT width FROM ignore_regions"));
  const double h = std::stod(query("SELECT height FROM ignore_regions"));
  EXPECT_GT(iou(x, y, w, h, 200, 330, 38, 95), 0.5) << x << "," << y << " " << w << "x" << h;
}

TEST(StaticIgnore, AStillCutOutOfAPersonIsLearnedStoredAndNoLongerCounted) {
  TempDir dir;
  const auto clip = make_cutout_clip(dir);
  ASSERT_TRUE(std::filesystem::exists(clip));
  const auto on_db = dir / "on.db";
  const auto off_db = dir / "off.db";
  write_file(dir / "on.yaml", config(on_db, clip, 20));
  write_file(dir / "off.yaml", config(off_db, clip, 0));
  for (const auto* cfg : {"on.yaml", "off.yaml"}) {
    const auto r = run_footfall({"run", "--config", (dir / cfg).string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  // One learned region, where the cut-out is.
  EXPECT_EQ(query_int(off_db, "SELECT COUNT(*) FROM ignore_regions"), 0);
  ASSERT_EQ(query_int(on_db, "SELECT COUNT(*) FROM ignore_regions WHERE camera = 'hall' AND origin = 'learned'"), 1);
  expect_the_cutouts_region([&](const std::string& sql) { return query_text(on_db, sql); });

  // After it is learned (20 s of stillness, plus margin), the cut-out is no longer counted: about one person
  // fewer per frame than the same clip without the filter.
  const std::string after = " FROM counts WHERE ts_ms >= 1795514425000";  // 10:00:25Z
  const long long on_sum = query_int(on_db, "SELECT SUM(count)" + after);
  const long long off_sum = query_int(off_db, "SELECT SUM(count)" + after);
  const long long frames = query_int(on_db, "SELECT COUNT(*)" + after);
  ASSERT_GT(frames, 100);
  const double drop = static_cast<double>(off_sum - on_sum) / static_cast<double>(frames);
  std::printf("after 25 s: %.2f persons/frame with the filter, %.2f without (%lld frames)\n",
              static_cast<double>(on_sum) / static_cast<double>(frames),
              static_cast<double>(off_sum) / static_cast<double>(frames), frames);
  std::fflush(stdout);
  EXPECT_GT(drop, 0.7);
  EXPECT_LT(drop, 1.2) << "only the cut-out is dropped, not the people walking past it";
  // The tracked count drops too.
  const long long on_tracked = query_int(on_db, "SELECT SUM(tracked)" + after);
  const long long off_tracked = query_int(off_db, "SELECT SUM(tracked)" + after);
  EXPECT_GT(static_cast<double>(off_tracked - on_tracked) / static_cast<double>(frames), 0.5);

  // A second run over the same clip starts with the stored region: the cut-out is never counted.
  const auto r = run_footfall({"run", "--config", (dir / "on.yaml").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(query_int(on_db, "SELECT COUNT(*) FROM ignore_regions"), 1) << "the stored region is reused";

  // 80 s of video give the people-free background (a median of frames 2 s apart), stored at the frame size; the
  // heatmap is drawn over it.
  EXPECT_EQ(query_int(on_db, "SELECT width FROM backgrounds WHERE camera = 'hall'"), 768);
  EXPECT_EQ(query_int(on_db, "SELECT height FROM backgrounds WHERE camera = 'hall'"), 576);
  const auto png = dir / "hall.png";
  const auto hm = run_footfall({"heatmap", "--camera", "hall", "--out", png.string(), "--database", on_db.string()});
  ASSERT_EQ(hm.exit_code, 0) << hm.err;
  EXPECT_EQ(hm.err.find("no background"), std::string::npos) << hm.err;
  EXPECT_TRUE(std::filesystem::exists(png));
}

// The config of the outage tests: the cut-out clip into PostgreSQL, with a spool, at `speed` times real time.
std::string outage_config(const PgTestServer& pg, const std::string& db, const TempDir& dir,
                          const std::filesystem::path& clip, const std::string& speed) {
  return "database:\n  url: " + pg.url(db) + "\n  batch_ms: 500\n" + "spool: {dir: " + (dir / "spool").string() +
         "}\n" +
         "cameras:\n"
         "  hall:\n"
         "    source: " + clip.string() + "\n" +
         "    type: file\n"
         "    playback_speed: " + speed + "\n"
         "    start_time: \"2026-11-24T10:00:00Z\"\n"
         "    sampling:\n      fps: 5\n"
         "    static_ignore: 10\n";
}

// Rows in counts; 0 while the database does not answer.
long long count_rows(PgTestServer& pg, const std::string& db) {
  try {
    return std::stoll(pg.query(db, "SELECT COUNT(*) FROM counts"));
  } catch (const std::exception&) {
    return 0LL;
  }
}

TEST(StaticIgnore, ARegionLearnedDuringADatabaseOutageIsAppliedAndStoredAfterIt) {
  // The cut-out clip at twice real time into a real PostgreSQL server that is stopped once the run is writing: the
  // region is learned while the database is down (logged as not stored yet), applied all the same (the cut-out stops
  // counting during the outage), and stored once the database is back.
  PgTestServer pg;
  ASSERT_TRUE(pg.ensure_started()) << pg.error();
  const std::string db = pg.create_database();
  ASSERT_FALSE(db.empty()) << pg.error();
  TempDir dir;
  const auto clip = make_cutout_clip(dir);
  write_file(dir / "pg.yaml", outage_config(pg, db, dir, clip, "2"));
  const auto log = dir / "run.log";
  BackgroundProcess run({footfall_binary().string(), "run", "--config", (dir / "pg.yaml").string()}, log);
  ASSERT_TRUE(wait_until([&] { return !run.running() || count_rows(pg, db) >= 5; }, std::chrono::seconds(60)))
      << read_text(log);
  const std::int64_t video_at_stop = std::stoll(pg.query(db, "SELECT MAX(ts_ms) FROM counts"));
  ASSERT_TRUE(pg.stop()) << pg.error();
  const bool learned = wait_until(
      [&] { return !run.running() || read_text(log).find("learned an ignore region") != std::string::npos; },
      std::chrono::seconds(40));
  ASSERT_TRUE(learned && run.running()) << read_text(log);
  ASSERT_TRUE(pg.start()) << pg.error();
  EXPECT_EQ(run.wait(), 0) << read_text(log);
  const std::string text = read_text(log);
  EXPECT_NE(text.find("learned ignore region 1 at"), std::string::npos) << text;

  ASSERT_EQ(pg.query(db, "SELECT COUNT(*) FROM ignore_regions WHERE camera = 'hall' AND origin = 'learned'"), "1");
  expect_the_cutouts_region([&](const std::string& sql) { return pg.query(db, sql); });
  // The stored region is the one learned during the outage (its frame time), kept until the store took it; not one
  // learned again after the regions were re-read from the database (once a minute of video).
  const std::int64_t created = std::stoll(pg.query(db, "SELECT created_ms FROM ignore_regions"));
  EXPECT_GT(created, video_at_stop);
  EXPECT_LT(created, kCutoutStart + 60'000) << "learned at " << (created - kCutoutStart) / 1000 << " s of video";
  // Every frame reached the database (the outage's through the spool).
  EXPECT_EQ(pg.query(db, "SELECT COUNT(*) FROM counts"), "398");
  std::printf("region learned at %.1f s of video, the database stopped at %.1f s\n",
              static_cast<double>(created - kCutoutStart) / 1000.0,
              static_cast<double>(video_at_stop - kCutoutStart) / 1000.0);
  std::fflush(stdout);
}

TEST(StaticIgnore, ARegionLearnedDuringAnOutageSurvivesAKillAndIsStoredAfterTheRestart) {
  // As above, but the run is killed (-9) while the database is still down, right after it learned the region: the
  // region waits in <spool>/regions/hall.json, and the next run applies it from its first frame and stores it (the
  // one learned before the kill, with its frame time), instead of counting the cut-out until it learns it again.
  PgTestServer pg;
  ASSERT_TRUE(pg.ensure_started()) << pg.error();
  const std::string db = pg.create_database();
  ASSERT_FALSE(db.empty()) << pg.error();
  TempDir dir;
  const auto clip = make_cutout_clip(dir);
  write_file(dir / "paced.yaml", outage_config(pg, db, dir, clip, "2"));
  write_file(dir / "fast.yaml", outage_config(pg, db, dir, clip, "0"));
  const auto pending = dir / "spool" / "regions" / "hall.json";
  const auto log = dir / "run.log";
  {
    BackgroundProcess run({footfall_binary().string(), "run", "--config", (dir / "paced.yaml").string()}, log);
    ASSERT_TRUE(wait_until([&] { return !run.running() || count_rows(pg, db) >= 5; }, std::chrono::seconds(60)))
        << read_text(log);
    ASSERT_TRUE(pg.stop()) << pg.error();
    ASSERT_TRUE(wait_until([&] { return !run.running() || std::filesystem::exists(pending); },
                           std::chrono::seconds(40)))
        << read_text(log);
    ASSERT_TRUE(run.running()) << read_text(log);
    run.signal(SIGKILL);
    run.wait();
  }
  const std::string first = read_text(log);
  EXPECT_NE(first.find("learned an ignore region"), std::string::npos) << first;
  const std::string kept = read_text(pending);
  const auto created_at = kept.find("\"created_ms\": ");
  ASSERT_NE(created_at, std::string::npos) << kept;
  const std::int64_t learned_ms = std::stoll(kept.substr(created_at + 14));
  EXPECT_GT(learned_ms, kCutoutStart);

  ASSERT_TRUE(pg.start()) << pg.error();
  const auto second = run_footfall({"run", "--config", (dir / "fast.yaml").string()});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("1 ignore region(s) learned during a database outage before the last stop are applied"),
            std::string::npos)
      << second.err;
  EXPECT_EQ(second.err.find("learned an ignore region"), std::string::npos) << "not learned again: " << second.err;
  EXPECT_FALSE(std::filesystem::exists(pending)) << "stored, so no longer pending";
  ASSERT_EQ(pg.query(db, "SELECT COUNT(*) FROM ignore_regions WHERE camera = 'hall' AND origin = 'learned'"), "1");
  EXPECT_EQ(std::stoll(pg.query(db, "SELECT created_ms FROM ignore_regions")), learned_ms)
      << "the region learned before the kill";
  expect_the_cutouts_region([&](const std::string& sql) { return pg.query(db, sql); });
  EXPECT_EQ(pg.query(db, "SELECT COUNT(*) FROM counts"), "398") << "the second run wrote every frame";
  std::printf("region learned at %.1f s of video before the kill, stored by the next run\n",
              static_cast<double>(learned_ms - kCutoutStart) / 1000.0);
  std::fflush(stdout);
}

TEST(StaticIgnore, PeopleWhoStandStillAtATableAreNeverLearned) {
  // one-by-one-person-detection.mp4: people stop and read at a table for 15 to 25 s.
  TempDir dir;
  const auto db = dir / "f.db";
  write_file(dir / "cfg.yaml", config(db, media_dir() / "one-by-one-person-detection.mp4", 20));
  const auto r = run_footfall({"run", "--config", (dir / "cfg.yaml").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GT(query_int(db, "SELECT MAX(count) FROM counts"), 0);
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM ignore_regions"), 0);
}

}  // namespace
}  // namespace footfall::test

// `footfall run` tracks each camera with its own tracking section merged over the global one: two cameras on the
// same real clip, one of which needs more matches to confirm a track than the clip has frames, so that it confirms
// no track, counts no crossing and reports a tracked count of zero, while the other tracks as usual.
#include <gtest/gtest.h>

#include "e2e_util.h"

namespace footfall::test {
namespace {

TEST(RunTracking, EachCameraTracksWithItsTrackingSection) {
  TempDir dir;
  const auto db = dir / "f.db";
  const auto campus = datasets_dir() / "tud-campus" / "TUD-Campus.mp4";  // 71 frames
  const std::string camera_body = "    source: " + campus.string() +
                                  "\n"
                                  "    start_time: \"2026-11-24T10:00:00Z\"\n"
                                  "    static_ignore: 0\n"
                                  "    lines:\n"
                                  "      c275:\n"
                                  "        points: [[275, 300], [275, 479]]\n";
  write_file(dir / "cfg.yaml", "database:\n  url: " + db.string() +
                                   "\ntracking:\n"
                                   "  lost_seconds: 1.5\n"
                                   "cameras:\n"
                                   "  usual:\n" +
                                   camera_body +
                                   "  never-confirms:\n" + camera_body +
                                   "    tracking:\n"
                                   "      min_hits: 1000\n");
  const auto r = run_footfall({"run", "--config", (dir / "cfg.yaml").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM counts WHERE camera='usual'"), 71);
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM counts WHERE camera='never-confirms'"), 71);
  EXPECT_GT(query_int(db, "SELECT SUM(tracked) FROM counts WHERE camera='usual'"), 71) << "people are tracked";
  EXPECT_EQ(query_int(db, "SELECT SUM(tracked) FROM counts WHERE camera='never-confirms'"), 0);
  // c275 is crossed 5 times in the ground truth, and the default tracker counts all 5 (line_accuracy_test.cpp).
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM crossings WHERE camera='usual' AND line='c275'"), 5);
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM crossings WHERE camera='never-confirms'"), 0);
  EXPECT_EQ(query_int(db, "SELECT SUM(count) FROM counts WHERE camera='usual'"),
            query_int(db, "SELECT SUM(count) FROM counts WHERE camera='never-confirms'"))
      << "detection is the same; only tracking differs";
}

}  // namespace
}  // namespace footfall::test

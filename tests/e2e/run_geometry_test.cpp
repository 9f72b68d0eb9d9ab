// `footfall run` refuses lines and zones whose pixel coordinates fall outside a file camera's frame at start-up,
// naming the key path, before anything is written.
#include <gtest/gtest.h>

#include "e2e_util.h"

namespace footfall::test {
namespace {

TEST(RunGeometry, ALineOutsideTheFileFrameIsRefusedAtStartNamingTheKeyPath) {
  TempDir dir;
  const auto db = dir / "f.db";
  const auto campus = datasets_dir() / "tud-campus" / "TUD-Campus.mp4";  // 640x480
  write_file(dir / "cfg.yaml", "database:\n  url: " + db.string() +
                                   "\ncameras:\n"
                                   "  entrance:\n"
                                   "    source: " + campus.string() + "\n"
                                   "    lines:\n"
                                   "      door:\n"
                                   "        points: [[100, 400], [900, 400]]\n");
  const auto r = run_footfall({"run", "--config", (dir / "cfg.yaml").string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("cameras.entrance.lines.door: second point (900,400) is outside the 640x480 frame"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(db)) << "nothing is written";
}

TEST(RunGeometry, AZoneOutsideTheFileFrameIsRefusedAtStartNamingTheKeyPath) {
  TempDir dir;
  const auto db = dir / "f.db";
  const auto campus = datasets_dir() / "tud-campus" / "TUD-Campus.mp4";
  write_file(dir / "cfg.yaml", "database:\n  url: " + db.string() +
                                   "\ncameras:\n"
                                   "  entrance:\n"
                                   "    source: " + campus.string() + "\n"
                                   "    zones:\n"
                                   "      tills:\n"
                                   "        points: [[100, 100], [700, 100], [700, 300]]\n");
  const auto r = run_footfall({"run", "--config", (dir / "cfg.yaml").string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("cameras.entrance.zones.tills:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("outside the 640x480 frame"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(db));
}

}  // namespace
}  // namespace footfall::test

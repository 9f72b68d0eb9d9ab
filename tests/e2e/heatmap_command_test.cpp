// `footfall heatmap` end to end: `footfall run` tracks TUD-Stadtmitte into a real SQLite file (hourly grids and the
// people-free background), then the command renders the PNG; and its errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <opencv2/imgcodecs.hpp>

#include "e2e_util.h"

namespace footfall::test {
namespace {

std::filesystem::path stadtmitte() { return datasets_dir() / "tud-stadtmitte" / "TUD-Stadtmitte.mp4"; }

// Runs the clip once per test suite into one database (TUD-Stadtmitte: 179 frames, 640x480, 25 fps, so 7 s that
// straddle 09:59:57Z..10:00:04Z and fall into two UTC hours).
class HeatmapCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const auto db = *dir_ / "footfall.db";
    write_file(*dir_ / "cfg.yaml", "database:\n  url: " + db.string() +
                                       "\ncameras:\n"
                                       "  plaza:\n"
                                       "    source: " + stadtmitte().string() + "\n"
                                       "    start_time: \"2026-11-24T09:59:57Z\"\n");
    const auto r = run_footfall({"run", "--config", (*dir_ / "cfg.yaml").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string db() { return (*dir_ / "footfall.db").string(); }
  static TempDir* dir_;
};

TempDir* HeatmapCommand::dir_ = nullptr;

TEST_F(HeatmapCommand, RendersThePathsOfPeopleOverTheBackground) {
  TempDir out;
  const auto png_path = out / "plaza.png";
  const auto r = run_footfall({"heatmap", "--camera", "plaza", "--from", "2026-11-24T09:00:00Z", "--to",
                               "2026-11-24T11:00:00Z", "--out", png_path.string(), "--database", db()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("plaza: 2 hour(s)"), std::string::npos) << r.err;
  const cv::Mat png = cv::imread(png_path.string(), cv::IMREAD_COLOR);
  ASSERT_FALSE(png.empty());
  EXPECT_EQ(png.cols, 640);
  EXPECT_EQ(png.rows, 480);
  EXPECT_FALSE(std::filesystem::exists(png_path.string() + ".part"));

  // People's feet are on the square in the band y = 180..340: the colour map (inferno: saturated purple to yellow)
  // covers much of it, and none of the building fronts above it. The legend sits at the bottom right; left out.
  const auto heat_pixels = [&png](cv::Rect area) {
    int n = 0;
    for (int y = area.y; y < area.y + area.height; ++y) {
      for (int x = area.x; x < area.x + area.width; ++x) {
        const cv::Vec3b p = png.at<cv::Vec3b>(y, x);
        const int hi = std::max({p[0], p[1], p[2]});
        const int lo = std::min({p[0], p[1], p[2]});
        if (hi - lo > 50) ++n;
      }
    }
    return n;
  };
  const int pavement = heat_pixels({0, 180, 470, 160});
  const int facades = heat_pixels({0, 50, 640, 90});
  std::printf("heat pixels: pavement %d, facades %d\n", pavement, facades);
  std::fflush(stdout);
  EXPECT_GT(pavement, 2000);
  EXPECT_LT(facades * 10, pavement);
  const auto query = query_int(db(), "SELECT COUNT(*) FROM heatmaps WHERE camera = 'plaza'");
  EXPECT_EQ(query, 2);
}

TEST_F(HeatmapCommand, OneHourRangeUsesOnlyThatHour) {
  TempDir out;
  const auto r = run_footfall({"heatmap", "--camera", "plaza", "--from", "2026-11-24T10:00:00Z", "--to",
                               "2026-11-24T11:00:00Z", "--out", (out / "h.png").string(), "--database", db()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("plaza: 1 hour(s)"), std::string::npos) << r.err;
}

TEST_F(HeatmapCommand, ErrorsNameTheProblemAndWriteNothing) {
  TempDir out;
  const auto png = (out / "x.png").string();
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {{"--camera", "nowhere", "--out", png, "--database", db()}, 1, "--camera nowhere: no such camera"},
      {{"--camera", "plaza", "--from", "2020-01-01T00:00:00Z", "--to", "2020-01-02T00:00:00Z", "--out", png,
        "--database", db()},
       1,
       "no heatmap between"},
      {{"--camera", "plaza", "--out", (out / "x.jpg").string(), "--database", db()}, 2, "name the file *.png"},
      {{"--camera", "plaza", "--from", "yesterday", "--out", png, "--database", db()}, 2, "--from: 'yesterday'"},
      {{"--camera", "plaza", "--out", png, "--database", (out / "none.db").string()}, 1, "no such database"},
      {{"--camera", "plaza", "--out", (out / "missing" / "x.png").string(), "--database", db()}, 1,
       "cannot write"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> argv = {"heatmap"};
    argv.insert(argv.end(), c.args.begin(), c.args.end());
    const auto r = run_footfall(argv);
    EXPECT_EQ(r.exit_code, c.exit_code) << c.expected << "\n" << r.err;
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << r.err;
  }
  EXPECT_TRUE(std::filesystem::is_empty(out.path())) << "no file written on any error";
  EXPECT_FALSE(std::filesystem::exists(out / "none.db")) << "reading never creates a database";
}

}  // namespace
}  // namespace footfall::test

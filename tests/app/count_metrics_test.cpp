#include "footfall/app/count_metrics.h"

#include <gtest/gtest.h>

#include <fstream>

#include "test_paths.h"

namespace footfall {
namespace {

TEST(CountMetrics, LoadsConfidentRowsPerFrameFromTud) {
  auto counts = load_mot_counts(test::datasets_dir() / "tud-campus" / "gt.txt");
  ASSERT_TRUE(counts.ok()) << counts.error().message;
  EXPECT_EQ(counts->size(), 71u);
  // occupancy_from_gt.csv (frame,boxes_all,boxes_conf1) is the independent reference.
  std::ifstream ref(test::datasets_dir() / "tud-campus" / "occupancy_from_gt.csv");
  std::string line;
  std::getline(ref, line);
  int frames = 0;
  while (std::getline(ref, line)) {
    const auto a = line.find(',');
    const auto b = line.rfind(',');
    const long long frame = std::stoll(line.substr(0, a));
    EXPECT_EQ(counts->at(frame), std::stoi(line.substr(b + 1))) << "frame " << frame;
    ++frames;
  }
  EXPECT_EQ(frames, 71);
}

TEST(CountMetrics, MaeBiasAndExactShare) {
  const std::map<std::int64_t, int> truth{{1, 3}, {2, 4}, {3, 5}, {4, 0}};
  const std::map<std::int64_t, int> predicted{{1, 3}, {2, 6}, {3, 4}};  // frame 4 missing counts as 0
  const CountMetrics m = compare_counts(truth, predicted);
  EXPECT_EQ(m.frames, 4u);
  EXPECT_DOUBLE_EQ(m.mae, (0 + 2 + 1 + 0) / 4.0);
  EXPECT_DOUBLE_EQ(m.bias, (0 + 2 - 1 + 0) / 4.0);
  EXPECT_DOUBLE_EQ(m.exact_share, 0.5);
}

TEST(CountMetrics, MissingOrMalformedGroundTruthIsAnError) {
  test::TempDir dir;
  EXPECT_FALSE(load_mot_counts(dir / "nope.txt").ok());
  {
    std::ofstream(dir / "bad.txt") << "1,2,3\n";
  }
  auto bad = load_mot_counts(dir / "bad.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("bad.txt:1"), std::string::npos) << bad.error().message;
}

}  // namespace
}  // namespace footfall

#include "footfall/count/heatmap_grid.h"

#include <gtest/gtest.h>

#include <numeric>

#include "count_test_util.h"

namespace footfall {
namespace {

using testing::track_at;

TEST(HeatmapGrid, DefaultsTo64By36) {
  const HeatmapGrid grid(1280, 720);
  EXPECT_EQ(grid.cols(), 64);
  EXPECT_EQ(grid.rows(), 36);
  EXPECT_EQ(grid.cells().size(), 64u * 36u);
  EXPECT_EQ(grid.total(), 0u);
}

TEST(HeatmapGrid, MapsPointsToCells) {
  const HeatmapGrid grid(640, 480, {4, 3});  // cells of 160 x 160
  EXPECT_EQ(grid.cell_of({0, 0}), (std::pair{0, 0}));
  EXPECT_EQ(grid.cell_of({159.9f, 159.9f}), (std::pair{0, 0}));
  EXPECT_EQ(grid.cell_of({160, 160}), (std::pair{1, 1}));
  EXPECT_EQ(grid.cell_of({640, 480}), (std::pair{3, 2}));  // bottom-right edge: last cell
  EXPECT_FALSE(grid.cell_of({-0.5f, 10}));
  EXPECT_FALSE(grid.cell_of({10, 480.5f}));
}

TEST(HeatmapGrid, AccumulatesBottomCentresOfConfirmedTracksOnly) {
  HeatmapGrid grid(640, 480, {4, 3});
  for (int frame = 0; frame < 10; ++frame) {
    grid.add({track_at(1, {100, 400}), track_at(2, {500, 100}), track_at(3, {100, 400}, TrackState::tentative),
              track_at(4, {100, 400}, TrackState::lost)});
  }
  EXPECT_EQ(grid.at(0, 2), 10u);
  EXPECT_EQ(grid.at(3, 0), 10u);
  EXPECT_EQ(grid.total(), 20u);
  EXPECT_EQ(grid.max(), 10u);
  EXPECT_EQ(std::accumulate(grid.cells().begin(), grid.cells().end(), std::uint64_t{0}), 20u);
}

TEST(HeatmapGrid, IgnoresPointsOutsideTheFrame) {
  HeatmapGrid grid(640, 480, {4, 3});
  EXPECT_FALSE(grid.add({700, 10}));
  EXPECT_TRUE(grid.add({10, 10}, 5));
  EXPECT_EQ(grid.total(), 5u);
}

TEST(HeatmapGrid, MergesGridsOfTheSameShapeAndRefusesOthers) {
  HeatmapGrid a(640, 480, {4, 3});
  HeatmapGrid b(640, 480, {4, 3});
  a.add({10, 10});
  b.add({10, 10}, 2);
  b.add({630, 470});
  ASSERT_TRUE(a.merge(b).ok());
  EXPECT_EQ(a.at(0, 0), 3u);
  EXPECT_EQ(a.at(3, 2), 1u);
  EXPECT_EQ(a.total(), 4u);

  const HeatmapGrid other(640, 480, {8, 6});
  const Status status = a.merge(other);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("8x6"), std::string::npos);
  EXPECT_EQ(a.total(), 4u);

  a.clear();
  EXPECT_EQ(a.total(), 0u);
  EXPECT_EQ(a.max(), 0u);
}

}  // namespace
}  // namespace footfall

namespace footfall {
namespace {

TEST(HeatmapGrid, AddsStoredCellsAndRefusesTheWrongNumberOfThem) {
  HeatmapGrid grid(640, 480, {4, 3});
  grid.add(Point{10.0f, 10.0f});
  std::vector<std::uint64_t> stored(12, 0);
  stored[0] = 2;
  stored[11] = 5;
  ASSERT_TRUE(grid.add_cells(stored).ok());
  EXPECT_EQ(grid.at(0, 0), 3u);
  EXPECT_EQ(grid.at(3, 2), 5u);
  EXPECT_EQ(grid.total(), 8u);
  const auto refused = grid.add_cells(std::vector<std::uint64_t>(11, 1));
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("11 cell counts for a 4x3 grid"), std::string::npos);
  EXPECT_EQ(grid.total(), 8u) << "nothing added from a refused set";
}

}  // namespace
}  // namespace footfall

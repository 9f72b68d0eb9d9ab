// The scene of a camera on both backends (store_backend.h): the background image (replaced on write) and the ignore regions
// (added, listed, updated, deleted).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store_backend.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;

using SceneStore = BackendTest;

TEST_P(SceneStore, TheBackgroundIsReplacedOnWriteAndAbsentUntilWritten) {
  auto store = open();
  ASSERT_TRUE(store);
  auto none = store->read_background("door");
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_FALSE(none->has_value());

  std::vector<std::uint8_t> png(5000);
  for (std::size_t i = 0; i < png.size(); ++i) png[i] = static_cast<std::uint8_t>(i * 7);
  png[100] = 0;  // binary, with zero bytes
  ASSERT_TRUE(store->write_background({"door", 1000, 640, 480, png}));
  ASSERT_TRUE(store->write_background({"door", 2000, 320, 240, {1, 2, 3}}));
  ASSERT_TRUE(store->write_background({"till", 1500, 640, 480, png}));
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM backgrounds"), 2);

  auto door = store->read_background("door");
  ASSERT_TRUE(door);
  ASSERT_TRUE(door->has_value());
  EXPECT_EQ((*door)->updated_ms, 2000);
  EXPECT_EQ((*door)->width, 320);
  EXPECT_EQ((*door)->height, 240);
  EXPECT_EQ((*door)->png, (std::vector<std::uint8_t>{1, 2, 3}));
  auto till = store->read_background("till");
  ASSERT_TRUE(till && till->has_value());
  EXPECT_EQ((*till)->png, png);

  const Status bad = store->write_background({"door", 3000, 0, 480, png});
  ASSERT_FALSE(bad);
  EXPECT_THAT(bad.error().message, HasSubstr("background of camera door"));
}

TEST_P(SceneStore, IgnoreRegionsAreAddedWithNewIdsListedUpdatedAndDeleted) {
  auto store = open();
  ASSERT_TRUE(store);
  IgnoreRegionRow sign{"door", 0, 10.5, 20.0, 30.0, 80.0, "learned", 1000, true};
  auto first = store->add_ignore_region(sign);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(*first, 1);
  IgnoreRegionRow pole = sign;
  pole.x = 300.0;
  pole.origin = "operator";
  pole.id = 77;  // ignored: the store assigns ids
  auto second = store->add_ignore_region(pole);
  ASSERT_TRUE(second);
  EXPECT_EQ(*second, 2);
  IgnoreRegionRow elsewhere = sign;
  elsewhere.camera = "till";
  auto other = store->add_ignore_region(elsewhere);
  ASSERT_TRUE(other);
  EXPECT_EQ(*other, 1) << "ids are per camera";

  auto regions = store->read_ignore_regions("door");
  ASSERT_TRUE(regions) << regions.error().message;
  ASSERT_EQ(regions->size(), 2u);
  const IgnoreRegionRow& r = regions->front();
  EXPECT_EQ(r.camera, "door");
  EXPECT_EQ(r.id, 1);
  EXPECT_DOUBLE_EQ(r.x, 10.5);
  EXPECT_DOUBLE_EQ(r.y, 20.0);
  EXPECT_DOUBLE_EQ(r.width, 30.0);
  EXPECT_DOUBLE_EQ(r.height, 80.0);
  EXPECT_EQ(r.origin, "learned");
  EXPECT_EQ(r.created_ms, 1000);
  EXPECT_TRUE(r.enabled);
  EXPECT_EQ((*regions)[1].origin, "operator");

  // The operator disables the learned region and confirms it.
  IgnoreRegionRow edited = r;
  edited.enabled = false;
  edited.origin = "operator";
  ASSERT_TRUE(store->update_ignore_region(edited));
  regions = store->read_ignore_regions("door");
  ASSERT_TRUE(regions);
  EXPECT_FALSE(regions->front().enabled);
  EXPECT_EQ(regions->front().origin, "operator");

  ASSERT_TRUE(store->delete_ignore_region("door", 1));
  regions = store->read_ignore_regions("door");
  ASSERT_TRUE(regions);
  ASSERT_EQ(regions->size(), 1u);
  EXPECT_EQ(regions->front().id, 2);
  auto third = store->add_ignore_region(sign);
  ASSERT_TRUE(third);
  EXPECT_EQ(*third, 3) << "1 + the highest id";

  const Status missing = store->delete_ignore_region("door", 1);
  ASSERT_FALSE(missing);
  EXPECT_THAT(missing.error().message, HasSubstr("ignore region 1 of camera door: no such region"));
  edited.id = 42;
  EXPECT_FALSE(store->update_ignore_region(edited));
  IgnoreRegionRow bad_origin = sign;
  bad_origin.origin = "guess";
  EXPECT_FALSE(store->add_ignore_region(bad_origin));
  EXPECT_EQ(store->read_ignore_regions("door")->size(), 2u) << "a refused region adds nothing";
}

FOOTFALL_ON_EVERY_BACKEND(SceneStore);

}  // namespace
}  // namespace footfall::test

// StoreOccupancyTracker on the service's event bus, into a real SQLite store: entries and exits from a store's entry
// lines only, openings and closings (with the drift) as frame time passes them, published back to the bus.
#include "footfall/app/store_occupancy.h"

#include <gtest/gtest.h>

#include "test_paths.h"

namespace footfall {
namespace {

using test::TempDir;

TimestampMs at(const char* iso) { return parse_iso8601(iso).value_or(0); }

struct OccupancyEvents : EventSink {
  void on_store_occupancy(const StoreOccupancyEvent& e) override {
    std::lock_guard lock(mutex);
    events.push_back(e);
  }
  std::mutex mutex;
  std::vector<StoreOccupancyEvent> events;
};

StoreConfig berlin_shop() {
  StoreConfig shop;
  shop.name = "shop";
  shop.timezone = "Europe/Berlin";
  for (auto& day : shop.hours) day = {{9 * 60, 20 * 60}};  // 09:00-20:00 local
  shop.cameras = {"door", "tills"};
  shop.entry_lines = {{"door", "entrance"}};
  return shop;
}

TEST(StoreOccupancyTracker, CountsEntryLinesOnlyAndResetsAtOpeningAndClosingInLocalTime) {
  TempDir dir;
  auto store = open_store((dir / "counts.db").string());
  ASSERT_TRUE(store) << store.error().message;
  BatchWriter writer(**store, 100, 60000);
  EventBus bus;
  auto seen = std::make_shared<OccupancyEvents>();
  bus.subscribe(seen);
  auto tracker = StoreOccupancyTracker::create({berlin_shop()}, bus, &writer);
  ASSERT_TRUE(tracker) << tracker.error().message;
  std::shared_ptr<StoreOccupancyTracker> occupancy = std::move(*tracker);
  bus.subscribe(occupancy);

  // 2026-03-29, the spring DST day: 09:00 CEST is 07:00Z, 20:00 CEST is 18:00Z.
  bus.on_frame({"door", at("2026-03-29T06:00:00Z"), 0, 0, {}});
  bus.on_crossing({"door", "entrance", 1, at("2026-03-29T06:30:00Z"), CrossingDirection::in});  // before opening
  bus.on_frame({"tills", at("2026-03-29T07:00:01Z"), 0, 0, {}});  // any camera of the store moves its clock
  EXPECT_EQ(occupancy->occupancy("shop"), 0) << "the opening wiped the early entry";
  bus.on_crossing({"door", "entrance", 2, at("2026-03-29T08:00:00Z"), CrossingDirection::in});
  bus.on_crossing({"door", "entrance", 3, at("2026-03-29T08:01:00Z"), CrossingDirection::in});
  bus.on_crossing({"door", "side", 4, at("2026-03-29T08:02:00Z"), CrossingDirection::in});   // not an entry line
  bus.on_crossing({"yard", "entrance", 5, at("2026-03-29T08:03:00Z"), CrossingDirection::in});  // another camera
  bus.on_crossing({"door", "entrance", 2, at("2026-03-29T09:00:00Z"), CrossingDirection::out});
  EXPECT_EQ(occupancy->occupancy("shop"), 1);
  bus.on_frame({"yard", at("2026-03-29T19:00:00Z"), 0, 0, {}});  // not the store's camera: no closing yet
  EXPECT_EQ(occupancy->occupancy("shop"), 1);
  bus.on_frame({"door", at("2026-03-29T19:00:00Z"), 0, 0, {}});
  EXPECT_EQ(occupancy->occupancy("shop"), 0) << "closed at 18:00Z";
  bus.on_crossing({"door", "entrance", 3, at("2026-03-29T19:05:00Z"), CrossingDirection::out});  // at zero
  EXPECT_EQ(occupancy->occupancy("shop"), 0);
  ASSERT_TRUE(writer.flush());

  std::vector<std::string> kinds;
  for (const auto& e : seen->events) kinds.push_back(e.drift ? "closing" : std::to_string(e.occupancy));
  EXPECT_EQ(kinds, (std::vector<std::string>{"1", "0", "1", "2", "1", "closing", "0"}));
  const StoreOccupancyEvent& closing = seen->events[5];
  EXPECT_EQ(closing.timestamp_ms, at("2026-03-29T18:00:00Z"));
  EXPECT_EQ(closing.drift, 1);
  EXPECT_EQ(closing.entries, 2);
  EXPECT_EQ(closing.exits, 1);
  EXPECT_EQ(seen->events[1].timestamp_ms, at("2026-03-29T07:00:00Z")) << "the opening at 09:00 CEST";

  auto rows = (*store)->read_store_occupancy({.name = "shop"});
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), seen->events.size()) << "every published update is stored";
  EXPECT_EQ((*rows)[1].event, "opening");
  EXPECT_EQ((*rows)[5].event, "closing");
  EXPECT_EQ((*rows)[5].drift, 1);
  EXPECT_EQ(rows->back().event, "exit");
  EXPECT_EQ(rows->back().exits, 2);
}

TEST(StoreOccupancyTracker, AnUnknownStoreHasNoOccupancyAndNoStoresDoNothing) {
  EventBus bus;
  auto tracker = StoreOccupancyTracker::create({}, bus, nullptr);
  ASSERT_TRUE(tracker);
  (*tracker)->on_crossing({"door", "entrance", 1, 0, CrossingDirection::in});
  EXPECT_EQ((*tracker)->occupancy("shop"), 0);
}

}  // namespace
}  // namespace footfall

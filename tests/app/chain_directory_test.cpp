// The chain's directory (issue 6): a box's own configuration merged with the stores and cameras other boxes declared
// in a real SQLite database's registry; the box's own entries win, the registry is re-read after `refresh`, and a
// registry that cannot be read keeps what was read before.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>

#include "footfall/app/chain_directory.h"
#include "footfall/app/chain_registry.h"
#include "footfall/store/store.h"
#include "test_paths.h"

namespace footfall {
namespace {

using test::TempDir;

class StepClock final : public Clock {
 public:
  TimestampMs now_ms() const override { return t_.load(); }
  void advance(TimestampMs ms) { t_ += ms; }

 private:
  std::atomic<TimestampMs> t_{1'795'514'400'000};
};

AppConfig box(const std::string& yaml) {
  auto config = parse_config(yaml, "box.yaml");
  EXPECT_TRUE(config) << config.error().message;
  return config ? *config : AppConfig{};
}

const std::string kNorth =
    "cameras:\n"
    "  door:\n    source: /tmp/north.mp4\n    lines:\n      kerb:\n        points: [[0, 0.6], [1, 0.6]]\n"
    "    zones:\n      till:\n        points: [[0, 0], [0.5, 0], [0.5, 0.5]]\n        queue: true\n"
    "stores:\n  north:\n    timezone: Europe/Berlin\n    hours:\n      daily: \"09:00-20:00\"\n"
    "    entry_lines: [{camera: door, line: kerb}]\n    staffing:\n      min_tills: 2\n";
const std::string kSouth =
    "cameras:\n  door:\n    source: /tmp/south.mp4\n"
    "stores:\n  south:\n    timezone: America/New_York\n    cameras: [door]\n";

TEST(ChainDirectory, AnotherBoxsStoresAndCamerasAreServedAndTheOwnConfigurationWins) {
  TempDir dir;
  auto store = open_store((dir / "chain.db").string());
  ASSERT_TRUE(store) << store.error().message;
  StepClock clock;
  const AppConfig north = box(kNorth);
  ASSERT_TRUE(register_in_chain(north, **store, clock));

  // The south box serves north's store and camera as declared, with its own settings intact.
  const AppConfig south = box(kSouth);
  ChainDirectory directory(south, **store, clock, std::chrono::seconds(30));
  auto merged = directory.config();
  ASSERT_EQ(merged->stores.size(), 2u);
  EXPECT_EQ(merged->stores[0].name, "south") << "the box's own first";
  const StoreConfig& n = merged->stores[1];
  EXPECT_EQ(n.name, "north");
  EXPECT_EQ(n.timezone, "Europe/Berlin");
  EXPECT_EQ(n.hours[0].at(0).open_minute, 9 * 60);
  EXPECT_EQ(n.hours[6].at(0).close_minute, 20 * 60);
  ASSERT_EQ(n.entry_lines.size(), 1u);
  EXPECT_EQ(n.entry_lines[0].camera, "north.door");
  EXPECT_EQ(n.staffing.min_tills, 2);
  ASSERT_EQ(merged->cameras.size(), 2u);
  const CameraConfig& remote = merged->cameras[1];
  EXPECT_EQ(remote.name, "north.door");
  EXPECT_EQ(remote.local_name, "door");
  EXPECT_EQ(remote.store, "north");
  EXPECT_EQ(remote.kind, kRemoteCameraKind);
  EXPECT_TRUE(remote.source.empty()) << "another box runs it";
  ASSERT_EQ(remote.lines.size(), 1u);
  EXPECT_EQ(remote.lines[0].name, "kerb");
  EXPECT_FLOAT_EQ(remote.lines[0].a.y, 0.6f);
  EXPECT_TRUE(remote.lines[0].normalized);
  ASSERT_EQ(remote.zones.size(), 1u);
  EXPECT_TRUE(remote.zones[0].queue);
  EXPECT_EQ(remote.zones[0].polygon.size(), 3u);

  // A registry entry under one of the box's own names does not replace its configuration.
  const std::vector<RegistryEntry> stale{{"store", "south", R"({"timezone":"UTC"})", "old-box", 1}};
  ASSERT_TRUE((*store)->put_registry(stale));
  clock.advance(30'000);
  EXPECT_EQ(directory.config()->stores[0].timezone, "America/New_York");
}

TEST(ChainDirectory, ANewBoxAppearsAfterTheRefreshAndABadEntryIsSkipped) {
  TempDir dir;
  auto store = open_store((dir / "chain.db").string());
  ASSERT_TRUE(store);
  StepClock clock;
  const AppConfig head;  // a box with no camera and no store: `footfall serve` for the whole chain
  ChainDirectory directory(head, **store, clock, std::chrono::seconds(30));
  EXPECT_TRUE(directory.config()->stores.empty());

  ASSERT_TRUE(register_in_chain(box(kSouth), **store, clock));
  const std::vector<RegistryEntry> broken{{"store", "west", "{not json", "box-9", 1}};
  ASSERT_TRUE((*store)->put_registry(broken));
  clock.advance(29'000);
  EXPECT_TRUE(directory.config()->stores.empty()) << "read again only after 30 s";
  clock.advance(1'000);
  auto merged = directory.config();
  ASSERT_EQ(merged->stores.size(), 1u) << "west cannot be read and is skipped";
  EXPECT_EQ(merged->stores[0].name, "south");
  EXPECT_EQ(merged->cameras.at(0).name, "south.door");
}

}  // namespace
}  // namespace footfall

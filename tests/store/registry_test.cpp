// The registry of stores and cameras (schema v5) on both backends (store_backend.h): entries are upserted by kind and
// name in one transaction, read back ordered, and a bad entry writes nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "store_backend.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;

using Registry = BackendTest;

TEST_P(Registry, UpsertsByKindAndNameAndReadsOrdered) {
  auto store = open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->read_registry()->empty());
  const std::vector<RegistryEntry> first{{"store", "north", R"({"timezone":"Europe/Berlin"})", "box-1", 1'000},
                                         {"camera", "north.door", R"({"lines":[]})", "box-1", 1'000},
                                         {"camera", "north.tills", R"({"zones":[]})", "box-1", 1'000}};
  ASSERT_TRUE(store->put_registry(first));
  // A second box declares another store, and the first box restarts with a changed time zone.
  const std::vector<RegistryEntry> second{{"store", "south", R"({"timezone":"UTC"})", "box-2", 2'000},
                                          {"camera", "south.door", R"({"lines":[]})", "box-2", 2'000}};
  ASSERT_TRUE(store->put_registry(second));
  const std::vector<RegistryEntry> again{{"store", "north", R"({"timezone":"Europe/Paris"})", "box-1b", 3'000}};
  ASSERT_TRUE(store->put_registry(again));

  auto rows = store->read_registry();
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 5u);
  std::vector<std::string> keys;
  for (const RegistryEntry& e : *rows) keys.push_back(e.kind + ":" + e.name);
  EXPECT_EQ(keys, (std::vector<std::string>{"camera:north.door", "camera:north.tills", "camera:south.door",
                                            "store:north", "store:south"}));
  const RegistryEntry& north = (*rows)[3];
  EXPECT_EQ(north.settings, R"({"timezone":"Europe/Paris"})") << "the latest declaration wins";
  EXPECT_EQ(north.box, "box-1b");
  EXPECT_EQ(north.updated_ms, 3'000);
  EXPECT_EQ((*rows)[2].box, "box-2");
}

TEST_P(Registry, ABadEntryWritesNothing) {
  auto store = open();
  ASSERT_TRUE(store);
  const std::vector<RegistryEntry> bad{{"store", "north", "{}", "box-1", 1'000}, {"shelf", "x", "{}", "box-1", 1'000}};
  const Status s = store->put_registry(bad);
  ASSERT_FALSE(s);
  EXPECT_THAT(s.error().message, HasSubstr("registry entry shelf 'x': kind must be store or camera"));
  const std::vector<RegistryEntry> unnamed{{"camera", "", "{}", "box-1", 1'000}};
  EXPECT_FALSE(store->put_registry(unnamed));
  EXPECT_TRUE(store->read_registry()->empty());
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM registry"), 0);
}

FOOTFALL_ON_EVERY_BACKEND(Registry);

}  // namespace
}  // namespace footfall::test

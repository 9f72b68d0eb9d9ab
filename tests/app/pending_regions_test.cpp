// PendingRegions: the on-disk list of ignore regions learned during a database outage, in real files.
#include "footfall/app/pending_regions.h"

#include <gtest/gtest.h>

#include <fstream>

#include "test_paths.h"

namespace footfall {
namespace {

using test::TempDir;

IgnoreRegion learned(std::int64_t id, float x, TimestampMs created) {
  IgnoreRegion r;
  r.id = id;
  r.box = Box{x, 330.5f, 38.25f, 95.0f};
  r.origin = IgnoreOrigin::learned;
  r.created_ms = created;
  return r;
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

TEST(PendingRegions, ARoundTripKeepsEveryFieldAndAnEmptyListRemovesTheFile) {
  TempDir dir;
  const auto path = pending_regions_path(dir / "spool" / "regions", "north.hall");
  EXPECT_EQ(path.filename(), "north.hall.json");
  const PendingRegions pending(path);
  ASSERT_TRUE(pending.load().ok());
  EXPECT_TRUE(pending.load()->empty()) << "no file: nothing pending";

  IgnoreRegion disabled = learned(4, 12.0f, 1795514410000);
  disabled.enabled = false;
  disabled.origin = IgnoreOrigin::operator_set;
  ASSERT_TRUE(pending.save({learned(3, 200.25f, 1795514409800), disabled})) << "creates the folder";
  ASSERT_TRUE(std::filesystem::exists(path));

  const auto back = PendingRegions(path).load();
  ASSERT_TRUE(back.ok()) << back.error().message;
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0].id, 3);
  EXPECT_FLOAT_EQ((*back)[0].box.x, 200.25f);
  EXPECT_FLOAT_EQ((*back)[0].box.y, 330.5f);
  EXPECT_FLOAT_EQ((*back)[0].box.width, 38.25f);
  EXPECT_FLOAT_EQ((*back)[0].box.height, 95.0f);
  EXPECT_EQ((*back)[0].origin, IgnoreOrigin::learned);
  EXPECT_EQ((*back)[0].created_ms, 1795514409800);
  EXPECT_TRUE((*back)[0].enabled);
  EXPECT_EQ((*back)[1].origin, IgnoreOrigin::operator_set);
  EXPECT_FALSE((*back)[1].enabled);

  ASSERT_TRUE(pending.save({}));
  EXPECT_FALSE(std::filesystem::exists(path)) << "nothing pending: no file";
  EXPECT_TRUE(pending.save({})) << "removing a file that is not there is fine";
  // The folder holds no temporary file left behind by the replacements.
  EXPECT_TRUE(std::filesystem::is_empty(path.parent_path()));
}

TEST(PendingRegions, AnUnreadableFileIsAnErrorNamingIt) {
  TempDir dir;
  const auto path = dir / "hall.json";
  const std::vector<std::pair<std::string, std::string>> cases{
      {"{\"version\": 1, \"regions\": [", "not a file of pending ignore regions"},
      {"{\"version\": 9, \"regions\": []}", "format version 9, this build reads 1"},
      {"{\"version\": 1, \"regions\": [{\"id\": 1}]}", "not a file of pending ignore regions"},
      {"{\"version\": 1, \"regions\": [{\"id\": 1, \"x\": 1, \"y\": 1, \"width\": 0, \"height\": 5, \"origin\": "
       "\"learned\", \"created_ms\": 1, \"enabled\": true}]}",
       "a region without area"},
      {"{\"version\": 1, \"regions\": [{\"id\": 1, \"x\": 1, \"y\": 1, \"width\": 4, \"height\": 5, \"origin\": "
       "\"guessed\", \"created_ms\": 1, \"enabled\": true}]}",
       "unknown origin 'guessed'"},
  };
  for (const auto& [text, problem] : cases) {
    write(path, text);
    const auto loaded = PendingRegions(path).load();
    ASSERT_FALSE(loaded.ok()) << text;
    EXPECT_NE(loaded.error().message.find(path.string()), std::string::npos) << loaded.error().message;
    EXPECT_NE(loaded.error().message.find(problem), std::string::npos) << loaded.error().message;
  }
}

TEST(PendingRegions, WithoutAPathNothingIsWritten) {
  const PendingRegions memory_only;
  EXPECT_TRUE(memory_only.save({learned(1, 10.0f, 1)}));
  ASSERT_TRUE(memory_only.load().ok());
  EXPECT_TRUE(memory_only.load()->empty());
}

}  // namespace
}  // namespace footfall

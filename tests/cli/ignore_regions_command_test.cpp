// `footfall ignore-regions` through the real binary, on a real SQLite file made with the store library: list (table
// and JSON), add, disable, enable, delete; the rows are checked through the store API after each command, and the
// errors (unknown id, bad --box, missing database, bad flags) are checked to leave the rows as they were.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "footfall/store/store.h"
#include "test_paths.h"
#include "test_process.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr TimestampMs kLearnedAt = 1'795'513'800'000;  // 2026-11-24T09:50:00Z

// One line per region, every field: compares whole row sets.
std::string describe(const std::vector<IgnoreRegionRow>& rows) {
  std::ostringstream out;
  for (const IgnoreRegionRow& r : rows) {
    out << r.camera << " #" << r.id << " " << r.x << "," << r.y << "," << r.width << "," << r.height << " "
        << r.origin << " " << r.created_ms << " " << (r.enabled ? "on" : "off") << "\n";
  }
  return out.str();
}

// A database like one `footfall run` leaves: camera "door" with counts of 640x480 frames, its background and two
// learned regions (a mannequin and a sign); camera "till" with counts only.
class IgnoreRegionsCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = open_store(db());
    ASSERT_TRUE(store) << store.error().message;
    std::vector<CountRow> counts;
    for (int i = 0; i < 5; ++i) {
      counts.push_back({"door", kLearnedAt + i * 1000, 2, 0.8f, "yolov8n", 640, 480, 2});
      counts.push_back({"till", kLearnedAt + i * 1000, 1, 0.7f, "yolov8n", 640, 480, 1});
    }
    ASSERT_TRUE((*store)->write_counts(counts));
    ASSERT_TRUE((*store)->write_background({"door", kLearnedAt, 640, 480, {0x89, 'P', 'N', 'G'}}));
    IgnoreRegionRow mannequin{"door", 0, 412.5, 120.0, 48.0, 130.4, "learned", kLearnedAt, true};
    IgnoreRegionRow sign{"door", 0, 20.0, 30.0, 40.0, 90.0, "learned", kLearnedAt + 60'000, true};
    ASSERT_EQ(*(*store)->add_ignore_region(mannequin), 1);
    ASSERT_EQ(*(*store)->add_ignore_region(sign), 2);
  }

  std::string db() const { return (dir_ / "footfall.db").string(); }

  std::vector<IgnoreRegionRow> regions(const std::string& camera) const {
    auto store = open_store(db());
    EXPECT_TRUE(store) << store.error().message;
    if (!store) return {};
    auto rows = (*store)->read_ignore_regions(camera);
    EXPECT_TRUE(rows) << rows.error().message;
    return rows ? *rows : std::vector<IgnoreRegionRow>{};
  }

  ProcessResult ignore_regions(std::vector<std::string> args) const {
    args.insert(args.begin(), "ignore-regions");
    if (std::find(args.begin(), args.end(), "-c") == args.end()) {
      args.push_back("--database");
      args.push_back(db());
    }
    return run_footfall(args);
  }

  TempDir dir_;
};

TEST_F(IgnoreRegionsCommand, ListPrintsEveryRegionAsATable) {
  const auto r = ignore_regions({"list", "--camera", "door"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string header, first, second, extra;
  std::getline(lines, header);
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_FALSE(std::getline(lines, extra)) << r.out;
  EXPECT_THAT(header, testing::MatchesRegex("id +origin +x +y +width +height +enabled +created"));
  EXPECT_THAT(first, testing::MatchesRegex("1 +learned +412.5 +120 +48 +130.4 +yes +2026-11-24T09:50:00.000Z"));
  EXPECT_THAT(second, testing::MatchesRegex("2 +learned +20 +30 +40 +90 +yes +2026-11-24T09:51:00.000Z"));
}

TEST_F(IgnoreRegionsCommand, ListPrintsJsonWithTheExactStoredValues) {
  const auto r = ignore_regions({"list", "--camera", "door", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  ASSERT_TRUE(json.is_array());
  ASSERT_EQ(json.size(), 2u);
  EXPECT_EQ(json[0]["id"], 1);
  EXPECT_EQ(json[0]["origin"], "learned");
  EXPECT_EQ(json[0]["x"], 412.5);
  EXPECT_EQ(json[0]["y"], 120.0);
  EXPECT_EQ(json[0]["width"], 48.0);
  EXPECT_EQ(json[0]["height"], 130.4);
  EXPECT_EQ(json[0]["enabled"], true);
  EXPECT_EQ(json[0]["created"], "2026-11-24T09:50:00.000Z");
  EXPECT_EQ(json[0]["created_ms"], kLearnedAt);
  EXPECT_EQ(json[1]["id"], 2);
  EXPECT_EQ(json[1]["created"], "2026-11-24T09:51:00.000Z");
}

TEST_F(IgnoreRegionsCommand, ListOfACameraWithoutRegionsIsEmptyAndAnUnknownCameraIsWarnedAbout) {
  auto r = ignore_regions({"list", "--camera", "till", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out), nlohmann::json::array());
  EXPECT_THAT(r.err, HasSubstr("camera till: no ignore regions"));

  r = ignore_regions({"list", "--camera", "dor"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("camera dor: not in"));
  EXPECT_THAT(r.err, HasSubstr("door, till"));
}

TEST_F(IgnoreRegionsCommand, ListTakesTheDatabaseFromTheConfig) {
  const auto config = dir_ / "footfall.yaml";
  std::ofstream(config) << "database:\n  url: " << db() << "\ncameras:\n  door:\n    source: "
                        << vtest_avi().string() << "\n";
  const auto r = ignore_regions({"list", "--camera", "door", "-c", config.string(), "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out).size(), 2u);
}

TEST_F(IgnoreRegionsCommand, AddStoresAnOperatorRegionAndPrintsItsId) {
  const TimestampMs before = SystemClock().now_ms();
  auto r = ignore_regions({"add", "--camera", "door", "--box", "300,200,60,150"});
  const TimestampMs after = SystemClock().now_ms();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "3\n");
  EXPECT_THAT(r.err, HasSubstr("camera door: added ignore region 3 at 300,200,60,150"));
  EXPECT_THAT(r.err, Not(HasSubstr("warn")));

  r = ignore_regions({"add", "--camera", "door", "--box", "0,0,10.5,20", "--disabled"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "4\n");

  const auto rows = regions("door");
  ASSERT_EQ(rows.size(), 4u);
  const IgnoreRegionRow& added = rows[2];
  EXPECT_EQ(added.id, 3);
  EXPECT_EQ(added.origin, "operator");
  EXPECT_DOUBLE_EQ(added.x, 300.0);
  EXPECT_DOUBLE_EQ(added.y, 200.0);
  EXPECT_DOUBLE_EQ(added.width, 60.0);
  EXPECT_DOUBLE_EQ(added.height, 150.0);
  EXPECT_TRUE(added.enabled);
  EXPECT_GE(added.created_ms, before);
  EXPECT_LE(added.created_ms, after);
  EXPECT_EQ(rows[3].id, 4);
  EXPECT_FALSE(rows[3].enabled);
  EXPECT_DOUBLE_EQ(rows[3].width, 10.5);
  EXPECT_TRUE(regions("till").empty());
}

TEST_F(IgnoreRegionsCommand, AddForACameraNotYetRunIsAllowedWithAWarning) {
  const auto r = ignore_regions({"add", "--camera", "backdoor", "--box", "5,5,50,100"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "1\n");
  EXPECT_THAT(r.err, HasSubstr("camera backdoor: not in"));
  EXPECT_THAT(r.err, HasSubstr("door, till"));
  const auto rows = regions("backdoor");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].origin, "operator");
  EXPECT_EQ(regions("door").size(), 2u);
}

TEST_F(IgnoreRegionsCommand, DisableKeepsTheRegionAndEnableRestoresIt) {
  const std::string untouched = describe({regions("door")[1]});
  auto r = ignore_regions({"disable", "--camera", "door", "--id", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("camera door: ignore region 1 (learned, 412.5,120,48,130.4) disabled"));
  auto rows = regions("door");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_FALSE(rows[0].enabled);
  EXPECT_EQ(rows[0].origin, "learned");
  EXPECT_DOUBLE_EQ(rows[0].x, 412.5);
  EXPECT_DOUBLE_EQ(rows[0].height, 130.4);
  EXPECT_EQ(rows[0].created_ms, kLearnedAt);
  EXPECT_EQ(describe({rows[1]}), untouched);

  r = ignore_regions({"list", "--camera", "door"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, testing::ContainsRegex("\n1 +learned .* no +2026"));

  r = ignore_regions({"disable", "--camera", "door", "--id", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("already disabled"));
  EXPECT_FALSE(regions("door")[0].enabled);

  r = ignore_regions({"enable", "--camera", "door", "--id", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rows = regions("door");
  EXPECT_TRUE(rows[0].enabled);
  EXPECT_EQ(describe({rows[1]}), untouched);
}

TEST_F(IgnoreRegionsCommand, DeleteRemovesOnlyThatRegion) {
  const auto r = ignore_regions({"delete", "--camera", "door", "--id", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("ignore region 1 (learned, 412.5,120,48,130.4) deleted"));
  const auto rows = regions("door");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].id, 2);
  // Ids are never reused while a higher one exists: the next region is 3.
  const auto added = ignore_regions({"add", "--camera", "door", "--box", "1,1,5,5"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(added.out, "3\n");
}

TEST_F(IgnoreRegionsCommand, AnUnknownIdIsAnErrorNamingTheCamerasIdsAndChangesNothing) {
  const std::string before = describe(regions("door"));
  for (const std::string action : {"disable", "enable", "delete"}) {
    SCOPED_TRACE(action);
    const auto r = ignore_regions({action, "--camera", "door", "--id", "7"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.err, HasSubstr("--id 7: camera door has no ignore region 7"));
    EXPECT_THAT(r.err, HasSubstr("(its regions: 1, 2)"));
    EXPECT_EQ(describe(regions("door")), before);
  }
  // An id of another camera is not this camera's.
  const auto r = ignore_regions({"delete", "--camera", "till", "--id", "1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("camera till has no ignore region 1"));
  EXPECT_THAT(r.err, HasSubstr("it has no ignore regions"));
  EXPECT_EQ(describe(regions("door")), before);
}

TEST_F(IgnoreRegionsCommand, ABadBoxIsAUsageErrorNamingItAndAddsNothing) {
  const std::string before = describe(regions("door"));
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"10,20,30", "--box '10,20,30': expected x,y,width,height in pixels"},
      {"10,20,a,40", "--box '10,20,a,40': 'a' is not a number"},
      {"10,20,0,40", "--box '10,20,0,40': width and height must be > 0"},
      {"10,20,30,-4", "--box '10,20,30,-4': width and height must be > 0"},
      {"-1,20,30,40", "--box '-1,20,30,40': x and y must not be negative"},
      {"0.1,0.2,0.3,0.4", "--box '0.1,0.2,0.3,0.4': width and height are in pixels"},
      {"600,400,60,50", "--box '600,400,60,50': reaches beyond the 640x480 frame of camera door"},
  };
  for (const auto& [box, message] : cases) {
    SCOPED_TRACE(box);
    const auto r = ignore_regions({"add", "--camera", "door", "--box", box});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_THAT(r.err, HasSubstr(message));
    EXPECT_EQ(r.out, "");
  }
  EXPECT_EQ(describe(regions("door")), before);
}

TEST_F(IgnoreRegionsCommand, BadFlagsAreUsageErrors) {
  const std::string before = describe(regions("door"));
  EXPECT_EQ(ignore_regions({"list", "--camera", "door", "--format", "csv"}).exit_code, 2);
  const auto zero = ignore_regions({"disable", "--camera", "door", "--id", "0"});
  EXPECT_EQ(zero.exit_code, 2);
  EXPECT_THAT(zero.err, HasSubstr("--id: '0' is not a region id"));
  EXPECT_EQ(ignore_regions({"disable", "--camera", "door", "--id", "one"}).exit_code, 2);
  EXPECT_EQ(ignore_regions({"disable", "--camera", "door"}).exit_code, 2);
  EXPECT_EQ(ignore_regions({"add", "--camera", "door"}).exit_code, 2);
  const auto unnamed = ignore_regions({"add", "--camera", "", "--box", "1,1,5,5"});
  EXPECT_EQ(unnamed.exit_code, 2);
  EXPECT_THAT(unnamed.err, HasSubstr("--camera: must not be empty"));
  EXPECT_EQ(ignore_regions({"list"}).exit_code, 2);
  EXPECT_EQ(ignore_regions({"rename", "--camera", "door"}).exit_code, 2);
  EXPECT_EQ(run_footfall({"ignore-regions"}).exit_code, 2);
  EXPECT_EQ(describe(regions("door")), before);
}

TEST_F(IgnoreRegionsCommand, AMissingDatabaseIsAnErrorAndIsNotCreated) {
  const auto missing = dir_ / "nope" / "footfall.db";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"list", "--camera", "door"},
        std::vector<std::string>{"add", "--camera", "door", "--box", "1,1,5,5"},
        std::vector<std::string>{"delete", "--camera", "door", "--id", "1"}}) {
    std::vector<std::string> full{"ignore-regions"};
    full.insert(full.end(), args.begin(), args.end());
    full.insert(full.end(), {"--database", missing.string()});
    const auto r = run_footfall(full);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_THAT(r.err, HasSubstr(missing.string() + ": no such database"));
  }
  EXPECT_FALSE(std::filesystem::exists(missing.parent_path()));
}

}  // namespace
}  // namespace footfall::test

// The `stores` section: time zone, opening hours per weekday, cameras and entry lines; every mistake refused at
// load with its key path.
#include <gtest/gtest.h>

#include "config_test_util.h"

namespace footfall::test {
namespace {

const std::string kCameras =
    "cameras:\n"
    "  entrance:\n    source: /tmp/a.mp4\n    lines:\n      door:\n        points: [[0, 100], [640, 100]]\n"
    "  tills:\n    source: /tmp/b.mp4\n";

void expect_problem(const std::string& stores, const std::string& key_path, const std::string& words) {
  const std::string error = parse_error(kCameras + "stores:\n" + stores);
  EXPECT_NE(error.find("footfall.yaml: " + key_path + ": "), std::string::npos) << error;
  EXPECT_NE(error.find(words), std::string::npos) << error;
}

TEST(StoreConfig, AStoreIsReadWithItsHoursCamerasAndEntryLines) {
  const AppConfig config = parse_ok(kCameras +
                                    "stores:\n"
                                    "  main-street:\n"
                                    "    timezone: Europe/Berlin\n"
                                    "    hours:\n"
                                    "      daily: \"09:00-20:00\"\n"
                                    "      sat: \"10:00-13:00, 14:00-18:00\"\n"
                                    "      sun: closed\n"
                                    "      fri: [\"08:00-12:00\", \"12:00-24:00\"]\n"
                                    "    cameras: [tills]\n"
                                    "    entry_lines:\n"
                                    "      - {camera: entrance, line: door}\n");
  ASSERT_EQ(config.stores.size(), 1u);
  const StoreConfig& s = config.stores[0];
  EXPECT_EQ(s.name, "main-street");
  EXPECT_EQ(s.timezone, "Europe/Berlin");
  ASSERT_EQ(s.hours[0].size(), 1u);
  EXPECT_EQ(s.hours[0][0].open_minute, 9 * 60);
  EXPECT_EQ(s.hours[0][0].close_minute, 20 * 60);
  ASSERT_EQ(s.hours[4].size(), 2u) << "Friday";
  EXPECT_EQ(s.hours[4][1].close_minute, 1440);
  ASSERT_EQ(s.hours[5].size(), 2u) << "Saturday with a lunch break";
  EXPECT_EQ(s.hours[5][1].open_minute, 14 * 60);
  EXPECT_TRUE(s.hours[6].empty()) << "closed on Sunday";
  ASSERT_EQ(s.entry_lines.size(), 1u);
  EXPECT_EQ(s.entry_lines[0].camera, "main-street.entrance") << "cameras of a store are qualified by it";
  EXPECT_EQ(s.entry_lines[0].line, "door");
  ASSERT_EQ(s.cameras.size(), 2u) << "the entry lines' camera joins the listed ones";
  EXPECT_EQ(s.cameras[0], "main-street.tills");
  EXPECT_EQ(s.cameras[1], "main-street.entrance");
  ASSERT_EQ(config.cameras.size(), 2u);
  EXPECT_EQ(config.cameras[0].name, "main-street.entrance");
  EXPECT_EQ(config.cameras[0].local_name, "entrance");
  EXPECT_EQ(config.cameras[0].store, "main-street");
}

// Many boxes, one database (issue 6): every store has a "door"; their rows must not mix.
TEST(StoreConfig, CamerasOfAStoreAreNamedByItAndOthersKeepTheirName) {
  const AppConfig config = parse_ok(kCameras + "stores:\n  north:\n    timezone: UTC\n    cameras: [tills]\n");
  ASSERT_EQ(config.cameras.size(), 2u);
  EXPECT_EQ(config.cameras[0].name, "entrance") << "in no store";
  EXPECT_TRUE(config.cameras[0].store.empty());
  EXPECT_EQ(config.cameras[1].name, "north.tills");
  EXPECT_EQ(qualified_camera_name("north", "tills"), "north.tills");

  EXPECT_EQ(find_camera_by_name(config, "north.tills"), &config.cameras[1]);
  EXPECT_EQ(find_camera_by_name(config, "tills"), &config.cameras[1]) << "the only tills";
  EXPECT_EQ(find_camera_by_name(config, "entrance"), &config.cameras[0]);
  EXPECT_EQ(find_camera_by_name(config, "south.tills"), nullptr);

  const std::vector<std::string> stored{"hall", "north.door", "north.tills", "south.door"};
  EXPECT_EQ(*match_camera_name(stored, "north.door"), "north.door");
  EXPECT_EQ(*match_camera_name(stored, "tills"), "north.tills");
  EXPECT_EQ(*match_camera_name(stored, "hall"), "hall");
  EXPECT_EQ(match_camera_name(stored, "door"), nullptr) << "two stores have a door";
  EXPECT_EQ(match_camera_name(stored, "rth.door"), nullptr) << "only whole names match";
}

TEST(StoreConfig, ACameraBelongsToOneStore) {
  expect_problem("  north:\n    timezone: UTC\n    cameras: [tills]\n  south:\n    timezone: UTC\n    cameras: [tills]\n",
                 "stores.south.cameras", "camera 'tills' already belongs to store 'north'");
}

TEST(StoreConfig, WithoutHoursAStoreIsOpenAllDayAndAMissingDayIsClosed) {
  AppConfig config = parse_ok(kCameras + "stores:\n  kiosk:\n    timezone: UTC\n");
  ASSERT_EQ(config.stores.size(), 1u);
  for (const auto& day : config.stores[0].hours) {
    ASSERT_EQ(day.size(), 1u);
    EXPECT_EQ(day[0].open_minute, 0);
    EXPECT_EQ(day[0].close_minute, 1440);
  }
  config = parse_ok(kCameras + "stores:\n  kiosk:\n    timezone: UTC\n    hours:\n      mon: \"07:00-09:00\"\n");
  EXPECT_EQ(config.stores[0].hours[0].size(), 1u);
  EXPECT_TRUE(config.stores[0].hours[1].empty()) << "days not listed are closed once hours are given";
}

TEST(StoreConfig, BadTimeZonesHoursCamerasAndLinesAreRefusedWithTheirKeyPath) {
  expect_problem("  shop:\n    timezone: Europe/Berln\n", "stores.shop.timezone", "unknown time zone 'Europe/Berln'");
  expect_problem("  shop:\n    hours: {daily: \"09:00-18:00\"}\n", "stores.shop.timezone", "missing");
  expect_problem("  shop:\n    timezone: UTC\n    hours:\n      mon: \"20:00-08:00\"\n", "stores.shop.hours.mon",
                 "closing must be after opening");
  expect_problem("  shop:\n    timezone: UTC\n    hours:\n      tue: \"9-18\"\n", "stores.shop.hours.tue",
                 "expected HH:MM-HH:MM");
  expect_problem("  shop:\n    timezone: UTC\n    hours:\n      wed: \"09:00-13:00, 12:00-18:00\"\n",
                 "stores.shop.hours.wed", "overlap");
  expect_problem("  shop:\n    timezone: UTC\n    hours:\n      thu: \"09:00-24:30\"\n", "stores.shop.hours.thu",
                 "expected HH:MM-HH:MM");
  expect_problem("  shop:\n    timezone: UTC\n    hours:\n      someday: \"09:00-18:00\"\n",
                 "stores.shop.hours.someday", "unknown key");
  expect_problem("  shop:\n    timezone: UTC\n    cameras: [tills, garage]\n", "stores.shop.cameras[1]",
                 "unknown camera 'garage' (cameras: entrance, tills)");
  expect_problem("  shop:\n    timezone: UTC\n    entry_lines:\n      - {camera: garage, line: door}\n",
                 "stores.shop.entry_lines[0].camera", "unknown camera 'garage'");
  expect_problem("  shop:\n    timezone: UTC\n    entry_lines:\n      - {camera: entrance, line: dor}\n",
                 "stores.shop.entry_lines[0].line", "camera entrance has no line 'dor' (its lines: door)");
  expect_problem("  shop:\n    timezone: UTC\n    entry_lines:\n      - {camera: tills, line: door}\n",
                 "stores.shop.entry_lines[0].line", "(its lines: none)");
  expect_problem("  shop:\n    timezone: UTC\n    entry_lines:\n      - {camera: entrance}\n",
                 "stores.shop.entry_lines[0].line", "missing");
  expect_problem("  shop:\n    timezone: UTC\n    entry_lines:\n      - {camera: entrance, line: door}\n"
                 "      - {camera: entrance, line: door}\n",
                 "stores.shop.entry_lines[1]", "listed twice");
  expect_problem("  bad name:\n    timezone: UTC\n", "stores.bad name", "invalid store name");
  expect_problem("  shop:\n    timezone: UTC\n    doors: 2\n", "stores.shop.doors", "unknown key");
}

TEST(StoreConfig, EveryProblemIsReportedAtOnce) {
  const std::string error = parse_error(kCameras +
                                        "stores:\n  shop:\n    timezone: Mars/Olympus\n"
                                        "    hours: {mon: \"18:00-09:00\"}\n    cameras: [garage]\n");
  EXPECT_NE(error.find("stores.shop.timezone"), std::string::npos) << error;
  EXPECT_NE(error.find("stores.shop.hours.mon"), std::string::npos) << error;
  EXPECT_NE(error.find("stores.shop.cameras[0]"), std::string::npos) << error;
}

TEST(StoreConfig, StaffingPolicyHasDefaultsAndEveryFieldIsReadAndValidated) {
  AppConfig config = parse_ok(kCameras + "stores:\n  a:\n    timezone: UTC\n");
  ASSERT_EQ(config.stores.size(), 1u);
  EXPECT_DOUBLE_EQ(config.stores[0].staffing.people_per_associate, default_staffing_policy().people_per_associate);
  EXPECT_DOUBLE_EQ(config.stores[0].staffing.service_target, 0.8);

  config = parse_ok(kCameras +
                    "stores:\n  a:\n    timezone: UTC\n    staffing:\n      people_per_associate: 20\n"
                    "      min_floor_staff: 2\n      service_seconds: 180\n      service_target: 0.9\n"
                    "      within_seconds: 60\n      min_tills: 0\n      conversion: 0.3\n");
  const StaffingPolicy& p = config.stores[0].staffing;
  EXPECT_DOUBLE_EQ(p.people_per_associate, 20);
  EXPECT_EQ(p.min_floor_staff, 2);
  EXPECT_DOUBLE_EQ(p.service_seconds, 180);
  EXPECT_DOUBLE_EQ(p.service_target, 0.9);
  EXPECT_DOUBLE_EQ(p.target_within_seconds, 60);
  EXPECT_EQ(p.min_tills, 0);
  EXPECT_DOUBLE_EQ(p.conversion_fallback, 0.3);

  expect_problem("  a:\n    timezone: UTC\n    staffing:\n      service_target: 1.5\n",
                 "stores.a.staffing.service_target", "1.5");
  expect_problem("  a:\n    timezone: UTC\n    staffing:\n      people_per_associate: 0\n",
                 "stores.a.staffing.people_per_associate", "> 0");
  expect_problem("  a:\n    timezone: UTC\n    staffing:\n      within_seconds: -1\n",
                 "stores.a.staffing.within_seconds", "-1");
  expect_problem("  a:\n    timezone: UTC\n    staffing:\n      tills: 3\n", "stores.a.staffing.tills", "unknown key");
}

TEST(StoreConfig, RetentionUnderDatabaseHasDefaultsAndIsValidated) {
  AppConfig config = parse_ok(kCameras);
  EXPECT_EQ(config.storage.retention.raw_days, 7);
  EXPECT_EQ(config.storage.retention.minute_days, 400);
  EXPECT_EQ(config.storage.retention.hour_days, 0);
  config = parse_ok(kCameras + "database:\n  url: x.db\n  retention: {raw_days: 2, minute_days: 30}\n");
  EXPECT_EQ(config.storage.retention.raw_days, 2);
  EXPECT_EQ(config.storage.retention.minute_days, 30);
  std::string error = parse_error(kCameras + "database:\n  url: x.db\n  retention: {raw_days: 10, minute_days: 5}\n");
  EXPECT_NE(error.find("database.retention.minute_days: must be >= raw_days (10)"), std::string::npos) << error;
  error = parse_error(kCameras + "database:\n  url: x.db\n  retention: {raw_days: -1}\n");
  EXPECT_NE(error.find("database.retention.raw_days"), std::string::npos) << error;
}

}  // namespace
}  // namespace footfall::test

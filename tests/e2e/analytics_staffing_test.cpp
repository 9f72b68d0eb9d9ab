// `footfall staffing --store S --week W` end to end after eight simulated weeks: a week after the data comes from the
// forecast, a past week from what was observed (and matches the report); ISO weeks of any year, week 53 only where
// the year has one; unknown stores and weeks are usage errors. And config refusals at load: an unknown time zone or
// an entry line on an unknown camera, named by their key path.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "analytics_test_util.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;
using nlohmann::json;

// Eight weeks simulated before Monday 2026-11-23: Monday 2026-09-28 .. Sunday 2026-11-22.
class StaffingWeek : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto r = store_.simulate("2026-11-23");
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  json week(const std::string& w) {
    const auto r = store_.staffing_week(w);
    EXPECT_EQ(r.exit_code, 0) << w << ": " << r.err;
    return AnalyticsStore::parse(r.out);
  }
  AnalyticsStore store_;
};

TEST_F(StaffingWeek, WeekAfterTheDataUsesTheForecast) {
  const json j = week("2026-W49");  // Monday 2026-11-30 .. Sunday 2026-12-06
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j.at("store"), "shop");
  EXPECT_EQ(j.at("timezone"), "Europe/Berlin");
  ASSERT_TRUE(j.contains("forecast")) << j.dump().substr(0, 400);
  const std::string model = j.at("forecast").at("model");
  EXPECT_FALSE(model.empty());
  ASSERT_EQ(j.at("hours").size(), 168u);
  EXPECT_EQ(j.at("hours").front().at("local"), "2026-11-30 00:00");
  EXPECT_EQ(j.at("hours").back().at("local"), "2026-12-06 23:00");
  double open_visitors = 0.0;
  for (const json& h : j.at("hours")) {
    EXPECT_EQ(h.at("source"), "forecast") << h.dump();
    if (h.at("open") == true) {
      open_visitors += h.at("visitors").get<double>();
      EXPECT_GE(h.at("total").get<int>(), 1) << "an open hour needs someone: " << h.dump();
    } else {
      EXPECT_EQ(h.at("total").get<int>(), 0) << h.dump();
    }
    if (h.at("weekday") == "Sun") {
      EXPECT_EQ(h.at("open"), false) << h.dump();
    }
  }
  // The simulation averages 800 visitors per open day: a forecast of six open days lands near 4,800.
  EXPECT_GT(open_visitors, 0.6 * 6 * 800);
  EXPECT_LT(open_visitors, 1.4 * 6 * 800);
}

TEST_F(StaffingWeek, PastWeekIsObservedAndMatchesTheReport) {
  const json j = week("2026-W46");  // Monday 2026-11-09 .. Sunday 2026-11-15
  ASSERT_TRUE(j.is_object());
  ASSERT_EQ(j.at("hours").size(), 168u);
  EXPECT_EQ(j.at("hours").front().at("local"), "2026-11-09 00:00");
  EXPECT_EQ(j.at("hours").front().at("utc_offset"), "+01:00");
  double visitors = 0.0;
  for (const json& h : j.at("hours")) {
    EXPECT_EQ(h.at("source"), "observed") << h.dump();
    visitors += h.at("visitors").get<double>();
  }
  const json report = store_.report_json("2026-11-09", "2026-11-15");
  EXPECT_GT(visitors, 0.0);
  EXPECT_DOUBLE_EQ(visitors, report.at("totals").at("visitors").get<double>());
  // The report's recommended staff per hour is the staffing command's total.
  ASSERT_EQ(report.at("hourly").size(), 168u);
  for (std::size_t i = 0; i < 168; ++i) {
    EXPECT_EQ(report.at("hourly")[i].at("staff_recommended"), j.at("hours")[i].at("total")) << i;
  }
}

TEST_F(StaffingWeek, TheAutumnWeekHas169Hours) {
  const json j = week("2026-W43");  // Monday 2026-10-19 .. Sunday 2026-10-25
  ASSERT_EQ(j.at("hours").size(), 169u);
  EXPECT_EQ(j.at("hours").front().at("utc_offset"), "+02:00");
  EXPECT_EQ(j.at("hours").back().at("utc_offset"), "+01:00");
}

// ISO weeks are computed for any year: 2026 starts on a Thursday and so has 53 weeks; 2025 (starting on a Wednesday,
// not a leap year) has 52; 2020 (a leap year starting on a Wednesday) has 53; week 1 of 2027 starts on 2027-01-04.
TEST_F(StaffingWeek, IsoWeeksOfAnyYear) {
  const json w53 = week("2026-W53");
  ASSERT_EQ(w53.at("hours").size(), 168u);
  EXPECT_EQ(w53.at("hours").front().at("local"), "2026-12-28 00:00");
  EXPECT_EQ(w53.at("hours").front().at("weekday"), "Mon");
  EXPECT_EQ(w53.at("hours").back().at("local"), "2027-01-03 23:00");

  const json w2020 = week("2020-W53");
  ASSERT_EQ(w2020.at("hours").size(), 168u);
  EXPECT_EQ(w2020.at("hours").front().at("local"), "2020-12-28 00:00");

  const json w2027 = week("2027-W01");
  ASSERT_EQ(w2027.at("hours").size(), 168u);
  EXPECT_EQ(w2027.at("hours").front().at("local"), "2027-01-04 00:00");

  const json w2026 = week("2026-W01");
  ASSERT_EQ(w2026.at("hours").size(), 168u);
  EXPECT_EQ(w2026.at("hours").front().at("local"), "2025-12-29 00:00");

  const auto r = store_.staffing_week("2025-W53");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--week"));
  EXPECT_THAT(r.err, HasSubstr("2025 has no week 53"));
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST_F(StaffingWeek, BadWeeksAndStoresAreUsageErrors) {
  for (const std::string bad : {"2026-W60", "2026-W00", "2026-48", "2026-W4", "2026-W488", "W48-2026"}) {
    const auto r = store_.staffing_week(bad);
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_THAT(r.err, HasSubstr("--week")) << bad;
    EXPECT_THAT(r.err, HasSubstr(bad)) << bad;
  }
  const auto r = run_footfall(
      {"staffing", "--store", "mall", "--week", "2026-W49", "--config", store_.config(), "--format", "json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--store mall"));
  EXPECT_THAT(r.err, HasSubstr("(stores: shop)"));
  EXPECT_TRUE(r.out.empty()) << r.out;

  const auto missing = run_footfall({"staffing", "--store", "shop", "--config", store_.config()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("--week"));
}

// Issue 4's bar: an unknown time zone or store in config is refused at load, naming the key.
TEST(AnalyticsConfig, UnknownTimeZoneIsRefusedAtLoad) {
  AnalyticsStore store;
  write_file(store.config(), store.config_text("Mars/Base"));
  const auto r = run_footfall({"check-config", store.config()});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("stores.shop.timezone"));
  EXPECT_THAT(r.err, HasSubstr("Mars/Base"));

  // Every analytics command refuses the config the same way, before touching a database.
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"report", "--store", "shop", "--config", store.config(), "--from", "2026-11-23",
                                 "--to", "2026-11-23"},
        std::vector<std::string>{"simulate", "--store", "shop", "--config", store.config(), "--until", "2026-11-23"},
        std::vector<std::string>{"staffing", "--store", "shop", "--config", store.config(), "--week", "2026-W48"}}) {
    const auto c = run_footfall(args);
    EXPECT_NE(c.exit_code, 0) << args[0];
    EXPECT_THAT(c.err, HasSubstr("stores.shop.timezone")) << args[0];
  }
  EXPECT_FALSE(std::filesystem::exists(store.db()));
}

TEST(AnalyticsConfig, EntryLineOfAnUnknownCameraIsRefusedAtLoad) {
  AnalyticsStore store;
  write_file(store.config(), store.config_text("Europe/Berlin", "garage"));
  const auto r = run_footfall({"check-config", store.config()});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("stores.shop.entry_lines[0].camera"));
  EXPECT_THAT(r.err, HasSubstr("unknown camera 'garage'"));
  EXPECT_THAT(r.err, HasSubstr("cameras: door"));
}

TEST(AnalyticsConfig, TheValidConfigPrintsTheStore) {
  AnalyticsStore store;
  const auto r = run_footfall({"check-config", store.config()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("store shop: Europe/Berlin"));
  EXPECT_THAT(r.out, HasSubstr("sun closed"));
  EXPECT_THAT(r.out, HasSubstr("entry lines: shop.door.entry"));
}

}  // namespace
}  // namespace footfall::test

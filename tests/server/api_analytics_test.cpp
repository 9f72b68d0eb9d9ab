// The store manager's routes on five simulated weeks: report, today against last week, staffing of an ISO week
// (observed and forecast hours), and the visitor forecast. "Now" is Friday 2026-11-20 15:30 in Berlin.
#include <gtest/gtest.h>

#include <cstdio>

#include "api_test_util.h"

namespace footfall::test {
namespace {

using Query = std::multimap<std::string, std::string>;

std::int64_t sum_of(const nlohmann::json& rows, const std::string& key) {
  std::int64_t total = 0;
  for (const auto& r : rows) {
    if (!r[key].is_null()) total += r[key].get<std::int64_t>();
  }
  return total;
}

std::string message_of(const ApiResponse& r) { return body_json(r)["error"]["message"].get<std::string>(); }

TEST(ApiReport, IsTheReportJsonWithDefaultsOfTheLastSevenDays) {
  const SeededApi& api = SeededApi::shared();
  const auto report = api.get_json("/api/v1/stores/demo/report");
  EXPECT_EQ(report["store"], "demo");
  EXPECT_EQ(report["time_zone"], "Europe/Berlin");
  EXPECT_EQ(report["range"]["from_date"], "2026-11-14");
  EXPECT_EQ(report["range"]["to_date"], "2026-11-20");
  EXPECT_EQ(report["notice"], "SIMULATED DATA");
  ASSERT_EQ(report["daily"].size(), 7u);
  ASSERT_EQ(report["weekday_hour"].size(), 7u);
  EXPECT_EQ(report["weekday_hour"][0].size(), 24u);
  EXPECT_TRUE(report["weekday_hour"][0][3].is_null());  // closed at 03:00
  EXPECT_GT(report["weekday_hour"][0][12].get<double>(), 0.0);
  EXPECT_EQ(report["peaks"]["busiest"].size(), 5u);
  EXPECT_FALSE(report["totals"]["conversion"].is_null());  // simulated sales
  EXPECT_EQ(report["comparison"]["date"], "2026-11-20");

  const auto day =
      api.get_json("/api/v1/stores/demo/report", {{"from", "2026-11-16"}, {"to", "2026-11-22"}, {"day", "2026-11-18"}});
  EXPECT_EQ(day["occupancy_day"]["date"], "2026-11-18");
}

TEST(ApiReport, BadDatesAreRefusedNamingTheParameter) {
  const SeededApi& api = SeededApi::shared();
  const std::pair<Query, std::string> cases[] = {
      {{{"from", "16.11.2026"}}, "from:"},
      {{{"from", "2026-02-30"}}, "from:"},
      {{{"to", "2026-11-22T00:00"}}, "to:"},
      {{{"from", "2026-11-20"}, {"to", "2026-11-19"}}, "to:"},
      {{{"from", "2024-01-01"}, {"to", "2026-11-19"}}, "to:"},
      {{{"from", "2026-11-16"}, {"to", "2026-11-17"}, {"day", "2026-11-20"}}, "day:"},
  };
  for (const auto& [query, prefix] : cases) {
    const ApiResponse r = api.call("GET", "/api/v1/stores/demo/report", query);
    EXPECT_EQ(r.status, 400) << prefix << " " << r.body;
    EXPECT_EQ(message_of(r).rfind(prefix, 0), 0u) << r.body;
  }
  EXPECT_EQ(api.call("GET", "/api/v1/stores/elsewhere/report").status, 404);
}

TEST(ApiToday, CountsTodaySoFarAgainstTheSameTimeLastWeek) {
  const SeededApi& api = SeededApi::shared();
  const auto today = api.get_json("/api/v1/stores/demo/today");
  EXPECT_EQ(today["date"], "2026-11-20");
  EXPECT_EQ(today["local_now"], "2026-11-20T15:30:00+01:00");

  // The minute series from local midnight to now holds the same entries and exits.
  const auto so_far =
      api.get_json("/api/v1/stores/demo/series",
                   {{"from", "2026-11-20T00:00:00+01:00"}, {"to", "2026-11-20T15:30:00+01:00"}, {"bucket", "minute"}});
  const std::int64_t entries = sum_of(so_far["rows"], "visitors");
  const std::int64_t exits = sum_of(so_far["rows"], "exits");
  EXPECT_GT(entries, 100);
  EXPECT_EQ(today["entries"], entries);
  EXPECT_EQ(today["exits"], exits);
  // Open since 09:00 with every crossing inside opening hours: the people inside are entries - exits.
  ASSERT_FALSE(today["occupancy_now"].is_null());
  EXPECT_EQ(today["occupancy_now"].get<std::int64_t>(), entries - exits);

  const auto last_week =
      api.get_json("/api/v1/stores/demo/series",
                   {{"from", "2026-11-13T00:00:00+01:00"}, {"to", "2026-11-13T15:30:00+01:00"}, {"bucket", "minute"}});
  const auto& same = today["same_weekday_last_week"];
  EXPECT_EQ(same["date"], "2026-11-13");
  EXPECT_EQ(same["entries"], sum_of(last_week["rows"], "visitors"));
  EXPECT_EQ(same["exits"], sum_of(last_week["rows"], "exits"));
  const auto whole_day =
      api.get_json("/api/v1/stores/demo/series",
                   {{"from", "2026-11-13T00:00:00+01:00"}, {"to", "2026-11-14T00:00:00+01:00"}, {"bucket", "day"}});
  EXPECT_EQ(same["day_entries"], whole_day["rows"][0]["visitors"]);
  EXPECT_GT(same["day_entries"].get<std::int64_t>(), same["entries"].get<std::int64_t>());

  ASSERT_EQ(today["hours"].size(), 24u);
  EXPECT_EQ(sum_of(today["hours"], "entries"), entries);
  EXPECT_EQ(sum_of(today["hours"], "last_week_entries"), same["day_entries"].get<std::int64_t>());
  EXPECT_TRUE(today["hours"][16]["entries"].is_null());  // still to come
  EXPECT_FALSE(today["hours"][15]["entries"].is_null());
  EXPECT_EQ(today["hours"][8]["entries"], 0);  // before opening
  std::printf("today until 15:30: %lld entries, %lld exits, %lld inside; a week earlier %lld entries (%lld all day)\n",
              static_cast<long long>(entries), static_cast<long long>(exits),
              static_cast<long long>(today["occupancy_now"].get<std::int64_t>()),
              static_cast<long long>(same["entries"].get<std::int64_t>()),
              static_cast<long long>(same["day_entries"].get<std::int64_t>()));
}

TEST(ApiStaffing, AnObservedWeekPlansEveryHourFromWhatHappened) {
  const SeededApi& api = SeededApi::shared();
  const auto plan = api.get_json("/api/v1/stores/demo/staffing", {{"week", "2026-W46"}});
  EXPECT_EQ(plan["week"], "2026-W46");
  EXPECT_EQ(plan["from"], "2026-11-08T23:00:00.000Z");
  ASSERT_EQ(plan["hours"].size(), 168u);
  EXPECT_TRUE(plan["forecast"].is_null());
  EXPECT_TRUE(plan["roster"].is_null());
  double visitors = 0.0;
  std::int64_t labour = 0;
  for (const auto& h : plan["hours"]) {
    EXPECT_EQ(h["source"], "observed");
    EXPECT_EQ(h["state"], "none");
    const int hour = h["hour"].get<int>();
    const bool open = hour >= 9 && hour < 20;
    EXPECT_EQ(h["open"], open) << h["local"];
    if (open) {
      EXPECT_GE(h["total"].get<int>(), 2) << h["local"];  // one floor associate and one till at least
    } else {
      EXPECT_EQ(h["total"], 0) << h["local"];
    }
    EXPECT_EQ(h["total"].get<int>(), h["floor_staff"].get<int>() + h["tills"].get<int>());
    visitors += h["visitors"].get<double>();
    labour += h["total"].get<std::int64_t>();
  }
  EXPECT_EQ(plan["labour_hours"], labour);
  const auto week =
      api.get_json("/api/v1/stores/demo/series",
                   {{"from", "2026-11-09T00:00:00+01:00"}, {"to", "2026-11-16T00:00:00+01:00"}, {"bucket", "week"}});
  ASSERT_EQ(week["rows"].size(), 1u);
  EXPECT_EQ(visitors, week["rows"][0]["visitors"].get<double>());
}

TEST(ApiStaffing, TheCurrentWeekForecastsTheHoursToCome) {
  const SeededApi& api = SeededApi::shared();
  const auto plan = api.get_json("/api/v1/stores/demo/staffing");
  EXPECT_EQ(plan["week"], "2026-W47");
  ASSERT_EQ(plan["hours"].size(), 168u);
  ASSERT_FALSE(plan["forecast"].is_null());
  EXPECT_FALSE(plan["forecast"]["model"].get<std::string>().empty());
  for (const auto& h : plan["hours"]) {
    const bool past = h["start"].get<std::string>() < "2026-11-20T14:00:00.000Z";
    EXPECT_EQ(h["source"], past ? "observed" : "forecast") << h["local"];
  }
  for (const char* week : {"2026-W60", "2025-W53", "2026W47", "47"}) {
    const ApiResponse r = api.call("GET", "/api/v1/stores/demo/staffing", {{"week", week}});
    EXPECT_EQ(r.status, 400) << week;
    EXPECT_EQ(message_of(r).rfind("week:", 0), 0u) << r.body;
  }
}

TEST(ApiForecast, GivesOnePointPerHourFromTheHourOfFrom) {
  const SeededApi& api = SeededApi::shared();
  const auto fc = api.get_json("/api/v1/stores/demo/forecast", {{"from", "2026-11-20T14:30:00Z"}, {"hours", "48"}});
  ASSERT_EQ(fc["points"].size(), 48u);
  EXPECT_EQ(fc["points"][0]["start"], "2026-11-20T14:00:00.000Z");
  EXPECT_EQ(fc["points"][0]["local"], "2026-11-20T15:00:00+01:00");
  EXPECT_EQ(fc["points"][47]["start"], "2026-11-22T13:00:00.000Z");
  EXPECT_FALSE(fc["model"].get<std::string>().empty());
  ASSERT_FALSE(fc["backtest_wape"].is_null());
  EXPECT_LT(fc["backtest_wape"].get<double>(), 0.5);
  for (const auto& p : fc["points"]) {
    const int hour = std::stoi(p["local"].get<std::string>().substr(11, 2));
    if (hour < 9 || hour >= 20) {
      EXPECT_EQ(p["visitors"].get<double>(), 0.0) << p["local"];  // closed every week
    } else {
      EXPECT_GT(p["visitors"].get<double>(), 0.0) << p["local"];
    }
  }
  std::printf("forecast: model %s (%s), backtest WAPE %.3f\n", fc["model"].get<std::string>().c_str(),
              fc["parameters"].get<std::string>().c_str(), fc["backtest_wape"].get<double>());
  EXPECT_EQ(api.get_json("/api/v1/stores/demo/forecast")["points"].size(), 168u);
  EXPECT_EQ(api.get_json("/api/v1/stores/demo/forecast", {{"hours", "1344"}})["points"].size(), 1344u);
}

TEST(ApiForecast, RefusesBadHoursAndTooShortAHistory) {
  const SeededApi& api = SeededApi::shared();
  for (const char* hours : {"0", "1345", "abc", "12.5", ""}) {
    const ApiResponse r = api.call("GET", "/api/v1/stores/demo/forecast", {{"hours", hours}});
    EXPECT_EQ(r.status, 400) << hours;
    EXPECT_EQ(message_of(r).rfind("hours:", 0), 0u) << r.body;
  }
  const ApiResponse future = api.call("GET", "/api/v1/stores/demo/forecast", {{"from", "2026-11-27T00:00:00Z"}});
  EXPECT_EQ(future.status, 400);
  EXPECT_EQ(message_of(future).rfind("from:", 0), 0u) << future.body;
  // The simulation starts on 2026-10-19: a week of history is not enough, none at all neither.
  for (const char* from : {"2026-10-26T00:00:00Z", "2026-01-01T00:00:00Z"}) {
    const ApiResponse r = api.call("GET", "/api/v1/stores/demo/forecast", {{"from", from}});
    EXPECT_EQ(r.status, 422) << from << " " << r.body;
    EXPECT_EQ(body_json(r)["error"]["code"], "insufficient_data");
  }
}

}  // namespace
}  // namespace footfall::test

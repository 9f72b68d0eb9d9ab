// The store analytics commands end to end, through the real binary on real SQLite files: `footfall staffing erlang`
// against the hand-checked Erlang C values of issue 4; `footfall simulate` followed by `footfall report` (JSON, CSV
// and HTML with PNG charts) over normal and daylight-saving weeks in Europe/Berlin and America/New_York; and
// simulate's refusal to write over existing crossings.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <opencv2/imgcodecs.hpp>

#include "analytics_test_util.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;
using nlohmann::json;

ProcessResult erlang(const std::vector<std::string>& flags) {
  std::vector<std::string> args{"staffing", "erlang"};
  args.insert(args.end(), flags.begin(), flags.end());
  return run_footfall(args);
}

// Issue 4's bar: 100 arrivals per 30 minutes (200 per hour), 180 s mean service (offered load 10 erlangs), 80% within
// 20 s needs 14 servers; 13 give about 79.6%.
TEST(StaffingErlang, HandCheckedValuesAsJson) {
  const auto r = erlang({"--arrivals-per-hour", "200", "--service-seconds", "180", "--target", "0.8", "--within", "20",
                         "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = AnalyticsStore::parse(r.out);
  EXPECT_EQ(j.at("servers").get<int>(), 14);
  EXPECT_NEAR(j.at("service_level").get<double>(), 0.888, 0.001);
  // P(wait) for 14 servers at 10 erlangs (Erlang C) is 0.1741; mean wait = P(wait) * 180 / (14 - 10) = 7.84 s.
  EXPECT_NEAR(j.at("probability_of_waiting").get<double>(), 0.1741, 0.0005);
  EXPECT_NEAR(j.at("average_wait_seconds").get<double>(), 0.1741 * 180.0 / 4.0, 0.02);
  EXPECT_NEAR(j.at("offered_load_erlangs").get<double>(), 10.0, 1e-9);
  EXPECT_NEAR(j.at("utilization").get<double>(), 10.0 / 14.0, 1e-9);
}

TEST(StaffingErlang, TableShowsTheServiceLevelOfOneServerLess) {
  const auto r =
      erlang({"--arrivals-per-hour", "200", "--service-seconds", "180", "--target", "0.8", "--within", "20"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("servers needed    14\n"));
  // The percentages as printed: "service level     88.84%", "with 13 servers   79.56% within 20 s (below target)".
  const auto percent_after = [&r](const std::string& label) {
    const auto at = r.out.find(label);
    double value = -1.0;
    if (at != std::string::npos) std::sscanf(r.out.c_str() + at + label.size(), "%lf%%", &value);
    return value;
  };
  EXPECT_NEAR(percent_after("service level"), 88.8, 0.05) << r.out;
  EXPECT_NEAR(percent_after("with 13 servers"), 79.6, 0.05) << r.out;
  EXPECT_THAT(r.out, HasSubstr("(below target)"));
}

// 5,000 arrivals per hour at 180 s: 250 erlangs. A naive a^N / N! overflows a double long before N = 250.
TEST(StaffingErlang, LargeTrafficGivesFiniteNumbers) {
  const auto r = erlang({"--arrivals-per-hour", "5000", "--service-seconds", "180", "--target", "0.8", "--within", "20",
                         "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = AnalyticsStore::parse(r.out);
  const int servers = j.at("servers").get<int>();
  EXPECT_GT(servers, 250);  // more servers than erlangs, or the queue grows without bound
  EXPECT_LT(servers, 280);
  for (const char* key : {"service_level", "probability_of_waiting", "average_wait_seconds"}) {
    ASSERT_TRUE(j.at(key).is_number()) << key << ": " << r.out;
    EXPECT_TRUE(std::isfinite(j.at(key).get<double>())) << key;
  }
  EXPECT_GE(j.at("service_level").get<double>(), 0.8);
  EXPECT_LE(j.at("service_level").get<double>(), 1.0);
  EXPECT_GT(j.at("probability_of_waiting").get<double>(), 0.0);
  EXPECT_LT(j.at("probability_of_waiting").get<double>(), 1.0);
}

TEST(StaffingErlang, BadFlagsExitTwoNamingTheFlag) {
  struct Case {
    std::vector<std::string> flags;
    std::string named;
  };
  const Case cases[] = {
      {{"--arrivals-per-hour", "-5", "--service-seconds", "180"}, "--arrivals-per-hour"},
      {{"--arrivals-per-hour", "200", "--service-seconds", "0"}, "--service-seconds"},
      {{"--arrivals-per-hour", "200", "--service-seconds", "180", "--target", "1.5"}, "--target"},
      {{"--arrivals-per-hour", "200", "--service-seconds", "180", "--within", "-1"}, "--within"},
      {{"--arrivals-per-hour", "lots", "--service-seconds", "180"}, "--arrivals-per-hour"},
      {{"--service-seconds", "180"}, "--arrivals-per-hour"},
      {{"--arrivals-per-hour", "200", "--service-seconds", "180", "--format", "xml"}, "--format"},
  };
  for (const Case& c : cases) {
    const auto r = erlang(c.flags);
    EXPECT_EQ(r.exit_code, 2) << c.named << ": " << r.err;
    EXPECT_THAT(r.err, HasSubstr(c.named));
    EXPECT_EQ(r.out.find("servers"), std::string::npos) << r.out;
  }
}

// The sums a report must keep: hourly visitors add up to the daily ones and both to the total.
void expect_consistent_visitors(const json& report) {
  double hourly = 0.0;
  for (const json& h : report.at("hourly")) hourly += h.at("visitors").get<double>();
  double daily = 0.0;
  for (const json& d : report.at("daily")) daily += d.at("visitors").get<double>();
  const double total = report.at("totals").at("visitors").get<double>();
  EXPECT_GT(total, 0.0);
  EXPECT_DOUBLE_EQ(hourly, total);
  EXPECT_DOUBLE_EQ(daily, total);
}

// Eight simulated weeks ending before Monday 2026-11-02, reported over Monday 2026-10-19 .. Sunday 2026-10-25: the
// Sunday the clocks go back (25 hours), when the store is closed.
TEST(SimulateReport, WeekWithTheAutumnChangeAsJson) {
  AnalyticsStore store;
  const auto sim = store.simulate("2026-11-02");
  ASSERT_EQ(sim.exit_code, 0) << sim.err;
  EXPECT_THAT(sim.out, HasSubstr("SIMULATED DATA"));
  EXPECT_THAT(sim.out, HasSubstr("8 weeks"));

  const json j = store.report_json("2026-10-19", "2026-10-25");
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j.at("store"), "shop");
  EXPECT_EQ(j.at("time_zone"), "Europe/Berlin");
  EXPECT_EQ(j.at("simulated"), true);
  EXPECT_EQ(j.at("notice"), "SIMULATED DATA");
  EXPECT_EQ(j.at("hourly").size(), 169u);  // 6 x 24 + 25
  ASSERT_EQ(j.at("daily").size(), 7u);
  expect_consistent_visitors(j);

  // The repeated 02:00 on 2026-10-25: two rows with the same label, an hour apart in UTC.
  int repeated = 0;
  for (const json& h : j.at("hourly")) repeated += h.at("local_time") == "2026-10-25 02:00" ? 1 : 0;
  EXPECT_EQ(repeated, 2);

  // Conversion from the simulated sales: 25% on average (the default), per open day and over the week.
  const json& totals = j.at("totals");
  ASSERT_TRUE(totals.at("transactions").is_number());
  const double conversion = totals.at("transactions").get<double>() / totals.at("visitors").get<double>();
  EXPECT_GE(conversion, 0.15);
  EXPECT_LE(conversion, 0.35);
  EXPECT_NEAR(totals.at("conversion").get<double>(), conversion, 1e-9);
  for (const json& d : j.at("daily")) {
    if (d.at("weekday") == 6) {
      EXPECT_EQ(d.at("date"), "2026-10-25");
      EXPECT_EQ(d.at("visitors").get<double>(), 0.0) << "the store is closed on Sunday";
      continue;
    }
    EXPECT_GT(d.at("visitors").get<double>(), 100.0) << d.dump();
    const double day_conversion = d.at("transactions").get<double>() / d.at("visitors").get<double>();
    EXPECT_GE(day_conversion, 0.15) << d.dump();
    EXPECT_LE(day_conversion, 0.35) << d.dump();
  }
  // Nobody enters while the store is closed (before 09:00, from 20:00, on Sunday).
  for (const json& h : j.at("hourly")) {
    const int hour = h.at("local_hour").get<int>();
    if (h.at("weekday") == 6 || hour < 9 || hour >= 20) {
      EXPECT_EQ(h.at("visitors").get<double>(), 0.0) << h.dump();
    }
  }
  // Peaks fall in opening hours.
  ASSERT_FALSE(j.at("peaks").at("busiest").empty());
  EXPECT_GT(j.at("peaks").at("busiest")[0].at("visitors").get<double>(), 0.0);
}

// A second simulation into the same database for a range that does not overlap is accepted: the spring week,
// Monday 2026-03-23 .. Sunday 2026-03-29 (the clocks go forward on the Sunday: 23 hours).
TEST(SimulateReport, WeekWithTheSpringChangeHas167Hours) {
  AnalyticsStore store;
  ASSERT_EQ(store.simulate("2026-04-06").exit_code, 0);
  const json j = store.report_json("2026-03-23", "2026-03-29");
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j.at("hourly").size(), 167u);  // 6 x 24 + 23
  for (const json& h : j.at("hourly")) {
    EXPECT_NE(h.at("local_time"), "2026-03-29 02:00") << "02:00 does not exist on 2026-03-29";
  }
  EXPECT_EQ(j.at("simulated"), true);
  expect_consistent_visitors(j);

  // A normal week holds 168 hours.
  const json normal = store.report_json("2026-03-16", "2026-03-22");
  EXPECT_EQ(normal.at("hourly").size(), 168u);
  expect_consistent_visitors(normal);
}

// A store in America/New_York: the clocks go back on Sunday 2026-11-01 there (a week after Berlin), and opening hours
// are New York wall-clock hours.
TEST(SimulateReport, StoreInNewYork) {
  AnalyticsStore store;
  write_file(store.config(), store.config_text("America/New_York"));
  ASSERT_EQ(store.simulate("2026-11-09", 3).exit_code, 0);
  const json j = store.report_json("2026-10-26", "2026-11-01");
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j.at("time_zone"), "America/New_York");
  EXPECT_EQ(j.at("hourly").size(), 169u);
  expect_consistent_visitors(j);
  for (const json& h : j.at("hourly")) {
    const int hour = h.at("local_hour").get<int>();
    if (h.at("weekday") == 6 || hour < 9 || hour >= 20) {
      EXPECT_EQ(h.at("visitors").get<double>(), 0.0) << h.dump();
    }
  }
  // 09:00 in New York on Monday 2026-10-26 is 13:00 UTC (EDT, UTC-4).
  EXPECT_EQ(j.at("hourly")[9].at("local_time"), "2026-10-26 09:00");
  EXPECT_EQ(j.at("hourly")[9].at("start_utc_ms").get<std::int64_t>(), 1'793'019'600'000);
  EXPECT_GT(j.at("hourly")[9].at("visitors").get<double>(), 0.0);
  // Berlin's change week is a plain 168-hour week in New York.
  EXPECT_EQ(store.report_json("2026-10-19", "2026-10-25").at("hourly").size(), 168u);
}

TEST(SimulateReport, SimulatingTheSameRangeTwiceIsRefusedAndChangesNothing) {
  AnalyticsStore store;
  ASSERT_EQ(store.simulate("2026-11-02").exit_code, 0);
  const long long crossings = query_int(store.db(), "SELECT COUNT(*) FROM crossings");
  const long long sales = query_int(store.db(), "SELECT COUNT(*) FROM sales");
  const long long imports = query_int(store.db(), "SELECT COUNT(*) FROM imports");
  EXPECT_GT(crossings, 10'000);  // 8 weeks of ~800 visitors a day, in and out
  EXPECT_GT(sales, 1'000);
  const json before = store.report_json("2026-10-19", "2026-10-25");

  const auto again = store.simulate("2026-11-02");
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_THAT(again.err, HasSubstr("camera shop.door, line entry already has crossings"));
  EXPECT_EQ(again.out.find("SIMULATED DATA written"), std::string::npos) << again.out;
  EXPECT_EQ(query_int(store.db(), "SELECT COUNT(*) FROM crossings"), crossings);
  EXPECT_EQ(query_int(store.db(), "SELECT COUNT(*) FROM sales"), sales);
  EXPECT_EQ(query_int(store.db(), "SELECT COUNT(*) FROM imports"), imports);

  // An overlapping range (one week later, so seven of its weeks overlap) is refused as well.
  EXPECT_EQ(store.simulate("2026-11-09").exit_code, 1);
  EXPECT_EQ(query_int(store.db(), "SELECT COUNT(*) FROM crossings"), crossings);

  const json after = store.report_json("2026-10-19", "2026-10-25");
  EXPECT_EQ(after.at("totals"), before.at("totals"));
  EXPECT_EQ(after.at("daily"), before.at("daily"));
}

// CSV: one row per hour; the autumn change's Sunday has two rows labelled 02:00, an hour apart in UTC; the first line
// says the data is simulated.
TEST(SimulateReport, CsvHasOneRowPerRealHour) {
  AnalyticsStore store;
  ASSERT_EQ(store.simulate("2026-11-02", 2).exit_code, 0);
  const auto r = run_footfall({"report", "--store", "shop", "--config", store.config(), "--from", "2026-10-25", "--to",
                               "2026-10-26", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 2u + 25u + 24u) << r.out.substr(0, 400);
  EXPECT_THAT(lines[0], HasSubstr("SIMULATED DATA"));
  EXPECT_EQ(lines[1].rfind("start_utc,local_time,local_hour,weekday,visitors,", 0), 0u) << lines[1];
  EXPECT_EQ(lines[4].rfind("2026-10-25T00:00:00.000Z,2026-10-25 02:00,2,6,", 0), 0u) << lines[4];
  EXPECT_EQ(lines[5].rfind("2026-10-25T01:00:00.000Z,2026-10-25 02:00,2,6,", 0), 0u) << lines[5];
  EXPECT_EQ(lines.back().rfind("2026-10-26T22:00:00.000Z,2026-10-26 23:00,23,0,", 0), 0u) << lines.back();
}

// The occupancy chart's day: --day, per 15 minutes in local time (100 quarters on the 25-hour day); people are present
// only while the store is open.
TEST(SimulateReport, OccupancyOfTheChosenDay) {
  AnalyticsStore store;
  ASSERT_EQ(store.simulate("2026-11-02", 2).exit_code, 0);
  const auto report_day = [&store](const std::string& day) {
    return run_footfall({"report", "--store", "shop", "--config", store.config(), "--from", "2026-10-19", "--to",
                         "2026-10-25", "--format", "json", "--day", day});
  };
  auto r = report_day("2026-10-24");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json day = AnalyticsStore::parse(r.out).at("occupancy_day");
  EXPECT_EQ(day.at("date"), "2026-10-24");
  ASSERT_EQ(day.at("points").size(), 96u);
  double busiest = 0.0;
  for (std::size_t i = 0; i < 96; ++i) {
    const json& p = day.at("points")[i];
    char label[8];
    std::snprintf(label, sizeof label, "%02zu:%02zu", i / 4, i % 4 * 15);
    EXPECT_EQ(p.at("time"), label);
    const double people = p.at("value").get<double>();
    if (i < 9 * 4 || i >= 20 * 4) {
      EXPECT_EQ(people, 0.0) << label;
    } else {
      busiest = std::max(busiest, people);
    }
  }
  EXPECT_GT(busiest, 10.0) << "a simulated Saturday has people in the store";

  r = report_day("2026-10-25");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  day = AnalyticsStore::parse(r.out).at("occupancy_day");
  EXPECT_EQ(day.at("points").size(), 100u);
  EXPECT_EQ(day.at("points")[8].at("time"), "02:00");
  EXPECT_EQ(day.at("points")[12].at("time"), "02:00");

  r = report_day("2026-13-01");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--day"));
}

// A store closed over lunch on Saturday (09:00-13:00, 14:00-18:00, as in configs/footfall.example.yaml) has no
// simulated visitors while closed (the last customers pay and leave within five minutes of 13:00, so the hour holds a
// few sales), and people in the store again in the afternoon. (Before the simulator
// took several ranges a day, 13:00-14:00 got ~180 visitors and the afternoon looked almost empty.)
TEST(SimulateReport, NoVisitorsDuringALunchClosure) {
  AnalyticsStore store;
  write_file(store.config(), store.config_text("Europe/Berlin", "door", "09:00-13:00, 14:00-18:00"));
  ASSERT_EQ(store.simulate("2026-11-02", 2).exit_code, 0);
  const json j = store.report_json("2026-10-24", "2026-10-24");  // a Saturday
  ASSERT_EQ(j.at("hourly").size(), 24u);
  const json& closed = j.at("hourly")[13];
  EXPECT_EQ(closed.at("local_time"), "2026-10-24 13:00");
  EXPECT_EQ(closed.at("visitors").get<double>(), 0.0) << closed.dump();
  const json& noon = j.at("hourly")[12];
  EXPECT_LT(closed.at("transactions").get<double>(), 0.5 * noon.at("transactions").get<double>()) << closed.dump();
  const json& afternoon = j.at("hourly")[15];
  EXPECT_GT(afternoon.at("visitors").get<double>(), 50.0) << afternoon.dump();
  EXPECT_GT(afternoon.at("occupancy_mean").get<double>(), 20.0) << afternoon.dump();
}

bool is_png(const std::filesystem::path& p) {
  const std::string bytes = read_text(p);
  return bytes.size() > 8 && bytes.compare(0, 8, "\x89PNG\r\n\x1a\n", 8) == 0;
}

TEST(SimulateReport, HtmlReportWithFourPngCharts) {
  AnalyticsStore store;
  ASSERT_EQ(store.simulate("2026-11-02").exit_code, 0);
  const auto out_dir = store.path("report");
  const auto r = run_footfall({"report", "--store", "shop", "--config", store.config(), "--from", "2026-10-19", "--to",
                               "2026-10-25", "--format", "html", "--out", out_dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("report.html"));
  EXPECT_THAT(r.out, HasSubstr("SIMULATED DATA"));

  const std::string html = read_text(out_dir / "report.html");
  EXPECT_THAT(html, HasSubstr("<html"));
  EXPECT_THAT(html, HasSubstr("SIMULATED DATA"));
  EXPECT_THAT(html, HasSubstr("shop"));
  for (const char* name : {"visitors_per_hour.png", "weekday_hour.png", "occupancy_day.png", "staffing.png"}) {
    const auto png = out_dir / name;
    ASSERT_TRUE(std::filesystem::exists(png)) << name;
    EXPECT_TRUE(is_png(png)) << name;
    const cv::Mat image = cv::imread(png.string(), cv::IMREAD_COLOR);
    ASSERT_FALSE(image.empty()) << name << " does not decode";
    EXPECT_GE(image.cols, 400) << name;
    EXPECT_GE(image.rows, 200) << name;
    // A chart, not a blank canvas: dark text and axes on a light background.
    double lo = 0.0;
    double hi = 0.0;
    cv::minMaxLoc(image.reshape(1), &lo, &hi);
    EXPECT_GT(hi - lo, 100.0) << name;
  }
  // No temporary files left beside them.
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(out_dir)) {
    ++files;
    EXPECT_NE(entry.path().filename().string().front(), '.') << entry.path();
  }
  EXPECT_EQ(files, 5);
}

TEST(SimulateReport, HtmlWithoutOutIsAUsageError) {
  AnalyticsStore store;
  ASSERT_EQ(store.simulate("2026-11-02", 2).exit_code, 0);
  const auto r = run_footfall({"report", "--store", "shop", "--config", store.config(), "--from", "2026-10-19", "--to",
                               "2026-10-25", "--format", "html"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--out"));
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(SimulateReport, BadReportDatesAreUsageErrors) {
  AnalyticsStore store;
  ASSERT_EQ(store.simulate("2026-11-02", 2).exit_code, 0);
  const auto report = [&](const std::string& from, const std::string& to) {
    return run_footfall(
        {"report", "--store", "shop", "--config", store.config(), "--from", from, "--to", to, "--format", "json"});
  };
  auto r = report("2026-02-30", "2026-03-01");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--from"));
  r = report("2026-10-25", "2026-10-19");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--to"));
  r = report("2026-10-19", "yesterday");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--to"));
}

}  // namespace
}  // namespace footfall::test

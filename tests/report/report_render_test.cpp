#include "footfall/report/report_render.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "report_test_data.h"

namespace footfall {
namespace {

using nlohmann::json;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> fields;
  std::string field;
  for (char c : line) {
    if (c == sep) {
      fields.push_back(field);
      field.clear();
    } else {
      field += c;
    }
  }
  fields.push_back(field);
  return fields;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// ---- JSON ----

TEST(ReportJson, ParsesBackWithTheReportsValues) {
  const ReportData data = test::sample_report();
  const json j = json::parse(render_json(data));
  EXPECT_EQ(j["store"], "Demo store");
  EXPECT_EQ(j["time_zone"], "Europe/Berlin");
  EXPECT_EQ(j["simulated"], false);
  EXPECT_TRUE(j["notice"].is_null());
  EXPECT_EQ(j["range"]["from_date"], "2026-11-23");
  EXPECT_EQ(j["range"]["to_date"], "2026-11-24");
  EXPECT_EQ(j["range"]["from_utc_ms"], data.range.from_ms);
  EXPECT_EQ(j["range"]["to_utc_ms"].get<std::int64_t>() - j["range"]["from_utc_ms"].get<std::int64_t>(),
            48LL * 3600 * 1000);

  // Totals: 332 visitors on Monday, 396 on Tuesday.
  ASSERT_TRUE(j["totals"]["visitors"].is_number());
  EXPECT_DOUBLE_EQ(j["totals"]["visitors"].get<double>(), 332 + 396);
  EXPECT_DOUBLE_EQ(j["totals"]["transactions"].get<double>(), *data.totals.transactions);
  EXPECT_TRUE(j["totals"]["conversion"].is_null());  // not filled in by the sample
  EXPECT_DOUBLE_EQ(j["totals"]["labour_hours_under"].get<double>(), *data.totals.labour_hours_under);

  ASSERT_EQ(j["hourly"].size(), 24u);
  const json& first = j["hourly"][0];
  EXPECT_EQ(first["local_time"], "2026-11-23 08:00");
  EXPECT_EQ(first["start_utc_ms"], data.hourly[0].start_ms);
  EXPECT_EQ(first["local_hour"], 8);
  EXPECT_EQ(first["weekday"], 0);
  EXPECT_DOUBLE_EQ(first["visitors"].get<double>(), 5);
  EXPECT_DOUBLE_EQ(first["transactions"].get<double>(), 1);
  EXPECT_DOUBLE_EQ(first["conversion"].get<double>(), 0.2);
  EXPECT_EQ(first["staff_recommended"], 2);
  const json& busiest = j["hourly"][test::kBusiestRow];
  EXPECT_DOUBLE_EQ(busiest["visitors"].get<double>(), 80);
  EXPECT_TRUE(busiest["transactions"].is_null());  // no sales on Tuesday
  EXPECT_TRUE(busiest["amount"].is_null());
  EXPECT_TRUE(j["hourly"][test::kEmptyRow]["conversion"].is_null());  // no visitors, no rate

  ASSERT_EQ(j["daily"].size(), 2u);
  EXPECT_EQ(j["daily"][1]["date"], "2026-11-24");
  EXPECT_DOUBLE_EQ(j["daily"][1]["visitors"].get<double>(), 396);
  EXPECT_TRUE(j["daily"][1]["average_basket"].is_null());

  EXPECT_EQ(j["peaks"]["busiest"][0]["local_time"], "2026-11-24 12:00");
  EXPECT_DOUBLE_EQ(j["peaks"]["busiest"][0]["visitors"].get<double>(), 80);
  EXPECT_DOUBLE_EQ(j["peaks"]["quietest"][0]["visitors"].get<double>(), 0);

  ASSERT_EQ(j["weekday_hour"].size(), 7u);
  ASSERT_EQ(j["weekday_hour"][1].size(), 24u);
  EXPECT_DOUBLE_EQ(j["weekday_hour"][1][12].get<double>(), 80);
  EXPECT_TRUE(j["weekday_hour"][2][10].is_null());
  EXPECT_TRUE(j["weekday_hour"][0][3].is_null());

  EXPECT_EQ(j["occupancy_day"]["date"], "2026-11-24");
  ASSERT_EQ(j["occupancy_day"]["points"].size(), 48u);
  EXPECT_EQ(j["occupancy_day"]["points"][16]["time"], "12:00");
  EXPECT_DOUBLE_EQ(j["occupancy_day"]["points"][16]["value"].get<double>(), 30);
}

TEST(ReportJson, SimulatedDataCarriesTheNotice) {
  const json j = json::parse(render_json(test::sample_report(true)));
  EXPECT_EQ(j["simulated"], true);
  EXPECT_EQ(j["notice"], "SIMULATED DATA");
}

TEST(ReportJson, KeysAreStableForAnEmptyReport) {
  // The same keys whether or not there is data, so that consumers need no special case.
  const json empty = json::parse(render_json(ReportData{}));
  const json full = json::parse(render_json(test::sample_report()));
  std::vector<std::string> empty_keys, full_keys;
  for (const auto& [k, v] : empty.items()) empty_keys.push_back(k);
  for (const auto& [k, v] : full.items()) full_keys.push_back(k);
  EXPECT_EQ(empty_keys, full_keys);
  EXPECT_TRUE(empty["hourly"].is_array());
  EXPECT_TRUE(empty["weekday_hour"][6][23].is_null());
}

// ---- CSV ----

TEST(ReportRender, TheDayComparisonAppearsInJsonTableAndHtml) {
  ReportData data = test::sample_report();
  data.comparison.date = "2026-11-24";
  data.comparison.weeks = 4;
  data.comparison.visitors = 30;
  data.comparison.previous_mean = 40;
  data.comparison.hours = {{9, 10, 20.0, -50.0}, {10, 20, std::nullopt, std::nullopt}};
  const json j = json::parse(render_json(data));
  EXPECT_EQ(j["comparison"]["date"], "2026-11-24");
  EXPECT_EQ(j["comparison"]["weeks"], 4);
  ASSERT_EQ(j["comparison"]["hours"].size(), 2u);
  EXPECT_DOUBLE_EQ(j["comparison"]["hours"][0]["percent_change"].get<double>(), -50.0);
  EXPECT_TRUE(j["comparison"]["hours"][1]["previous_mean"].is_null());
  const std::string text = render_table(data);
  EXPECT_NE(text.find("2026-11-24 against the same weekday of the 4 weeks before"), std::string::npos) << text;
  EXPECT_NE(text.find("-50%"), std::string::npos);
  const std::string html = render_html(data, {});
  EXPECT_NE(html.find("against the same weekday of the 4 weeks before"), std::string::npos);
  // Without a comparison the section is left out.
  EXPECT_EQ(render_table(test::sample_report()).find("against the same weekday"), std::string::npos);
}

TEST(ReportCsv, HeaderAndOneLinePerHour) {
  const ReportData data = test::sample_report();
  const std::vector<std::string> lines = lines_of(render_csv(data));
  ASSERT_EQ(lines.size(), 1 + data.hourly.size());
  EXPECT_EQ(lines[0],
            "start_utc,local_time,local_hour,weekday,visitors,exits,transactions,conversion,amount,occupancy_mean,"
            "occupancy_max,staff_recommended,staff_scheduled");
  // Berlin is UTC+1 in November: 08:00 local is 07:00 UTC.
  EXPECT_EQ(lines[1], "2026-11-23T07:00:00.000Z,2026-11-23 08:00,8,0,5,5,1,0.2,25.5,1.5,3,2,3");
  for (std::size_t i = 1; i < lines.size(); ++i) EXPECT_EQ(split(lines[i], ',').size(), 13u) << lines[i];
  // Tuesday 12:00: no sales (empty fields), 5 recommended against 3 scheduled.
  EXPECT_EQ(lines[1 + test::kBusiestRow], "2026-11-24T11:00:00.000Z,2026-11-24 12:00,12,1,80,80,,,,24,40,5,3");
}

TEST(ReportCsv, SimulatedDataSaysSoInTheFirstLine) {
  const std::vector<std::string> lines = lines_of(render_csv(test::sample_report(true)));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0].rfind("# SIMULATED DATA", 0), 0u) << lines[0];
  EXPECT_EQ(lines[1].rfind("start_utc,", 0), 0u);
  EXPECT_EQ(lines.size(), 2 + 24u);
}

// ---- Table ----

TEST(ReportTable, HasEverySectionWithAlignedColumns) {
  const std::string text = render_table(test::sample_report());
  for (const char* part : {"Store report: Demo store", "Europe/Berlin", "2026-11-23 to 2026-11-24", "Summary", "Daily",
                           "Busiest hours", "Quietest hours", "Hourly", "Staffing vs roster"}) {
    EXPECT_NE(text.find(part), std::string::npos) << part;
  }
  EXPECT_EQ(text.find("SIMULATED DATA"), std::string::npos);

  // The hourly table: header, rule and 24 rows, all of the same width (right-aligned last column).
  const std::vector<std::string> lines = lines_of(text);
  std::size_t header = 0;
  while (header < lines.size() && lines[header].find("Staff sched.") == std::string::npos) ++header;
  ASSERT_LT(header + 26, lines.size() + 1);
  for (std::size_t i = header; i < header + 26; ++i) EXPECT_EQ(lines[i].size(), lines[header].size()) << lines[i];
  EXPECT_NE(lines[header + 2].find("2026-11-23 08:00"), std::string::npos);

  // The busiest hour first among the peaks, and the under-staffed hour in the roster comparison.
  EXPECT_NE(text.find("1  2026-11-24 12:00        80"), std::string::npos) << text;
  EXPECT_NE(text.find("2026-11-24 12:00  Tue            5          3          -2  under-staffed"), std::string::npos);
  EXPECT_NE(text.find("2026-11-23 19:00  Mon            1          3          +2  over-staffed"), std::string::npos);
  EXPECT_NE(text.find("Conversion"), std::string::npos);
}

TEST(ReportTable, SimulatedDataIsBannered) {
  const std::string text = render_table(test::sample_report(true));
  EXPECT_EQ(text.rfind("*** SIMULATED DATA", 0), 0u);
  EXPECT_EQ(occurrences(text, "SIMULATED DATA"), 2u);  // first and last line
}

// ---- HTML ----

TEST(ReportHtml, EmbedsTheFourChartsAsDataUris) {
  const ReportData data = test::sample_report();
  const std::string html = render_html(data, render_charts(data));
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(occurrences(html, "src=\"data:image/png;base64,iVBORw0KGgo"), 4u);  // base64 of the PNG signature
  // Self-contained: nothing is fetched.
  for (const char* external : {"http://", "https://", "<script", "<link", "@import", "url("}) {
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  }
  EXPECT_EQ(html.find("SIMULATED DATA"), std::string::npos);
  EXPECT_NE(html.find("2026-11-24 12:00"), std::string::npos);
  EXPECT_NE(html.find("under-staffed"), std::string::npos);
}

TEST(ReportHtml, EscapesTheStoreName) {
  const ReportData data = test::sample_report(false, "<b>&\"");
  const std::string html = render_html(data, ReportCharts{});
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_NE(html.find("Store report: &lt;b&gt;&amp;&quot;</h1>"), std::string::npos);
  EXPECT_NE(html.find("<title>Store report: &lt;b&gt;&amp;&quot;"), std::string::npos);
}

TEST(ReportHtml, SimulatedDataIsSaidAtTheTop) {
  const ReportData data = test::sample_report(true);
  const std::string html = render_html(data, render_charts(data));
  EXPECT_NE(html.find("<title>SIMULATED DATA"), std::string::npos);
  const std::size_t body = html.find("<body>");
  ASSERT_NE(body, std::string::npos);
  const std::size_t banner = html.find("SIMULATED DATA", body);
  ASSERT_NE(banner, std::string::npos);
  EXPECT_LT(banner, html.find("<h1>"));
}

}  // namespace
}  // namespace footfall

// The series routes on a database seeded by `footfall simulate` and `footfall run`: store series agree with the
// report, follow the store's clock across the autumn change, export CSV; camera series agree with the raw rows; bad
// values are refused naming the parameter.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <sstream>

#include "api_test_util.h"

namespace footfall::test {
namespace {

using Query = std::multimap<std::string, std::string>;

std::int64_t sum_of(const nlohmann::json& rows, const std::string& key) {
  std::int64_t total = 0;
  for (const auto& r : rows) total += r[key].get<std::int64_t>();
  return total;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream ss(text);
  for (std::string line; std::getline(ss, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream ss(line);
  for (std::string f; std::getline(ss, f, ',');) fields.push_back(f);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

TEST(ApiStoreSeries, HourlyVisitorsAddUpToTheReportOfTheSameDays) {
  const SeededApi& api = SeededApi::shared();
  const auto series = api.get_json("/api/v1/stores/demo/series",
                                   {{"from", "2026-11-16T00:00:00+01:00"}, {"to", "2026-11-23T00:00:00+01:00"}});
  ASSERT_EQ(series["rows"].size(), 7u * 24u);
  EXPECT_EQ(series["store"], "demo");
  EXPECT_EQ(series["timezone"], "Europe/Berlin");
  EXPECT_EQ(series["bucket"], "hour");
  EXPECT_EQ(series["simulated"], true);
  EXPECT_EQ(series["rows"][0]["start"], "2026-11-15T23:00:00.000Z");
  EXPECT_EQ(series["rows"][0]["local"], "2026-11-16T00:00:00+01:00");
  EXPECT_EQ(series["rows"][9]["local"], "2026-11-16T09:00:00+01:00");
  const std::int64_t visitors = sum_of(series["rows"], "visitors");
  EXPECT_GT(visitors, 7 * 300);  // about 800 a day are simulated

  const auto report = api.get_json("/api/v1/stores/demo/report", {{"from", "2026-11-16"}, {"to", "2026-11-22"}});
  EXPECT_EQ(report["totals"]["visitors"].get<double>(), static_cast<double>(visitors));
  EXPECT_EQ(report["simulated"], true);

  // Day buckets: one row per local day, each the day of the report.
  const auto days =
      api.get_json("/api/v1/stores/demo/series",
                   {{"from", "2026-11-16T00:00:00+01:00"}, {"to", "2026-11-23T00:00:00+01:00"}, {"bucket", "day"}});
  ASSERT_EQ(days["rows"].size(), 7u);
  ASSERT_EQ(report["daily"].size(), 7u);
  for (std::size_t i = 0; i < 7; ++i) {
    EXPECT_EQ(days["rows"][i]["visitors"].get<double>(), report["daily"][i]["visitors"].get<double>()) << i;
    EXPECT_EQ(days["rows"][i]["local"].get<std::string>().substr(0, 10), report["daily"][i]["date"]);
    EXPECT_FALSE(days["rows"][i]["occupancy_mean"].is_null());
  }
  // Closed at night: nobody enters between 00:00 and 09:00.
  for (int h = 0; h < 9; ++h) EXPECT_EQ(series["rows"][h]["visitors"], 0) << h;
  std::printf("week 2026-11-16..22: %lld visitors\n", static_cast<long long>(visitors));
}

TEST(ApiStoreSeries, AThirtyDayHourlySeriesIsQuick) {
  const SeededApi& api = SeededApi::shared();
  const Query range{{"from", "2026-10-23T00:00:00+02:00"}, {"to", "2026-11-22T00:00:00+01:00"}};
  const auto series = api.get_json("/api/v1/stores/demo/series", range);
  ASSERT_EQ(series["rows"].size(), 30u * 24u + 1u);  // the autumn change adds an hour
  constexpr int kCalls = 50;
  const auto start = std::chrono::steady_clock::now();
  std::size_t bytes = 0;
  for (int i = 0; i < kCalls; ++i) bytes += api.call("GET", "/api/v1/stores/demo/series", range).body.size();
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / kCalls;
  std::printf("30-day hourly store series: %.2f ms per call in-process, %zu bytes\n", ms, bytes / kCalls);
  EXPECT_LT(ms, 1000.0);
}

TEST(ApiStoreSeries, EpochSecondsAndMillisecondsAreTheSameRange) {
  const SeededApi& api = SeededApi::shared();
  const auto iso = api.get_json("/api/v1/stores/demo/series",
                                {{"from", "2026-11-16T00:00:00+01:00"}, {"to", "2026-11-17T00:00:00+01:00"}});
  const auto seconds = api.get_json("/api/v1/stores/demo/series", {{"from", "1794783600"}, {"to", "1794870000"}});
  const auto millis = api.get_json("/api/v1/stores/demo/series", {{"from", "1794783600000"}, {"to", "1794870000000"}});
  EXPECT_EQ(iso["rows"], seconds["rows"]);
  EXPECT_EQ(iso["rows"], millis["rows"]);
  EXPECT_EQ(iso["rows"].size(), 24u);
}

TEST(ApiStoreSeries, TheAutumnChangeDayHas25Hours) {
  const SeededApi& api = SeededApi::shared();
  const Query range{{"from", "2026-10-25T00:00:00+02:00"}, {"to", "2026-10-26T00:00:00+01:00"}};
  Query day_query = range;
  day_query.emplace("bucket", "day");
  const auto day = api.get_json("/api/v1/stores/demo/series", day_query);
  ASSERT_EQ(day["rows"].size(), 1u);
  EXPECT_EQ(day["rows"][0]["start"], "2026-10-24T22:00:00.000Z");
  EXPECT_EQ(day["rows"][0]["end"], "2026-10-25T23:00:00.000Z");
  EXPECT_EQ(day["rows"][0]["local"], "2026-10-25T00:00:00+02:00");

  const auto hours = api.get_json("/api/v1/stores/demo/series", range);
  ASSERT_EQ(hours["rows"].size(), 25u);
  EXPECT_EQ(hours["rows"][2]["local"], "2026-10-25T02:00:00+02:00");
  EXPECT_EQ(hours["rows"][3]["local"], "2026-10-25T02:00:00+01:00");
  EXPECT_EQ(hours["rows"][24]["local"], "2026-10-25T23:00:00+01:00");
  // Open 09:00-20:00 local: the first visitors come in the row of local 09:00, the 11th row (after the doubled hour).
  EXPECT_EQ(hours["rows"][9]["visitors"], 0);
  EXPECT_GT(hours["rows"][10]["visitors"].get<int>(), 0);
  EXPECT_EQ(hours["rows"][10]["local"], "2026-10-25T09:00:00+01:00");
  const std::int64_t visitors = sum_of(hours["rows"], "visitors");
  EXPECT_GT(visitors, 100);
  EXPECT_EQ(day["rows"][0]["visitors"].get<std::int64_t>(), visitors);
}

TEST(ApiStoreSeries, TzMovesTheBucketsToAnotherZone) {
  const SeededApi& api = SeededApi::shared();
  const auto series = api.get_json("/api/v1/stores/demo/series", {{"from", "2026-11-16T05:00:00Z"},
                                                                  {"to", "2026-11-17T05:00:00Z"},
                                                                  {"bucket", "day"},
                                                                  {"tz", "America/New_York"}});
  EXPECT_EQ(series["timezone"], "America/New_York");
  ASSERT_EQ(series["rows"].size(), 1u);
  EXPECT_EQ(series["rows"][0]["local"], "2026-11-16T00:00:00-05:00");
  EXPECT_EQ(series["rows"][0]["start"], "2026-11-16T05:00:00.000Z");
  // The same UTC span in Berlin hours holds the same visitors.
  const auto hours =
      api.get_json("/api/v1/stores/demo/series", {{"from", "2026-11-16T05:00:00Z"}, {"to", "2026-11-17T05:00:00Z"}});
  EXPECT_EQ(series["rows"][0]["visitors"].get<std::int64_t>(), sum_of(hours["rows"], "visitors"));
}

TEST(ApiStoreSeries, CsvExportHasAHeaderAndOneLinePerBucket) {
  const SeededApi& api = SeededApi::shared();
  const Query range{{"from", "2026-11-18T00:00:00+01:00"}, {"to", "2026-11-19T00:00:00+01:00"}};
  Query csv_query = range;
  csv_query.emplace("format", "csv");
  const ApiResponse csv = api.call("GET", "/api/v1/stores/demo/series", csv_query);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_NE(csv.headers.at("Content-Disposition").find("demo-hour.csv"), std::string::npos);
  const auto lines = lines_of(csv.body);
  ASSERT_EQ(lines.size(), 2u + 24u);
  EXPECT_EQ(lines[0].rfind("# SIMULATED DATA", 0), 0u) << lines[0];
  EXPECT_EQ(lines[1],
            "start,end,local,visitors,exits,occupancy_mean,occupancy_max,occupancy_min,visits,dwell_mean_s,"
            "dwell_median_s,queue_length_mean,queue_length_max,queue_wait_mean_s");
  const auto json = api.get_json("/api/v1/stores/demo/series", range);
  std::int64_t visitors = 0;
  for (std::size_t i = 2; i < lines.size(); ++i) {
    const auto f = fields_of(lines[i]);
    ASSERT_EQ(f.size(), 14u) << lines[i];
    EXPECT_EQ(f[0], json["rows"][i - 2]["start"]);
    visitors += std::stoll(f[3]);
  }
  EXPECT_EQ(visitors, sum_of(json["rows"], "visitors"));
  EXPECT_GT(visitors, 0);
  // A night hour has no dwell: an empty field, not 0.
  EXPECT_EQ(fields_of(lines[2])[9], "");
}

TEST(ApiStoreSeries, BadValuesAreRefusedNamingTheParameter) {
  const SeededApi& api = SeededApi::shared();
  const std::pair<Query, std::string> cases[] = {
      {{{"from", "yesterday"}}, "from:"},
      {{{"to", "2026-13-45"}}, "to:"},
      {{{"from", "2026-11-20T00:00:00Z"}, {"to", "2026-11-19T00:00:00Z"}}, "to:"},
      {{{"bucket", "fortnight"}}, "bucket:"},
      {{{"tz", "Mars/Olympus_Mons"}}, "tz:"},
      {{{"format", "xml"}}, "format:"},
      {{{"bucket", "minute"}, {"from", "2026-09-01T00:00:00Z"}, {"to", "2026-11-01T00:00:00Z"}}, "bucket:"},
      {{{"since", "2026-11-01"}}, "since:"},
  };
  for (const auto& [query, prefix] : cases) {
    const ApiResponse r = api.call("GET", "/api/v1/stores/demo/series", query);
    EXPECT_EQ(r.status, 400) << prefix << " " << r.body;
    const auto j = body_json(r);
    EXPECT_EQ(j["error"]["code"], "bad_parameter");
    EXPECT_EQ(j["error"]["message"].get<std::string>().rfind(prefix, 0), 0u) << j["error"]["message"];
  }
}

TEST(ApiStoreSeries, UnknownStoresAndTraversalAreNotFound) {
  const SeededApi& api = SeededApi::shared();
  const ApiResponse r = api.call("GET", "/api/v1/stores/nowhere/series");
  EXPECT_EQ(r.status, 404);
  const auto j = body_json(r);
  EXPECT_EQ(j["error"]["code"], "not_found");
  EXPECT_NE(j["error"]["message"].get<std::string>().find("'nowhere'"), std::string::npos);
  EXPECT_NE(j["error"]["message"].get<std::string>().find("demo"), std::string::npos);
  for (const char* path : {"/api/v1/stores/../series", "/api/v1/stores/./series", "/api/v1/cameras/../heatmap.png",
                           "/api/v1/cameras/..\\..\\etc/background.png", "/api/v1/stores/../../etc/passwd/series"}) {
    EXPECT_EQ(api.router().match("GET", path).route, nullptr) << path;
    EXPECT_EQ(api.call("GET", path).status, 404) << path;
  }
}

TEST(ApiCameraSeries, MinuteAndHourRowsAgreeWithTheStoredRows) {
  SeededApi& api = SeededApi::shared();
  const auto minutes =
      api.get_json("/api/v1/cameras/demo.plaza/series",
                   {{"from", "2026-11-20T12:59:00Z"}, {"to", "2026-11-20T13:01:00Z"}, {"bucket", "minute"}});
  ASSERT_EQ(minutes["rows"].size(), 2u);
  EXPECT_EQ(minutes["rows"][0]["start"], "2026-11-20T12:59:00.000Z");
  EXPECT_EQ(minutes["lines"], nlohmann::json::array({"kerb"}));
  EXPECT_EQ(minutes["zones"], nlohmann::json::array({"square"}));
  auto counts = api.store().read_counts({.from_ms = 0, .to_ms = INT64_MAX, .camera = "demo.plaza"});
  ASSERT_TRUE(counts.ok());
  ASSERT_GT(counts->size(), 100u);
  EXPECT_EQ(sum_of(minutes["rows"], "frames"), static_cast<std::int64_t>(counts->size()));
  double count_sum = 0.0;
  for (const CountRow& c : *counts) count_sum += c.count;
  double weighted = 0.0;
  for (const auto& row : minutes["rows"]) {
    weighted += row["count_mean"].get<double>() * row["frames"].get<double>();
    EXPECT_FALSE(row["tracked_mean"].is_null());
    EXPECT_FALSE(row["zones"]["square"]["occupancy_mean"].is_null());
    EXPECT_FALSE(row["zones"]["square"]["queue_length_mean"].is_null());
  }
  EXPECT_NEAR(weighted, count_sum, 1e-6);
  EXPECT_GT(count_sum / static_cast<double>(counts->size()), 2.0);  // a busy square

  auto crossings = api.store().read_crossings({.from_ms = 0, .to_ms = INT64_MAX, .camera = "demo.plaza", .name = "kerb"});
  ASSERT_TRUE(crossings.ok());
  std::int64_t ins = 0;
  std::int64_t outs = 0;
  for (const CrossingRow& c : *crossings) (c.direction == "in" ? ins : outs) += 1;
  std::int64_t api_ins = 0;
  std::int64_t api_outs = 0;
  for (const auto& row : minutes["rows"]) {
    api_ins += row["lines"]["kerb"]["in"].get<std::int64_t>();
    api_outs += row["lines"]["kerb"]["out"].get<std::int64_t>();
  }
  EXPECT_EQ(api_ins, ins);
  EXPECT_EQ(api_outs, outs);
  EXPECT_GT(ins + outs, 0);

  // Hour buckets over the same frames: the clip straddles 13:00Z.
  const auto hours =
      api.get_json("/api/v1/cameras/demo.plaza/series", {{"from", "2026-11-20T12:30:00Z"}, {"to", "2026-11-20T13:30:00Z"}});
  ASSERT_EQ(hours["rows"].size(), 2u);
  EXPECT_EQ(hours["rows"][0]["start"], "2026-11-20T12:00:00.000Z");
  EXPECT_EQ(sum_of(hours["rows"], "frames"), static_cast<std::int64_t>(counts->size()));
}

TEST(ApiCameraSeries, DoorCrossingsAreTheStoreVisitors) {
  const SeededApi& api = SeededApi::shared();
  const Query range{{"from", "2026-11-16T23:00:00Z"}, {"to", "2026-11-17T23:00:00Z"}};
  const auto camera = api.get_json("/api/v1/cameras/demo.door/series", range);
  const auto store = api.get_json("/api/v1/stores/demo/series", range);
  ASSERT_EQ(camera["rows"].size(), 24u);
  for (std::size_t i = 0; i < 24; ++i) {
    EXPECT_EQ(camera["rows"][i]["lines"]["entrance"]["in"], store["rows"][i]["visitors"]) << i;
    EXPECT_EQ(camera["rows"][i]["lines"]["entrance"]["out"], store["rows"][i]["exits"]) << i;
    EXPECT_TRUE(camera["rows"][i]["count_mean"].is_null());  // the door camera never ran: no frames
  }
}

TEST(ApiCameraSeries, CsvBucketsAndUnknownCameras) {
  const SeededApi& api = SeededApi::shared();
  const ApiResponse csv =
      api.call("GET", "/api/v1/cameras/demo.plaza/series",
               {{"from", "2026-11-20T12:00:00Z"}, {"to", "2026-11-20T14:00:00Z"}, {"format", "csv"}});
  ASSERT_EQ(csv.status, 200) << csv.body;
  const auto lines = lines_of(csv.body);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0],
            "start,end,frames,count_mean,count_max,tracked_mean,tracked_max,line.kerb.in,line.kerb.out,"
            "zone.square.occupancy_mean,zone.square.occupancy_max,zone.square.queue_length_mean,"
            "zone.square.queue_length_max,zone.square.queue_wait_mean_s");
  EXPECT_EQ(fields_of(lines[1]).size(), 14u);

  for (const char* bucket : {"day", "15m", "week"}) {
    const ApiResponse r = api.call("GET", "/api/v1/cameras/demo.plaza/series", {{"bucket", bucket}});
    EXPECT_EQ(r.status, 400) << bucket;
    EXPECT_EQ(body_json(r)["error"]["message"].get<std::string>().rfind("bucket:", 0), 0u) << r.body;
  }
  const ApiResponse missing = api.call("GET", "/api/v1/cameras/attic/series");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(body_json(missing)["error"]["message"].get<std::string>().find("'attic'"), std::string::npos);
}

}  // namespace
}  // namespace footfall::test

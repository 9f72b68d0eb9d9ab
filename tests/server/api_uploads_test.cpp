// Uploads on their own simulated database: sales and roster CSV replace the local days they cover, a bad file is
// refused naming its line with nothing stored, and a snapshot push refuses anything but JPEG or PNG bytes before it
// reaches the counter. (Counting a real snapshot needs the running service: the HTTP integration test covers it.)
#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "api_test_util.h"

namespace footfall::test {
namespace {

constexpr TimestampMs kNov20 = 1'795'129'200'000;  // 2026-11-20T00:00:00+01:00
constexpr TimestampMs kDay = 86'400'000;

class ApiUploads : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { api_ = new SeededApi(); }
  static void TearDownTestSuite() {
    delete api_;
    api_ = nullptr;
  }
  static SeededApi* api_;

  static std::string message_of(const ApiResponse& r) { return body_json(r)["error"]["message"].get<std::string>(); }
  static std::size_t imports() { return api_->store().read_imports("demo")->size(); }
};

SeededApi* ApiUploads::api_ = nullptr;

TEST_F(ApiUploads, SalesReplaceTheLocalDaysTheyCover) {
  const auto before_other_day = api_->store().read_sales("demo", kNov20 - kDay, kNov20);
  ASSERT_TRUE(before_other_day.ok());
  ASSERT_GT(before_other_day->size(), 50u);  // simulated sales
  ASSERT_GT(api_->store().read_sales("demo", kNov20, kNov20 + kDay)->size(), 50u);

  const ApiResponse r = api_->call("POST", "/api/v1/stores/demo/sales", {},
                                   "timestamp,amount\n2026-11-20 10:15,23.50\n2026-11-20 11:00,\"12,00\"\n",
                                   Role::kOperator, "pos-exporter");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto j = body_json(r);
  EXPECT_EQ(j["imported"], 2);
  EXPECT_EQ(j["transactions"], 2);
  EXPECT_EQ(j["has_amounts"], true);
  EXPECT_EQ(j["from_date"], "2026-11-20");
  EXPECT_EQ(j["to_date"], "2026-11-20");
  EXPECT_EQ(j["from"], "2026-11-19T23:00:00.000Z");
  EXPECT_EQ(j["source"], "api upload by pos-exporter");

  const auto day = api_->store().read_sales("demo", kNov20, kNov20 + kDay);
  ASSERT_TRUE(day.ok());
  ASSERT_EQ(day->size(), 2u);
  EXPECT_EQ((*day)[0].start_ms, kNov20 + (10 * 60 + 15) * 60'000);
  EXPECT_EQ((*day)[1].amount.value_or(-1.0), 12.0);
  EXPECT_EQ(api_->store().read_sales("demo", kNov20 - kDay, kNov20)->size(), before_other_day->size());
  EXPECT_EQ(api_->store().read_imports("demo")->back().source, "api upload by pos-exporter");

  // The report of that day now converts with the uploaded transactions.
  const auto report = api_->get_json("/api/v1/stores/demo/report", {{"from", "2026-11-20"}, {"to", "2026-11-20"}});
  EXPECT_EQ(report["totals"]["transactions"], 2.0);
}

TEST_F(ApiUploads, BadSalesAreRefusedNamingTheLineAndNothingIsStored) {
  const std::size_t imports_before = imports();
  const TimestampMs dec1 = kNov20 + 11 * kDay;
  const std::pair<std::string, std::string> cases[] = {
      {"timestamp,amount\n2026-12-01 10:15,1\n2026-12-01 25:00,2\n", "request body line 3"},
      {"timestamp,count\n2026-12-01 10:15,1\n2026-12-01 10:20,-3\n", "request body line 3"},
      {"when,what\n2026-12-01,1\n", "request body line 1"},
      {"", "request body"},
  };
  for (const auto& [csv, where] : cases) {
    const ApiResponse r = api_->call("POST", "/api/v1/stores/demo/sales", {}, csv, Role::kOperator);
    EXPECT_EQ(r.status, 400) << csv;
    EXPECT_EQ(body_json(r)["error"]["code"], "invalid_csv");
    EXPECT_EQ(message_of(r).rfind(where, 0), 0u) << message_of(r);
    EXPECT_NE(message_of(r).find("nothing was imported"), std::string::npos);
  }
  EXPECT_TRUE(api_->store().read_sales("demo", dec1, dec1 + kDay)->empty());
  EXPECT_EQ(imports(), imports_before);

  const ApiResponse unknown =
      api_->call("POST", "/api/v1/stores/annex/sales", {}, "timestamp\n2026-12-01 10:15\n", Role::kOperator);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(imports(), imports_before);
}

TEST_F(ApiUploads, RosterIsComparedWithTheStaffingPlan) {
  const ApiResponse bad =
      api_->call("POST", "/api/v1/stores/demo/roster", {},
                 "date,start,end\n2026-11-17,09:00,17:00\n2026-11-17,09:00,25:00\n", Role::kOperator);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(message_of(bad).rfind("request body line 3", 0), 0u) << message_of(bad);
  EXPECT_TRUE(api_->store().read_roster("demo", kNov20 - 3 * kDay, kNov20 - 2 * kDay)->empty());

  const ApiResponse r =
      api_->call("POST", "/api/v1/stores/demo/roster", {},
                 "date,start,end,name\n2026-11-16,09:00,17:00,Anna\n2026-11-16,12:00,20:00,Ben\n", Role::kOperator);
  ASSERT_EQ(r.status, 201) << r.body;
  const auto j = body_json(r);
  EXPECT_EQ(j["kind"], "roster");
  EXPECT_EQ(j["imported"], 11);  // 09:00-20:00
  EXPECT_EQ(j["staff_hours"], 16.0);
  EXPECT_EQ(j["from_date"], "2026-11-16");

  const auto plan = api_->get_json("/api/v1/stores/demo/staffing", {{"week", "2026-W47"}});
  ASSERT_FALSE(plan["roster"].is_null());
  EXPECT_EQ(plan["roster"]["scheduled_hours"], 16.0);
  int over = 0;
  int under = 0;
  for (const auto& h : plan["hours"]) {
    // The imported day is compared hour by hour (nobody scheduled at night); the other days are not.
    if (h["local"].get<std::string>().rfind("2026-11-16", 0) != 0) {
      EXPECT_TRUE(h["scheduled"].is_null()) << h["local"];
      EXPECT_EQ(h["state"], "none");
      continue;
    }
    const int hour = h["hour"].get<int>();
    const double scheduled = hour < 9 || hour >= 20 ? 0.0 : hour >= 12 && hour < 17 ? 2.0 : 1.0;
    EXPECT_EQ(h["scheduled"].get<double>(), scheduled) << h["local"];
    const double difference = scheduled - h["total"].get<double>();
    const std::string state = difference >= 0.5 ? "over" : difference <= -0.5 ? "under" : "ok";
    EXPECT_EQ(h["state"], state) << h["local"];
    over += state == "over";
    under += state == "under";
  }
  EXPECT_EQ(plan["roster"]["over_count"], over);
  EXPECT_EQ(plan["roster"]["under_count"], under);
  EXPECT_GT(under, 0);  // one person cannot be floor and till at once
}

TEST_F(ApiUploads, SnapshotsMustBeJpegOrPngBeforeAnythingElse) {
  const auto counts_before = api_->store().read_counts({.camera = "demo.door"});
  ASSERT_TRUE(counts_before.ok());
  const std::string not_images[] = {
      "hello", "", std::string("\xFF\xD8", 2), "GIF89a......", std::string("\x89PNG\r\n", 6), "<html></html>"};
  for (const std::string& body : not_images) {
    const ApiResponse r = api_->call("POST", "/api/v1/cameras/door/snapshot", {}, body, Role::kOperator);
    EXPECT_EQ(r.status, 415) << body;
    EXPECT_EQ(body_json(r)["error"]["code"], "unsupported_media_type");
  }
  // Even with a bad timestamp or an unknown camera, a non-image is refused as such.
  EXPECT_EQ(api_->call("POST", "/api/v1/cameras/attic/snapshot", {{"timestamp", "x"}}, "hello", Role::kOperator).status,
            415);

  // Real image bytes pass the check: the next answers come from the timestamp, the camera, and the missing counter
  // (the router outside `footfall serve` has none).
  const std::string jpeg = read_text(darknet_data() / "person.jpg");
  ASSERT_GT(jpeg.size(), 1000u);
  std::vector<std::uint8_t> png_bytes;
  ASSERT_TRUE(cv::imencode(".png", cv::Mat(48, 64, CV_8UC3, cv::Scalar(40, 90, 160)), png_bytes));
  const std::string png(png_bytes.begin(), png_bytes.end());
  for (const std::string& image : {jpeg, png}) {
    const ApiResponse r = api_->call("POST", "/api/v1/cameras/door/snapshot", {}, image, Role::kOperator);
    EXPECT_EQ(r.status, 503) << r.body;
    EXPECT_EQ(body_json(r)["error"]["code"], "unavailable");
  }
  const ApiResponse bad_time =
      api_->call("POST", "/api/v1/cameras/door/snapshot", {{"timestamp", "noon"}}, jpeg, Role::kOperator);
  EXPECT_EQ(bad_time.status, 400);
  EXPECT_EQ(message_of(bad_time).rfind("timestamp:", 0), 0u);
  const ApiResponse unknown = api_->call("POST", "/api/v1/cameras/attic/snapshot", {}, jpeg, Role::kOperator);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(message_of(unknown).find("'attic'"), std::string::npos);

  const auto counts_after = api_->store().read_counts({.camera = "demo.door"});
  ASSERT_TRUE(counts_after.ok());
  EXPECT_EQ(counts_after->size(), counts_before->size());
  EXPECT_TRUE(counts_after->empty());
}

}  // namespace
}  // namespace footfall::test

// `footfall import-sales` and `footfall import-roster` end to end on real SQLite files: a European point-of-sale
// export (';' delimited, decimal commas, BOM, CRLF) lands in the right store-local hours and re-importing it is
// harmless; a file with a bad date on line 57 is refused naming the line, with nothing imported; a shift roster for a
// simulated week shows up in the report as scheduled staff with labour hours over and under the recommendation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>

#include "analytics_test_util.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;
using nlohmann::json;

struct SalesFile {
  std::string text;
  std::map<std::string, int> per_hour;  // "2026-11-23 09:00" -> transactions
  int transactions = 0;
  double amount = 0.0;
};

// 30 transactions on Monday 2026-11-23, store-local, one every 19 minutes from 09:00; amounts like "12,35" and, for
// every seventh, over a thousand with a '.' grouping the thousands ("1.234,50").
SalesFile european_sales_export() {
  SalesFile f;
  f.text = "\xEF\xBB\xBF" "Date;Time;Amount (EUR);Till\r\n";
  for (int i = 0; i < 30; ++i) {
    const int minute = 9 * 60 + i * 19;
    const int cents = i % 7 == 6 ? 123'450 + i : 500 + i * 137;
    char euros[32];
    if (cents >= 100'000) {
      std::snprintf(euros, sizeof euros, "%d.%03d,%02d", cents / 100'000, cents / 100 % 1000, cents % 100);
    } else {
      std::snprintf(euros, sizeof euros, "%d,%02d", cents / 100, cents % 100);
    }
    char line[96];
    std::snprintf(line, sizeof line, "23.11.2026;%02d:%02d:%02d;%s;%d\r\n", minute / 60, minute % 60, i % 60, euros,
                  1 + i % 2);
    f.text += line;
    char hour[32];
    std::snprintf(hour, sizeof hour, "2026-11-23 %02d:00", minute / 60);
    ++f.per_hour[hour];
    ++f.transactions;
    f.amount += cents / 100.0;
  }
  return f;
}

ProcessResult import(const AnalyticsStore& store, const std::string& kind, const std::filesystem::path& file) {
  return run_footfall({"import-" + kind, file.string(), "--store", "shop", "--config", store.config()});
}

TEST(ImportSales, EuropeanExportLandsInStoreLocalHours) {
  AnalyticsStore store;
  const SalesFile sales = european_sales_export();
  write_file(store.path("sales.csv"), sales.text);
  const auto r = import(store, "sales", store.path("sales.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("30 transactions in 30 rows with amounts"));
  EXPECT_THAT(r.out, HasSubstr("2026-11-23 .. 2026-11-23"));
  EXPECT_EQ(query_int(store.db(), "SELECT COUNT(*) FROM sales"), 30);

  const json j = store.report_json("2026-11-23", "2026-11-23");
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j.at("simulated"), false);
  EXPECT_TRUE(j.at("notice").is_null());
  const json& totals = j.at("totals");
  EXPECT_EQ(totals.at("transactions").get<double>(), sales.transactions);
  EXPECT_NEAR(totals.at("amount").get<double>(), sales.amount, 1e-6);
  EXPECT_NEAR(totals.at("average_basket").get<double>(), sales.amount / sales.transactions, 1e-6);
  EXPECT_TRUE(totals.at("conversion").is_null()) << "no visitors counted, so no conversion";

  // Each transaction in its local hour (Berlin is UTC+1 in November: a UTC bucketing would shift them all).
  ASSERT_EQ(j.at("hourly").size(), 24u);
  for (const json& h : j.at("hourly")) {
    const std::string label = h.at("local_time");
    const auto it = sales.per_hour.find(label);
    EXPECT_EQ(h.at("transactions").get<double>(), it == sales.per_hour.end() ? 0 : it->second) << label;
  }
}

TEST(ImportSales, ReimportingTheSameFileIsIdempotent) {
  AnalyticsStore store;
  const SalesFile sales = european_sales_export();
  write_file(store.path("sales.csv"), sales.text);
  ASSERT_EQ(import(store, "sales", store.path("sales.csv")).exit_code, 0);
  const json first = store.report_json("2026-11-23", "2026-11-23");
  ASSERT_EQ(import(store, "sales", store.path("sales.csv")).exit_code, 0);
  EXPECT_EQ(query_int(store.db(), "SELECT COUNT(*) FROM sales"), 30);
  const json second = store.report_json("2026-11-23", "2026-11-23");
  EXPECT_EQ(second.at("totals").at("transactions").get<double>(), sales.transactions);
  EXPECT_EQ(second.at("totals"), first.at("totals"));
  EXPECT_EQ(second.at("hourly"), first.at("hourly"));
}

// Issue 4's bar: a sales CSV with a bad date on line 57 is rejected with that line named and nothing imported.
TEST(ImportSales, BadDateOnLine57RefusesTheWholeFile) {
  AnalyticsStore store;
  write_file(store.path("good.csv"), european_sales_export().text);
  ASSERT_EQ(import(store, "sales", store.path("good.csv")).exit_code, 0);
  ASSERT_EQ(query_int(store.db(), "SELECT COUNT(*) FROM sales"), 30);
  const long long imports = query_int(store.db(), "SELECT COUNT(*) FROM imports");

  // Header on line 1, transactions on 2026-11-24 on lines 2..60, except line 57.
  std::string text = "timestamp;amount\n";
  for (int line = 2; line <= 60; ++line) {
    char row[64];
    if (line == 57) {
      std::snprintf(row, sizeof row, "2026-02-30 12:00:00;3,20\n");
    } else {
      std::snprintf(row, sizeof row, "2026-11-24 %02d:%02d:00;%d,%02d\n", 9 + line / 6, line % 6 * 10, line, line);
    }
    text += row;
  }
  write_file(store.path("bad.csv"), text);
  ASSERT_EQ(split_lines(text).size(), 60u);

  const auto r = import(store, "sales", store.path("bad.csv"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("line 57"));
  EXPECT_THAT(r.err, HasSubstr("2026-02-30"));
  EXPECT_THAT(r.err, HasSubstr("nothing was imported"));
  EXPECT_TRUE(r.out.empty()) << r.out;

  EXPECT_EQ(query_int(store.db(), "SELECT COUNT(*) FROM sales"), 30);
  EXPECT_EQ(query_int(store.db(), "SELECT COUNT(*) FROM imports"), imports);
  const json day = store.report_json("2026-11-24", "2026-11-24");
  EXPECT_TRUE(day.at("totals").at("transactions").is_null()) << day.at("totals").dump();
  const json before = store.report_json("2026-11-23", "2026-11-23");
  EXPECT_EQ(before.at("totals").at("transactions").get<double>(), 30);

  // Lines are physical lines of the file: a quoted note with a line break in it (lines 10 and 11) does not shift
  // the number of the bad row.
  std::string quoted = "timestamp;amount;note\n";
  for (int line = 2; line <= 60; ++line) {
    if (line == 10) {
      quoted += "2026-11-24 10:00:00;3,20;\"two\nlines\"\n";
    } else if (line == 57) {
      quoted += "2026-02-30 12:00:00;3,20;x\n";
    } else if (line != 11) {
      quoted += "2026-11-24 11:00:00;4,10;x\n";
    }
  }
  write_file(store.path("quoted.csv"), quoted);
  const auto q = import(store, "sales", store.path("quoted.csv"));
  EXPECT_EQ(q.exit_code, 1);
  EXPECT_THAT(q.err, HasSubstr("quoted.csv line 57: date '2026-02-30'"));
  EXPECT_EQ(query_int(store.db(), "SELECT COUNT(*) FROM sales"), 30);
}

// A corrected export for a day replaces that day's sales; other days keep theirs.
TEST(ImportSales, ACorrectedExportReplacesTheDaysItCovers) {
  AnalyticsStore store;
  write_file(store.path("sales.csv"), european_sales_export().text);
  ASSERT_EQ(import(store, "sales", store.path("sales.csv")).exit_code, 0);
  write_file(store.path("tuesday.csv"), "timestamp,amount\n2026-11-24 10:00,5.00\n2026-11-24 11:00,7.50\n");
  ASSERT_EQ(import(store, "sales", store.path("tuesday.csv")).exit_code, 0);
  EXPECT_EQ(query_int(store.db(), "SELECT COUNT(*) FROM sales"), 32);

  // Monday again, corrected: 4 transactions (an interval export this time: per hour with a count).
  write_file(store.path("monday.csv"),
             "date,start,end,transactions,amount\n2026-11-23,09:00,10:00,3,30.00\n2026-11-23,10:00,11:00,1,12.00\n");
  const auto r = import(store, "sales", store.path("monday.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json monday = store.report_json("2026-11-23", "2026-11-23");
  EXPECT_EQ(monday.at("totals").at("transactions").get<double>(), 4);
  EXPECT_NEAR(monday.at("totals").at("amount").get<double>(), 42.0, 1e-9);
  const json tuesday = store.report_json("2026-11-24", "2026-11-24");
  EXPECT_EQ(tuesday.at("totals").at("transactions").get<double>(), 2);
  EXPECT_NEAR(tuesday.at("totals").at("amount").get<double>(), 12.5, 1e-9);
}

TEST(ImportSales, UnknownStoreAndMissingFile) {
  AnalyticsStore store;
  auto r = run_footfall({"import-sales", store.path("none.csv").string(), "--store", "mall", "--config",
                         store.config()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--store mall"));
  EXPECT_THAT(r.err, HasSubstr("stores: shop"));
  r = import(store, "sales", store.path("none.csv"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("none.csv"));
  EXPECT_FALSE(std::filesystem::exists(store.db())) << "nothing to import, no database made";
}

// Shifts for Monday 2026-10-19 .. Saturday 2026-10-24 of a simulated week: Anna 09:00-17:00, Ben 12:00-20:00, Cara
// 10:00-14:30 every day, and on Monday two extra people from 09:00 to 11:00 (over-staffing the quiet morning).
std::string shift_roster() {
  std::string text = "date,start,end,name\n";
  for (int day = 19; day <= 24; ++day) {
    const std::string date = "2026-10-" + std::to_string(day);
    text += date + ",09:00,17:00,Anna\n" + date + ",12:00,20:00,Ben\n" + date + ",10:00,14:30,Cara\n";
  }
  text += "2026-10-19,09:00,11:00,Dan\n2026-10-19,09:00,11:00,Eva\n";
  return text;
}

const json* hour_row(const json& report, const std::string& label) {
  for (const json& h : report.at("hourly")) {
    if (h.at("local_time") == label) return &h;
  }
  return nullptr;
}

TEST(ImportRoster, ReportComparesScheduledWithRecommendedStaff) {
  AnalyticsStore store;
  ASSERT_EQ(store.simulate("2026-11-02").exit_code, 0);
  write_file(store.path("roster.csv"), shift_roster());
  const auto r = import(store, "roster", store.path("roster.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // 6 days x (8 + 8 + 4.5) + 2 x 2 staff hours.
  EXPECT_THAT(r.out, HasSubstr("127.0 staff hours"));
  EXPECT_THAT(r.out, HasSubstr("2026-10-19 .. 2026-10-24"));

  const json j = store.report_json("2026-10-19", "2026-10-25");
  ASSERT_TRUE(j.is_object());
  ASSERT_EQ(j.at("hourly").size(), 169u);

  // Scheduled staff per hour, partial hours as fractions.
  const std::pair<const char*, double> expected[] = {
      {"2026-10-19 09:00", 3.0}, {"2026-10-19 10:00", 4.0}, {"2026-10-19 11:00", 2.0}, {"2026-10-19 12:00", 3.0},
      {"2026-10-19 14:00", 2.5}, {"2026-10-19 17:00", 1.0}, {"2026-10-24 19:00", 1.0}, {"2026-10-24 08:00", 0.0},
      {"2026-10-24 20:00", 0.0}};
  for (const auto& [label, staff] : expected) {
    const json* h = hour_row(j, label);
    ASSERT_NE(h, nullptr) << label;
    ASSERT_TRUE(h->at("staff_scheduled").is_number()) << label << ": " << h->dump();
    EXPECT_DOUBLE_EQ(h->at("staff_scheduled").get<double>(), staff) << label;
  }

  // The totals are those of the hourly rows: an hour is over- (under-) staffed when scheduled - recommended is at
  // least 0.5 (at most -0.5).
  const json& totals = j.at("totals");
  ASSERT_TRUE(totals.at("labour_hours_over").is_number()) << totals.dump();
  ASSERT_TRUE(totals.at("labour_hours_under").is_number()) << totals.dump();
  double over = 0.0;
  double under = 0.0;
  int compared = 0;
  for (const json& h : j.at("hourly")) {
    if (h.at("staff_scheduled").is_null()) continue;
    ASSERT_TRUE(h.at("staff_recommended").is_number()) << h.dump();
    ++compared;
    const double difference = h.at("staff_scheduled").get<double>() - h.at("staff_recommended").get<double>();
    if (difference >= 0.5) over += difference;
    if (difference <= -0.5) under -= difference;
  }
  EXPECT_EQ(compared, 6 * 24) << "the roster covers Monday to Saturday; Sunday is not compared";
  for (const json& h : j.at("hourly")) {
    if (h.at("weekday") == 6) {
      EXPECT_TRUE(h.at("staff_scheduled").is_null()) << h.dump();
    }
  }
  EXPECT_NEAR(totals.at("labour_hours_over").get<double>(), over, 1e-6);
  EXPECT_NEAR(totals.at("labour_hours_under").get<double>(), under, 1e-6);
  EXPECT_GT(over, 0.0) << "Monday morning has five people for little traffic";
  EXPECT_GT(under, 0.0) << "three people cannot cover a simulated Saturday";

  // A roster with a bad row is refused and the imported one stays.
  write_file(store.path("bad_roster.csv"), "date,start,end,name\n2026-10-19,09:00,25:00,Zoe\n");
  const auto bad = import(store, "roster", store.path("bad_roster.csv"));
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("line 2"));
  EXPECT_THAT(bad.err, HasSubstr("25:00"));
  const json again = store.report_json("2026-10-19", "2026-10-25");
  EXPECT_EQ(again.at("totals"), totals);
}

}  // namespace
}  // namespace footfall::test

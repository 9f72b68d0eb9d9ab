// Sales CSV import (each tolerated variant, each refusal with its line) and conversion per bucket.
#include "footfall/analytics/sales.h"

#include <gtest/gtest.h>

#include <string>

namespace footfall {
namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kHour = 60 * kMinute;

TimeZone berlin() { return TimeZone::locate("Europe/Berlin").value(); }

// UTC instant of a Berlin wall-clock time.
TimestampMs bl(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
  return berlin().utc_of_local(local_epoch_ms(y, mo, d, h, mi, s));
}

SalesImport parse_ok(std::string_view text) {
  auto parsed = parse_sales_csv(text, "sales.csv", berlin());
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message);
  return parsed.ok() ? std::move(parsed).value() : SalesImport{};
}

std::string parse_error(std::string_view text) {
  auto parsed = parse_sales_csv(text, "sales.csv", berlin());
  EXPECT_FALSE(parsed.ok()) << "parsed " << (parsed.ok() ? parsed->rows.size() : 0) << " rows";
  return parsed.ok() ? std::string() : parsed.error().message;
}

TEST(SalesCsv, TransactionsWithIsoTimestampsAbsoluteAndLocal) {
  const SalesImport s = parse_ok(
      "timestamp,amount\n"
      "2026-06-10T09:15:00Z,12.50\n"        // absolute: 11:15 in Berlin
      "2026-06-10 09:15,3\n"                // local, no seconds
      "2026-06-10T09:15:30+01:00,4\n"       // offset
      "2026-06-10T09:15:30.250+0200,\n"     // offset without colon, no amount
      "1781082900,1\n");                    // epoch seconds
  EXPECT_EQ(s.shape, SalesShape::kTransactions);
  EXPECT_EQ(s.delimiter, ',');
  ASSERT_EQ(s.rows.size(), 5u);
  EXPECT_EQ(s.rows[0].start_ms, local_epoch_ms(2026, 6, 10, 9, 15));
  EXPECT_EQ(s.rows[0].end_ms, s.rows[0].start_ms) << "a transaction is an instant";
  EXPECT_EQ(s.rows[0].transactions, 1);
  EXPECT_DOUBLE_EQ(*s.rows[0].amount, 12.5);
  EXPECT_EQ(s.rows[1].start_ms, bl(2026, 6, 10, 9, 15)) << "no zone: store-local time";
  EXPECT_EQ(s.rows[1].start_ms, local_epoch_ms(2026, 6, 10, 7, 15));
  EXPECT_EQ(s.rows[2].start_ms, local_epoch_ms(2026, 6, 10, 8, 15, 30));
  EXPECT_EQ(s.rows[3].start_ms, local_epoch_ms(2026, 6, 10, 7, 15, 30) + 250);
  EXPECT_FALSE(s.rows[3].amount.has_value());
  EXPECT_EQ(s.rows[4].start_ms, 1'781'082'900'000);
  EXPECT_EQ(s.transactions, 5);
  EXPECT_TRUE(s.has_amounts);
}

TEST(SalesCsv, SemicolonsDecimalCommaAndSeparateDateAndTimeColumns) {
  const SalesImport s = parse_ok(
      "Date;Time;Amount\n"
      "29.03.2026;10:15;12,50\n"
      "2026/03/29;10:20:05;1.234,50\n"
      "2026-03-29;10:25;1.234\n");
  EXPECT_EQ(s.delimiter, ';');
  ASSERT_EQ(s.rows.size(), 3u);
  EXPECT_EQ(s.rows[0].start_ms, bl(2026, 3, 29, 10, 15));
  EXPECT_DOUBLE_EQ(*s.rows[0].amount, 12.5);
  EXPECT_EQ(s.rows[1].start_ms, bl(2026, 3, 29, 10, 20, 5));
  EXPECT_DOUBLE_EQ(*s.rows[1].amount, 1234.5);
  EXPECT_DOUBLE_EQ(*s.rows[2].amount, 1234.0) << "'.' grouping thousands in a ';' file";
}

TEST(SalesCsv, TabsBomCrlfAndBlankLines) {
  const SalesImport s = parse_ok(
      "\xEF\xBB\xBF" "created_at\ttotal\r\n"
      "\r\n"
      "2026-06-10 10:00\t5.00\r\n"
      "   \r\n"
      "\t\r\n"
      "2026-06-10 11:00\t7.25\r\n");
  EXPECT_EQ(s.delimiter, '\t');
  EXPECT_EQ(s.columns, (std::vector<std::string>{"created_at", "total"})) << "the byte order mark is not a name";
  ASSERT_EQ(s.rows.size(), 2u);
  EXPECT_DOUBLE_EQ(*s.rows[1].amount, 7.25);
  EXPECT_EQ(s.rows[1].start_ms, bl(2026, 6, 10, 11));
}

TEST(SalesCsv, QuotedFieldsCurrencyAndThousands) {
  const SalesImport s = parse_ok(
      "datetime,revenue,note\n"
      "2026-06-10 10:00,\"€1,234.50\",\"paid, with card\"\n"
      "2026-06-10 10:01,\"1,234\",\"said \"\"hi\"\"\"\n"
      "2026-06-10 10:02,\"12,50\",\"two\nlines\"\n"
      "2026-06-10 10:03,-3.20 EUR,refund\n"
      "2026-06-10 10:04,CHF 1'234.55,\n"
      "2026-06-10 10:05,$ 7,\n"
      "2026-06-10 10:06,\"1.234,56 €\",\n");
  ASSERT_EQ(s.rows.size(), 7u);
  EXPECT_DOUBLE_EQ(*s.rows[0].amount, 1234.5);
  EXPECT_DOUBLE_EQ(*s.rows[1].amount, 1234.0) << "',' grouping thousands in a ',' file";
  EXPECT_DOUBLE_EQ(*s.rows[2].amount, 12.5) << "a single ',' that groups no thousands is decimal";
  EXPECT_DOUBLE_EQ(*s.rows[3].amount, -3.2);
  EXPECT_DOUBLE_EQ(*s.rows[4].amount, 1234.55);
  EXPECT_DOUBLE_EQ(*s.rows[5].amount, 7.0);
  EXPECT_DOUBLE_EQ(*s.rows[6].amount, 1234.56) << "both separators: the later one is decimal";
}

TEST(SalesCsv, HeaderNamesAreCaseAndSpaceInsensitive) {
  const SalesImport s = parse_ok(
      "  \"Created At\" ; Amount (EUR) ; Till No.\n"
      "2026-06-10T10:00;2,00;3\n");
  EXPECT_EQ(s.columns, (std::vector<std::string>{"created_at", "amount", "till_no"}));
  ASSERT_EQ(s.rows.size(), 1u);
  EXPECT_DOUBLE_EQ(*s.rows[0].amount, 2.0);
}

TEST(SalesCsv, IntervalsWithEndsCountsAndAmounts) {
  const SalesImport s = parse_ok(
      "start,end,transactions,amount\n"
      "2026-06-10 09:00,2026-06-10 10:00,12,240.00\n"
      "2026-06-10 10:00,2026-06-10 10:30,0,\n"
      "2026-06-10 10:30,2026-06-10 11:00,,\n");
  EXPECT_EQ(s.shape, SalesShape::kIntervals);
  ASSERT_EQ(s.rows.size(), 3u);
  EXPECT_EQ(s.rows[0].start_ms, bl(2026, 6, 10, 9));
  EXPECT_EQ(s.rows[0].end_ms, bl(2026, 6, 10, 10));
  EXPECT_EQ(s.rows[0].transactions, 12);
  EXPECT_EQ(s.rows[1].end_ms - s.rows[1].start_ms, 30 * kMinute);
  EXPECT_EQ(s.rows[2].transactions, 0) << "an empty count is 0";
  EXPECT_EQ(s.transactions, 12);
}

TEST(SalesCsv, IntervalLengthFromTheUsualGapAcrossTheSpringChange) {
  // Hourly local starts through the night of 2026-03-29 (02:00 does not exist) and a missing 05:00.
  const SalesImport s = parse_ok(
      "from;receipts\n"
      "2026-03-29 01:00;1\n"
      "2026-03-29 03:00;2\n"
      "2026-03-29 04:00;3\n"
      "2026-03-29 06:00;4\n");
  ASSERT_EQ(s.rows.size(), 4u);
  for (const SaleRow& r : s.rows) EXPECT_EQ(r.end_ms - r.start_ms, kHour);
  EXPECT_EQ(s.rows[1].start_ms - s.rows[0].start_ms, kHour) << "01:00 CET and 03:00 CEST are an hour apart";

  const std::string error = parse_error("start,count\n2026-06-10 09:00,5\n");
  EXPECT_EQ(error, "sales.csv line 2: cannot tell the interval length from a single start '2026-06-10 09:00'; add an "
                   "end column");
}

TEST(SalesCsv, DailyCountsAndClockIntervalsOnADate) {
  const SalesImport days = parse_ok(
      "date,tickets\n"
      "28.03.2026,100\n"
      "29.03.2026,90\n");
  ASSERT_EQ(days.rows.size(), 2u);
  EXPECT_EQ(days.shape, SalesShape::kIntervals);
  EXPECT_EQ(days.rows[0].end_ms - days.rows[0].start_ms, 24 * kHour);
  EXPECT_EQ(days.rows[1].end_ms - days.rows[1].start_ms, 23 * kHour) << "the spring-forward day";

  const SalesImport clocks = parse_ok(
      "date,start,end,count\n"
      "2026-10-25,00:00,24:00,50\n"
      "2026-10-25,09:00,09:30,4\n");
  ASSERT_EQ(clocks.rows.size(), 2u);
  EXPECT_EQ(clocks.rows[0].end_ms - clocks.rows[0].start_ms, 25 * kHour) << "the fall-back day, to 24:00";
  EXPECT_EQ(clocks.rows[1].start_ms, bl(2026, 10, 25, 9));
}

TEST(SalesCsv, RepeatedLocalHourIsTheFirstUnlessAnOffsetSaysOtherwise) {
  const SalesImport s = parse_ok(
      "timestamp\n"
      "2026-10-25 02:30\n"
      "2026-10-25T02:30+01:00\n");
  ASSERT_EQ(s.rows.size(), 2u);
  EXPECT_EQ(s.rows[0].start_ms, local_epoch_ms(2026, 10, 25, 0, 30)) << "02:30 CEST";
  EXPECT_EQ(s.rows[1].start_ms, local_epoch_ms(2026, 10, 25, 1, 30)) << "02:30 CET";
}

// A 60-line transaction file whose line 57 has an impossible date (line 30 is blank and still counts).
std::string file_with_bad_date_on_line_57() {
  std::string text = "timestamp,amount\n";
  for (int line = 2; line <= 60; ++line) {
    if (line == 30) {
      text += "\n";
    } else if (line == 57) {
      text += "2026-02-30 10:15,9.99\n";
    } else {
      text += "2026-02-" + std::string(line % 28 + 1 < 10 ? "0" : "") + std::to_string(line % 28 + 1) + " 10:" +
              std::to_string(10 + line % 40) + ",9.99\n";
    }
  }
  return text;
}

TEST(SalesCsv, BadDateOnLine57IsNamedAndNothingIsImported) {
  const std::string text = file_with_bad_date_on_line_57();
  auto parsed = parse_sales_csv(text, "sales.csv", berlin());
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().message, "sales.csv line 57: date '2026-02-30' is not a valid date");
  // The same file with line 57 fixed imports all 58 rows.
  std::string fixed = text;
  fixed.replace(fixed.find("2026-02-30"), 10, "2026-02-28");
  EXPECT_EQ(parse_ok(fixed).rows.size(), 58u);
}

TEST(SalesCsv, BadRowsAreNamedByLineAndReason) {
  EXPECT_EQ(parse_error("timestamp,count\n2026-06-10 10:00,2\n2026-06-10 10:05,-3\n"),
            "sales.csv line 3: negative count -3 in column 'count'");
  EXPECT_EQ(parse_error("timestamp,count\n2026-06-10 10:00,1.5\n"),
            "sales.csv line 2: count '1.5' in column 'count' is not a whole number");
  EXPECT_EQ(parse_error("timestamp,amount\n2026-06-10 10:00,abc\n"), "sales.csv line 2: amount 'abc' is not a number");
  EXPECT_EQ(parse_error("timestamp\n2026-06-10 25:10\n"), "sales.csv line 2: time '25:10' is not a valid time");
  EXPECT_EQ(parse_error("timestamp\n2026-06-10\n"), "sales.csv line 2: timestamp '2026-06-10' has no time of day");
  EXPECT_EQ(parse_ok("timestamp\n\n\n2026-06-10 10:00\n,\n").rows.size(), 1u) << "a line of empty fields is blank";
  EXPECT_NE(parse_error("timestamp\n03/04/2026 10:00\n").find("line 2: date '03/04/2026' in column 'timestamp' is "
                                                              "ambiguous"),
            std::string::npos);
  EXPECT_NE(parse_error("timestamp\nyesterday\n").find("line 2: 'yesterday' in column 'timestamp' is not a date"),
            std::string::npos);
  EXPECT_EQ(parse_error("start,end,count\n2026-06-10 10:00,2026-06-10 09:00,1\n"),
            "sales.csv line 2: end '2026-06-10 09:00' is not after start '2026-06-10 10:00'");
  EXPECT_EQ(parse_error("timestamp,amount\n2026-06-10 10:00,\"5\n"),
            "sales.csv line 2: a quoted field is not closed (a '\"' without its pair)");
}

TEST(SalesCsv, RefusesFilesWithoutAHeaderOrRows) {
  EXPECT_EQ(parse_error(""), "sales.csv: empty file");
  EXPECT_EQ(parse_error("\xEF\xBB\xBF\r\n  \n"), "sales.csv: empty file");
  EXPECT_EQ(parse_error("timestamp,amount\n\n"), "sales.csv: no rows after the header");
  const std::string no_header = parse_error("2026-06-10 10:00,12.50\n2026-06-10 10:05,3\n");
  EXPECT_NE(no_header.find("sales.csv line 1: no recognisable header: found columns '2026_06_10_10:00', '12_50'; "
                           "expected a timestamp column"),
            std::string::npos)
      << no_header;
  const std::string unknown = parse_error("when,sum\n2026-06-10 10:00,3\n");
  EXPECT_NE(unknown.find("found columns 'when', 'sum'"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("(timestamp, time, datetime, date_time or created_at)"), std::string::npos) << unknown;
  EXPECT_NE(parse_error("start,amount\n2026-06-10 10:00,3\n").find("needs a count column"), std::string::npos);
}

// Hourly buckets 09:00..12:00 in Berlin with the given visitors.
std::vector<RollupRow> hours_with(std::vector<std::int64_t> visitors) {
  std::vector<RollupRow> rows;
  for (const TimeSlot& s : local_buckets(bl(2026, 6, 10, 9), bl(2026, 6, 10, 9 + static_cast<int>(visitors.size())),
                                         Bucket::kHour, berlin())) {
    RollupRow r;
    r.slot = s;
    r.visitors = visitors[rows.size()];
    rows.push_back(r);
  }
  return rows;
}

TEST(Conversion, TransactionsOverVisitorsWithBasket) {
  const auto hours = hours_with({40, 20, 0});
  std::vector<SaleRow> sales;
  for (int i = 0; i < 10; ++i) sales.push_back(SaleRow{bl(2026, 6, 10, 9, i), bl(2026, 6, 10, 9, i), 1, 20.0});
  sales.push_back(SaleRow{bl(2026, 6, 10, 10, 5), bl(2026, 6, 10, 10, 5), 2, std::nullopt});
  sales.push_back(SaleRow{bl(2026, 6, 10, 10, 6), bl(2026, 6, 10, 10, 6), 3, 30.0});
  sales.push_back(SaleRow{bl(2026, 6, 10, 11, 0), bl(2026, 6, 10, 11, 0), 1, std::nullopt});
  sales.push_back(SaleRow{bl(2026, 6, 10, 18, 0), bl(2026, 6, 10, 18, 0), 1, 5.0});  // outside: ignored
  const auto rows = conversion(hours, sales);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].transactions, 10);
  EXPECT_DOUBLE_EQ(*rows[0].conversion_rate, 0.25);
  EXPECT_DOUBLE_EQ(*rows[0].amount, 200.0);
  EXPECT_DOUBLE_EQ(*rows[0].average_basket, 20.0);
  EXPECT_EQ(rows[1].transactions, 5);
  EXPECT_DOUBLE_EQ(*rows[1].conversion_rate, 0.25);
  EXPECT_DOUBLE_EQ(*rows[1].average_basket, 10.0) << "30 over the 3 transactions that carried an amount";
  EXPECT_EQ(rows[2].transactions, 1);
  EXPECT_FALSE(rows[2].conversion_rate.has_value()) << "no visitors";
  EXPECT_FALSE(rows[2].amount.has_value());
  EXPECT_FALSE(rows[2].average_basket.has_value());
}

TEST(Conversion, IntervalsSplitInWholeTransactionsByOverlap) {
  const auto hours = hours_with({10, 10, 10});
  const std::vector<SaleRow> sales{
      {bl(2026, 6, 10, 9, 10), bl(2026, 6, 10, 9, 50), 7, 70.0},   // inside 09:00: whole
      {bl(2026, 6, 10, 9, 30), bl(2026, 6, 10, 10, 30), 3, 30.0},  // half and half: the tie goes to 09:00
      {bl(2026, 6, 10, 10, 0), bl(2026, 6, 10, 12, 0), 5, std::nullopt},  // 2.5 / 2.5 -> 3 / 2
      {bl(2026, 6, 10, 8, 0), bl(2026, 6, 10, 10, 0), 4, 8.0},     // half before the first bucket: dropped
  };
  const auto rows = conversion(hours, sales);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].transactions, 7 + 2 + 2);
  EXPECT_EQ(rows[1].transactions, 1 + 3);
  EXPECT_EQ(rows[2].transactions, 2);
  EXPECT_DOUBLE_EQ(*rows[0].amount, 70.0 + 15.0 + 4.0);
  EXPECT_DOUBLE_EQ(*rows[1].amount, 15.0);
  EXPECT_FALSE(rows[2].amount.has_value());
  EXPECT_DOUBLE_EQ(*rows[1].average_basket, 15.0) << "one of the 4 transactions carried the 15";
}

TEST(Conversion, DayTotalsEqualTheSumOfHoursFromAnImportedFile) {
  const TimeZone tz = berlin();
  // Hourly interval sales for the 23-hour day, one transaction per hour.
  std::string text = "start,transactions,amount\n";
  for (int h = 0; h < 24; ++h) {
    if (h == 2) continue;
    text += "2026-03-29 " + std::string(h < 10 ? "0" : "") + std::to_string(h) + ":00,1,10\n";
  }
  const SalesImport s = parse_ok(text);
  ASSERT_EQ(s.rows.size(), 23u);
  RollupInput input;
  for (TimestampMs t = bl(2026, 3, 29); t < bl(2026, 3, 30); t += 15 * kMinute) input.crossings.push_back({t, true});
  const auto hourly = conversion(rollup(input, bl(2026, 3, 29), bl(2026, 3, 30), Bucket::kHour, tz), s.rows);
  const auto daily = conversion(rollup(input, bl(2026, 3, 29), bl(2026, 3, 30), Bucket::kDay, tz), s.rows);
  ASSERT_EQ(hourly.size(), 23u);
  ASSERT_EQ(daily.size(), 1u);
  std::int64_t sum = 0;
  for (const ConversionRow& r : hourly) {
    EXPECT_EQ(r.transactions, 1);
    EXPECT_DOUBLE_EQ(*r.conversion_rate, 0.25);
    sum += r.transactions;
  }
  EXPECT_EQ(daily[0].transactions, sum);
  EXPECT_EQ(daily[0].visitors, 92);
  EXPECT_DOUBLE_EQ(*daily[0].conversion_rate, 23.0 / 92.0);
  EXPECT_DOUBLE_EQ(*daily[0].amount, 230.0);
  EXPECT_DOUBLE_EQ(*daily[0].average_basket, 10.0);
}

}  // namespace
}  // namespace footfall

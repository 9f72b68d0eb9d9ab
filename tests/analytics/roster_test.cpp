#include "footfall/analytics/roster.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace footfall {
namespace {

constexpr TimestampMs hour_ms = 3'600'000;

TimestampMs utc(const char* iso) {
  const auto t = parse_iso8601(iso);
  EXPECT_TRUE(t.has_value()) << iso;
  return t.value_or(0);
}

TimeZone berlin() { return TimeZone::locate("Europe/Berlin").value(); }

std::vector<RosterHour> parse_ok(std::string_view text, const TimeZone& tz = berlin()) {
  Result<std::vector<RosterHour>> r = parse_roster_csv(text, "roster.csv", tz);
  EXPECT_TRUE(r.ok()) << r.error().message;
  return r.ok() ? *r : std::vector<RosterHour>{};
}

std::string parse_error(std::string_view text, const TimeZone& tz = berlin()) {
  Result<std::vector<RosterHour>> r = parse_roster_csv(text, "roster.csv", tz);
  return r.ok() ? std::string("(parsed ") + std::to_string(r->size()) + " hours)" : r.error().message;
}

// Staff per consecutive real hour from `first`.
void expect_hours(const std::vector<RosterHour>& got, TimestampMs first, const std::vector<double>& staff) {
  ASSERT_EQ(got.size(), staff.size());
  for (std::size_t i = 0; i < staff.size(); ++i) {
    EXPECT_EQ(got[i].hour_start_ms, first + static_cast<TimestampMs>(i) * hour_ms) << "hour " << i;
    EXPECT_DOUBLE_EQ(got[i].staff, staff[i]) << "hour " << i;
  }
}

double total_staff_hours(const std::vector<RosterHour>& hours) {
  double sum = 0.0;
  for (const RosterHour& h : hours) sum += h.staff;
  return sum;
}

TEST(RosterParse, ShiftsSumPerLocalHourWithPartialHours) {
  // Berlin is UTC+1 in November: local 09:00 is 08:00Z. Anna 09:00-17:30, Ben 12:00-20:00.
  const auto hours = parse_ok("date,start,end,name\n2026-11-23,09:00,17:30,Anna\n2026-11-23,12:00,20:00,Ben\n");
  expect_hours(hours, utc("2026-11-23T08:00Z"), {1, 1, 1, 2, 2, 2, 2, 2, 1.5, 1, 1});
  EXPECT_DOUBLE_EQ(total_staff_hours(hours), 8.5 + 8);
}

TEST(RosterParse, ShiftPastMidnightContinuesNextDay) {
  const auto hours = parse_ok("date,start,end\n2026-11-23,22:00,06:00\n2026-11-23,16:00,24:00\n");
  // 16:00 local .. 06:00 local next day, doubled from 22:00 to 24:00.
  expect_hours(hours, utc("2026-11-23T15:00Z"), {1, 1, 1, 1, 1, 1, 2, 2, 1, 1, 1, 1, 1, 1});
}

TEST(RosterParse, AutumnChangeShiftCoversSevenRealHours) {
  // 2026-10-25 in Berlin: 03:00 CEST becomes 02:00 CET. 00:00 local = 22:00Z the day before, 06:00 local = 05:00Z.
  const TimeZone tz = berlin();
  const auto hours = parse_ok("date,start,end\n2026-10-25,00:00,06:00\n", tz);
  expect_hours(hours, utc("2026-10-24T22:00Z"), {1, 1, 1, 1, 1, 1, 1});
  // Two of those hours are local 02:00, one CEST and one CET.
  int two_oclock = 0;
  for (const RosterHour& h : hours) two_oclock += tz.local_time_of(h.hour_start_ms).hour == 2;
  EXPECT_EQ(two_oclock, 2);
}

TEST(RosterParse, NightShiftAcrossTheAutumnChangeIsNineHours) {
  // 22:00 CEST on the 24th (20:00Z) to 06:00 CET on the 25th (05:00Z).
  const auto hours = parse_ok("date,start,end\n2026-10-24,22:00,06:00\n");
  expect_hours(hours, utc("2026-10-24T20:00Z"), std::vector<double>(9, 1.0));
}

TEST(RosterParse, SpringChangeShiftCoversFiveRealHours) {
  // 2026-03-29: 02:00 CET jumps to 03:00 CEST. 00:00 local = 23:00Z, 06:00 local = 04:00Z; with a half hour at the end.
  const auto hours = parse_ok("date,start,end\n2026-03-29,00:00,06:30\n");
  expect_hours(hours, utc("2026-03-28T23:00Z"), {1, 1, 1, 1, 1, 0.5});
}

TEST(RosterParse, ToleratesCommonCsvVariants) {
  const auto expected = parse_ok("date,start,end,name\n2026-11-23,09:00,11:30,Anna\n2026-11-23,10:00,12:00,Ben\n");
  expect_hours(expected, utc("2026-11-23T08:00Z"), {1, 2, 1.5});

  const std::vector<std::string> variants = {
      // Semicolons, a BOM, CRLF, header case and spaces, quoted fields, blank lines.
      "\xEF\xBB\xBF Date ; Start Time ; End Time ; Name\r\n\r\n2026-11-23;09:00;11:30;\"Anna; the first\"\r\n"
      "\r\n\"2026-11-23\";\"10:00\";\"12:00\";\"Ben \"\"B\"\"\"\r\n",
      // Tabs, columns in another order, an unknown column, a trailing delimiter, no final newline.
      "name\tend\tROLE\tstart\tdate\nAnna\t11:30\tcashier\t09:00\t2026-11-23\t\nBen\t12:00\tfloor\t10:00\t2026-11-23",
      // Seconds in times, one-digit hours.
      "date,start,end\n2026-11-23,9:00:00,11:30:00\n2026-11-23,10:00,12:00\n",
  };
  for (const std::string& text : variants) {
    SCOPED_TRACE(text);
    const auto hours = parse_ok(text);
    expect_hours(hours, utc("2026-11-23T08:00Z"), {1, 2, 1.5});
  }
}

TEST(RosterParse, StaffPerHourByDateAndHour) {
  // Rows for the same hour are summed; a decimal comma is read with ';' as delimiter; an hour listed with 0 stays.
  const auto hours = parse_ok(
      "date;hour;staff\n2026-11-23;9;2\n2026-11-23;09:00;1,5\n2026-11-23;10;4\n2026-11-23;11;0\n");
  expect_hours(hours, utc("2026-11-23T08:00Z"), {3.5, 4, 0});
}

TEST(RosterParse, StaffPerHourOnTheDaylightSavingDays) {
  // Autumn: "02" is the first 02:00 (CEST, 00:00Z); the second is named with its offset.
  const auto autumn = parse_ok(
      "datetime,staff\n2026-10-25 01:00,1\n2026-10-25T02:00,2\n2026-10-25T02:00+01:00,3\n2026-10-25 03:00,4\n");
  expect_hours(autumn, utc("2026-10-24T23:00Z"), {1, 2, 3, 4});
  expect_hours(parse_ok("date,hour,staff\n2026-10-25,2,5\n"), utc("2026-10-25T00:00Z"), {5});

  // Spring: 02:00 does not exist on 2026-03-29. Listed with 0 staff it is skipped; with staff it is an error.
  expect_hours(parse_ok("date,hour,staff\n2026-03-29,1,1\n2026-03-29,2,0\n2026-03-29,3,1\n"),
               utc("2026-03-29T00:00Z"), {1, 1});
  EXPECT_EQ(parse_error("date,hour,staff\n2026-03-29,1,1\n2026-03-29,2,2\n"),
            "roster.csv line 3: hour 2 does not exist on 2026-03-29 in Europe/Berlin (the clocks skip it)");
}

TEST(RosterParse, NewYorkShiftIsInLocalTime) {
  // New York is UTC-5 in November: 09:00-10:00 local is 14:00Z.
  const TimeZone ny = TimeZone::locate("America/New_York").value();
  expect_hours(parse_ok("date,start,end\n2026-11-23,09:00,10:00\n", ny), utc("2026-11-23T14:00Z"), {1});
}

TEST(RosterParse, BadLineIsNamedAndNothingIsReturned) {
  // Ten good shifts, a blank line, then a bad end time on line 13.
  std::string text = "date,start,end,name\n";
  for (int i = 0; i < 10; ++i) text += "2026-11-23,09:00,17:00,Staff" + std::to_string(i) + "\n";
  text += "\n2026-11-24,09:00,25:00,Late\n2026-11-24,09:00,17:00,After\n";
  Result<std::vector<RosterHour>> r = parse_roster_csv(text, "roster.csv", berlin());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "roster.csv line 13: end time '25:00' is not a time (expected HH:MM)");
}

TEST(RosterParse, ErrorsNameLineAndReason) {
  EXPECT_EQ(parse_error("date,start,end\n2026-02-30,09:00,17:00\n"),
            "roster.csv line 2: date '2026-02-30' is not a date (expected YYYY-MM-DD)");
  EXPECT_EQ(parse_error("date,start,end\n2026-02-03,9h,17:00\n"),
            "roster.csv line 2: start time '9h' is not a time (expected HH:MM)");
  EXPECT_EQ(parse_error("date,start,end\n2026-02-03,09:00,09:00\n"),
            "roster.csv line 2: shift starts and ends at 09:00 (zero length)");
  EXPECT_EQ(parse_error("date,start,end\n2026-02-03,09:00\n"), "roster.csv line 2: has 2 fields, expected 3");
  EXPECT_EQ(parse_error("date,start,end\n2026-02-03,09:00,10:00,x\n"),
            "roster.csv line 2: has 4 fields but the header has 3");
  EXPECT_EQ(parse_error("date,start,end\n2026-02-03,\"09:00,10:00\n"),
            "roster.csv line 2: a quoted field is not closed");
  EXPECT_EQ(parse_error("date,hour,staff\n2026-02-03,24,1\n"),
            "roster.csv line 2: hour '24' is not an hour of the day (expected 0..23 or HH:00)");
  EXPECT_EQ(parse_error("date,hour,staff\n2026-02-03,9,-1\n"), "roster.csv line 2: staff '-1' is not a number >= 0");
  EXPECT_EQ(parse_error("datetime,staff\n2026-02-03 09:30,1\n"),
            "roster.csv line 2: datetime '2026-02-03 09:30' is not the start of an hour");
  EXPECT_EQ(parse_error("who,when\nAnna,9\n"),
            "roster.csv line 1: header 'who,when' is not a roster header (expected date,start,end[,name][,role] or "
            "date,hour,staff or datetime,staff)");
  EXPECT_EQ(parse_error("\n\n"), "roster.csv: empty roster (no header line)");
  EXPECT_EQ(parse_error("date,start,end\n\n"), "roster.csv: no roster rows after the header");
}

TEST(RosterCompare, OverUnderAndTolerance) {
  const TimestampMs h0 = utc("2026-11-23T08:00Z");
  std::vector<StaffingHour> recommended(5);
  const int totals[5] = {2, 3, 4, 1, 0};
  for (int i = 0; i < 5; ++i) {
    recommended[i].hour_start_ms = h0 + i * hour_ms;
    recommended[i].total = totals[i];
  }
  // h0 exact, h1 +1.5 (over), h2 -0.3 (within tolerance), h3 missing (-1, under), h4 +0.5 (over, at the edge);
  // an hour outside the recommendation is ignored.
  const std::vector<RosterHour> roster = {{h0 - hour_ms, 7},      {h0, 2},
                                          {h0 + hour_ms, 4.5},    {h0 + 2 * hour_ms, 3.7},
                                          {h0 + 4 * hour_ms, 0.5}};
  const RosterComparison c = compare_roster(recommended, roster);
  ASSERT_EQ(c.hours.size(), 5u);
  const double scheduled[5] = {2, 4.5, 3.7, 0, 0.5};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(c.hours[i].hour_start_ms, h0 + i * hour_ms);
    EXPECT_EQ(c.hours[i].recommended, totals[i]);
    EXPECT_DOUBLE_EQ(c.hours[i].scheduled, scheduled[i]);
    EXPECT_NEAR(c.hours[i].difference, scheduled[i] - totals[i], 1e-12);
  }
  EXPECT_EQ(c.over_count, 2);
  EXPECT_DOUBLE_EQ(c.overstaffed_hours, 2.0);
  EXPECT_EQ(c.under_count, 1);
  EXPECT_DOUBLE_EQ(c.understaffed_hours, 1.0);
}

TEST(RosterCompare, ParsedRosterAgainstRecommendationAcrossTheAutumnChange) {
  // Recommendation of 2 staff for each real hour from 00:00 to 06:00 local on 2026-10-25 (7 hours); one person
  // scheduled 00:00-06:00: under by 1 in each of the 7 hours, including both 02:00 hours.
  const auto roster = parse_ok("date,start,end\n2026-10-25,00:00,06:00\n");
  std::vector<StaffingHour> recommended(7);
  for (int i = 0; i < 7; ++i) {
    recommended[i].hour_start_ms = utc("2026-10-24T22:00Z") + i * hour_ms;
    recommended[i].total = 2;
  }
  const RosterComparison c = compare_roster(recommended, roster);
  EXPECT_EQ(c.under_count, 7);
  EXPECT_DOUBLE_EQ(c.understaffed_hours, 7.0);
  EXPECT_EQ(c.over_count, 0);
  EXPECT_DOUBLE_EQ(c.overstaffed_hours, 0.0);
}

}  // namespace
}  // namespace footfall

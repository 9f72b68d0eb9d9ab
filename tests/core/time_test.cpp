#include "footfall/core/time.h"

#include <gtest/gtest.h>

namespace footfall {
namespace {

TEST(Time, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(format_iso8601(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_iso8601(1795080600250), "2026-11-19T09:30:00.250Z");
  EXPECT_EQ(format_iso8601(-1), "1969-12-31T23:59:59.999Z");
}

TEST(Time, ParsesIsoVariants) {
  EXPECT_EQ(parse_iso8601("2026-11-19T09:30:00.250Z"), 1795080600250);
  EXPECT_EQ(parse_iso8601("2026-11-19 09:30:00.25"), 1795080600250);
  EXPECT_EQ(parse_iso8601("2026-11-19T10:30:00+01:00"), 1795080600000);
  EXPECT_EQ(parse_iso8601("2026-11-19T04:30-0500"), 1795080600000);
  EXPECT_EQ(parse_iso8601("2026-11-19"), 1795046400000);
  EXPECT_EQ(parse_iso8601("2024-02-29T00:00:00Z"), 1709164800000);
}

TEST(Time, RejectsNonsense) {
  EXPECT_FALSE(parse_iso8601(""));
  EXPECT_FALSE(parse_iso8601("2026-13-01"));
  EXPECT_FALSE(parse_iso8601("2025-02-29"));
  EXPECT_FALSE(parse_iso8601("2026-11-19T25:00"));
  EXPECT_FALSE(parse_iso8601("2026-11-19T09:30:00Zjunk"));
  EXPECT_FALSE(parse_iso8601("yesterday"));
}

TEST(Time, ParsesEpochSecondsAndMilliseconds) {
  EXPECT_EQ(parse_time("1795080600"), 1795080600000);
  EXPECT_EQ(parse_time("1795080600250"), 1795080600250);
  EXPECT_EQ(parse_time("2026-11-19T09:30:00Z"), 1795080600000);
  EXPECT_FALSE(parse_time("12ab"));
}

TEST(Time, RoundTrips) {
  for (TimestampMs t : {0LL, 1LL, 951782400123LL, 1795080600250LL, 4102444800999LL}) {
    EXPECT_EQ(parse_iso8601(format_iso8601(t)), t) << t;
  }
}

}  // namespace
}  // namespace footfall

#include "footfall/analytics/staffing.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "footfall/analytics/erlang_c.h"

namespace footfall {
namespace {

constexpr TimestampMs nine_utc = 1'795'424'400'000;  // 2026-11-23T09:00:00Z
constexpr TimestampMs hour_ms = 3'600'000;

HourDemand open_hour(TimestampMs start, double occupancy, double visitors,
                     std::optional<double> transactions = std::nullopt) {
  HourDemand d;
  d.hour_start_ms = start;
  d.open = true;
  d.mean_occupancy = occupancy;
  d.visitors = visitors;
  d.transactions = transactions;
  return d;
}

std::string error_of(const Status& s) { return s.ok() ? std::string("(ok)") : s.error().message; }

TEST(StaffingPolicy, DefaultsAreValid) {
  const StaffingPolicy p = default_staffing_policy();
  EXPECT_TRUE(validate(p).ok());
  EXPECT_EQ(p.people_per_associate, 15);
  EXPECT_EQ(p.service_target, 0.8);
}

TEST(StaffingPolicy, BadFieldsAreNamed) {
  auto with = [](auto change) {
    StaffingPolicy p;
    change(p);
    return error_of(validate(p));
  };
  EXPECT_EQ(with([](StaffingPolicy& p) { p.people_per_associate = 0; }),
            "staffing.people_per_associate: must be > 0, got 0");
  EXPECT_EQ(with([](StaffingPolicy& p) { p.min_floor_staff = -1; }), "staffing.min_floor_staff: must be >= 0, got -1");
  EXPECT_EQ(with([](StaffingPolicy& p) { p.service_seconds = -3; }), "staffing.service_seconds: must be > 0, got -3");
  EXPECT_EQ(with([](StaffingPolicy& p) { p.service_target = 1.5; }),
            "staffing.service_target: must be in (0, 1), got 1.5");
  EXPECT_EQ(with([](StaffingPolicy& p) { p.target_within_seconds = -1; }),
            "staffing.target_within_seconds: must be >= 0, got -1");
  EXPECT_EQ(with([](StaffingPolicy& p) { p.min_tills = -2; }), "staffing.min_tills: must be >= 0, got -2");
  EXPECT_EQ(with([](StaffingPolicy& p) { p.conversion_fallback = std::numeric_limits<double>::quiet_NaN(); }),
            "staffing.conversion_fallback: must be in [0, 1], got nan");

  StaffingPolicy bad;
  bad.service_target = 0;
  Result<std::vector<StaffingHour>> r = recommend_staffing({open_hour(nine_utc, 10, 100)}, bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "staffing.service_target: must be in (0, 1), got 0");
}

TEST(Staffing, DefaultPolicyWithConversionFallback) {
  // 40 people present at 15 per associate: ceil(2.67) = 3 floor staff. 300 visitors * 0.2 = 60 till arrivals per
  // hour at 120 s: A = 2 erlangs; 3 tills serve 83.6% within 120 s (factorial formula: C = 0.444444,
  // wait = 53.33 s), 2 tills cannot serve 2 erlangs at all.
  Result<std::vector<StaffingHour>> r = recommend_staffing({open_hour(nine_utc, 40, 300)}, default_staffing_policy());
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 1u);
  const StaffingHour& h = r->front();
  EXPECT_EQ(h.hour_start_ms, nine_utc);
  EXPECT_EQ(h.floor_staff, 3);
  EXPECT_DOUBLE_EQ(h.till_arrivals_per_hour, 60.0);
  EXPECT_EQ(h.tills, 3);
  EXPECT_EQ(h.total, 6);
  EXPECT_NEAR(h.service_level, 0.836498, 5e-4);
  EXPECT_NEAR(h.probability_of_waiting, 0.444444, 5e-4);
  EXPECT_NEAR(h.average_wait_seconds, 53.333333, 5e-3);
}

TEST(Staffing, TransactionsOverrideTheConversionFallback) {
  // The Erlang example as a till policy: 200 transactions per hour, 180 s, 80% within 20 s -> 14 tills,
  // although 1000 visitors * 0.2 would give the same 200; with 500 visitors the transactions still decide.
  StaffingPolicy p;
  p.service_seconds = 180;
  p.target_within_seconds = 20;
  Result<std::vector<StaffingHour>> r = recommend_staffing({open_hour(nine_utc, 30, 500, 200.0)}, p);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const StaffingHour& h = r->front();
  EXPECT_EQ(h.floor_staff, 2);  // exactly 30 / 15
  EXPECT_DOUBLE_EQ(h.till_arrivals_per_hour, 200.0);
  EXPECT_EQ(h.tills, 14);
  EXPECT_EQ(h.total, 16);
  EXPECT_NEAR(h.service_level, 0.888350, 5e-4);
}

TEST(Staffing, FloorRatioCeilingAndMinimum) {
  const StaffingPolicy p = default_staffing_policy();
  // 30.000000000001 is 30 up to rounding of an average: 2 associates, not 3.
  const std::vector<HourDemand> hours = {open_hour(nine_utc, 0, 0), open_hour(nine_utc + hour_ms, 15.01, 0),
                                         open_hour(nine_utc + 2 * hour_ms, 30.000000000001, 0),
                                         open_hour(nine_utc + 3 * hour_ms, 151, 0)};
  Result<std::vector<StaffingHour>> r = recommend_staffing(hours, p);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 4u);
  EXPECT_EQ((*r)[0].floor_staff, 1);  // the minimum in an open hour
  EXPECT_EQ((*r)[1].floor_staff, 2);
  EXPECT_EQ((*r)[2].floor_staff, 2);
  EXPECT_EQ((*r)[3].floor_staff, 11);
  for (const StaffingHour& h : *r) {
    EXPECT_EQ(h.tills, 1);  // no arrivals: min_tills
    EXPECT_EQ(h.service_level, 1.0);
    EXPECT_EQ(h.total, h.floor_staff + 1);
  }
  EXPECT_EQ((*r)[3].hour_start_ms, nine_utc + 3 * hour_ms);
}

TEST(Staffing, MinTillsAboveErlangReportsTheFiguresOfTheTillsChosen) {
  // 20 transactions per hour at 120 s (A = 0.667): Erlang C needs 2 tills; a minimum of 3 keeps 3 open, and the
  // reported queue is that of 3 tills (factorial formula: C = 0.032520, SL = 0.996846).
  StaffingPolicy p;
  p.min_tills = 3;
  Result<std::vector<StaffingHour>> r = recommend_staffing({open_hour(nine_utc, 5, 100, 20.0)}, p);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(erlang_c_min_servers(20, 120, 0.8, 120)->servers, 2);
  EXPECT_EQ(r->front().tills, 3);
  EXPECT_NEAR(r->front().probability_of_waiting, 0.032520, 5e-4);
  EXPECT_NEAR(r->front().service_level, 0.996846, 5e-4);
}

TEST(Staffing, ClosedHoursGetNoStaffWhateverTheDemand) {
  HourDemand closed = open_hour(nine_utc, 50, 400, 80.0);
  closed.open = false;
  Result<std::vector<StaffingHour>> r = recommend_staffing({closed}, default_staffing_policy());
  ASSERT_TRUE(r.ok()) << r.error().message;
  const StaffingHour& h = r->front();
  EXPECT_EQ(h.hour_start_ms, nine_utc);
  EXPECT_EQ(h.floor_staff, 0);
  EXPECT_EQ(h.tills, 0);
  EXPECT_EQ(h.total, 0);
  EXPECT_EQ(h.till_arrivals_per_hour, 0.0);
  EXPECT_EQ(h.service_level, 1.0);
  EXPECT_EQ(h.probability_of_waiting, 0.0);
}

TEST(Staffing, BadDemandNamesTheHourAndField) {
  Result<std::vector<StaffingHour>> r =
      recommend_staffing({open_hour(nine_utc, 10, 100), open_hour(nine_utc + hour_ms, 10, -4)},
                         default_staffing_policy());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "staffing demand for the hour 2026-11-23T10:00:00.000Z: visitors must be a finite number >= 0, got -4");

  r = recommend_staffing({open_hour(nine_utc, 10, 100, -1.0)}, default_staffing_policy());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("transactions"), std::string::npos) << r.error().message;
}

TEST(Staffing, EmptyInputGivesEmptyOutput) {
  Result<std::vector<StaffingHour>> r = recommend_staffing({}, default_staffing_policy());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

}  // namespace
}  // namespace footfall

// Simulated store traffic: reproducible by seed, consistent entries/exits, the intended weekly and daily shape,
// conversion, and store-local opening hours across Berlin's daylight-saving changes.
#include "footfall/analytics/simulate.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace footfall {
namespace {

constexpr std::int64_t kHour = 3'600'000;

TimeZone berlin() {
  auto zone = TimeZone::locate("Europe/Berlin");
  EXPECT_TRUE(zone) << zone.error().message;
  return *zone;
}

TimestampMs at(const char* iso) { return parse_iso8601(iso).value_or(0); }

SimulatedTraffic simulate(const SimulationOptions& options, const TimeZone& zone) {
  auto traffic = simulate_traffic(options, zone);
  EXPECT_TRUE(traffic) << traffic.error().message;
  return traffic ? *traffic : SimulatedTraffic{};
}

TEST(SimulateTraffic, SameSeedSameOutputOtherSeedOther) {
  const TimeZone zone = berlin();
  SimulationOptions options;
  options.weeks = 2;
  const SimulatedTraffic a = simulate(options, zone);
  const SimulatedTraffic b = simulate(options, zone);
  ASSERT_FALSE(a.crossings.empty());
  ASSERT_EQ(a.crossings.size(), b.crossings.size());
  ASSERT_EQ(a.transactions.size(), b.transactions.size());
  for (std::size_t i = 0; i < a.crossings.size(); ++i) {
    ASSERT_EQ(a.crossings[i].t, b.crossings[i].t) << i;
    ASSERT_EQ(a.crossings[i].entry, b.crossings[i].entry) << i;
  }
  for (std::size_t i = 0; i < a.transactions.size(); ++i) {
    ASSERT_EQ(a.transactions[i].t, b.transactions[i].t) << i;
    ASSERT_EQ(a.transactions[i].amount, b.transactions[i].amount) << i;
  }
  EXPECT_EQ(a.expected_hourly_visitors, b.expected_hourly_visitors);

  options.seed = 2;
  const SimulatedTraffic c = simulate(options, zone);
  EXPECT_EQ(c.expected_hourly_visitors, a.expected_hourly_visitors) << "the expectation does not depend on the seed";
  bool differs = c.crossings.size() != a.crossings.size();
  for (std::size_t i = 0; !differs && i < a.crossings.size(); ++i) differs = a.crossings[i].t != c.crossings[i].t;
  EXPECT_TRUE(differs);
}

TEST(SimulateTraffic, ReproducesFixedFigures) {
  // Pins the generator and the distributions (own code over std::mt19937_64, whose output the standard fixes): a
  // change here changes every demo database and forecast figure, so it must be deliberate.
  SimulationOptions options;
  options.weeks = 1;
  const SimulatedTraffic t = simulate(options, berlin());
  ASSERT_FALSE(t.crossings.empty());
  std::printf("[simulate] weeks=1 seed=1 entries=%zu transactions=%zu first_entry=%s\n", t.crossings.size() / 2,
              t.transactions.size(), format_iso8601(t.crossings.front().t).c_str());
  EXPECT_EQ(t.start_ms, at("2026-11-23T00:00:00Z"));
  EXPECT_EQ(t.expected_hourly_visitors.size(), 168u);
  EXPECT_EQ(t.crossings.size(), 2u * 4273);
  EXPECT_EQ(t.transactions.size(), 1049u);
  EXPECT_EQ(format_iso8601(t.crossings.front().t), "2026-11-23T08:00:26.989Z") << "Monday 09:00 local, opening";
}

TEST(SimulateTraffic, OccupancyNeverNegativeAndEveryoneLeavesAfterClosing) {
  const TimeZone zone = berlin();
  SimulationOptions options;
  options.weeks = 4;
  const SimulatedTraffic t = simulate(options, zone);
  std::int64_t occupancy = 0;
  std::int64_t entries = 0;
  std::int64_t max_occupancy = 0;
  TimestampMs previous = t.crossings.empty() ? 0 : t.crossings.front().t;
  for (const SimCrossing& c : t.crossings) {
    ASSERT_GE(c.t, previous) << "crossings are sorted by time";
    previous = c.t;
    occupancy += c.entry ? 1 : -1;
    entries += c.entry ? 1 : 0;
    ASSERT_GE(occupancy, 0) << "at " << format_iso8601(c.t);
    max_occupancy = std::max(max_occupancy, occupancy);
    if (!c.entry) continue;
    const LocalTime local = zone.local_time_of(c.t);
    EXPECT_GE(local.hour, 9) << format_iso8601(c.t);
    EXPECT_LT(local.hour, 20) << format_iso8601(c.t);
  }
  EXPECT_EQ(occupancy, 0) << "every visitor left";
  EXPECT_EQ(static_cast<std::size_t>(2 * entries), t.crossings.size());
  EXPECT_GT(max_occupancy, 10);
  // The store is empty five minutes after closing: every exit is before local 20:05.
  for (const SimCrossing& c : t.crossings) {
    const LocalTime local = zone.local_time_of(c.t);
    ASSERT_TRUE(local.hour < 20 || (local.hour == 20 && local.minute < 5)) << format_iso8601(c.t);
  }
}

TEST(SimulateTraffic, WeeklyAndDailyShape) {
  const TimeZone zone = berlin();
  SimulationOptions options;  // 8 weeks, Mon-Sat 09:00-20:00
  const SimulatedTraffic t = simulate(options, zone);
  std::array<double, 7> by_weekday{};
  std::array<double, 24> weekday_hours{};  // Monday-Friday, by local hour
  for (const SimCrossing& c : t.crossings) {
    if (!c.entry) continue;
    const LocalTime local = zone.local_time_of(c.t);
    by_weekday[static_cast<std::size_t>(local.weekday)] += 1;
    if (local.weekday < 5) weekday_hours[static_cast<std::size_t>(local.hour)] += 1;
  }
  std::printf(
      "[simulate] entries per weekday over 8 weeks: Mon %.0f Tue %.0f Wed %.0f Thu %.0f Fri %.0f Sat %.0f Sun %.0f\n",
      by_weekday[0], by_weekday[1], by_weekday[2], by_weekday[3], by_weekday[4], by_weekday[5], by_weekday[6]);
  EXPECT_EQ(by_weekday[6], 0.0) << "closed on Sunday";
  EXPECT_GT(by_weekday[5], 1.3 * by_weekday[0]) << "Saturday busiest, Monday quietest";
  for (std::size_t d = 1; d < 6; ++d) EXPECT_GT(by_weekday[d], by_weekday[0]) << d;
  for (std::size_t d = 0; d < 5; ++d) EXPECT_GT(by_weekday[5], by_weekday[d]) << d;
  // Mean per open day near the option (8 weeks x 6 days; the daily factor's sd 15 % averages to ~2 %).
  const double per_day =
      (by_weekday[0] + by_weekday[1] + by_weekday[2] + by_weekday[3] + by_weekday[4] + by_weekday[5]) / 48.0;
  EXPECT_NEAR(per_day, 800.0, 40.0);
  // Two weekday peaks: lunch and late afternoon above mid-afternoon and the opening hour.
  EXPECT_GT(weekday_hours[12], 1.2 * weekday_hours[15]);
  EXPECT_GT(weekday_hours[17], 1.2 * weekday_hours[15]);
  EXPECT_GT(weekday_hours[17], weekday_hours[12]);
  EXPECT_GT(weekday_hours[15], weekday_hours[9]);
  // The expectation is exact: 800 per open day on average.
  double expected = 0.0;
  for (double v : t.expected_hourly_visitors) expected += v;
  EXPECT_NEAR(expected, 800.0 * 48, 1e-6 * expected);
}

TEST(SimulateTraffic, ConversionAndBasket) {
  SimulationOptions options;
  options.conversion = 0.3;
  options.mean_basket = 40.0;
  const SimulatedTraffic t = simulate(options, berlin());
  const double visitors = static_cast<double>(t.crossings.size()) / 2.0;
  ASSERT_GT(visitors, 30000.0);
  double revenue = 0.0;
  for (const SimTransaction& tr : t.transactions) {
    EXPECT_GE(tr.amount, 0.5);
    EXPECT_NEAR(tr.amount * 100.0, std::round(tr.amount * 100.0), 1e-6) << "whole cents";
    revenue += tr.amount;
  }
  const double conversion = static_cast<double>(t.transactions.size()) / visitors;
  const double basket = revenue / static_cast<double>(t.transactions.size());
  std::printf("[simulate] visitors=%.0f conversion=%.4f basket=%.2f\n", visitors, conversion, basket);
  EXPECT_NEAR(conversion, 0.3, 0.01);
  EXPECT_NEAR(basket, 40.0, 1.0);
  // Transactions happen at exits.
  std::multiset<TimestampMs> exits;
  for (const SimCrossing& c : t.crossings) {
    if (!c.entry) exits.insert(c.t);
  }
  for (const SimTransaction& tr : t.transactions) ASSERT_TRUE(exits.count(tr.t) > 0) << format_iso8601(tr.t);
}

TEST(SimulateTraffic, BerlinAutumnChangeKeepsLocalOpeningHours) {
  const TimeZone zone = berlin();
  SimulationOptions options;
  options.weeks = 2;
  options.end_ms = at("2026-11-02T00:00:00Z");
  const SimulatedTraffic t = simulate(options, zone);
  const auto expected_at = [&](const char* iso) {
    return t.expected_hourly_visitors[static_cast<std::size_t>((at(iso) - t.start_ms) / kHour)];
  };
  // Saturday 24 October (CEST): opens 09:00 local = 07:00Z. Monday 26 October (CET): 09:00 local = 08:00Z.
  EXPECT_GT(expected_at("2026-10-24T07:00:00Z"), 0.0);
  EXPECT_EQ(expected_at("2026-10-24T06:00:00Z"), 0.0);
  EXPECT_EQ(expected_at("2026-10-26T07:00:00Z"), 0.0);
  EXPECT_GT(expected_at("2026-10-26T08:00:00Z"), 0.0);
  EXPECT_EQ(expected_at("2026-10-26T19:00:00Z"), 0.0) << "closes 20:00 local = 19:00Z";
  EXPECT_GT(expected_at("2026-10-26T18:00:00Z"), 0.0);
  for (const SimCrossing& c : t.crossings) {
    if (!c.entry) continue;
    const LocalTime local = zone.local_time_of(c.t);
    ASSERT_TRUE(local.hour >= 9 && local.hour < 20) << format_iso8601(c.t);
  }
}

TEST(SimulateTraffic, AllDayStoreHas25And23HourDays) {
  const TimeZone zone = berlin();
  SimulationOptions options;
  for (auto& day : options.hours.days) day = {SimDayHours{0, 1440}};
  options.mean_daily_visitors = 2400;
  options.noise = 0.0;
  struct Case {
    const char* end;
    int day;
    int hours;
  };
  for (const auto& [end, day, hours] : {Case{"2026-10-26T23:00:00Z", 25, 25}, Case{"2026-03-30T22:00:00Z", 29, 23}}) {
    options.weeks = 1;
    options.end_ms = at(end);
    const SimulatedTraffic t = simulate(options, zone);
    std::map<int, int> open_hours_per_day;  // local day of month -> UTC hours with traffic
    for (std::size_t i = 0; i < t.expected_hourly_visitors.size(); ++i) {
      if (t.expected_hourly_visitors[i] <= 0.0) continue;
      const LocalTime local = zone.local_time_of(t.start_ms + static_cast<std::int64_t>(i) * kHour);
      ++open_hours_per_day[local.day];
    }
    EXPECT_EQ(open_hours_per_day[day], hours) << end;
    EXPECT_EQ(open_hours_per_day[day - 1], 24) << end;
    // Entries exist in both of the autumn day's 02:00 hours (UTC 00:00 and 01:00).
    if (hours == 25) {
      int first = 0;
      int second = 0;
      for (const SimCrossing& c : t.crossings) {
        first += c.entry && c.t >= at("2026-10-25T00:00:00Z") && c.t < at("2026-10-25T01:00:00Z");
        second += c.entry && c.t >= at("2026-10-25T01:00:00Z") && c.t < at("2026-10-25T02:00:00Z");
      }
      EXPECT_GT(first, 0);
      EXPECT_GT(second, 0);
    }
  }
}

TEST(SimulateTraffic, RefusesBadOptionsNamingThem) {
  const TimeZone zone = berlin();
  SimulationOptions options;
  options.weeks = 0;
  auto r = simulate_traffic(options, zone);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("weeks must be 1..520, got 0"), std::string::npos) << r.error().message;
  options = {};
  options.conversion = 1.5;
  r = simulate_traffic(options, zone);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("conversion"), std::string::npos) << r.error().message;
  options = {};
  options.hours.days[2] = {SimDayHours{600, 540}};
  r = simulate_traffic(options, zone);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("hours.Wednesday"), std::string::npos) << r.error().message;
}

TEST(SimulateTraffic, HourlyEntriesMatchTheCrossings) {
  SimulationOptions options;
  options.weeks = 1;
  const SimulatedTraffic t = simulate(options, berlin());
  const std::vector<double> hourly = hourly_entries(t);
  ASSERT_EQ(hourly.size(), t.expected_hourly_visitors.size());
  double total = 0.0;
  for (double v : hourly) total += v;
  EXPECT_EQ(total, static_cast<double>(t.crossings.size()) / 2.0);
}

TEST(SimulateTraffic, NobodyEntersDuringALunchBreakAndEveryoneLeavesBeforeIt) {
  const auto zone = TimeZone::locate("Europe/Berlin");
  ASSERT_TRUE(zone.ok());
  SimulationOptions options;
  options.weeks = 1;
  for (auto& day : options.hours.days) day = {SimDayHours{9 * 60, 13 * 60}, SimDayHours{14 * 60, 18 * 60}};
  auto traffic = simulate_traffic(options, *zone);
  ASSERT_TRUE(traffic.ok()) << traffic.error().message;
  int entries = 0;
  for (const SimCrossing& c : traffic->crossings) {
    const LocalTime local = zone->local_time_of(c.t);
    const int minute = local.hour * 60 + local.minute;
    if (c.entry) {
      ++entries;
      EXPECT_TRUE((minute >= 9 * 60 && minute < 13 * 60) || (minute >= 14 * 60 && minute < 18 * 60))
          << "entry at " << local.hour << ":" << local.minute;
    }
  }
  EXPECT_GT(entries, 1000);
  // Occupancy is 0 between 13:05 and 14:00 (the grace after closing is a few minutes).
  int inside = 0;
  for (const SimCrossing& c : traffic->crossings) {
    inside += c.entry ? 1 : -1;
    const LocalTime local = zone->local_time_of(c.t);
    const int minute = local.hour * 60 + local.minute;
    if (minute >= 13 * 60 + 5 && minute < 14 * 60) {
      EXPECT_EQ(inside, 0) << local.hour << ":" << local.minute;
    }
  }
  SimulationOptions bad = options;
  bad.hours.days[0] = {SimDayHours{14 * 60, 18 * 60}, SimDayHours{9 * 60, 13 * 60}};
  auto refused = simulate_traffic(bad, *zone);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("hours.Monday"), std::string::npos) << refused.error().message;
}

}  // namespace
}  // namespace footfall

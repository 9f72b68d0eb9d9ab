// Rollups on synthetic rows with known answers: day totals equal the sum of their hours (and quarters) on the DST
// days of Europe/Berlin and America/New_York, occupancy / dwell / queue statistics, peak and quiet hours, the weekday
// x hour matrix and the comparison with previous weeks.
#include "footfall/analytics/rollup.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>

namespace footfall {
namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kHour = 60 * kMinute;

TimeZone zone(const char* name) {
  auto tz = TimeZone::locate(name);
  EXPECT_TRUE(tz.ok()) << name;
  return tz.value();
}

TimestampMs local(const TimeZone& tz, int y, int mo, int d, int h = 0, int mi = 0) {
  return tz.utc_of_local(local_epoch_ms(y, mo, d, h, mi));
}

// Random entries and exits (seeded) spread over [from, to).
std::vector<Crossing> random_crossings(TimestampMs from, TimestampMs to, int n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<TimestampMs> when(from, to - 1);
  std::vector<Crossing> out;
  for (int i = 0; i < n; ++i) out.push_back(Crossing{when(rng), i % 3 != 0});
  return out;
}

std::int64_t entries_in(const std::vector<Crossing>& crossings, TimestampMs from, TimestampMs to) {
  return std::count_if(crossings.begin(), crossings.end(),
                       [&](const Crossing& c) { return c.entry && c.t >= from && c.t < to; });
}

std::int64_t sum_visitors(const std::vector<RollupRow>& rows) {
  return std::accumulate(rows.begin(), rows.end(), std::int64_t{0},
                         [](std::int64_t s, const RollupRow& r) { return s + r.visitors; });
}

// For each day of [first, first + days): the day row equals the sum of its hourly and quarter-hour rows and a brute
// count of the entries between its local midnights; returns the day rows.
std::vector<RollupRow> check_days_sum_up(const TimeZone& tz, LocalDate first, int days, const RollupInput& input) {
  const TimestampMs from = local(tz, first.year, first.month, first.day);
  const LocalDate last = date_of_day_number(day_number(first) + days);
  const TimestampMs to = local(tz, last.year, last.month, last.day);
  const auto day_rows = rollup(input, from, to, Bucket::kDay, tz);
  EXPECT_EQ(day_rows.size(), static_cast<std::size_t>(days));
  for (const RollupRow& day : day_rows) {
    const auto hours = rollup(input, day.slot.start_ms, day.slot.end_ms, Bucket::kHour, tz);
    const auto quarters = rollup(input, day.slot.start_ms, day.slot.end_ms, Bucket::k15Minutes, tz);
    EXPECT_EQ(hours.size() * kHour, static_cast<std::size_t>(day.slot.end_ms - day.slot.start_ms));
    EXPECT_EQ(quarters.size(), hours.size() * 4);
    EXPECT_EQ(sum_visitors(hours), day.visitors) << day.slot.local_start.day;
    EXPECT_EQ(sum_visitors(quarters), day.visitors) << day.slot.local_start.day;
    EXPECT_EQ(entries_in(input.crossings, day.slot.start_ms, day.slot.end_ms), day.visitors);
  }
  return day_rows;
}

TEST(Rollup, BerlinDaysEqualTheSumOfTheirHoursAcrossBothChanges) {
  const TimeZone berlin = zone("Europe/Berlin");
  // One entry every 6 minutes of real time from local midnight: 10 per hour, so 230, 240 and 250 a day.
  RollupInput input;
  for (TimestampMs t = local(berlin, 2026, 3, 28); t < local(berlin, 2026, 3, 31); t += 6 * kMinute) {
    input.crossings.push_back(Crossing{t, true});
  }
  for (TimestampMs t = local(berlin, 2026, 10, 24); t < local(berlin, 2026, 10, 27); t += 6 * kMinute) {
    input.crossings.push_back(Crossing{t, true});
  }
  const auto spring = check_days_sum_up(berlin, LocalDate{2026, 3, 28}, 3, input);
  ASSERT_EQ(spring.size(), 3u);
  EXPECT_EQ(spring[0].visitors, 240);
  EXPECT_EQ(spring[1].visitors, 230) << "2026-03-29 has 23 hours";
  EXPECT_EQ(spring[2].visitors, 240);
  const auto autumn = check_days_sum_up(berlin, LocalDate{2026, 10, 24}, 3, input);
  ASSERT_EQ(autumn.size(), 3u);
  EXPECT_EQ(autumn[1].visitors, 250) << "2026-10-25 has 25 hours";

  const auto hours = rollup(input, local(berlin, 2026, 10, 25), local(berlin, 2026, 10, 26), Bucket::kHour, berlin);
  ASSERT_EQ(hours.size(), 25u);
  for (const RollupRow& h : hours) EXPECT_EQ(h.visitors, 10);
  EXPECT_EQ(hours[2].slot.local_start.hour, 2);
  EXPECT_EQ(hours[3].slot.local_start.hour, 2);

  // Random traffic with exits over the same days.
  RollupInput noisy;
  noisy.crossings = random_crossings(local(berlin, 2026, 3, 27), local(berlin, 2026, 4, 1), 20'000, 7);
  check_days_sum_up(berlin, LocalDate{2026, 3, 27}, 5, noisy);
  noisy.crossings = random_crossings(local(berlin, 2026, 10, 23), local(berlin, 2026, 10, 28), 20'000, 8);
  check_days_sum_up(berlin, LocalDate{2026, 10, 23}, 5, noisy);
  const auto days = rollup(noisy, local(berlin, 2026, 10, 23), local(berlin, 2026, 10, 28), Bucket::kDay, berlin);
  std::int64_t exits = 0;
  for (const RollupRow& d : days) exits += d.exits;
  EXPECT_EQ(sum_visitors(days) + exits, 20'000);
}

TEST(Rollup, NewYorkDaysEqualTheSumOfTheirHours) {
  const TimeZone ny = zone("America/New_York");
  RollupInput input;
  input.crossings = random_crossings(local(ny, 2026, 3, 7), local(ny, 2026, 3, 10), 9'000, 11);
  const auto spring = check_days_sum_up(ny, LocalDate{2026, 3, 7}, 3, input);
  EXPECT_EQ(spring[1].slot.end_ms - spring[1].slot.start_ms, 23 * kHour);
  input.crossings = random_crossings(local(ny, 2026, 10, 31), local(ny, 2026, 11, 3), 9'000, 12);
  const auto autumn = check_days_sum_up(ny, LocalDate{2026, 10, 31}, 3, input);
  EXPECT_EQ(autumn[1].slot.end_ms - autumn[1].slot.start_ms, 25 * kHour);
}

TEST(Rollup, WeeksEqualTheSumOfTheirDays) {
  const TimeZone berlin = zone("Europe/Berlin");
  RollupInput input;
  input.crossings = random_crossings(local(berlin, 2026, 3, 16), local(berlin, 2026, 4, 6), 30'000, 3);
  const auto weeks = rollup(input, local(berlin, 2026, 3, 16), local(berlin, 2026, 4, 6), Bucket::kWeek, berlin);
  ASSERT_EQ(weeks.size(), 3u);
  for (const RollupRow& w : weeks) {
    EXPECT_EQ(w.slot.local_start.weekday, 0);
    const auto days = rollup(input, w.slot.start_ms, w.slot.end_ms, Bucket::kDay, berlin);
    ASSERT_EQ(days.size(), 7u);
    EXPECT_EQ(sum_visitors(days), w.visitors);
  }
  EXPECT_EQ(sum_visitors(weeks), entries_in(input.crossings, weeks.front().slot.start_ms, weeks.back().slot.end_ms));
}

TEST(Rollup, OccupancyDwellAndQueueStatistics) {
  const TimeZone berlin = zone("Europe/Berlin");
  const TimestampMs nine = local(berlin, 2026, 6, 10, 9);
  RollupInput input;
  TimestampMs t = nine;
  for (double v : {4.0, 10.0, 7.0}) input.occupancy.push_back(OccupancySample{t++, v});
  input.occupancy.push_back(OccupancySample{nine + 2 * kHour, 1.0});  // 11:00
  // Dwell belongs to the bucket of the exit: the 20 s visit entered at 08:59:50 counts in 09:00.
  input.visits = {{"fitting", nine + 5'000, nine + 15'000},
                  {"fitting", nine - 10'000, nine + 10'000},
                  {"till", nine + kMinute, nine + 2 * kMinute},
                  {"till", nine + kHour - 1, nine + kHour + 29'999},  // 30 s, exits at 10:00:29.999
                  {"till", nine + kHour + 90'000, nine + kHour + 100'000},
                  {"bad", nine + 9'000, nine + 1'000}};  // exit before entry: not counted
  input.queue = {{"till", nine + 1, 3, 40.0}, {"till", nine + 2, 5, std::nullopt}, {"till", nine + 3, 1, 20.0}};

  const auto rows = rollup(input, nine, nine + 3 * kHour, Bucket::kHour, berlin);
  ASSERT_EQ(rows.size(), 3u);
  const RollupRow& h9 = rows[0];
  EXPECT_DOUBLE_EQ(*h9.occupancy_mean, 7.0);
  EXPECT_DOUBLE_EQ(*h9.occupancy_max, 10.0);
  EXPECT_DOUBLE_EQ(*h9.occupancy_min, 4.0);
  EXPECT_EQ(h9.visits, 3);
  EXPECT_DOUBLE_EQ(*h9.dwell_mean_s, (10.0 + 20.0 + 60.0) / 3);
  EXPECT_DOUBLE_EQ(*h9.dwell_median_s, 20.0);
  EXPECT_DOUBLE_EQ(*h9.queue_length_mean, 3.0);
  EXPECT_DOUBLE_EQ(*h9.queue_length_max, 5.0);
  EXPECT_DOUBLE_EQ(*h9.queue_wait_mean_s, 30.0) << "the sample without a wait is left out of the wait";

  const RollupRow& h10 = rows[1];
  EXPECT_FALSE(h10.occupancy_mean.has_value());
  EXPECT_EQ(h10.visits, 2);
  EXPECT_DOUBLE_EQ(*h10.dwell_median_s, 20.0) << "the mean of the middle two of {10, 30}";
  EXPECT_FALSE(h10.queue_length_mean.has_value());
  EXPECT_FALSE(h10.queue_wait_mean_s.has_value());

  const RollupRow& h11 = rows[2];
  EXPECT_DOUBLE_EQ(*h11.occupancy_mean, 1.0);
  EXPECT_EQ(h11.visits, 0);
  EXPECT_FALSE(h11.dwell_mean_s.has_value());
}

TEST(Rollup, PreAggregatedRowsCarryTheirCountWeightMinAndMax) {
  // Two minute rollups in one hour, as StoreInsights passes them: 3 + 2 entries, occupancy means 2 (range 1..4,
  // weight 1) and 5 (range 3..9, weight 3), queue means 1.5 (max 4) and 0.5 (max 1).
  const TimeZone berlin = zone("Europe/Berlin");
  const TimestampMs nine = local(berlin, 2026, 6, 10, 9);
  RollupInput input;
  input.crossings = {Crossing{nine, true, 3}, Crossing{nine + kMinute, true, 2}, Crossing{nine, false, 4}};
  input.occupancy = {OccupancySample{nine, 2.0, 1.0, 1.0, 4.0}, OccupancySample{nine + kMinute, 5.0, 3.0, 3.0, 9.0}};
  input.queue = {QueueSample{"till", nine, 1.5, std::nullopt, 1.0, 4.0},
                 QueueSample{"till", nine + kMinute, 0.5, std::nullopt, 1.0, 1.0}};
  const auto rows = rollup(input, nine, nine + kHour, Bucket::kHour, berlin);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].visitors, 5);
  EXPECT_EQ(rows[0].exits, 4);
  EXPECT_DOUBLE_EQ(*rows[0].occupancy_mean, (2.0 + 3 * 5.0) / 4.0);
  EXPECT_DOUBLE_EQ(*rows[0].occupancy_min, 1.0);
  EXPECT_DOUBLE_EQ(*rows[0].occupancy_max, 9.0);
  EXPECT_DOUBLE_EQ(*rows[0].queue_length_mean, 1.0);
  EXPECT_DOUBLE_EQ(*rows[0].queue_length_max, 4.0);
}

TEST(Rollup, VisitSummariesAddExactlyAndTakeTheWeightedMedianOfMedians) {
  const TimeZone berlin = zone("Europe/Berlin");
  const TimestampMs nine = local(berlin, 2026, 6, 10, 9);
  RollupInput input;
  // Hour 9: one summary (exact). Day: 3 visits with median 20 s, 1 visit of 100 s, 2 of median 50 s.
  input.visit_summaries = {VisitSummary{"queue", nine, 3, 60.0, 20.0}, VisitSummary{"queue", nine + kHour, 1, 100.0, 100.0},
                           VisitSummary{"queue", nine + 2 * kHour, 2, 100.0, 50.0}};
  const auto hours = rollup(input, nine, nine + 3 * kHour, Bucket::kHour, berlin);
  ASSERT_EQ(hours.size(), 3u);
  EXPECT_EQ(hours[0].visits, 3);
  EXPECT_DOUBLE_EQ(*hours[0].dwell_mean_s, 20.0);
  EXPECT_DOUBLE_EQ(*hours[0].dwell_median_s, 20.0);
  const auto days = rollup(input, nine, nine + kHour, Bucket::kDay, berlin);
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0].visits, 6);
  EXPECT_DOUBLE_EQ(*days[0].dwell_mean_s, 260.0 / 6.0);
  // Medians by weight: 20 (x3), 50 (x2), 100 (x1): the 3rd of 6 visits is in the 20 s group.
  EXPECT_DOUBLE_EQ(*days[0].dwell_median_s, 20.0);
}

TEST(Rollup, RowsCoverWholeBucketsIncludingDataOutsideTheRange) {
  const TimeZone berlin = zone("Europe/Berlin");
  const TimestampMs nine = local(berlin, 2026, 6, 10, 9);
  RollupInput input;
  input.crossings = {{nine + 1, true}, {nine + 40 * kMinute, true}, {nine + kHour, true}, {nine - 1, true}};
  const auto rows = rollup(input, nine + 30 * kMinute, nine + 31 * kMinute, Bucket::kHour, berlin);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].slot.start_ms, nine);
  EXPECT_EQ(rows[0].visitors, 2) << "the 09:00 row counts the whole hour; 08:59:59.999 and 10:00 are outside";
}

// Hourly rows for [from, to) with visitors given per local hour and weekday.
std::vector<RollupRow> hourly_rows(const TimeZone& tz, TimestampMs from, TimestampMs to,
                                   const std::function<std::int64_t(const LocalTime&)>& visitors) {
  std::vector<RollupRow> rows;
  for (const TimeSlot& s : local_buckets(from, to, Bucket::kHour, tz)) {
    RollupRow r;
    r.slot = s;
    r.visitors = visitors(s.local_start);
    rows.push_back(r);
  }
  return rows;
}

TEST(Peaks, BusiestAndQuietestOpenHoursWithTiesToTheEarlier) {
  const TimeZone berlin = zone("Europe/Berlin");
  // Mon 2026-06-08 .. Sun 06-14; open Mon-Sat 09:00-20:00, closed Sunday.
  OpeningHours hours;
  for (int d = 0; d < 6; ++d) hours.days[static_cast<std::size_t>(d)] = {OpenRange{9 * 60, 20 * 60}};
  auto rows = hourly_rows(berlin, local(berlin, 2026, 6, 8), local(berlin, 2026, 6, 15), [](const LocalTime& t) {
    if (t.hour < 9 || t.hour >= 20) return std::int64_t{500};  // closed hours are busy (cleaners): never peaks
    return std::int64_t{10 + t.hour};
  });
  // Saturday 17:00 and 15:00 tie at 90 with Friday 15:00; Wednesday 10:00 is the quietest.
  for (RollupRow& r : rows) {
    const LocalTime& t = r.slot.local_start;
    if (t.weekday == 4 && t.hour == 15) r.visitors = 90;
    if (t.weekday == 5 && (t.hour == 15 || t.hour == 17)) r.visitors = 90;
    if (t.weekday == 2 && t.hour == 10) r.visitors = 1;
    if (t.weekday == 6 && t.hour == 12) r.visitors = 0;  // Sunday: closed, not a quiet hour
  }
  const PeakReport report = peaks(rows, hours, 3);
  EXPECT_EQ(report.open_hours, 6u * 11);
  ASSERT_EQ(report.busiest.size(), 3u);
  EXPECT_EQ(report.busiest[0].visitors, 90);
  EXPECT_EQ(report.busiest[0].slot.local_start.weekday, 4) << "Friday 15:00 is the earliest of the tie";
  EXPECT_EQ(report.busiest[1].slot.local_start.weekday, 5);
  EXPECT_EQ(report.busiest[1].slot.local_start.hour, 15);
  EXPECT_EQ(report.busiest[2].slot.local_start.hour, 17);
  ASSERT_EQ(report.quietest.size(), 3u);
  EXPECT_EQ(report.quietest[0].visitors, 1);
  EXPECT_EQ(report.quietest[0].slot.local_start.weekday, 2);
  EXPECT_EQ(report.quietest[1].visitors, 19);  // 09:00 on Monday, then Tuesday
  EXPECT_EQ(report.quietest[1].slot.local_start.weekday, 0);
  EXPECT_EQ(report.quietest[2].slot.local_start.weekday, 1);

  // A filter function instead of a table; more requested than there are rows.
  const PeakReport all = peaks(rows, SlotFilter{}, 1000);
  EXPECT_EQ(all.busiest.size(), rows.size());
  EXPECT_EQ(all.busiest[0].visitors, 500);
  EXPECT_EQ(all.quietest[0].visitors, 0);
}

TEST(Peaks, AnHourIsOpenWhenAtLeastHalfOfItIs) {
  const TimeZone berlin = zone("Europe/Berlin");
  const auto slots = local_buckets(local(berlin, 2026, 6, 8, 9), local(berlin, 2026, 6, 8, 10), Bucket::kHour, berlin);
  ASSERT_EQ(slots.size(), 1u);
  OpeningHours hours;
  hours.days[0] = {OpenRange{9 * 60 + 30, 18 * 60}};
  EXPECT_TRUE(is_open(slots[0], hours)) << "open at 09:30";
  hours.days[0] = {OpenRange{9 * 60 + 45, 18 * 60}};
  EXPECT_FALSE(is_open(slots[0], hours)) << "open at 09:45";
  hours.days[0] = {OpenRange{8 * 60, 9 * 60 + 20}, OpenRange{9 * 60 + 40, 12 * 60}};
  EXPECT_TRUE(is_open(slots[0], hours)) << "40 of 60 minutes in two ranges";
  EXPECT_FALSE(is_open(slots[0], OpeningHours{})) << "closed all week";
  EXPECT_TRUE(is_open(slots[0], OpeningHours::always_open()));
}

TEST(WeekdayHourMatrix, MeansOverTheDatesPresentAndTheRepeatedHourSummed) {
  const TimeZone berlin = zone("Europe/Berlin");
  // Two weeks, Mon 2026-10-19 .. Sun 11-01: one visitor per real hour, so the Sunday 10-25 has two at 02:00.
  const auto rows = hourly_rows(berlin, local(berlin, 2026, 10, 19), local(berlin, 2026, 11, 2),
                                [](const LocalTime&) { return std::int64_t{1}; });
  const WeekdayHourMatrix m = weekday_hour_matrix(rows);
  const WeekdayHourCell& sunday_two = m.cells[6][2];
  EXPECT_EQ(sunday_two.days, 2);
  EXPECT_EQ(sunday_two.total_visitors, 3);
  EXPECT_DOUBLE_EQ(sunday_two.mean_visitors, 1.5);
  EXPECT_EQ(m.cells[6][3].days, 2);
  EXPECT_DOUBLE_EQ(m.cells[6][3].mean_visitors, 1.0);
  EXPECT_DOUBLE_EQ(m.cells[2][14].mean_visitors, 1.0);

  // Two weeks around the spring change: Sunday 03-29 has no 02:00, 04-05 has one.
  const auto spring = hourly_rows(berlin, local(berlin, 2026, 3, 23), local(berlin, 2026, 4, 6),
                                  [](const LocalTime& t) { return std::int64_t{t.hour}; });
  const WeekdayHourMatrix s = weekday_hour_matrix(spring);
  EXPECT_EQ(s.cells[6][2].days, 1);
  EXPECT_DOUBLE_EQ(s.cells[6][2].mean_visitors, 2.0);
  EXPECT_EQ(s.cells[6][3].days, 2);
  EXPECT_EQ(s.cells[0][23].days, 2);
  EXPECT_DOUBLE_EQ(s.cells[0][23].mean_visitors, 23.0);

  // A single Wednesday: every other weekday's cells are absent (days 0), not zero-visitor hours.
  const auto one_day = hourly_rows(berlin, local(berlin, 2026, 6, 10), local(berlin, 2026, 6, 11),
                                   [](const LocalTime&) { return std::int64_t{0}; });
  const WeekdayHourMatrix w = weekday_hour_matrix(one_day);
  EXPECT_EQ(w.cells[2][10].days, 1);
  EXPECT_EQ(w.cells[3][10].days, 0);
}

TEST(CompareWithPreviousWeeks, SameWeekdayHoursOfEarlierWeeks) {
  const TimeZone berlin = zone("Europe/Berlin");
  // Five weeks of Mondays..Sundays from 2026-05-04; on the n-th week (0-based) every hour has 10 * (n + 1) visitors.
  const TimestampMs start = local(berlin, 2026, 5, 4);
  auto rows = hourly_rows(berlin, start, local(berlin, 2026, 6, 8), [&](const LocalTime& t) {
    const std::int64_t week = (day_number(local_date_of(t)) - day_number(LocalDate{2026, 5, 4})) / 7;
    return 10 * (week + 1);
  });
  // Drop 12:00 of Wednesday 2026-05-20 (week 2) from the history.
  std::erase_if(rows, [](const RollupRow& r) {
    const LocalTime& t = r.slot.local_start;
    return t.month == 5 && t.day == 20 && t.hour == 12;
  });
  // Wednesday 2026-06-03 (week 4, 50 an hour) against the 3 previous Wednesdays (40, 30, 20).
  const WeekComparison c = compare_with_previous_weeks(rows, LocalDate{2026, 6, 3}, 3);
  ASSERT_EQ(c.hours.size(), 24u);
  const HourComparison& ten = c.hours[10];
  EXPECT_EQ(ten.hour, 10);
  EXPECT_EQ(ten.visitors, 50);
  EXPECT_EQ(ten.previous_days, 3);
  EXPECT_DOUBLE_EQ(*ten.previous_mean, 30.0);
  EXPECT_NEAR(*ten.percent_change, 66.6667, 1e-3);
  const HourComparison& noon = c.hours[12];
  EXPECT_EQ(noon.previous_days, 2);
  EXPECT_DOUBLE_EQ(*noon.previous_mean, 30.0) << "mean of 40 and 20; the missing 05-20 is left out";
  // The first week has nothing before it.
  const WeekComparison first = compare_with_previous_weeks(rows, LocalDate{2026, 5, 6}, 4);
  EXPECT_EQ(first.hours[9].previous_days, 0);
  EXPECT_FALSE(first.hours[9].previous_mean.has_value());
  EXPECT_FALSE(first.hours[9].percent_change.has_value());
  // A date with no rows has no hours.
  EXPECT_TRUE(compare_with_previous_weeks(rows, LocalDate{2026, 7, 1}, 3).hours.empty());
}

TEST(CompareWithPreviousWeeks, DstDaysCompareByLocalHour) {
  const TimeZone berlin = zone("Europe/Berlin");
  // 2026-03-15 .. 04-05 Sundays: one visitor per real hour. 03-29 lacks hour 2; 10-25 has it twice.
  auto rows = hourly_rows(berlin, local(berlin, 2026, 3, 15), local(berlin, 2026, 4, 6),
                          [](const LocalTime&) { return std::int64_t{1}; });
  const WeekComparison spring = compare_with_previous_weeks(rows, LocalDate{2026, 3, 29}, 2);
  ASSERT_EQ(spring.hours.size(), 23u);
  EXPECT_EQ(spring.hours[2].hour, 3);
  const WeekComparison after = compare_with_previous_weeks(rows, LocalDate{2026, 4, 5}, 2);
  ASSERT_EQ(after.hours.size(), 24u);
  EXPECT_EQ(after.hours[2].previous_days, 1) << "03-29 had no 02:00";

  auto autumn = hourly_rows(berlin, local(berlin, 2026, 10, 18), local(berlin, 2026, 10, 26),
                            [](const LocalTime&) { return std::int64_t{1}; });
  const WeekComparison fall = compare_with_previous_weeks(autumn, LocalDate{2026, 10, 25}, 1);
  ASSERT_EQ(fall.hours.size(), 24u);
  EXPECT_EQ(fall.hours[2].visitors, 2) << "both 02:00 hours";
  EXPECT_DOUBLE_EQ(*fall.hours[2].percent_change, 100.0);
  EXPECT_DOUBLE_EQ(*fall.hours[3].percent_change, 0.0);
}

}  // namespace
}  // namespace footfall

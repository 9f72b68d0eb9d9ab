#include "footfall/report/charts.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>

#include "png_test_util.h"
#include "report_test_data.h"

namespace footfall {
namespace {

using test::count_in_column;
using test::count_in_rect;
using test::DecodedPng;
using test::near_colour;

constexpr ChartSize kSize{1000, 500};

struct NamedChart {
  std::string name;
  std::function<PngBytes(const ReportData&, ChartSize)> draw;
};

const std::vector<NamedChart>& all_charts() {
  static const std::vector<NamedChart> charts{{"visitors_per_hour", chart_visitors_per_hour},
                                              {"weekday_hour", chart_weekday_hour},
                                              {"occupancy_day", chart_occupancy_day},
                                              {"staffing", chart_staffing}};
  return charts;
}

// Centre column of data slot i of n in the plot area.
int slot_centre(const ChartRect& plot, std::size_t n, std::size_t i) {
  return static_cast<int>(plot.x + plot.width / static_cast<double>(n) * (static_cast<double>(i) + 0.5));
}

int plot_top(const ChartRect& plot) { return static_cast<int>(std::ceil(plot.y)); }
int plot_bottom(const ChartRect& plot) { return static_cast<int>(plot.y + plot.height); }

// First row (from the top of the plot) of colour c in column x; -1 when there is none.
int first_row_of(const DecodedPng& img, int x, const ChartRect& plot, Rgb c, int tolerance = 3) {
  for (int y = plot_top(plot); y < plot_bottom(plot); ++y) {
    if (near_colour(img.at(x, y), c, tolerance)) return y;
  }
  return -1;
}

TEST(ReportCharts, EveryChartIsAPngOfTheRequestedSizeAndNotBlank) {
  const ReportData data = test::sample_report();
  for (const NamedChart& chart : all_charts()) {
    SCOPED_TRACE(chart.name);
    const PngBytes png = chart.draw(data, kSize);
    const test::PngHeader header = test::png_header(png);
    EXPECT_EQ(header.width, 1000u);
    EXPECT_EQ(header.height, 500u);
    const DecodedPng img(png);
    EXPECT_EQ(img.width(), 1000);
    EXPECT_EQ(img.height(), 500);
    EXPECT_GT(img.grey_variance(), 100.0);
  }
}

TEST(ReportCharts, OtherSizesAreHonoured) {
  const ReportData data = test::sample_report();
  for (const NamedChart& chart : all_charts()) {
    SCOPED_TRACE(chart.name);
    const test::PngHeader header = test::png_header(chart.draw(data, ChartSize{640, 360}));
    EXPECT_EQ(header.width, 640u);
    EXPECT_EQ(header.height, 360u);
  }
}

TEST(ReportCharts, SameInputGivesTheSameBytes) {
  const ReportData data = test::sample_report(true);
  for (const NamedChart& chart : all_charts()) {
    SCOPED_TRACE(chart.name);
    EXPECT_EQ(chart.draw(data, kSize), chart.draw(data, kSize));
  }
}

TEST(ReportCharts, TallestBarReachesTheTopAndTheEmptyHourHasNoBar) {
  const ReportData data = test::sample_report();
  const DecodedPng img(chart_visitors_per_hour(data, kSize));
  const ChartRect plot = chart_plot_area(kSize);
  const std::size_t n = data.hourly.size();

  // 80 visitors at most: the value axis ends at 80, so the busiest bar fills the plot's height.
  const int busiest_x = slot_centre(plot, n, test::kBusiestRow);
  const int busiest_top = first_row_of(img, busiest_x, plot, chart_palette::kVisitors);
  ASSERT_GE(busiest_top, 0) << "no bar in the busiest hour's column";
  EXPECT_LE(busiest_top - plot.y, 0.05 * plot.height);
  EXPECT_TRUE(near_colour(img.at(busiest_x, plot_bottom(plot) - 2), chart_palette::kVisitors));

  // Tuesday 11:00 had 40 visitors: half the busiest bar's height.
  const int half_x = slot_centre(plot, n, test::kBusiestRow - 1);
  const int half_top = first_row_of(img, half_x, plot, chart_palette::kVisitors);
  ASSERT_GE(half_top, 0);
  const double busiest_height = plot_bottom(plot) - busiest_top;
  EXPECT_NEAR(plot_bottom(plot) - half_top, busiest_height / 2, 3.0);

  // Monday 19:00 had none: no bar pixel anywhere in its column.
  const int empty_x = slot_centre(plot, n, test::kEmptyRow);
  EXPECT_EQ(count_in_column(img, empty_x, plot_top(plot), plot_bottom(plot), chart_palette::kVisitors), 0);
}

TEST(ReportCharts, TransactionsAreASecondSeriesWhereSalesExist) {
  const ReportData data = test::sample_report();
  const DecodedPng img(chart_visitors_per_hour(data, kSize));
  const ChartRect plot = chart_plot_area(kSize);
  const int middle = static_cast<int>(plot.x + plot.width / 2);  // Monday's hours left of it, Tuesday's right
  // Monday has sales: the line runs through its half of the plot; Tuesday has none.
  EXPECT_GT(count_in_rect(img, static_cast<int>(plot.x), plot_top(plot), middle - 25, plot_bottom(plot),
                          chart_palette::kTransactions),
            200);
  EXPECT_EQ(count_in_rect(img, middle + 25, plot_top(plot), static_cast<int>(plot.x + plot.width), plot_bottom(plot),
                          chart_palette::kTransactions),
            0);
  // And a legend above the plot names both series (their marks in the two colours).
  EXPECT_GT(count_in_rect(img, 500, 40, 1000, plot_top(plot), chart_palette::kVisitors), 50);
  EXPECT_GT(count_in_rect(img, 500, 40, 1000, plot_top(plot), chart_palette::kTransactions), 20);
}

TEST(ReportCharts, HeatmapBusiestCellIsHottestAndEmptyCellsAreHatched) {
  const ReportData data = test::sample_report();
  const DecodedPng img(chart_weekday_hour(data, kSize));
  auto corner = [&](int weekday, int hour) {
    const ChartRect c = heatmap_cell(kSize, weekday, hour);
    return img.at(static_cast<int>(c.x) + 3, static_cast<int>(c.y) + 3);
  };
  EXPECT_TRUE(near_colour(heat_colour(1.0), Rgb{128, 0, 38}));
  EXPECT_TRUE(near_colour(corner(1, 12), heat_colour(1.0))) << "Tuesday 12:00, 80 visitors";
  EXPECT_TRUE(near_colour(corner(1, 11), heat_colour(0.5))) << "Tuesday 11:00, 40 visitors";
  EXPECT_TRUE(near_colour(corner(0, 19), heat_colour(0.0))) << "Monday 19:00, no visitors";
  // No other cell is as hot as the busiest one.
  for (int d = 0; d < 7; ++d) {
    for (int h = 0; h < 24; ++h) {
      if (d == 1 && h == 12) continue;
      EXPECT_FALSE(near_colour(corner(d, h), heat_colour(1.0), 10)) << d << " " << h;
    }
  }
  // Wednesday 10:00 has no data: grey with hatching lines.
  const ChartRect empty = heatmap_cell(kSize, 2, 10);
  const int x0 = static_cast<int>(empty.x) + 1, y0 = static_cast<int>(empty.y) + 1;
  const int x1 = static_cast<int>(empty.x + empty.width) - 2, y1 = static_cast<int>(empty.y + empty.height) - 2;
  EXPECT_GT(count_in_rect(img, x0, y0, x1, y1, chart_palette::kEmptyCell), 50);
  EXPECT_GT(count_in_rect(img, x0, y0, x1, y1, chart_palette::kEmptyHatch, 10), 0);
}

TEST(ReportCharts, HeatmapHasAColourLegendBar) {
  const ReportData data = test::sample_report();
  const DecodedPng img(chart_weekday_hour(data, kSize));
  const ChartRect last = heatmap_cell(kSize, 0, 23);
  // Right of the grid: the hottest and the palest colour of the scale.
  const int x0 = static_cast<int>(last.x + last.width) + 5;
  EXPECT_GT(count_in_rect(img, x0, 60, 1000, 500, heat_colour(1.0)), 20);
  EXPECT_GT(count_in_rect(img, x0, 60, 1000, 500, heat_colour(0.02)), 20);
}

TEST(ReportCharts, OccupancyLinePeaksAtNoonOverAFilledArea) {
  const ReportData data = test::sample_report();
  const DecodedPng img(chart_occupancy_day(data, kSize));
  const ChartRect plot = chart_plot_area(kSize);
  const std::size_t n = data.occupancy_day.points.size();
  // 30 people at 12:00 (point 16) is the top of the axis; 12 at 09:00 (point 4) is at 12/30 of its height (the line
  // is 2 px wide and anti-aliased: its core is within 20 levels of the colour).
  const int peak_x = slot_centre(plot, n, 16);
  const int peak_line = first_row_of(img, peak_x, plot, chart_palette::kOccupancy, 20);
  ASSERT_GE(peak_line, 0);
  EXPECT_LE(peak_line - plot.y, 0.05 * plot.height);
  const int nine_line = first_row_of(img, slot_centre(plot, n, 4), plot, chart_palette::kOccupancy, 20);
  ASSERT_GE(nine_line, 0);
  EXPECT_NEAR(nine_line, plot.y + plot.height * (1 - 12.0 / 30), 4.0);
  // Below the line the area is a light tint of the line colour (25 % over white).
  const Rgb tint{211, 230, 193};
  EXPECT_GT(count_in_column(img, peak_x, peak_line + 3, plot_bottom(plot), tint), plot.height * 0.8);
}

TEST(ReportCharts, StaffingHighlightsUnderAndOverStaffedHours) {
  const ReportData data = test::sample_report();
  const DecodedPng img(chart_staffing(data, kSize));
  const ChartRect plot = chart_plot_area(kSize);
  const std::size_t n = data.hourly.size();
  const double slot = plot.width / static_cast<double>(n);
  // Beside the bar (the bar is the middle 60 % of the slot) the background shows the hour's state.
  auto beside_bar = [&](std::size_t i) { return static_cast<int>(plot.x + slot * (static_cast<double>(i) + 0.1)); };
  auto count = [&](std::size_t i, Rgb c) {
    return count_in_column(img, beside_bar(i), plot_top(plot), plot_bottom(plot), c);
  };
  const double most = plot.height * 0.8;

  // Tuesday 12:00: 5 recommended, 3 scheduled.
  EXPECT_GT(count(test::kBusiestRow, chart_palette::kUnderStaffed), most);
  EXPECT_EQ(count(test::kBusiestRow, chart_palette::kOverStaffed), 0);
  // Monday 19:00: 1 recommended, 3 scheduled.
  EXPECT_GT(count(test::kEmptyRow, chart_palette::kOverStaffed), most);
  EXPECT_EQ(count(test::kEmptyRow, chart_palette::kUnderStaffed), 0);
  // Monday 11:00: 3 and 3, no highlight.
  EXPECT_EQ(count(3, chart_palette::kOverStaffed), 0);
  EXPECT_EQ(count(3, chart_palette::kUnderStaffed), 0);

  // The recommended bar of the busiest hour fills the axis (5 is its top); the roster line is at 3 of 5.
  const int busiest_x = slot_centre(plot, n, test::kBusiestRow);
  const int bar_top = first_row_of(img, busiest_x, plot, chart_palette::kRecommended);
  ASSERT_GE(bar_top, 0);
  EXPECT_LE(bar_top - plot.y, 0.05 * plot.height);
  const int roster_y = static_cast<int>(plot.y + plot.height * (1 - 3.0 / 5));
  EXPECT_GT(count_in_column(img, slot_centre(plot, n, 3), roster_y - 3, roster_y + 4, chart_palette::kScheduled), 0);
}

TEST(ReportCharts, EmptyDataDrawsAChartSayingNoData) {
  const ReportData empty;
  for (const NamedChart& chart : all_charts()) {
    SCOPED_TRACE(chart.name);
    const PngBytes png = chart.draw(empty, kSize);
    const test::PngHeader header = test::png_header(png);
    EXPECT_EQ(header.width, 1000u);
    EXPECT_EQ(header.height, 500u);
    const DecodedPng img(png);
    EXPECT_GT(img.grey_variance(), 1.0);  // the title and "no data" are drawn
    for (Rgb c :
         {chart_palette::kVisitors, chart_palette::kOccupancy, heat_colour(1.0), chart_palette::kUnderStaffed}) {
      EXPECT_EQ(count_in_rect(img, 0, 0, 1000, 500, c), 0);
    }
  }
}

TEST(ReportCharts, SimulatedDataIsMarkedOnEveryChart) {
  for (bool simulated : {false, true}) {
    const ReportData data = test::sample_report(simulated);
    for (const NamedChart& chart : all_charts()) {
      SCOPED_TRACE(chart.name + (simulated ? " simulated" : " measured"));
      const DecodedPng img(chart.draw(data, kSize));
      const int red = count_in_rect(img, 700, 0, 1000, 40, chart_palette::kSimulated);
      if (simulated) {
        EXPECT_GT(red, 200);
      } else {
        EXPECT_EQ(red, 0);
      }
    }
  }
}

}  // namespace
}  // namespace footfall

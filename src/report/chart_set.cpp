#include "footfall/report/charts.h"

namespace footfall {

ReportCharts render_charts(const ReportData& data, ChartSize size) {
  ReportCharts charts;
  charts.visitors_per_hour = chart_visitors_per_hour(data, size);
  charts.weekday_hour = chart_weekday_hour(data, size);
  charts.occupancy_day = chart_occupancy_day(data, size);
  charts.staffing = chart_staffing(data, size);
  return charts;
}

}  // namespace footfall

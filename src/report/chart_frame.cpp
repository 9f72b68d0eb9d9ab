#include "chart_frame.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "number_format.h"

namespace footfall {

namespace {
constexpr double kLeftMargin = 78;
constexpr double kRightMargin = 24;
constexpr double kTopMargin = 72;
constexpr double kBottomMargin = 74;
}  // namespace

ChartRect chart_plot_area(ChartSize size) {
  const ChartSize s = report_detail::clamp_size(size);
  return ChartRect{kLeftMargin, kTopMargin, s.width - kLeftMargin - kRightMargin,
                   s.height - kTopMargin - kBottomMargin};
}

namespace report_detail {

ChartSize clamp_size(ChartSize size) { return ChartSize{std::max(size.width, 480), std::max(size.height, 320)}; }

void draw_header(Canvas& canvas, const ReportData& data, std::string_view title) {
  canvas.colour(kInk);
  canvas.font(17, true);
  canvas.text(16, 26, title);

  std::string subtitle = data.store.empty() ? std::string("store") : data.store;
  if (!data.time_zone.empty()) subtitle += "  \u00b7  " + data.time_zone + " local time";
  if (!data.range.from_date.empty()) {
    subtitle += "  \u00b7  " + data.range.from_date;
    if (data.range.to_date != data.range.from_date) subtitle += " to " + data.range.to_date;
  }
  canvas.colour(kMutedInk);
  canvas.font(12);
  canvas.text(16, 46, subtitle);

  if (data.simulated) {
    constexpr std::string_view kMark = "SIMULATED DATA";
    canvas.font(14, true);
    const double w = canvas.text_width(kMark);
    const double right = canvas.width() - 16;
    canvas.colour(chart_palette::kSimulated);
    canvas.text(right - 8, 27, kMark, Align::kRight);
    cairo_set_line_width(canvas.cr(), 2);
    cairo_rectangle(canvas.cr(), right - w - 16, 9, w + 16, 25);
    cairo_stroke(canvas.cr());
  }
}

void draw_no_data(Canvas& canvas, const ChartRect& area, std::string_view why) {
  cairo_set_line_width(canvas.cr(), 1);
  canvas.colour(kGrid);
  cairo_rectangle(canvas.cr(), area.x + 0.5, area.y + 0.5, area.width - 1, area.height - 1);
  cairo_stroke(canvas.cr());
  const double cx = area.x + area.width / 2;
  const double cy = area.y + area.height / 2;
  canvas.colour(kMutedInk);
  canvas.font(22, true);
  canvas.text(cx, cy, "no data", Align::kCenter);
  if (!why.empty()) {
    canvas.font(12);
    canvas.text(cx, cy + 24, why, Align::kCenter);
  }
}

ValueAxis nice_value_axis(double max_value, bool integers) {
  if (!(max_value > 0) || !std::isfinite(max_value)) max_value = 1;
  const double raw = max_value / 5;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double norm = raw / magnitude;
  double step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * magnitude;
  if (integers) step = std::max(1.0, std::ceil(step));
  const double top = std::ceil(max_value / step - 1e-9) * step;
  return ValueAxis{top, step};
}

void draw_value_axis(Canvas& canvas, const ChartRect& plot, const ValueAxis& axis, std::string_view title) {
  canvas.font(11);
  const int ticks = static_cast<int>(std::lround(axis.top / axis.step));
  const int decimals = axis.step >= 1 ? 0 : axis.step >= 0.1 ? 1 : 2;
  for (int i = 0; i <= ticks; ++i) {
    const double value = axis.step * i;
    const double y = std::round(axis.y_of(plot, value)) + 0.5;
    if (i > 0) canvas.line(plot.x, y, plot.x + plot.width, y, kGrid, 1);
    canvas.colour(kMutedInk);
    canvas.text(plot.x - 8, y + 4, compact(value, decimals), Align::kRight);
    canvas.line(plot.x - 4, y, plot.x, y, kInk, 1);
  }
  canvas.line(plot.x - 0.5, plot.y, plot.x - 0.5, plot.y + plot.height, kInk, 1);
  canvas.colour(kInk);
  canvas.font(12);
  canvas.text_vertical(18, plot.y + plot.height / 2, title);
}

namespace {

// Which slots get a tick label: every step-th slot, or (with clock times) those on a round time.
std::vector<bool> labelled_slots(const std::vector<SlotLabel>& labels, double slots_per_label, int slot_minutes) {
  const std::size_t n = labels.size();
  std::vector<bool> chosen(n, false);
  const bool clock = slot_minutes > 0 && std::all_of(labels.begin(), labels.end(), [](const SlotLabel& l) {
                       return l.minute_of_day >= 0 && l.minute_of_day < 1440;
                     });
  if (clock) {
    static constexpr std::array<int, 13> kSpans{1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440};
    const double needed_minutes = slots_per_label * slot_minutes;
    int span = 0;
    for (int s : kSpans) {
      if (s >= slot_minutes && s >= needed_minutes) {
        span = s;
        break;
      }
    }
    // Beyond a day: midnight of every days-th day.
    const int days = span == 0 ? static_cast<int>(std::ceil(needed_minutes / 1440)) : 1;
    if (span == 0) span = 1440;
    int midnights = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (labels[i].minute_of_day % span != 0) continue;
      chosen[i] = span < 1440 || midnights++ % days == 0;
    }
    if (std::find(chosen.begin(), chosen.end(), true) != chosen.end()) return chosen;
    // No slot on a round time (a short range starting at 09:10): fall back to every k-th slot.
  }
  // Round steps for minutes, quarter hours and hours alike; beyond the list, whole multiples of the last.
  static constexpr std::array<std::size_t, 26> kSteps{1,  2,  3,  4,  5,   6,   8,   10,  12,  15,  20,  24,  30,
                                                      48, 60, 72, 96, 120, 168, 180, 240, 336, 360, 480, 720, 1440};
  std::size_t step = 0;
  for (std::size_t s : kSteps) {
    if (static_cast<double>(s) >= slots_per_label) {
      step = s;
      break;
    }
  }
  if (step == 0) {
    step = kSteps.back() * static_cast<std::size_t>(std::ceil(slots_per_label / static_cast<double>(kSteps.back())));
  }
  for (std::size_t i = 0; i < n; i += step) chosen[i] = true;
  return chosen;
}

}  // namespace

int minute_of_day(std::string_view t) {
  auto digit = [&](std::size_t i) { return t[i] >= '0' && t[i] <= '9' ? t[i] - '0' : -100; };
  if (t.size() != 5 || t[2] != ':') return -1;
  const int hour = digit(0) * 10 + digit(1);
  const int minute = digit(3) * 10 + digit(4);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return -1;
  return hour * 60 + minute;
}

void draw_slot_axis(Canvas& canvas, const ChartRect& plot, const std::vector<SlotLabel>& labels, std::string_view title,
                    int slot_minutes) {
  const double bottom = plot.y + plot.height;
  canvas.line(plot.x, bottom + 0.5, plot.x + plot.width, bottom + 0.5, kInk, 1);
  canvas.colour(kInk);
  canvas.font(12);
  canvas.text(plot.x + plot.width / 2, bottom + 64, title, Align::kCenter);
  if (labels.empty()) return;

  const std::size_t n = labels.size();
  const double slot = slot_width(plot, n);
  canvas.font(11);
  double widest = 0;
  for (const SlotLabel& l : labels) widest = std::max(widest, canvas.text_width(l.primary));
  const std::vector<bool> chosen = labelled_slots(labels, (widest + 10) / slot, slot_minutes);

  bool several_groups = false;
  for (const SlotLabel& l : labels) several_groups = several_groups || l.group != labels.front().group;

  double label_free_x = -1e9;  // where the next tick label may start without touching the previous one
  double group_free_x = -1e9;  // the same for group labels
  for (std::size_t i = 0; i < n; ++i) {
    const double left = slot_left(plot, n, i);
    if (chosen[i]) {
      const double cx = left + slot / 2;
      canvas.font(11);
      const double w = canvas.text_width(labels[i].primary);
      if (cx - w / 2 >= label_free_x) {
        canvas.line(cx, bottom, cx, bottom + 4, kInk, 1);
        canvas.colour(kMutedInk);
        canvas.text(cx, bottom + 17, labels[i].primary, Align::kCenter);
        label_free_x = cx + w / 2 + 6;
      }
    }
    const bool new_group = i == 0 || labels[i].group != labels[i - 1].group;
    if (several_groups && new_group) {
      if (i > 0) canvas.line(std::round(left) + 0.5, plot.y, std::round(left) + 0.5, bottom, kGrid, 1);
      canvas.font(11, true);
      const double w = canvas.text_width(labels[i].group);
      if (left >= group_free_x && left + w <= plot.x + plot.width + kRightMargin) {
        canvas.colour(kInk);
        canvas.text(left + 2, bottom + 33, labels[i].group);
        group_free_x = left + w + 10;
      }
    }
  }
}

std::vector<SlotLabel> hourly_slot_labels(const std::vector<HourlyRow>& rows) {
  std::vector<SlotLabel> labels;
  labels.reserve(rows.size());
  for (const HourlyRow& row : rows) {
    const std::size_t space = row.local_label.find(' ');
    SlotLabel label;
    if (space == std::string::npos) {
      label.primary = row.local_label;
    } else {
      label.primary = row.local_label.substr(space + 1);
      label.minute_of_day = minute_of_day(label.primary);
      label.group = std::string(weekday_short(row.weekday)) + " " + row.local_label.substr(0, space);
    }
    labels.push_back(std::move(label));
  }
  return labels;
}

void draw_legend(Canvas& canvas, const ChartRect& plot, const std::vector<LegendItem>& items) {
  constexpr double kMark = 14;
  constexpr double kGap = 18;
  canvas.font(12);
  double total = 0;
  for (const LegendItem& item : items) total += kMark + 5 + canvas.text_width(item.label) + kGap;
  double x = plot.x + plot.width - total + kGap;
  const double baseline = plot.y - 12;
  for (const LegendItem& item : items) {
    if (item.mark == LegendMark::kBox) {
      canvas.fill_rect(x, baseline - 10, kMark, 10, item.colour);
    } else {
      canvas.line(x, baseline - 5, x + kMark, baseline - 5, item.colour, 2.5);
    }
    canvas.colour(kInk);
    canvas.text(x + kMark + 5, baseline, item.label);
    x += kMark + 5 + canvas.text_width(item.label) + kGap;
  }
}

}  // namespace report_detail
}  // namespace footfall

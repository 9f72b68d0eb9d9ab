#include "footfall/scene/heatmap_render.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace footfall {

namespace {

// The darkest part of inferno is near black; starting above it keeps faint densities visible over dark floors.
constexpr int kFirstColour = 40;

Result<cv::Mat> background_canvas(const cv::Mat& background, cv::Size size) {
  if (background.empty()) return cv::Mat(size, CV_8UC3, cv::Scalar::all(128));
  if (background.depth() != CV_8U) return make_error("heatmap background: not an 8-bit image");
  cv::Mat bgr;
  switch (background.channels()) {
    case 1: cv::cvtColor(background, bgr, cv::COLOR_GRAY2BGR); break;
    case 3: bgr = background.clone(); break;
    case 4: cv::cvtColor(background, bgr, cv::COLOR_BGRA2BGR); break;
    default: return make_error("heatmap background: " + std::to_string(background.channels()) + " channels");
  }
  if (bgr.size() != size) cv::resize(bgr, bgr, size, 0, 0, cv::INTER_LINEAR);
  return bgr;
}

// Darkens `rect` of `canvas` so that text on it is readable over any scene.
void shade(cv::Mat& canvas, cv::Rect rect) {
  rect &= cv::Rect(0, 0, canvas.cols, canvas.rows);
  if (rect.empty()) return;
  cv::Mat roi = canvas(rect);
  roi.convertTo(roi, -1, 0.35, 0.0);
}

std::string format_value(double v) {
  char text[32];
  std::snprintf(text, sizeof text, v >= 10.0 ? "%.0f" : "%.1f", v);
  return text;
}

void draw_caption(cv::Mat& canvas, const HeatmapRenderOptions& options, double font, int pad) {
  std::vector<std::string> lines;
  if (!options.camera.empty()) lines.push_back(options.camera);
  if (!options.time_range.empty()) lines.push_back(options.time_range);
  if (lines.empty()) return;
  int baseline = 0;
  const int line_height = cv::getTextSize("Ag", cv::FONT_HERSHEY_SIMPLEX, font, 1, &baseline).height + baseline + pad;
  int width = 0;
  for (const std::string& line : lines) {
    width = std::max(width, cv::getTextSize(line, cv::FONT_HERSHEY_SIMPLEX, font, 1, &baseline).width);
  }
  shade(canvas, cv::Rect(0, 0, width + 2 * pad, line_height * static_cast<int>(lines.size()) + pad));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int y = pad + line_height * static_cast<int>(i + 1) - baseline - pad / 2;
    cv::putText(canvas, lines[i], cv::Point(pad, y), cv::FONT_HERSHEY_SIMPLEX, font, cv::Scalar::all(255), 1,
                cv::LINE_AA);
  }
}

// Colour bar at the bottom right: 0 at the bottom, `max_value` at the top, titled with the unit.
void draw_legend(cv::Mat& canvas, double max_value, double font, int pad) {
  const std::string title = "people-positions per cell";
  const std::string top = format_value(max_value);
  int baseline = 0;
  const cv::Size title_size = cv::getTextSize(title, cv::FONT_HERSHEY_SIMPLEX, font * 0.85, 1, &baseline);
  const cv::Size label_size = cv::getTextSize(top, cv::FONT_HERSHEY_SIMPLEX, font * 0.85, 1, &baseline);
  const int bar_w = std::max(8, canvas.cols / 60);
  const int bar_h = std::max(32, canvas.rows / 3);
  const int panel_w = std::max(title_size.width, bar_w + pad + label_size.width) + 2 * pad;
  const int panel_h = title_size.height + baseline + bar_h + 3 * pad;
  const cv::Rect panel(canvas.cols - panel_w, canvas.rows - panel_h, panel_w, panel_h);
  if (panel.x < 0 || panel.y < 0) return;  // a frame too small for a legend
  shade(canvas, panel);
  const cv::Point title_at(panel.x + pad, panel.y + pad + title_size.height);
  cv::putText(canvas, title, title_at, cv::FONT_HERSHEY_SIMPLEX, font * 0.85, cv::Scalar::all(255), 1, cv::LINE_AA);
  const cv::Rect bar(panel.x + pad, title_at.y + baseline + pad, bar_w, bar_h);
  cv::Mat ramp(bar_h, 1, CV_8U);
  for (int y = 0; y < bar_h; ++y) {
    const double v = 1.0 - static_cast<double>(y) / std::max(1, bar_h - 1);
    ramp.at<std::uint8_t>(y) = cv::saturate_cast<std::uint8_t>(kFirstColour + v * (255 - kFirstColour));
  }
  cv::Mat colours;
  cv::applyColorMap(ramp, colours, cv::COLORMAP_INFERNO);
  cv::resize(colours, colours, bar.size(), 0, 0, cv::INTER_NEAREST);
  colours.copyTo(canvas(bar));
  const int label_x = bar.x + bar_w + pad / 2;
  cv::putText(canvas, top, cv::Point(label_x, bar.y + label_size.height), cv::FONT_HERSHEY_SIMPLEX, font * 0.85,
              cv::Scalar::all(255), 1, cv::LINE_AA);
  cv::putText(canvas, "0", cv::Point(label_x, bar.y + bar_h), cv::FONT_HERSHEY_SIMPLEX, font * 0.85,
              cv::Scalar::all(255), 1, cv::LINE_AA);
}

}  // namespace

Result<cv::Mat> render_heatmap(const HeatmapGrid& grid, const cv::Mat& background,
                               const HeatmapRenderOptions& options) {
  const cv::Size size(grid.frame_width(), grid.frame_height());
  auto canvas_or = background_canvas(background, size);
  if (!canvas_or) return canvas_or.error();
  cv::Mat canvas = std::move(*canvas_or);

  cv::Mat cells(grid.rows(), grid.cols(), CV_32F);
  for (int r = 0; r < grid.rows(); ++r) {
    for (int c = 0; c < grid.cols(); ++c) cells.at<float>(r, c) = static_cast<float>(grid.at(c, r));
  }
  if (options.smoothing_cells > 0.0) {
    const int radius = static_cast<int>(std::ceil(3.0 * options.smoothing_cells));
    cv::GaussianBlur(cells, cells, cv::Size(2 * radius + 1, 2 * radius + 1), options.smoothing_cells);
  }
  double max_density = 0.0;
  cv::minMaxLoc(cells, nullptr, &max_density);

  const double font = std::clamp(canvas.cols / 1400.0, 0.35, 1.0);
  const int pad = std::max(4, canvas.cols / 120);
  if (max_density > 0.0) {
    cv::Mat density;
    cv::resize(cells, density, size, 0, 0, cv::INTER_LINEAR);
    density /= max_density;
    cv::Mat index;
    density.convertTo(index, CV_8U, 255.0 - kFirstColour, kFirstColour);
    cv::Mat colours;
    cv::applyColorMap(index, colours, cv::COLORMAP_INFERNO);
    for (int y = 0; y < canvas.rows; ++y) {
      const float* d = density.ptr<float>(y);
      const cv::Vec3b* col = colours.ptr<cv::Vec3b>(y);
      cv::Vec3b* out = canvas.ptr<cv::Vec3b>(y);
      for (int x = 0; x < canvas.cols; ++x) {
        if (d[x] <= options.cutoff) continue;
        // From transparent at the cutoff (no visible edge) to max_alpha at the maximum.
        const double above = (std::min(1.0, static_cast<double>(d[x])) - options.cutoff) / (1.0 - options.cutoff);
        const double a = options.max_alpha * std::sqrt(std::max(0.0, above));
        for (int ch = 0; ch < 3; ++ch) {
          out[x][ch] = cv::saturate_cast<std::uint8_t>(out[x][ch] * (1.0 - a) + col[x][ch] * a);
        }
      }
    }
  }
  draw_caption(canvas, options, font, pad);
  draw_legend(canvas, max_density, font, pad);
  return canvas;
}

Result<std::vector<std::uint8_t>> render_heatmap_png(const HeatmapGrid& grid, const cv::Mat& background,
                                                     const HeatmapRenderOptions& options) {
  auto image = render_heatmap(grid, background, options);
  if (!image) return image.error();
  std::vector<std::uint8_t> png;
  try {
    if (!cv::imencode(".png", *image, png)) return make_error("heatmap: PNG encoding failed");
  } catch (const cv::Exception& e) {
    return make_error(std::string("heatmap: PNG encoding failed: ") + e.what());
  }
  return png;
}

}  // namespace footfall

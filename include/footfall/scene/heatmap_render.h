// Heatmap rendering: a HeatmapGrid drawn as a colour map over a people-free background of the scene, with a colour
// bar and a caption. This PNG is the only image footfall keeps: it shows where people go, not who they are.
//
// Contract: the output is the grid's frame size. Cell counts are smoothed (Gaussian, `smoothing_cells`) and shown
// in the perceptual inferno colour map, opacity growing with density; pixels with no density show the background
// unchanged. The colour bar's scale is people-positions per cell (smoothed), 0 to the maximum. An empty background
// renders over neutral grey; a background of another size is resized to the frame size. Thread-safe (no state).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "footfall/core/result.h"
#include "footfall/count/heatmap_grid.h"

namespace footfall {

struct HeatmapRenderOptions {
  std::string camera;             // first caption line, e.g. "entrance"
  std::string time_range;         // second caption line, e.g. "2026-11-24T09:00Z .. 2026-11-24T10:00Z"
  double smoothing_cells = 1.0;   // Gaussian sigma in cells; 0 = no smoothing
  double max_alpha = 0.8;         // opacity at the maximum density; it falls with the square root of the density
  double cutoff = 0.03;           // densities below this fraction of the maximum are transparent
};

// The heatmap as a BGR image of the grid's frame size. Error when `background` is not 8-bit grey, BGR or BGRA.
Result<cv::Mat> render_heatmap(const HeatmapGrid& grid, const cv::Mat& background,
                               const HeatmapRenderOptions& options = {});
// The same, encoded as PNG.
Result<std::vector<std::uint8_t>> render_heatmap_png(const HeatmapGrid& grid, const cv::Mat& background,
                                                     const HeatmapRenderOptions& options = {});

}  // namespace footfall

// The two images of a camera: the heatmap of where people went over a range (rendered like `footfall heatmap`, over
// the stored people-free background) and that background itself, to draw lines and zones on.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <tuple>

#include <opencv2/imgcodecs.hpp>

#include "api_params.h"
#include "api_route_groups.h"
#include "footfall/count/heatmap_grid.h"
#include "footfall/scene/heatmap_render.h"

namespace footfall::api {

namespace {

ApiResponse png_response(std::string bytes) {
  ApiResponse response;
  response.content_type = "image/png";
  response.body = std::move(bytes);
  return response;
}

ApiResponse heatmap(const ApiContext& context, const ApiRequest& request) {
  const std::string& name = request.path_params.at("camera");
  const std::shared_ptr<const AppConfig> config = served_config(context);
  if (find_camera(*config, name) == nullptr) return unknown_camera(*config, name);
  auto range = range_params(request, now_ms(context, request), kWeekMs);
  if (!range) return bad_parameter(range.error());
  auto hours = context.store->read_heatmaps(name, range->from_ms, range->to_ms);
  if (!hours) return internal_error("camera " + name + ": " + hours.error().message);
  if (hours->empty()) {
    return not_found("camera " + name + ": no heatmap between " + format_iso8601(range->from_ms) + " and " +
                     format_iso8601(range->to_ms) + " (is tracking on for this camera?)");
  }
  // Hours are summed on the grid of the latest hour; hours of another frame size or grid (the camera changed) are
  // left out.
  const HeatmapRow& latest = hours->back();
  const auto shape = [](const HeatmapRow& r) { return std::tie(r.frame_width, r.frame_height, r.cols, r.rows); };
  HeatmapGrid grid(latest.frame_width, latest.frame_height, {latest.cols, latest.rows});
  for (const HeatmapRow& hour : *hours) {
    if (shape(hour) == shape(latest)) (void)grid.add_cells(hour.cells);
  }
  cv::Mat background;
  auto stored = context.store->read_background(name);
  if (!stored) return internal_error("camera " + name + ": " + stored.error().message);
  if (*stored && !(*stored)->png.empty()) {
    background = cv::imdecode((*stored)->png, cv::IMREAD_COLOR);
    if (background.empty()) spdlog::warn("camera {}: the stored background is not a readable PNG", name);
  }
  HeatmapRenderOptions options;
  options.camera = name;
  options.time_range = format_iso8601(std::max(range->from_ms, hours->front().hour_ms)) + " .. " +
                       format_iso8601(std::min(range->to_ms, latest.hour_ms + kHourMs));
  auto png = render_heatmap_png(grid, background, options);
  if (!png) return internal_error("camera " + name + ": " + png.error().message);
  return png_response(std::string(png->begin(), png->end()));
}

ApiResponse background(const ApiContext& context, const ApiRequest& request) {
  const std::string& name = request.path_params.at("camera");
  const std::shared_ptr<const AppConfig> config = served_config(context);
  if (find_camera(*config, name) == nullptr) return unknown_camera(*config, name);
  auto stored = context.store->read_background(name);
  if (!stored) return internal_error("camera " + name + ": " + stored.error().message);
  if (!*stored || (*stored)->png.empty()) {
    return not_found("camera " + name + ": no background stored yet (it is learned while the camera runs)");
  }
  return png_response(std::string((*stored)->png.begin(), (*stored)->png.end()));
}

}  // namespace

void add_image_routes(Router& router, const ApiContext& context) {
  router.add({"GET",
              "/api/v1/cameras/{camera}/heatmap.png",
              Role::kViewer,
              {"from", "to"},
              guarded(context, [context](const ApiRequest& r) { return heatmap(context, r); }),
              "Where people went on a camera over a range, as a PNG over the people-free background"});
  router.add({"GET",
              "/api/v1/cameras/{camera}/background.png",
              Role::kViewer,
              {},
              guarded(context, [context](const ApiRequest& r) { return background(context, r); }),
              "The camera's stored people-free background (PNG)"});
}

}  // namespace footfall::api

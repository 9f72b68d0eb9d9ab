// footfall heatmap --camera C [--from T] [--to T] --out FILE.png : where people went, as a colour map over the
// camera's people-free background, from the hourly grids the pipeline stored.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <tuple>

#include <opencv2/imgcodecs.hpp>

#include "commands.h"
#include "footfall/config/config.h"
#include "footfall/count/heatmap_grid.h"
#include "footfall/scene/heatmap_render.h"
#include "store_options.h"

namespace footfall::cli {

namespace {

struct HeatmapOptions {
  std::string camera;
  std::string from;
  std::string to;
  std::string out;
  std::string database;
  std::string config;
};

Result<TimestampMs> time_flag(const std::string& flag, const std::string& text, TimestampMs fallback) {
  if (text.empty()) return fallback;
  auto t = parse_time(text);
  if (!t) return make_error(flag + ": '" + text + "' is not an ISO-8601 time or epoch seconds/milliseconds");
  return *t;
}

// Writes `bytes` to `path` under a temporary name, then renames: a failed write leaves no partial file.
Status write_file_atomically(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
  const std::filesystem::path tmp = path.string() + ".part";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return make_error(path.string() + ": cannot write (does the folder exist?)");
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      return make_error(path.string() + ": write failed");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return make_error(path.string() + ": " + ec.message());
  }
  return {};
}

int run_heatmap(const HeatmapOptions& o) {
  const auto from = time_flag("--from", o.from, 0);
  if (!from) {
    print_error(from.error().message);
    return kExitUsage;
  }
  const auto to = time_flag("--to", o.to, SystemClock().now_ms() + 1);
  if (!to) {
    print_error(to.error().message);
    return kExitUsage;
  }
  if (*to <= *from) {
    print_error("--to must be after --from");
    return kExitUsage;
  }
  if (std::filesystem::path(o.out).extension() != ".png") {
    print_error("--out " + o.out + ": the heatmap is written as PNG; name the file *.png");
    return kExitUsage;
  }
  auto store = open_existing_store(o.database, o.config);
  if (!store) {
    print_error(store.error().message);
    return kExitError;
  }
  auto cameras = (*store)->cameras();
  if (!cameras) {
    print_error(cameras.error().message);
    return kExitError;
  }
  std::string camera = o.camera;
  // "door" finds "north.door" when it is the only door (cameras of a store are stored as <store>.<camera>).
  if (const std::string* stored = match_camera_name(*cameras, o.camera); stored != nullptr) {
    camera = *stored;
  } else {
    std::string known;
    for (const std::string& c : *cameras) known += (known.empty() ? "" : ", ") + c;
    print_error("--camera " + camera + ": no such camera in " + (*store)->describe() +
                (known.empty() ? " (it holds no counts yet)" : " (cameras: " + known + ")"));
    return kExitError;
  }
  auto hours = (*store)->read_heatmaps(camera, *from, *to);
  if (!hours) {
    print_error(hours.error().message);
    return kExitError;
  }
  if (hours->empty()) {
    print_error("camera " + camera + ": no heatmap between " + format_iso8601(*from) + " and " +
                format_iso8601(*to) + " (is tracking on for this camera?)");
    return kExitError;
  }
  // Hours are summed on the grid of the latest hour; hours of another frame size or grid (the camera changed) are
  // left out, with a warning.
  const HeatmapRow& latest = hours->back();
  const auto shape = [](const HeatmapRow& r) { return std::tie(r.frame_width, r.frame_height, r.cols, r.rows); };
  HeatmapGrid grid(latest.frame_width, latest.frame_height, {latest.cols, latest.rows});
  int used = 0;
  int skipped = 0;
  for (const HeatmapRow& hour : *hours) {
    if (shape(hour) != shape(latest) || !grid.add_cells(hour.cells).ok()) {
      ++skipped;
      continue;
    }
    ++used;
  }
  if (skipped > 0) {
    spdlog::warn("camera {}: {} hour(s) with another frame size or grid left out", camera, skipped);
  }
  cv::Mat background;
  auto stored = (*store)->read_background(camera);
  if (!stored) {
    print_error(stored.error().message);
    return kExitError;
  }
  if (*stored && !(*stored)->png.empty()) {
    background = cv::imdecode((*stored)->png, cv::IMREAD_COLOR);
    if (background.empty()) spdlog::warn("camera {}: the stored background is not a readable PNG", camera);
  } else {
    spdlog::warn("camera {}: no background stored yet; drawing over grey", camera);
  }
  HeatmapRenderOptions render;
  render.camera = camera;
  render.time_range = format_iso8601(std::max(*from, hours->front().hour_ms)) + " .. " +
                      format_iso8601(std::min(*to, latest.hour_ms + kHourMs));
  auto png = render_heatmap_png(grid, background, render);
  if (!png) {
    print_error(png.error().message);
    return kExitError;
  }
  if (Status s = write_file_atomically(o.out, *png); !s) {
    print_error(s.error().message);
    return kExitError;
  }
  std::fprintf(stderr, "%s: %d hour(s), %llu positions, %dx%d, written to %s\n", camera.c_str(), used,
               static_cast<unsigned long long>(grid.total()), grid.frame_width(), grid.frame_height(),
               o.out.c_str());
  return kExitOk;
}

}  // namespace

void add_heatmap_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<HeatmapOptions>();
  CLI::App* cmd = app.add_subcommand("heatmap", "Render where people went on a camera as a PNG heatmap");
  cmd->add_option("--camera", o->camera, "Camera name")->required();
  cmd->add_option("--from", o->from, "Start (ISO-8601 or epoch; default: the first stored hour)");
  cmd->add_option("--to", o->to, "End, exclusive (ISO-8601 or epoch; default: now)");
  cmd->add_option("--out", o->out, "Output PNG file")->required();
  cmd->add_option("--database", o->database, "Database (default: the config's, else footfall.db)");
  cmd->add_option("-c,--config", o->config, "Take the database from this configuration file");
  cmd->callback([o, &exit_code] { exit_code = run_heatmap(*o); });
}

}  // namespace footfall::cli

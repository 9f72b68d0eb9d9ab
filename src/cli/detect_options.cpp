#include "detect_options.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>

#include "footfall/detect/model_manifest.h"

namespace footfall::cli {

void add_detect_options(CLI::App& cmd, DetectOptions& options) {
  cmd.add_option("--model", options.model,
                 "Model name (see `footfall models`), a model file path, or 'hog'; default: the default model");
  cmd.add_option("--model-file", options.model_file,
                 "Use this file for the model named by --model (its format and decoder come from the manifest)");
  cmd.add_option("--threshold", options.threshold, "Confidence threshold 0..1 (default: the model's)")
      ->check(CLI::Range(0.0f, 1.0f));
  cmd.add_option("--nms", options.nms, "NMS IoU threshold 0..1: overlapping boxes above it are merged")
      ->check(CLI::Range(0.0f, 1.0f))
      ->capture_default_str();
  cmd.add_option("--input-size", options.input_size, "Network input WxH (default: the model's)");
  cmd.add_option("--threads", options.threads, "Inference threads (0 = all cores)")->check(CLI::Range(0, 256));
  cmd.add_option("--min-box-height", options.min_box_height, "Ignore persons shorter than this many pixels")
      ->check(CLI::NonNegativeNumber);
  cmd.add_flag("--no-download", options.no_download, "Never download a missing model");
}

ModelParams to_model_params(const DetectOptions& options) {
  ModelParams model;
  // A manifest name or "hog" is a name; anything else (e.g. "models/x.onnx") is a file path.
  if (!options.model.empty() && options.model != "hog" && find_model(options.model) == nullptr) {
    model.path = options.model;
  } else {
    model.name = options.model;
  }
  if (!options.model_file.empty()) model.path = options.model_file;
  model.allow_download = !options.no_download;
  return model;
}

Result<DetectParams> to_detect_params(const DetectOptions& options) {
  DetectParams params;
  params.threshold = options.threshold;
  params.nms_threshold = options.nms;
  params.threads = options.threads;
  params.min_box_height = options.min_box_height;
  if (!options.input_size.empty()) {
    int w = 0, h = 0;
    char x = 0, extra = 0;
    if (std::sscanf(options.input_size.c_str(), "%d%c%d%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X') ||
        w < 32 || h < 32 || w > 4096 || h > 4096) {
      return make_error("--input-size: '" + options.input_size + "' is not WIDTHxHEIGHT between 32 and 4096, e.g. 320x256");
    }
    params.input_width = w;
    params.input_height = h;
  }
  return params;
}

Result<std::unique_ptr<Detector>> make_detector(const DetectOptions& options) {
  auto params = to_detect_params(options);
  if (!params) return params.error();
  std::string warning;
  auto detector = create_detector(to_model_params(options), *params, &warning);
  if (!warning.empty()) spdlog::warn("{}", warning);
  return detector;
}

}  // namespace footfall::cli

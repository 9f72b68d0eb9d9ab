// create_detector: picks the backend (HOG or OpenCV DNN), resolves the model's spec and files, and applies the
// default-model fallback. Backends register here: one branch per backend folder.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "footfall/detect/detector.h"
#include "footfall/detect/model_locator.h"
#include "hog/hog_detector.h"
#include "opencv_dnn/darknet_cfg.h"
#include "opencv_dnn/dnn_detector.h"

namespace footfall {

namespace fs = std::filesystem;

namespace {

std::string known_models() {
  std::string list;
  for (const ModelSpec& m : builtin_models()) list += (list.empty() ? "" : ", ") + m.name;
  return list + ", hog";
}

const ModelSpec* spec_with_file_name(const std::string& file_name) {
  for (const ModelSpec& m : builtin_models()) {
    for (const ModelFile& f : m.files) {
      if (f.name == file_name) return &m;
    }
  }
  return nullptr;
}

std::string lower_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

// A spec for a Darknet model that is not in the manifest: YOLO layout, input and class count from its cfg, class 0
// taken as person (true of every COCO and person-only Darknet model), Darknet's usual pre-processing.
Result<ModelSpec> custom_darknet_spec(const fs::path& weights, const fs::path& cfg_path) {
  std::ifstream in(cfg_path, std::ios::binary);
  if (!in) return make_error(cfg_path.string() + ": cannot open for reading");
  const std::string cfg((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const dnn::DarknetCfgInfo info = dnn::read_darknet_cfg_info(cfg);
  if (info.yolo_sections == 0 || info.classes <= 0 || info.width <= 0 || info.height <= 0) {
    return make_error(cfg_path.string() + ": not a Darknet YOLO cfg ([net] width/height and [yolo] classes needed)");
  }
  ModelSpec spec;
  spec.name = weights.stem().string();
  spec.folder = spec.name;
  spec.format = "darknet";
  spec.input_width = info.width;
  spec.input_height = info.height;
  spec.decoder = Decoder::darknet_yolo;
  spec.classes.assign(static_cast<std::size_t>(info.classes), "");
  spec.classes[0] = "person";
  spec.swap_rb = true;
  spec.scale = 1.0 / 255.0;
  spec.resize = Resize::stretch;
  spec.default_threshold = 0.3f;
  return spec;
}

Result<std::unique_ptr<Detector>> from_explicit_path(const ModelParams& model, const DetectParams& params) {
  const fs::path path(model.path);
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return make_error(model.path + ": model file not found");
  const std::string ext = lower_extension(path);
  const ModelSpec* spec = nullptr;
  if (!model.name.empty()) {
    spec = find_model(model.name);
    if (spec == nullptr) return make_error(model.name + ": unknown model (known: " + known_models() + ")");
  } else {
    spec = spec_with_file_name(path.filename().string());
  }

  if (ext == ".weights" || ext == ".cfg") {
    if (spec != nullptr && spec->format != "darknet") {
      return make_error(model.path + ": a Darknet file, but model " + spec->name + " is " + spec->format);
    }
    fs::path weights = path;
    fs::path cfg = path;
    if (ext == ".cfg") {
      weights.replace_extension(".weights");
    } else {
      cfg.replace_extension(".cfg");
    }
    if (spec != nullptr && !fs::is_regular_file(cfg, ec)) cfg = path.parent_path() / spec->file_with_role("config")->name;
    if (spec != nullptr && !fs::is_regular_file(weights, ec)) {
      weights = path.parent_path() / spec->file_with_role("weights")->name;
    }
    if (!fs::is_regular_file(cfg, ec)) return make_error(model.path + ": its Darknet cfg " + cfg.string() + " is missing");
    if (!fs::is_regular_file(weights, ec)) {
      return make_error(model.path + ": its Darknet weights " + weights.string() + " are missing");
    }
    if (spec != nullptr) return dnn::create_dnn_detector(*spec, {weights, cfg}, params);
    auto custom = custom_darknet_spec(weights, cfg);
    if (!custom) return custom.error();
    return dnn::create_dnn_detector(*custom, {weights, cfg}, params);
  }
  if (ext == ".onnx") {
    if (spec == nullptr) {
      return make_error(model.path + ": an ONNX file footfall does not know; its output layout cannot be guessed. "
                        "Name the model it is an export of as well (--model NAME --model-file PATH, or model.name in "
                        "the config), one of: " + known_models());
    }
    if (spec->format != "onnx") {
      return make_error(model.path + ": an ONNX file, but model " + spec->name + " is " + spec->format);
    }
    return dnn::create_dnn_detector(*spec, {path, {}}, params);
  }
  return make_error(model.path + ": unsupported model file type '" + ext + "' (expected .onnx, .weights or .cfg)");
}

// `missing` is set when a file could be neither found nor downloaded (the case the default model falls back on).
Result<std::unique_ptr<Detector>> from_manifest(const ModelSpec& spec, const DetectParams& params,
                                                const LocateOptions& locate, bool& missing) {
  dnn::ModelPaths paths;
  for (const ModelFile& f : spec.files) {
    LocateFailure failure{};
    auto located = locate_model_file(spec, f, locate, &failure);
    if (!located) {
      missing = failure == LocateFailure::not_found || failure == LocateFailure::download_failed;
      return located.error();
    }
    (f.role == "config" ? paths.config : paths.model) = located->path;
  }
  return dnn::create_dnn_detector(spec, paths, params);
}

}  // namespace

Result<std::unique_ptr<Detector>> create_detector(const ModelParams& model, const DetectParams& params,
                                                  const LocateOptions& locate_in, std::string* warning) {
  if (model.name == "hog") {
    if (!model.path.empty()) return make_error("hog: the HOG detector takes no model file (got " + model.path + ")");
    return hog::create_hog_detector(params);
  }
  if (!model.path.empty()) return from_explicit_path(model, params);

  LocateOptions locate = locate_in;
  if (!model.cache_dir.empty()) locate.cache_dir = model.cache_dir;
  if (!model.allow_download) locate.allow_download = false;

  const bool use_default = model.name.empty();
  const std::string& name = use_default ? default_model_name() : model.name;
  const ModelSpec* spec = find_model(name);
  if (spec == nullptr) return make_error(name + ": unknown model (known: " + known_models() + ")");
  bool missing = false;
  auto detector = from_manifest(*spec, params, locate, missing);
  // Only the default model falls back, and only when its files are missing (a local file with a bad checksum or
  // a model that fails to load is reported, not papered over).
  if (detector || !use_default || !missing) return detector;
  const std::string& message = detector.error().message;
  DetectParams hog_params = params;  // an input size meant for the network would only shrink the frame for HOG
  hog_params.input_width = 0;
  hog_params.input_height = 0;
  auto hog = hog::create_hog_detector(hog_params);
  if (!hog) return hog;
  if (warning != nullptr) {
    *warning = "default model unavailable, falling back to OpenCV's HOG people detector (much less accurate): " +
               message;
  }
  return hog;
}

Result<std::unique_ptr<Detector>> create_detector(const ModelParams& model, const DetectParams& params,
                                                  std::string* warning) {
  return create_detector(model, params, LocateOptions{}, warning);
}

}  // namespace footfall

// The model manifest (models/manifest.yaml, embedded into the binary at build time): what each supported model
// is, where its files come from, how to pre-process input and decode output.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "footfall/core/result.h"

namespace footfall {

enum class Decoder {
  darknet_yolo,  // OpenCV Darknet region output: rows [cx, cy, w, h, obj, class scores...], normalised
  yolov5,        // [1, N, 5 + C] rows cx, cy, w, h (input pixels), obj, class scores
  yolov8,        // [1, 4 + C, N] columns cx, cy, w, h (input pixels), class scores (no objectness)
  yolox,         // [1, N, 5 + C] raw grid outputs for strides 8, 16, 32: decode with grid and exp
  fastestdet,    // [1, 5 + C, H, W] one grid map: obj, tanh x/y offsets, sigmoid w/h, class scores
  gfl,           // PicoDet / NanoDet: per stride cls [1, n, C] and DFL reg [1, n, 4 * (reg_max + 1)]
};
const char* to_string(Decoder d);
std::optional<Decoder> parse_decoder(const std::string& text);

enum class Resize { stretch, letterbox_top_left, letterbox_centre };

struct ModelFile {
  std::string name;    // file name, e.g. "yolo-fastest-1.1_body.weights"
  std::string sha256;  // lower-case hex
  std::string url;     // upstream download URL; empty when the file cannot be downloaded
  std::string role;    // "weights", "config" (Darknet cfg) or "onnx"
};

struct ModelSpec {
  std::string name;       // manifest key, e.g. "picodet-s-coco-320"
  std::string folder;     // folder under a models directory, e.g. "picodet-s-coco" (shared by several entries)
  std::string format;     // "darknet" or "onnx"
  std::vector<ModelFile> files;
  std::string license;
  std::string source;     // human-readable provenance
  int input_width = 0;
  int input_height = 0;
  bool fixed_input = false;  // true when only the default input size works
  int input_multiple = 32;   // when not fixed: width and height must be multiples of this
  Decoder decoder = Decoder::yolov5;
  std::vector<std::string> classes;  // class names by id
  int person_class = 0;
  // Pre-processing: blob = (swap_rb ? RGB : BGR) pixel * scale, then (x - mean) / std per channel (in blob order).
  bool swap_rb = true;
  double scale = 1.0 / 255.0;
  std::vector<double> mean{0.0, 0.0, 0.0};
  std::vector<double> std{1.0, 1.0, 1.0};
  Resize resize = Resize::stretch;
  double pad_value = 114.0;
  std::vector<int> strides;  // yolox / gfl
  int reg_max = 7;           // gfl: DFL bins - 1
  float default_threshold = 0.5f;

  const ModelFile* file_with_role(const std::string& role) const;
};

// The built-in manifest (models/manifest.yaml embedded at build time; parsed once, on first use).
const std::vector<ModelSpec>& builtin_models();
const ModelSpec* find_model(const std::string& name);  // nullptr when unknown
const std::string& default_model_name();

// A whole manifest document: the models in file order and the `default:` model's name.
struct Manifest {
  std::vector<ModelSpec> models;
  std::string default_model;
};

// Parses a manifest YAML document (used for the built-in one and by tests). Unknown keys, missing required keys,
// wrong types and inconsistent values are errors of the form "<origin>: <key path>: <problem>", e.g.
// "manifest.yaml: models.nanodet-m-coco-320.preprocessing.mean: expected 3 numbers".
Result<Manifest> parse_manifest_document(const std::string& yaml_text, const std::string& origin);
Result<std::vector<ModelSpec>> parse_manifest(const std::string& yaml_text, const std::string& origin);

}  // namespace footfall

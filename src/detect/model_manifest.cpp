// Parses models/manifest.yaml (see that file for the schema) into ModelSpec values.
#include "footfall/detect/model_manifest.h"

#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <cstdlib>
#include <set>
#include <stdexcept>
#include <utility>

namespace footfall {

namespace detail {
const std::string& embedded_manifest_yaml();  // generated from models/manifest.yaml (embedded_manifest.cpp.in)
}

namespace {

// Thrown inside the parser only; parse_manifest_document turns it into an Error.
struct ParseError : std::runtime_error {
  ParseError(const std::string& path, const std::string& problem) : std::runtime_error(path + ": " + problem) {}
};

// A YAML node together with its key path, so every error can name where it happened.
class Field {
 public:
  Field(YAML::Node node, std::string path) : node_(std::move(node)), path_(std::move(path)) {}

  const std::string& path() const { return path_; }
  const YAML::Node& node() const { return node_; }
  bool present() const { return node_.IsDefined() && !node_.IsNull(); }

  [[noreturn]] void fail(const std::string& problem) const { throw ParseError(path_, problem); }

  // A mapping whose keys must all be in `allowed`.
  void expect_map(std::initializer_list<const char*> allowed) const {
    if (!node_.IsMap()) fail("expected a mapping");
    for (const auto& kv : node_) {
      const std::string key = kv.first.as<std::string>();
      bool known = false;
      for (const char* a : allowed) known = known || key == a;
      if (!known) {
        std::string list;
        for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
        throw ParseError(child_path(key), "unknown key (expected one of: " + list + ")");
      }
    }
  }

  Field operator[](const std::string& key) const { return Field(node_[key], child_path(key)); }
  Field at(std::size_t i) const { return Field(node_[i], path_ + "[" + std::to_string(i) + "]"); }

  Field required(const std::string& key) const {
    Field f = (*this)[key];
    if (!f.present()) throw ParseError(f.path(), "required key is missing");
    return f;
  }

  template <typename T>
  T as(const char* what) const {
    if (!node_.IsScalar()) fail(std::string("expected ") + what);
    try {
      return node_.as<T>();
    } catch (const YAML::Exception&) {
      fail(std::string("expected ") + what + ", got '" + node_.Scalar() + "'");
    }
  }
  std::string str() const { return as<std::string>("a string"); }
  double number() const { return as<double>("a number"); }
  bool boolean() const { return as<bool>("true or false"); }
  int integer() const { return as<int>("an integer"); }

  std::vector<double> numbers(std::size_t count) const {
    if (!node_.IsSequence() || node_.size() != count) fail("expected " + std::to_string(count) + " numbers");
    std::vector<double> out;
    for (std::size_t i = 0; i < count; ++i) out.push_back(at(i).number());
    return out;
  }

 private:
  std::string child_path(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  YAML::Node node_;
  std::string path_;
};

std::optional<Resize> parse_resize(const std::string& text) {
  if (text == "stretch") return Resize::stretch;
  if (text == "letterbox_top_left") return Resize::letterbox_top_left;
  if (text == "letterbox_centre") return Resize::letterbox_centre;
  return std::nullopt;
}

bool is_hex_sha256(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

ModelFile parse_file(const Field& f, const std::string& format) {
  f.expect_map({"name", "role", "sha256", "url"});
  ModelFile file;
  file.name = f.required("name").str();
  if (file.name.empty() || file.name.find('/') != std::string::npos) {
    f["name"].fail("must be a plain file name, got '" + file.name + "'");
  }
  file.role = f.required("role").str();
  const bool role_ok = format == "darknet" ? (file.role == "config" || file.role == "weights") : file.role == "onnx";
  if (!role_ok) {
    f["role"].fail("'" + file.role + "' is not a file role of a " + format +
                   " model (darknet: config, weights; onnx: onnx)");
  }
  file.sha256 = f.required("sha256").str();
  if (!is_hex_sha256(file.sha256)) f["sha256"].fail("expected 64 lower-case hex digits");
  file.url = f["url"].present() ? f["url"].str() : "";
  if (!file.url.empty() && file.url.rfind("https://", 0) != 0 && file.url.rfind("http://", 0) != 0) {
    f["url"].fail("expected an http(s):// URL or an empty string");
  }
  return file;
}

void parse_input(const Field& f, ModelSpec& spec) {
  f.expect_map({"width", "height", "fixed", "multiple"});
  spec.input_width = f.required("width").integer();
  spec.input_height = f.required("height").integer();
  if (spec.input_width < 16 || spec.input_width > 4096) f["width"].fail("must be 16..4096");
  if (spec.input_height < 16 || spec.input_height > 4096) f["height"].fail("must be 16..4096");
  spec.fixed_input = f["fixed"].present() ? f["fixed"].boolean() : false;
  spec.input_multiple = f["multiple"].present() ? f["multiple"].integer() : 32;
  if (spec.input_multiple < 1) f["multiple"].fail("must be >= 1");
  if (!spec.fixed_input &&
      (spec.input_width % spec.input_multiple != 0 || spec.input_height % spec.input_multiple != 0)) {
    f.fail("width and height must be multiples of " + std::to_string(spec.input_multiple));
  }
}

void parse_preprocessing(const Field& f, ModelSpec& spec) {
  f.expect_map({"swap_rb", "scale", "mean", "std", "resize", "pad"});
  spec.swap_rb = f.required("swap_rb").boolean();
  spec.scale = f.required("scale").number();
  if (!(spec.scale > 0.0)) f["scale"].fail("must be > 0");
  spec.mean = f["mean"].present() ? f["mean"].numbers(3) : std::vector<double>{0.0, 0.0, 0.0};
  spec.std = f["std"].present() ? f["std"].numbers(3) : std::vector<double>{1.0, 1.0, 1.0};
  for (double s : spec.std) {
    if (!(s > 0.0)) f["std"].fail("every value must be > 0");
  }
  const std::string resize = f.required("resize").str();
  const auto r = parse_resize(resize);
  if (!r) f["resize"].fail("'" + resize + "' is not one of stretch, letterbox_top_left, letterbox_centre");
  spec.resize = *r;
  spec.pad_value = f["pad"].present() ? f["pad"].number() : 114.0;
  if (spec.pad_value < 0.0 || spec.pad_value > 255.0) f["pad"].fail("must be 0..255");
}

ModelSpec parse_model(const std::string& name, const Field& f) {
  f.expect_map({"folder", "format", "license", "source", "input", "decoder", "classes", "person_class",
                "preprocessing", "strides", "reg_max", "default_threshold", "files"});
  ModelSpec spec;
  spec.name = name;
  spec.folder = f.required("folder").str();
  if (spec.folder.empty() || spec.folder.find('/') != std::string::npos) f["folder"].fail("must be a plain folder name");
  spec.format = f.required("format").str();
  if (spec.format != "darknet" && spec.format != "onnx") {
    f["format"].fail("'" + spec.format + "' is not one of darknet, onnx");
  }
  spec.license = f.required("license").str();
  spec.source = f.required("source").str();
  parse_input(f.required("input"), spec);

  const std::string decoder = f.required("decoder").str();
  const auto d = parse_decoder(decoder);
  if (!d) f["decoder"].fail("'" + decoder + "' is not one of darknet_yolo, yolov5, yolov8, yolox, fastestdet, gfl");
  spec.decoder = *d;
  if ((spec.format == "darknet") != (spec.decoder == Decoder::darknet_yolo)) {
    f["decoder"].fail("darknet_yolo goes with format darknet, and only with it");
  }

  const Field classes = f.required("classes");
  if (!classes.node().IsSequence() || classes.node().size() == 0) classes.fail("expected a non-empty list of names");
  for (std::size_t i = 0; i < classes.node().size(); ++i) spec.classes.push_back(classes.at(i).str());
  spec.person_class = f["person_class"].present() ? f["person_class"].integer() : 0;
  if (spec.person_class < 0 || spec.person_class >= static_cast<int>(spec.classes.size()) ||
      spec.classes[static_cast<std::size_t>(spec.person_class)] != "person") {
    f["person_class"].fail("must be the index of \"person\" in classes");
  }

  parse_preprocessing(f.required("preprocessing"), spec);

  if (f["strides"].present()) {
    const Field strides = f["strides"];
    if (!strides.node().IsSequence()) strides.fail("expected a list of integers");
    for (std::size_t i = 0; i < strides.node().size(); ++i) {
      const int s = strides.at(i).integer();
      if (s < 1) strides.at(i).fail("must be >= 1");
      spec.strides.push_back(s);
    }
  }
  if ((spec.decoder == Decoder::yolox || spec.decoder == Decoder::gfl) && spec.strides.empty()) {
    f["strides"].fail("required for the " + std::string(to_string(spec.decoder)) + " decoder");
  }
  spec.reg_max = f["reg_max"].present() ? f["reg_max"].integer() : 7;
  if (spec.reg_max < 1 || spec.reg_max > 64) f["reg_max"].fail("must be 1..64");

  const double threshold = f.required("default_threshold").number();
  if (threshold < 0.0 || threshold > 1.0) f["default_threshold"].fail("must be 0..1");
  spec.default_threshold = static_cast<float>(threshold);

  const Field files = f.required("files");
  if (!files.node().IsSequence() || files.node().size() == 0) files.fail("expected a non-empty list of files");
  std::set<std::string> roles;
  for (std::size_t i = 0; i < files.node().size(); ++i) {
    ModelFile file = parse_file(files.at(i), spec.format);
    if (!roles.insert(file.role).second) files.at(i)["role"].fail("role '" + file.role + "' appears twice");
    spec.files.push_back(std::move(file));
  }
  const bool complete = spec.format == "darknet" ? roles.count("config") && roles.count("weights") : roles.count("onnx");
  if (!complete) files.fail(spec.format == "darknet" ? "a darknet model needs a config and a weights file" : "an onnx model needs an onnx file");
  return spec;
}

Manifest parse_document(const YAML::Node& root) {
  const Field top(root, "");
  if (!root.IsMap()) throw ParseError("(top level)", "expected a mapping with keys default and models");
  top.expect_map({"default", "models"});
  Manifest manifest;
  const Field models = top.required("models");
  if (!models.node().IsMap() || models.node().size() == 0) models.fail("expected a non-empty mapping of models");
  for (const auto& kv : models.node()) {
    const std::string name = kv.first.as<std::string>();
    if (name.empty() || name == "hog") models.fail("'" + name + "' cannot be a model name");
    manifest.models.push_back(parse_model(name, models[name]));
  }
  const Field def = top.required("default");
  manifest.default_model = def.str();
  bool known = false;
  for (const ModelSpec& m : manifest.models) known = known || m.name == manifest.default_model;
  if (!known) def.fail("'" + manifest.default_model + "' is not one of the models");
  return manifest;
}

const Manifest& builtin_manifest() {
  static const Manifest manifest = [] {
    auto parsed = parse_manifest_document(detail::embedded_manifest_yaml(), "models/manifest.yaml (built in)");
    if (!parsed) {
      // The embedded manifest is checked by the tests; failing here is a build defect, not bad input.
      std::fprintf(stderr, "footfall: %s\n", parsed.error().message.c_str());
      std::abort();
    }
    return std::move(parsed).value();
  }();
  return manifest;
}

}  // namespace

const char* to_string(Decoder d) {
  switch (d) {
    case Decoder::darknet_yolo: return "darknet_yolo";
    case Decoder::yolov5: return "yolov5";
    case Decoder::yolov8: return "yolov8";
    case Decoder::yolox: return "yolox";
    case Decoder::fastestdet: return "fastestdet";
    case Decoder::gfl: return "gfl";
  }
  return "unknown";
}

std::optional<Decoder> parse_decoder(const std::string& text) {
  for (Decoder d : {Decoder::darknet_yolo, Decoder::yolov5, Decoder::yolov8, Decoder::yolox, Decoder::fastestdet,
                    Decoder::gfl}) {
    if (text == to_string(d)) return d;
  }
  return std::nullopt;
}

const ModelFile* ModelSpec::file_with_role(const std::string& role) const {
  for (const ModelFile& f : files) {
    if (f.role == role) return &f;
  }
  return nullptr;
}

Result<Manifest> parse_manifest_document(const std::string& yaml_text, const std::string& origin) {
  try {
    return parse_document(YAML::Load(yaml_text));
  } catch (const ParseError& e) {
    return make_error(origin + ": " + e.what());
  } catch (const YAML::Exception& e) {
    // Syntax errors: yaml-cpp's message carries line and column.
    return make_error(origin + ": invalid YAML: " + e.what());
  }
}

Result<std::vector<ModelSpec>> parse_manifest(const std::string& yaml_text, const std::string& origin) {
  auto parsed = parse_manifest_document(yaml_text, origin);
  if (!parsed) return parsed.error();
  return std::move(parsed->models);
}

const std::vector<ModelSpec>& builtin_models() { return builtin_manifest().models; }

const ModelSpec* find_model(const std::string& name) {
  for (const ModelSpec& m : builtin_models()) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

const std::string& default_model_name() { return builtin_manifest().default_model; }

}  // namespace footfall

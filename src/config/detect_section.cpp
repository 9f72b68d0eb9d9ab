// The `detect` section, globally and per camera: threshold, NMS, network input size, minimum box, threads.
#include <charconv>
#include <optional>
#include <utility>

#include "sections.h"

namespace footfall::config {

namespace {

constexpr int kMaxInputSide = 4096;

std::optional<int> parse_side(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// [w, h], "WxH" or a single number for a square input.
std::optional<std::pair<int, int>> read_input_size(YamlReader& reader, const YAML::Node& node,
                                                   const std::string& path) {
  const std::string expected = "[width, height], \"WIDTHxHEIGHT\" or one number for a square";
  std::optional<int> w, h;
  if (node.IsSequence() && node.size() == 2) {
    auto a = reader.integer_in(node[0], index_path(path, 0), 1, kMaxInputSide);
    auto b = reader.integer_in(node[1], index_path(path, 1), 1, kMaxInputSide);
    if (!a || !b) return std::nullopt;
    return std::pair{static_cast<int>(*a), static_cast<int>(*b)};
  }
  if (node.IsScalar()) {
    const std::string& text = node.Scalar();
    const std::size_t x = text.find_first_of("xX");
    if (x == std::string::npos) {
      w = h = parse_side(text);
    } else {
      w = parse_side(std::string_view(text).substr(0, x));
      h = parse_side(std::string_view(text).substr(x + 1));
    }
  }
  if (!w || !h) {
    reader.problem(path, "must be " + expected + ", got " + describe(node));
    return std::nullopt;
  }
  if (*w < 1 || *h < 1 || *w > kMaxInputSide || *h > kMaxInputSide) {
    reader.problem(path, "each side must be between 1 and " + std::to_string(kMaxInputSide) + ", got " + node.Scalar());
    return std::nullopt;
  }
  return std::pair{*w, *h};
}

std::optional<std::pair<float, float>> read_min_box(YamlReader& reader, const YAML::Node& node,
                                                    const std::string& path) {
  if (!node.IsSequence() || node.size() != 2) {
    reader.problem(path, "must be [width, height] in pixels, got " + describe(node));
    return std::nullopt;
  }
  auto w = reader.number_in(node[0], index_path(path, 0), 0.0, 1e6);
  auto h = reader.number_in(node[1], index_path(path, 1), 0.0, 1e6);
  if (!w || !h) return std::nullopt;
  return std::pair{static_cast<float>(*w), static_cast<float>(*h)};
}

}  // namespace

void read_detect(YamlReader& reader, const YAML::Node& node, const std::string& path, DetectParams& params) {
  if (node.IsNull()) return;  // "detect:" with every key commented out
  if (!reader.expect_map(node, path, "a map of detector settings")) return;
  // workers is box-wide (the service's detector pool): only the global section has it.
  const bool global = path == "detect";
  if (!global && node["workers"].IsDefined()) {
    reader.problem(key_path(path, "workers"), "the detector workers are shared by every camera: set detect.workers "
                                              "in the global detect section");
  }
  reader.check_keys(node, path,
                    {"threshold", "nms", "input_size", "min_box", "min_box_width", "min_box_height", "threads",
                     "workers"});

  if (auto v = reader.number_in(node["threshold"], key_path(path, "threshold"), 0.0, 1.0)) {
    params.threshold = static_cast<float>(*v);
  }
  if (auto v = reader.number_in(node["nms"], key_path(path, "nms"), 0.0, 1.0)) {
    params.nms_threshold = static_cast<float>(*v);
  }
  if (node["input_size"].IsDefined()) {
    if (auto size = read_input_size(reader, node["input_size"], key_path(path, "input_size"))) {
      params.input_width = size->first;
      params.input_height = size->second;
    }
  }
  const bool pair_form = node["min_box"].IsDefined();
  if (pair_form && (node["min_box_width"].IsDefined() || node["min_box_height"].IsDefined())) {
    reader.problem(key_path(path, "min_box"), "set either min_box or min_box_width/min_box_height, not both");
  } else if (pair_form) {
    if (auto box = read_min_box(reader, node["min_box"], key_path(path, "min_box"))) {
      params.min_box_width = box->first;
      params.min_box_height = box->second;
    }
  }
  if (auto v = reader.number_in(node["min_box_width"], key_path(path, "min_box_width"), 0.0, 1e6)) {
    params.min_box_width = static_cast<float>(*v);
  }
  if (auto v = reader.number_in(node["min_box_height"], key_path(path, "min_box_height"), 0.0, 1e6)) {
    params.min_box_height = static_cast<float>(*v);
  }
  if (auto v = reader.integer_in(node["threads"], key_path(path, "threads"), 0, 256)) {
    params.threads = static_cast<int>(*v);
  }
  if (global) {
    if (auto v = reader.integer_in(node["workers"], key_path(path, "workers"), 0, 256)) {
      params.workers = static_cast<int>(*v);
    }
  }
}

}  // namespace footfall::config

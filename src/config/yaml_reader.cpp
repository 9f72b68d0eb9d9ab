#include "yaml_reader.h"

#include <cmath>
#include <cstdio>
#include <set>

#include "footfall/config/config.h"

namespace footfall::config {

namespace {

// Shortest text that reads back as the same number ("0.05", "3600", "1e-06").
std::string format_number(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", value);
  return buf;
}

}  // namespace

std::string key_path(const std::string& parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  return parent + "." + std::string(key);
}

std::string index_path(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "'" + node.Scalar() + "'";
    case YAML::NodeType::Null:
      return "nothing (null)";
    case YAML::NodeType::Undefined:
      break;
  }
  return "nothing";
}

std::string join(std::initializer_list<std::string_view> words) {
  std::string out;
  for (std::string_view w : words) {
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

void YamlReader::problem(const std::string& path, const std::string& message) {
  problems_.push_back(path.empty() ? origin_ + ": " + message : origin_ + ": " + path + ": " + message);
}

Error YamlReader::error() const {
  std::string text;
  for (const std::string& p : problems_) {
    if (!text.empty()) text += '\n';
    text += p;
  }
  return make_error(text);
}

bool YamlReader::expect_map(const YAML::Node& node, const std::string& path, std::string_view what) {
  if (node.IsMap()) return true;
  problem(path, "must be " + std::string(what) + ", got " + describe(node));
  return false;
}

bool YamlReader::check_keys(const YAML::Node& node, const std::string& path,
                            std::initializer_list<std::string_view> allowed) {
  bool fine = true;
  std::set<std::string> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar()) {
      problem(path, "keys must be plain names, got " + describe(it->first));
      fine = false;
      continue;
    }
    const std::string& key = it->first.Scalar();
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key;
    if (!known) {
      problem(key_path(path, key), "unknown key (expected one of: " + join(allowed) + ")");
      fine = false;
    } else if (!seen.insert(key).second) {
      problem(key_path(path, key), "key appears more than once");
      fine = false;
    }
  }
  return fine;
}

bool YamlReader::defined_scalar(const YAML::Node& node, const std::string& path, std::string_view expected) {
  if (!node.IsDefined()) return false;
  if (node.IsScalar()) return true;
  problem(path, "must be " + std::string(expected) + ", got " + describe(node));
  return false;
}

std::optional<std::string> YamlReader::string(const YAML::Node& node, const std::string& path) {
  if (!defined_scalar(node, path, "a string")) return std::nullopt;
  auto substituted = substitute_env(node.Scalar());
  if (!substituted) {
    problem(path, substituted.error().message);
    return std::nullopt;
  }
  return std::move(*substituted);
}

std::optional<bool> YamlReader::boolean(const YAML::Node& node, const std::string& path) {
  if (!defined_scalar(node, path, "true or false")) return std::nullopt;
  bool value = false;
  if (!YAML::convert<bool>::decode(node, value)) {
    problem(path, "must be true or false, got " + describe(node));
    return std::nullopt;
  }
  return value;
}

std::optional<double> YamlReader::number(const YAML::Node& node, const std::string& path) {
  if (!defined_scalar(node, path, "a number")) return std::nullopt;
  double value = 0.0;
  if (!YAML::convert<double>::decode(node, value) || !std::isfinite(value)) {
    problem(path, "must be a number, got " + describe(node));
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> YamlReader::integer(const YAML::Node& node, const std::string& path) {
  if (!defined_scalar(node, path, "a whole number")) return std::nullopt;
  long long value = 0;
  if (!YAML::convert<long long>::decode(node, value)) {
    problem(path, "must be a whole number, got " + describe(node));
    return std::nullopt;
  }
  return static_cast<std::int64_t>(value);
}

std::optional<double> YamlReader::number_in(const YAML::Node& node, const std::string& path, double lo, double hi,
                                            bool lo_open) {
  auto value = number(node, path);
  if (!value) return std::nullopt;
  const bool below = lo_open ? *value <= lo : *value < lo;
  if (below || *value > hi) {
    const std::string range = lo_open ? "> " + format_number(lo) + " and <= " + format_number(hi)
                                      : "between " + format_number(lo) + " and " + format_number(hi);
    problem(path, "must be " + range + ", got " + node.Scalar());
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> YamlReader::integer_in(const YAML::Node& node, const std::string& path, std::int64_t lo,
                                                   std::int64_t hi) {
  auto value = integer(node, path);
  if (!value) return std::nullopt;
  if (*value < lo || *value > hi) {
    problem(path, "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", got " + node.Scalar());
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> YamlReader::choice(const YAML::Node& node, const std::string& path,
                                              std::initializer_list<std::string_view> choices) {
  auto value = string(node, path);
  if (!value) return std::nullopt;
  for (std::string_view c : choices) {
    if (c == *value) return value;
  }
  problem(path, "must be one of " + join(choices) + ", got '" + *value + "'");
  return std::nullopt;
}

}  // namespace footfall::config

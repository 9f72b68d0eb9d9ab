// Typed, validating access to a parsed YAML tree. Every problem is recorded as "ORIGIN: KEY.PATH: PROBLEM" and
// parsing carries on, so one run of `footfall check-config` lists every mistake in the file, in document order.
// Readers return nullopt after recording a problem; the caller keeps its default and goes on.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "footfall/core/result.h"

namespace footfall::config {

class YamlReader {
 public:
  explicit YamlReader(std::string origin) : origin_(std::move(origin)) {}

  // Records a problem at `path` ("cameras.door.sampling"); an empty path is the whole file.
  void problem(const std::string& path, const std::string& message);
  bool ok() const { return problems_.empty(); }
  std::size_t problem_count() const { return problems_.size(); }
  // All problems, one per line.
  Error error() const;

  // `node` must be a map; records "must be a map ..., got <what>" otherwise. `what` names what the map holds.
  bool expect_map(const YAML::Node& node, const std::string& path, std::string_view what = "a map");
  // Records every key of map `node` that is not in `allowed` ("unknown key (expected one of: ...)"), every key
  // that appears twice, and every key that is not a plain string. Returns true when all keys are fine.
  bool check_keys(const YAML::Node& node, const std::string& path, std::initializer_list<std::string_view> allowed);

  // Scalars. A missing key (undefined node) is not a problem: the reader returns nullopt without recording
  // anything, and the caller keeps its default. A null value ("key:" with nothing after it) is a problem.
  std::optional<std::string> string(const YAML::Node& node, const std::string& path);  // ${ENV} substituted
  std::optional<bool> boolean(const YAML::Node& node, const std::string& path);
  std::optional<double> number(const YAML::Node& node, const std::string& path);  // finite
  std::optional<std::int64_t> integer(const YAML::Node& node, const std::string& path);

  // Range-checked numbers: lo <= value <= hi (lo excluded when lo_open). "must be between 0 and 1, got 1.5".
  std::optional<double> number_in(const YAML::Node& node, const std::string& path, double lo, double hi,
                                  bool lo_open = false);
  std::optional<std::int64_t> integer_in(const YAML::Node& node, const std::string& path, std::int64_t lo,
                                         std::int64_t hi);
  // A string that must be one of `choices`.
  std::optional<std::string> choice(const YAML::Node& node, const std::string& path,
                                    std::initializer_list<std::string_view> choices);

  const std::string& origin() const { return origin_; }

 private:
  bool defined_scalar(const YAML::Node& node, const std::string& path, std::string_view expected);

  std::string origin_;
  std::vector<std::string> problems_;
};

// "cameras" + "door" -> "cameras.door"; "" + "database" -> "database".
std::string key_path(const std::string& parent, std::string_view key);
// "cameras.door.roi" + 2 -> "cameras.door.roi[2]".
std::string index_path(const std::string& parent, std::size_t index);
// For messages: "a map", "a list", "null", "'text'".
std::string describe(const YAML::Node& node);
// "a, b, c".
std::string join(std::initializer_list<std::string_view> words);

}  // namespace footfall::config

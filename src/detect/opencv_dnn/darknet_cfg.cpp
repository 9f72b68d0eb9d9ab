#include "darknet_cfg.h"

#include <charconv>
#include <cstdio>
#include <string_view>
#include <vector>

namespace footfall::dnn {

namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

// "[yolo]" -> "yolo"; empty when the line is not a section header.
std::string_view section_name(std::string_view line) {
  line = trim(line);
  if (line.size() < 2 || line.front() != '[' || line.back() != ']') return {};
  return trim(line.substr(1, line.size() - 2));
}

// "thresh = .25" -> key "thresh", value ".25"; false for comments and lines without '='.
bool key_value(std::string_view line, std::string_view& key, std::string_view& value) {
  line = trim(line);
  if (line.empty() || line.front() == '#' || line.front() == ';') return false;
  const auto eq = line.find('=');
  if (eq == std::string_view::npos) return false;
  key = trim(line.substr(0, eq));
  value = trim(line.substr(eq + 1));
  return true;
}

std::vector<std::string_view> split_lines(const std::string& text) {
  std::vector<std::string_view> lines;
  std::string_view rest(text);
  while (!rest.empty()) {
    const auto nl = rest.find('\n');
    lines.push_back(rest.substr(0, nl));
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  return lines;
}

int to_int(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

}  // namespace

std::string with_yolo_thresh(const std::string& cfg, float thresh) {
  char value[32];
  std::snprintf(value, sizeof value, "thresh=%g", static_cast<double>(thresh));
  std::string out;
  out.reserve(cfg.size() + 64);
  bool in_yolo = false;
  for (std::string_view line : split_lines(cfg)) {
    const std::string_view section = section_name(line);
    if (!section.empty()) {
      in_yolo = section == "yolo";
      out.append(line).push_back('\n');
      if (in_yolo) out.append(value).push_back('\n');
      continue;
    }
    std::string_view key, val;
    if (in_yolo && key_value(line, key, val) && key == "thresh") continue;  // replaced by the inserted line
    out.append(line).push_back('\n');
  }
  return out;
}

DarknetCfgInfo read_darknet_cfg_info(const std::string& cfg) {
  DarknetCfgInfo info;
  std::string_view section;
  for (std::string_view line : split_lines(cfg)) {
    const std::string_view name = section_name(line);
    if (!name.empty()) {
      section = name;
      if (section == "yolo") ++info.yolo_sections;
      continue;
    }
    std::string_view key, value;
    if (!key_value(line, key, value)) continue;
    if (section == "net" && key == "width") info.width = to_int(value);
    if (section == "net" && key == "height") info.height = to_int(value);
    if ((section == "yolo" || section == "region") && key == "classes" && info.classes == 0) {
      info.classes = to_int(value);
    }
  }
  return info;
}

}  // namespace footfall::dnn

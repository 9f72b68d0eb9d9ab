// The `stores` section: per store its IANA time zone, opening hours per weekday, cameras and the door lines whose
// crossings make its running occupancy. Names of cameras and lines are checked against the `cameras` section.
//
//   stores:
//     main-street:
//       timezone: Europe/Berlin
//       hours: {daily: "09:00-20:00", sat: "10:00-18:00", sun: closed}
//       cameras: [entrance, tills]
//       entry_lines: [{camera: entrance, line: door}]
#include <algorithm>
#include <set>

#include "footfall/core/time_zone.h"
#include "sections.h"

namespace footfall::config {

namespace {

constexpr std::string_view kDays[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// "HH:MM" (00:00 to 24:00) -> minutes after midnight.
std::optional<int> parse_clock(const std::string& text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (std::size_t i : {0u, 1u, 3u, 4u}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) return std::nullopt;
  return hours * 60 + minutes;
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

// "09:00-12:30, 13:30-20:00", "closed", or a list of such strings -> sorted, non-overlapping intervals.
std::optional<std::vector<OpeningInterval>> read_day(YamlReader& reader, const YAML::Node& node,
                                                     const std::string& path) {
  std::vector<std::string> texts;
  if (node.IsSequence()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      auto text = reader.string(node[i], index_path(path, i));
      if (!text) return std::nullopt;
      texts.push_back(*text);
    }
  } else {
    auto text = reader.string(node, path);
    if (!text) return std::nullopt;
    texts.push_back(*text);
  }
  std::vector<OpeningInterval> intervals;
  for (const std::string& text : texts) {
    if (trim(text) == "closed") continue;
    std::size_t start = 0;
    while (start <= text.size()) {
      const auto comma = text.find(',', start);
      const std::string item = trim(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      start = comma == std::string::npos ? text.size() + 1 : comma + 1;
      const auto dash = item.find('-');
      const auto open = dash == std::string::npos ? std::nullopt : parse_clock(trim(item.substr(0, dash)));
      const auto close = dash == std::string::npos ? std::nullopt : parse_clock(trim(item.substr(dash + 1)));
      if (!open || !close) {
        reader.problem(path, "'" + item + "' is not an opening interval; expected HH:MM-HH:MM (e.g. 09:00-20:00, "
                                          "24:00 for midnight), several separated by commas, or closed");
        return std::nullopt;
      }
      if (*open == 24 * 60) {
        reader.problem(path, "'" + item + "': opening at 24:00; use 00:00 of the next day");
        return std::nullopt;
      }
      if (*close <= *open) {
        reader.problem(path, "'" + item + "': closing must be after opening (for hours past midnight, list "
                                          "00:00-HH:MM on the next day)");
        return std::nullopt;
      }
      intervals.push_back({*open, *close});
    }
  }
  std::sort(intervals.begin(), intervals.end(),
            [](const OpeningInterval& a, const OpeningInterval& b) { return a.open_minute < b.open_minute; });
  for (std::size_t i = 1; i < intervals.size(); ++i) {
    if (intervals[i].open_minute < intervals[i - 1].close_minute) {
      reader.problem(path, "opening intervals overlap");
      return std::nullopt;
    }
  }
  return intervals;
}

void read_hours(YamlReader& reader, const YAML::Node& node, const std::string& path, StoreConfig& store) {
  if (!reader.expect_map(node, path, "a map of day (daily, mon, tue, wed, thu, fri, sat, sun) to opening hours")) {
    return;
  }
  reader.check_keys(node, path, {"daily", "mon", "tue", "wed", "thu", "fri", "sat", "sun"});
  std::array<std::vector<OpeningInterval>, 7> hours;  // closed unless a key says otherwise
  if (node["daily"].IsDefined()) {
    if (auto daily = read_day(reader, node["daily"], key_path(path, "daily"))) hours.fill(*daily);
  }
  for (std::size_t d = 0; d < 7; ++d) {
    const std::string key(kDays[d]);
    if (!node[key].IsDefined()) continue;
    if (auto day = read_day(reader, node[key], key_path(path, key))) hours[d] = std::move(*day);
  }
  store.hours = std::move(hours);
}

std::string names_of(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& n : names) text += (text.empty() ? "" : ", ") + n;
  return text.empty() ? "none" : text;
}

const CameraConfig* find_camera(const std::vector<CameraConfig>& cameras, const std::string& name) {
  for (const CameraConfig& c : cameras) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

std::string camera_names(const std::vector<CameraConfig>& cameras) {
  std::vector<std::string> names;
  for (const CameraConfig& c : cameras) names.push_back(c.name);
  return names_of(names);
}

void read_entry_lines(YamlReader& reader, const YAML::Node& node, const std::string& path,
                      const std::vector<CameraConfig>& cameras, StoreConfig& store) {
  if (node.IsNull()) return;
  if (!node.IsSequence()) {
    reader.problem(path, "must be a list of {camera, line}, got " + describe(node));
    return;
  }
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node item = node[i];
    const std::string item_path = index_path(path, i);
    if (!reader.expect_map(item, item_path, "a map with camera and line")) continue;
    reader.check_keys(item, item_path, {"camera", "line"});
    const std::string camera_path = key_path(item_path, "camera");
    const std::string line_path = key_path(item_path, "line");
    if (!item["camera"].IsDefined()) reader.problem(camera_path, "missing; the camera that has the line");
    if (!item["line"].IsDefined()) reader.problem(line_path, "missing; a line of that camera");
    auto camera = reader.string(item["camera"], camera_path);
    auto line = reader.string(item["line"], line_path);
    if (!camera || !line) continue;
    const CameraConfig* config = find_camera(cameras, *camera);
    if (config == nullptr) {
      reader.problem(camera_path, "unknown camera '" + *camera + "' (cameras: " + camera_names(cameras) + ")");
      continue;
    }
    const bool has_line = std::any_of(config->lines.begin(), config->lines.end(),
                                      [&](const LineConfig& l) { return l.name == *line; });
    if (!has_line) {
      std::vector<std::string> lines;
      for (const LineConfig& l : config->lines) lines.push_back(l.name);
      reader.problem(line_path, "camera " + *camera + " has no line '" + *line + "' (its lines: " + names_of(lines) +
                                    ")");
      continue;
    }
    if (!seen.insert({*camera, *line}).second) {
      reader.problem(item_path, "the line " + *camera + "." + *line + " is listed twice");
      continue;
    }
    store.entry_lines.push_back({*camera, *line});
  }
}

}  // namespace

// `staffing: {people_per_associate, min_floor_staff, service_seconds, service_target, within_seconds, min_tills,
// conversion}`: the analytics module's StaffingPolicy, validated by it (its messages name the field).
void read_staffing(YamlReader& reader, const YAML::Node& node, const std::string& path, StaffingPolicy& policy) {
  if (node.IsNull()) return;
  if (!reader.expect_map(node, path,
                         "a map with people_per_associate, min_floor_staff, service_seconds, service_target, "
                         "within_seconds, min_tills, conversion")) {
    return;
  }
  reader.check_keys(node, path,
                    {"people_per_associate", "min_floor_staff", "service_seconds", "service_target", "within_seconds",
                     "min_tills", "conversion"});
  if (auto v = reader.number(node["people_per_associate"], key_path(path, "people_per_associate"))) {
    policy.people_per_associate = *v;
  }
  if (auto v = reader.integer_in(node["min_floor_staff"], key_path(path, "min_floor_staff"), 0, 10000)) {
    policy.min_floor_staff = static_cast<int>(*v);
  }
  if (auto v = reader.number(node["service_seconds"], key_path(path, "service_seconds"))) policy.service_seconds = *v;
  if (auto v = reader.number(node["service_target"], key_path(path, "service_target"))) policy.service_target = *v;
  if (auto v = reader.number(node["within_seconds"], key_path(path, "within_seconds"))) {
    policy.target_within_seconds = *v;
  }
  if (auto v = reader.integer_in(node["min_tills"], key_path(path, "min_tills"), 0, 10000)) {
    policy.min_tills = static_cast<int>(*v);
  }
  if (auto v = reader.number(node["conversion"], key_path(path, "conversion"))) policy.conversion_fallback = *v;
  if (Status s = validate(policy); !s) {
    // "staffing.service_target: must be ..." -> "stores.NAME.staffing.service_target: must be ..."
    std::string message = s.error().message;
    if (message.rfind("staffing.", 0) == 0) message = message.substr(std::string("staffing.").size());
    const std::size_t colon = message.find(':');
    std::string field = colon == std::string::npos ? "" : message.substr(0, colon);
    if (field == "target_within_seconds") field = "within_seconds";
    if (field == "conversion_fallback") field = "conversion";
    if (colon != std::string::npos) {
      reader.problem(key_path(path, field), message.substr(colon + 2));
    } else {
      reader.problem(path, message);
    }
  }
}

std::vector<StoreConfig> read_stores(YamlReader& reader, const YAML::Node& node, const std::string& path,
                                     const std::vector<CameraConfig>& cameras) {
  std::vector<StoreConfig> stores;
  if (node.IsNull()) return stores;
  if (!reader.expect_map(node, path, "a map of store name to store settings")) return stores;
  std::set<std::string> names;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar()) {
      reader.problem(path, "store names must be plain names, got " + describe(it->first));
      continue;
    }
    const std::string& name = it->first.Scalar();
    const std::string store_path = key_path(path, name);
    if (!valid_name(name)) {
      reader.problem(store_path, "invalid store name; use letters, digits, '_' and '-' only");
      continue;
    }
    if (!names.insert(name).second) {
      reader.problem(store_path, "duplicate store name");
      continue;
    }
    const YAML::Node item = it->second;
    if (!reader.expect_map(item, store_path, "a map with timezone, hours, cameras, entry_lines, staffing")) continue;
    reader.check_keys(item, store_path, {"timezone", "hours", "cameras", "entry_lines", "staffing"});
    StoreConfig store;
    store.name = name;
    for (auto& day : store.hours) day = {{0, 24 * 60}};  // default: open all day

    const std::string tz_path = key_path(store_path, "timezone");
    if (!item["timezone"].IsDefined()) {
      reader.problem(tz_path, "missing; the store's IANA time zone, such as Europe/Berlin (opening hours are local)");
    } else if (auto tz = reader.string(item["timezone"], tz_path)) {
      if (Status s = validate_time_zone(*tz); !s) {
        reader.problem(tz_path, s.error().message);
      } else {
        store.timezone = *tz;
      }
    }
    if (item["hours"].IsDefined()) read_hours(reader, item["hours"], key_path(store_path, "hours"), store);

    const std::string cameras_path = key_path(store_path, "cameras");
    if (item["cameras"].IsDefined()) {
      const YAML::Node list = item["cameras"];
      if (!list.IsSequence()) {
        reader.problem(cameras_path, "must be a list of camera names, got " + describe(list));
      } else {
        for (std::size_t i = 0; i < list.size(); ++i) {
          auto camera = reader.string(list[i], index_path(cameras_path, i));
          if (!camera) continue;
          if (find_camera(cameras, *camera) == nullptr) {
            reader.problem(index_path(cameras_path, i),
                           "unknown camera '" + *camera + "' (cameras: " + camera_names(cameras) + ")");
          } else if (std::find(store.cameras.begin(), store.cameras.end(), *camera) == store.cameras.end()) {
            store.cameras.push_back(*camera);
          }
        }
      }
    }
    if (item["entry_lines"].IsDefined()) {
      read_entry_lines(reader, item["entry_lines"], key_path(store_path, "entry_lines"), cameras, store);
    }
    if (item["staffing"].IsDefined()) {
      read_staffing(reader, item["staffing"], key_path(store_path, "staffing"), store.staffing);
    }
    for (const EntryLine& e : store.entry_lines) {
      if (std::find(store.cameras.begin(), store.cameras.end(), e.camera) == store.cameras.end()) {
        store.cameras.push_back(e.camera);
      }
    }
    stores.push_back(std::move(store));
  }
  return stores;
}

}  // namespace footfall::config

#include "footfall/app/pending_regions.h"

#include <fstream>
#include <sstream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "footfall/report/report_render.h"

namespace footfall {
namespace {

constexpr int kFormatVersion = 1;

nlohmann::json to_json(const IgnoreRegion& r) {
  return {{"id", r.id},
          {"x", r.box.x},
          {"y", r.box.y},
          {"width", r.box.width},
          {"height", r.box.height},
          {"origin", std::string(to_string(r.origin))},
          {"created_ms", r.created_ms},
          {"enabled", r.enabled}};
}

IgnoreRegion from_json(const nlohmann::json& j) {
  IgnoreRegion r;
  r.id = j.at("id").get<std::int64_t>();
  r.box = Box{j.at("x").get<float>(), j.at("y").get<float>(), j.at("width").get<float>(), j.at("height").get<float>()};
  const auto origin = parse_ignore_origin(j.at("origin").get<std::string>());
  if (!origin) throw std::runtime_error("unknown origin '" + j.at("origin").get<std::string>() + "'");
  r.origin = *origin;
  r.created_ms = j.at("created_ms").get<TimestampMs>();
  r.enabled = j.at("enabled").get<bool>();
  if (!(r.box.width > 0.0f) || !(r.box.height > 0.0f)) throw std::runtime_error("a region without area");
  return r;
}

}  // namespace

Result<std::vector<IgnoreRegion>> PendingRegions::load() const {
  std::vector<IgnoreRegion> regions;
  if (path_.empty()) return regions;
  std::error_code ec;
  if (!std::filesystem::exists(path_, ec)) return regions;
  std::ifstream in(path_, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) return make_error(path_.string() + ": cannot read the pending ignore regions");
  try {
    const auto document = nlohmann::json::parse(text.str());
    const int version = document.at("version").get<int>();
    if (version != kFormatVersion) {
      return make_error(path_.string() + ": pending ignore regions of format version " + std::to_string(version) +
                        ", this build reads " + std::to_string(kFormatVersion));
    }
    for (const auto& item : document.at("regions")) regions.push_back(from_json(item));
  } catch (const std::exception& e) {
    return make_error(path_.string() + ": not a file of pending ignore regions: " + e.what());
  }
  return regions;
}

Status PendingRegions::save(const std::vector<IgnoreRegion>& regions) const {
  if (path_.empty()) return Status::success();
  std::error_code ec;
  if (regions.empty()) {
    std::filesystem::remove(path_, ec);
    if (ec) return make_error(path_.string() + ": cannot remove: " + ec.message());
    return Status::success();
  }
  std::filesystem::create_directories(path_.parent_path(), ec);
  if (ec) return make_error(path_.parent_path().string() + ": cannot create the folder: " + ec.message());
  nlohmann::json list = nlohmann::json::array();
  for (const IgnoreRegion& r : regions) list.push_back(to_json(r));
  const nlohmann::json document{{"version", kFormatVersion}, {"regions", list}};
  return write_file_atomically(path_, document.dump(2) + "\n");
}

std::filesystem::path pending_regions_path(const std::filesystem::path& dir, const std::string& camera) {
  return dir / (camera + ".json");
}

}  // namespace footfall

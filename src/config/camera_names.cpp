// Camera names across boxes (issue 6): a camera of a store is stored, published and served as "<store>.<camera>",
// so that the same camera name in two stores (every store has a "door") never mixes their rows in a shared
// database. The `cameras` section keeps the plain name; the stores' lists and entry lines are rewritten with it.
#include <algorithm>
#include <map>

#include "footfall/config/config.h"
#include "sections.h"

namespace footfall {

std::string qualified_camera_name(const std::string& store, const std::string& local_name) {
  return store + "." + local_name;
}

const CameraConfig* find_camera_by_name(const AppConfig& config, const std::string& name) {
  const CameraConfig* by_local = nullptr;
  int local_matches = 0;
  for (const CameraConfig& c : config.cameras) {
    if (c.name == name) return &c;
    if (c.local_name == name) {
      by_local = &c;
      ++local_matches;
    }
  }
  return local_matches == 1 ? by_local : nullptr;
}

const std::string* match_camera_name(const std::vector<std::string>& names, const std::string& name) {
  const std::string* qualified = nullptr;
  int matches = 0;
  for (const std::string& n : names) {
    if (n == name) return &n;
    if (n.size() > name.size() && n.compare(n.size() - name.size(), name.size(), name) == 0 &&
        n[n.size() - name.size() - 1] == '.') {
      qualified = &n;
      ++matches;
    }
  }
  return matches == 1 ? qualified : nullptr;
}

namespace config {

void qualify_store_cameras(YamlReader& reader, const std::string& stores_path, AppConfig& app) {
  std::map<std::string, std::string> owner;  // camera -> store
  for (const StoreConfig& s : app.stores) {
    for (const std::string& camera : s.cameras) {
      auto [it, inserted] = owner.emplace(camera, s.name);
      if (!inserted && it->second != s.name) {
        reader.problem(key_path(key_path(stores_path, s.name), "cameras"),
                       "camera '" + camera + "' already belongs to store '" + it->second +
                           "'; a camera belongs to one store (its rows are stored as <store>.<camera>)");
      }
    }
  }
  std::map<std::string, std::string> renamed;  // local -> qualified
  for (CameraConfig& c : app.cameras) {
    auto it = owner.find(c.local_name);
    if (it == owner.end()) continue;
    c.store = it->second;
    c.name = qualified_camera_name(c.store, c.local_name);
    renamed[c.local_name] = c.name;
  }
  for (StoreConfig& s : app.stores) {
    for (std::string& camera : s.cameras) camera = renamed.count(camera) ? renamed[camera] : camera;
    for (EntryLine& e : s.entry_lines) e.camera = renamed.count(e.camera) ? renamed[e.camera] : e.camera;
  }
}

}  // namespace config
}  // namespace footfall

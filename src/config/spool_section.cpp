// The `spool` section: where rows wait on local disk while the database is out of reach, and how much disk they may
// take. The folder defaults to `footfall-spool` next to a SQLite database file, and to ./footfall-spool (the working
// directory) for a PostgreSQL URL, which names no local folder.
//
//   spool:
//     dir: /var/lib/footfall/spool
//     max_mb: 1024
//     warn_percent: 80
#include <filesystem>

#include "footfall/config/config.h"
#include "yaml_reader.h"

namespace footfall {

namespace {

// "sqlite", "postgresql", ... for "scheme:..." (lower case; at least two letters, so "C:\x" is a path); else "".
std::string scheme_of(const std::string& url) {
  const std::size_t colon = url.find(':');
  if (colon == std::string::npos || colon < 2) return {};
  std::string scheme;
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = url[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!letter && !(i > 0 && other)) return {};
    scheme += static_cast<char>(letter && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return scheme;
}

}  // namespace

std::string default_spool_dir(const std::string& database) {
  constexpr const char* kName = "footfall-spool";
  const std::string scheme = scheme_of(database);
  if (scheme == "postgresql" || scheme == "postgres") return kName;
  std::string path = database;
  if (scheme == "sqlite") path = database.substr(database.compare(6, 3, "://") == 0 ? 9 : 7);
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::string(kName) : (parent / kName).string();
}

namespace config {

void read_spool(YamlReader& reader, const YAML::Node& node, const std::string& path, const std::string& database,
                SpoolConfig& spool) {
  spool.dir = default_spool_dir(database);
  if (!node.IsDefined() || node.IsNull()) return;
  if (!reader.expect_map(node, path, "a map with dir, max_mb, warn_percent")) return;
  reader.check_keys(node, path, {"dir", "max_mb", "warn_percent"});
  if (auto dir = reader.string(node["dir"], key_path(path, "dir"))) {
    if (dir->empty()) {
      reader.problem(key_path(path, "dir"), "must not be empty (leave it out for the default, " + spool.dir + ")");
    } else {
      spool.dir = std::move(*dir);
    }
  }
  // Up to 1 TiB; at least 1 MB so that a few minutes of rows fit.
  if (auto mb = reader.integer_in(node["max_mb"], key_path(path, "max_mb"), 1, 1024 * 1024)) spool.max_mb = *mb;
  if (auto percent = reader.integer_in(node["warn_percent"], key_path(path, "warn_percent"), 1, 100)) {
    spool.warn_percent = static_cast<int>(*percent);
  }
}

}  // namespace config
}  // namespace footfall

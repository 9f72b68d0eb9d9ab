// parse_config / load_config: YAML text -> validated AppConfig. The top level holds the sections database, model,
// detect, logging, cameras, stores and server; each is read by its own function and every problem is reported with
// its key path.
#include <fstream>
#include <sstream>

#include "footfall/config/config.h"
#include "sections.h"
#include "yaml_reader.h"

namespace footfall {

namespace config {

void read_mqtt(YamlReader& reader, const YAML::Node& node, const std::string& path, MqttConfig& mqtt);
// spool_section.cpp; always called (the folder's default depends on the database).
void read_spool(YamlReader& reader, const YAML::Node& node, const std::string& path, const std::string& database,
                SpoolConfig& spool);

namespace {

// `retention: {raw_days, minute_days, hour_days}` under database.
void read_retention(YamlReader& reader, const YAML::Node& node, const std::string& path, RetentionConfig& retention) {
  if (node.IsNull()) return;
  if (!reader.expect_map(node, path, "a map with raw_days, minute_days, hour_days")) return;
  reader.check_keys(node, path, {"raw_days", "minute_days", "hour_days"});
  const std::pair<const char*, int*> keys[] = {
      {"raw_days", &retention.raw_days}, {"minute_days", &retention.minute_days}, {"hour_days", &retention.hour_days}};
  for (const auto& [key, field] : keys) {
    if (auto days = reader.integer_in(node[key], key_path(path, key), 0, 36500)) *field = static_cast<int>(*days);
  }
  // Rollups are rebuilt from raw rows: keeping minutes for less time than raw rows would be pointless, and a zero
  // (forever) raw retention with finite rollups is allowed.
  if (retention.minute_days != 0 && retention.raw_days != 0 && retention.minute_days < retention.raw_days) {
    reader.problem(key_path(path, "minute_days"), "must be >= raw_days (" + std::to_string(retention.raw_days) +
                                                      ") or 0 (forever), got " + std::to_string(retention.minute_days));
  }
  if (retention.hour_days != 0 && retention.minute_days != 0 && retention.hour_days < retention.minute_days) {
    reader.problem(key_path(path, "hour_days"), "must be >= minute_days (" + std::to_string(retention.minute_days) +
                                                    ") or 0 (forever), got " + std::to_string(retention.hour_days));
  }
}

// `database: PATH_OR_URL` or `database: {url, batch_rows, batch_ms, retention}`.
void read_database(YamlReader& reader, const YAML::Node& node, StorageConfig& storage) {
  const std::string path = "database";
  if (node.IsNull()) return;  // a section with every key commented out keeps its defaults
  if (node.IsScalar()) {
    if (auto url = reader.string(node, path)) storage.database = std::move(*url);
  } else if (reader.expect_map(node, path, "a path or URL, or a map with url, batch_rows, batch_ms, retention")) {
    reader.check_keys(node, path, {"url", "batch_rows", "batch_ms", "retention"});
    if (node["retention"].IsDefined()) {
      read_retention(reader, node["retention"], key_path(path, "retention"), storage.retention);
    }
    if (auto url = reader.string(node["url"], key_path(path, "url"))) storage.database = std::move(*url);
    if (auto rows = reader.integer_in(node["batch_rows"], key_path(path, "batch_rows"), 1, 100000)) {
      storage.batch_rows = static_cast<int>(*rows);
    }
    if (auto ms = reader.integer_in(node["batch_ms"], key_path(path, "batch_ms"), 0, 3600000)) {
      storage.batch_ms = static_cast<int>(*ms);
    }
  }
  if (storage.database.empty()) reader.problem(path, "must not be empty");
}

// `model: NAME` or `model: {name, path, cache_dir, download}`.
void read_model(YamlReader& reader, const YAML::Node& node, ModelParams& model) {
  const std::string path = "model";
  if (node.IsNull()) return;
  if (node.IsScalar()) {
    if (auto name = reader.string(node, path)) model.name = std::move(*name);
    return;
  }
  if (!reader.expect_map(node, path, "a model name, or a map with name, path, cache_dir, download")) return;
  reader.check_keys(node, path, {"name", "path", "cache_dir", "download"});
  if (auto name = reader.string(node["name"], key_path(path, "name"))) model.name = std::move(*name);
  if (auto file = reader.string(node["path"], key_path(path, "path"))) model.path = std::move(*file);
  if (auto dir = reader.string(node["cache_dir"], key_path(path, "cache_dir"))) model.cache_dir = std::move(*dir);
  if (auto download = reader.boolean(node["download"], key_path(path, "download"))) model.allow_download = *download;
}

// `logging: {level}`.
void read_logging(YamlReader& reader, const YAML::Node& node, std::string& level) {
  const std::string path = "logging";
  if (node.IsNull()) return;
  if (!reader.expect_map(node, path, "a map with level")) return;
  reader.check_keys(node, path, {"level"});
  if (auto value = reader.choice(node["level"], key_path(path, "level"), {"trace", "debug", "info", "warn", "error"})) {
    level = std::move(*value);
  }
}

AppConfig read_app(YamlReader& reader, const YAML::Node& root) {
  AppConfig app;
  if (!root.IsDefined() || root.IsNull()) return app;  // an empty file: every default
  if (!reader.expect_map(root, "",
                         "a map of sections (database, model, detect, tracking, logging, cameras, stores, server, mqtt, "
                         "spool) "
                         "at the top level")) {
    return app;
  }
  reader.check_keys(root, "", {"database", "model", "detect", "tracking", "logging", "cameras", "stores", "server",
                               "mqtt", "spool"});
  if (root["database"].IsDefined()) read_database(reader, root["database"], app.storage);
  read_spool(reader, root["spool"], "spool", app.storage.database, app.spool);  // after the database
  if (root["model"].IsDefined()) read_model(reader, root["model"], app.model);
  if (root["detect"].IsDefined()) read_detect(reader, root["detect"], "detect", app.detect);
  if (root["tracking"].IsDefined()) read_tracking(reader, root["tracking"], "tracking", app.tracking);
  if (root["logging"].IsDefined()) read_logging(reader, root["logging"], app.log_level);
  if (root["server"].IsDefined()) read_server(reader, root["server"], "server", app.server);
  // Cameras last: their detect and tracking sections are merged over the global ones read above.
  if (root["cameras"].IsDefined()) {
    app.cameras = read_cameras(reader, root["cameras"], "cameras", app.detect, app.tracking);
  }
  // Stores after cameras: they name cameras and their lines.
  if (root["stores"].IsDefined()) {
    app.stores = read_stores(reader, root["stores"], "stores", app.cameras);
    qualify_store_cameras(reader, "stores", app);  // camera_names.cpp
  }
  if (root["mqtt"].IsDefined()) read_mqtt(reader, root["mqtt"], "mqtt", app.mqtt);  // mqtt_section.cpp
  return app;
}

}  // namespace
}  // namespace config

Result<AppConfig> parse_config(const std::string& yaml_text, const std::string& origin) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    if (e.mark.is_null()) return make_error(origin + ": malformed YAML: " + e.msg);
    return make_error(origin + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                      ": malformed YAML: " + e.msg);
  }
  config::YamlReader reader(origin);
  AppConfig app;
  try {
    app = config::read_app(reader, root);
  } catch (const YAML::Exception& e) {
    // The readers check node types before every access; this is a safety net, not a path we expect.
    reader.problem("", std::string("invalid configuration: ") + e.what());
  }
  if (!reader.ok()) return reader.error();
  return app;
}

Result<AppConfig> load_config(const std::filesystem::path& path) {
  std::error_code dir_ec;
  if (std::filesystem::is_directory(path, dir_ec)) return make_error(path.string() + ": is a directory, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    return make_error(path.string() + ": cannot read configuration file" + (exists ? "" : ": no such file"));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return make_error(path.string() + ": cannot read configuration file");
  return parse_config(text.str(), path.string());
}

}  // namespace footfall

// The `mqtt` section (issue 6, docs/mqtt.md): the broker the MQTT publisher connects to, its credentials and TLS,
// the topic prefix, Home Assistant discovery and where events wait while the broker is out of reach. The publisher
// is on when the section is present.
//
//   mqtt:
//     host: broker.example.com
//     port: 8883
//     prefix: footfall
//     username: footfall
//     password: ${MQTT_PASSWORD}
//     tls: {ca_file: /etc/footfall/mqtt-ca.pem}
//     discovery: {enabled: true, prefix: homeassistant}
#include <filesystem>

#include "sections.h"

namespace footfall::config {

namespace {

// A topic prefix: one or more levels separated by '/', no wildcards, no empty level, not a $SYS-style topic.
std::optional<std::string> read_topic_prefix(YamlReader& reader, const YAML::Node& node, const std::string& path) {
  auto prefix = reader.string(node, path);
  if (!prefix) return std::nullopt;
  std::string problem;
  if (prefix->empty()) {
    problem = "must not be empty";
  } else if (prefix->find_first_of("+#") != std::string::npos || prefix->find('\0') != std::string::npos) {
    problem = "must not contain the MQTT wildcards + or #";
  } else if (prefix->front() == '/' || prefix->back() == '/' || prefix->find("//") != std::string::npos) {
    problem = "must not start or end with '/' nor hold an empty level ('//')";
  } else if (prefix->front() == '$') {
    problem = "must not start with '$' (reserved for the broker's own topics)";
  }
  if (!problem.empty()) {
    reader.problem(path, problem + ", got '" + *prefix + "'");
    return std::nullopt;
  }
  return prefix;
}

// A PEM file that must exist (checked at load so that `footfall check-config` catches a wrong path).
std::optional<std::string> read_pem_path(YamlReader& reader, const YAML::Node& node, const std::string& path) {
  auto file = reader.string(node, path);
  if (!file) return std::nullopt;
  std::error_code ec;
  if (file->empty()) {
    reader.problem(path, "must not be empty");
    return std::nullopt;
  }
  if (!std::filesystem::is_regular_file(*file, ec)) {
    reader.problem(path, "no such file: " + *file);
    return std::nullopt;
  }
  return file;
}

void read_tls(YamlReader& reader, const YAML::Node& node, const std::string& path, MqttConfig& mqtt) {
  if (node.IsNull()) return;  // `tls:` with every key commented out: plain MQTT
  if (!reader.expect_map(node, path, "a map with ca_file, cert_file, key_file (PEM files)")) return;
  reader.check_keys(node, path, {"ca_file", "cert_file", "key_file"});
  mqtt.tls = true;
  if (auto ca = read_pem_path(reader, node["ca_file"], key_path(path, "ca_file"))) mqtt.tls_ca_file = std::move(*ca);
  auto cert = read_pem_path(reader, node["cert_file"], key_path(path, "cert_file"));
  auto key = read_pem_path(reader, node["key_file"], key_path(path, "key_file"));
  if (node["cert_file"].IsDefined() != node["key_file"].IsDefined()) {
    reader.problem(key_path(path, node["cert_file"].IsDefined() ? "key_file" : "cert_file"),
                   "missing; a client certificate needs both cert_file and key_file");
    return;
  }
  if (cert && key) {
    mqtt.tls_cert_file = std::move(*cert);
    mqtt.tls_key_file = std::move(*key);
  }
}

// `discovery: false` or `discovery: {enabled, prefix}`.
void read_discovery(YamlReader& reader, const YAML::Node& node, const std::string& path, MqttConfig& mqtt) {
  if (node.IsNull()) return;
  if (node.IsScalar()) {
    if (auto enabled = reader.boolean(node, path)) mqtt.discovery = *enabled;
    return;
  }
  if (!reader.expect_map(node, path, "true, false, or a map with enabled, prefix")) return;
  reader.check_keys(node, path, {"enabled", "prefix"});
  if (auto enabled = reader.boolean(node["enabled"], key_path(path, "enabled"))) mqtt.discovery = *enabled;
  if (auto prefix = read_topic_prefix(reader, node["prefix"], key_path(path, "prefix"))) {
    mqtt.discovery_prefix = std::move(*prefix);
  }
}

std::optional<std::string> read_non_empty(YamlReader& reader, const YAML::Node& node, const std::string& path,
                                          const std::string& hint) {
  auto value = reader.string(node, path);
  if (!value) return std::nullopt;
  if (value->empty()) {
    reader.problem(path, "must not be empty" + hint);
    return std::nullopt;
  }
  return value;
}

}  // namespace

void read_mqtt(YamlReader& reader, const YAML::Node& node, const std::string& path, MqttConfig& mqtt) {
  mqtt.enabled = true;  // present, even with every key commented out: a broker on localhost:1883
  if (node.IsNull()) return;
  if (!reader.expect_map(node, path,
                         "a map with enabled, host, port, prefix, client_id, username, password, tls, discovery, "
                         "keepalive, qos, spool_dir")) {
    return;
  }
  reader.check_keys(node, path,
                    {"enabled", "host", "port", "prefix", "client_id", "username", "password", "tls", "discovery",
                     "keepalive", "qos", "spool_dir"});
  if (auto enabled = reader.boolean(node["enabled"], key_path(path, "enabled"))) mqtt.enabled = *enabled;
  if (auto host = read_non_empty(reader, node["host"], key_path(path, "host"), " (a host name or address)")) {
    mqtt.host = std::move(*host);
  }
  if (auto port = reader.integer_in(node["port"], key_path(path, "port"), 1, 65535)) {
    mqtt.port = static_cast<int>(*port);
  }
  if (auto prefix = read_topic_prefix(reader, node["prefix"], key_path(path, "prefix"))) {
    mqtt.prefix = std::move(*prefix);
  }
  if (auto id = read_non_empty(reader, node["client_id"], key_path(path, "client_id"),
                               " (leave it out for footfall-<hostname>-<pid>)")) {
    mqtt.client_id = std::move(*id);
  }
  if (auto user = read_non_empty(reader, node["username"], key_path(path, "username"),
                                 " (leave it out to connect anonymously)")) {
    mqtt.username = std::move(*user);
  }
  if (auto password = reader.string(node["password"], key_path(path, "password"))) {
    mqtt.password = std::move(*password);
    if (!node["username"].IsDefined()) reader.problem(key_path(path, "password"), "needs a username");
  }
  if (node["tls"].IsDefined()) read_tls(reader, node["tls"], key_path(path, "tls"), mqtt);
  if (node["discovery"].IsDefined()) read_discovery(reader, node["discovery"], key_path(path, "discovery"), mqtt);
  // libmosquitto refuses a keep-alive under 5 s; MQTT's own limit is 65535 s.
  if (auto keepalive = reader.integer_in(node["keepalive"], key_path(path, "keepalive"), 5, 65535)) {
    mqtt.keepalive_s = static_cast<int>(*keepalive);
  }
  if (auto qos = reader.integer_in(node["qos"], key_path(path, "qos"), 0, 2)) mqtt.qos = static_cast<int>(*qos);
  if (auto dir = read_non_empty(reader, node["spool_dir"], key_path(path, "spool_dir"),
                                " (leave it out for the default, <spool.dir>/mqtt)")) {
    mqtt.spool_dir = std::move(*dir);
  }
}

}  // namespace footfall::config

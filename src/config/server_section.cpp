// The `server` section (footfall serve): listen address and port, TLS, request limits, browser sessions and where
// the built dashboard lives.
//
//   server:
//     bind: 0.0.0.0
//     port: 8443
//     tls: {cert: /etc/footfall/cert.pem, key: /etc/footfall/key.pem}
//     max_body_bytes: 10485760
//     session_hours: 12
//     web_root: /opt/footfall/share/footfall/web
#include <arpa/inet.h>

#include <filesystem>

#include "sections.h"

namespace footfall::config {

namespace {

bool valid_bind(const std::string& bind) {
  if (bind == "localhost") return true;
  unsigned char buffer[16];
  return ::inet_pton(AF_INET, bind.c_str(), buffer) == 1 || ::inet_pton(AF_INET6, bind.c_str(), buffer) == 1;
}

// A PEM file that must exist (checked at load so that `footfall check-config` catches a wrong path).
std::optional<std::string> read_file_path(YamlReader& reader, const YAML::Node& node, const std::string& path) {
  if (!node.IsDefined()) {
    reader.problem(path, "missing; TLS needs both cert and key (PEM files)");
    return std::nullopt;
  }
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

void read_tls(YamlReader& reader, const YAML::Node& node, const std::string& path, ServerConfig& server) {
  if (node.IsNull()) return;  // `tls:` with both keys commented out: plain HTTP
  if (!reader.expect_map(node, path, "a map with cert and key (PEM files)")) return;
  reader.check_keys(node, path, {"cert", "key"});
  auto cert = read_file_path(reader, node["cert"], key_path(path, "cert"));
  auto key = read_file_path(reader, node["key"], key_path(path, "key"));
  if (cert && key) {
    server.tls_cert = std::move(*cert);
    server.tls_key = std::move(*key);
  }
}

}  // namespace

void read_server(YamlReader& reader, const YAML::Node& node, const std::string& path, ServerConfig& server) {
  if (node.IsNull()) return;
  if (!reader.expect_map(node, path,
                         "a map with bind, port, tls, max_body_bytes, session_hours, web_root, threads, request_nice")) {
    return;
  }
  reader.check_keys(node, path, {"bind", "port", "tls", "max_body_bytes", "session_hours", "web_root", "threads",
                                  "request_nice"});
  if (auto bind = reader.string(node["bind"], key_path(path, "bind"))) {
    if (!valid_bind(*bind)) {
      reader.problem(key_path(path, "bind"),
                     "must be an IPv4 or IPv6 address (127.0.0.1, 0.0.0.0, ::1) or localhost, got '" + *bind + "'");
    } else {
      server.bind = std::move(*bind);
    }
  }
  if (auto port = reader.integer_in(node["port"], key_path(path, "port"), 0, 65535)) {
    server.port = static_cast<int>(*port);
  }
  if (node["tls"].IsDefined()) read_tls(reader, node["tls"], key_path(path, "tls"), server);
  // At least 1 KiB (a JSON request), at most 1 GiB (bodies are held in memory).
  if (auto bytes = reader.integer_in(node["max_body_bytes"], key_path(path, "max_body_bytes"), 1024,
                                     std::int64_t{1} << 30)) {
    server.max_body_bytes = *bytes;
  }
  if (auto hours = reader.number_in(node["session_hours"], key_path(path, "session_hours"), 0.0, 24.0 * 365.0,
                                    /*lo_open=*/true)) {
    server.session_hours = *hours;
  }
  if (auto root = reader.string(node["web_root"], key_path(path, "web_root"))) {
    if (root->empty()) {
      reader.problem(key_path(path, "web_root"), "must not be empty (leave it out for the default)");
    } else {
      server.web_root = std::move(*root);
    }
  }
  if (auto threads = reader.integer_in(node["threads"], key_path(path, "threads"), 2, 1024)) {
    server.threads = static_cast<int>(*threads);
  }
  if (auto nice = reader.integer_in(node["request_nice"], key_path(path, "request_nice"), 0, 19)) {
    server.request_nice = static_cast<int>(*nice);
  }
}

}  // namespace footfall::config

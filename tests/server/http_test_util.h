// A real HttpServer on 127.0.0.1 and an ephemeral port, over a real SQLite database with a real token table, the
// data routes (register_api_routes) and the server's own routes, a LiveHub and Metrics fed by a real EventBus, and a
// manual clock (sessions expire when the test says so). Plus a raw-socket client for what httplib::Client cannot
// send (a 2 GB Content-Length with no body, an unencoded "..").
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "footfall/app/events.h"
#include "footfall/config/config.h"
#include "footfall/server/api_routes.h"
#include "footfall/server/auth.h"
#include "footfall/server/http_server.h"
#include "footfall/server/live_hub.h"
#include "footfall/server/metrics.h"
#include "footfall/server/service_health.h"
#include "footfall/server/snapshot_service.h"
#include "footfall/store/store.h"
#include "test_paths.h"

namespace footfall::test {

inline constexpr TimestampMs kHttpNowMs = 1'795'514'400'000;  // 2026-11-24T10:00:00Z

class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimestampMs t) : t_(t) {}
  TimestampMs now_ms() const override { return t_.load(); }
  void advance(TimestampMs ms) { t_ += ms; }

 private:
  std::atomic<TimestampMs> t_;
};

struct TestServerOptions {
  bool with_tokens = true;                    // viewer, operator and admin tokens exist (else: open mode)
  std::int64_t max_body_bytes = 1024 * 1024;  // small, so that limits are cheap to test
  double session_hours = 12.0;
  std::string web_root{};
  std::string tls_cert{};
  std::string tls_key{};
  std::chrono::milliseconds heartbeat{250};  // short, so that a stream notices a client that left quickly
  bool snapshots = false;  // snapshot push with the real detector, camera health and counters from it
};

// Camera door (line entrance) of store main (Europe/Berlin), a push camera till.
inline std::string http_test_config(const std::filesystem::path& db) {
  return "database: " + db.string() +
         "\n"
         "cameras:\n"
         "  door:\n"
         "    source: " + vtest_avi().string() + "\n"
         "    lines:\n"
         "      entrance:\n"
         "        points: [[0.1, 0.5], [0.9, 0.5]]\n"
         "  till:\n"
         "    type: push\n"
         "stores:\n"
         "  main:\n"
         "    timezone: Europe/Berlin\n"
         "    cameras: [door, till]\n"
         "    entry_lines:\n"
         "      - {camera: door, line: entrance}\n";
}

class TestServer {
 public:
  explicit TestServer(TestServerOptions options = {}) : clock_(kHttpNowMs) {
    auto config = parse_config(http_test_config(dir_ / "footfall.db"), "test.yaml");
    if (!config) throw std::runtime_error(config.error().message);
    config_ = std::move(*config);
    config_.server.port = 0;
    config_.server.max_body_bytes = options.max_body_bytes;
    config_.server.session_hours = options.session_hours;
    config_.server.tls_cert = options.tls_cert;
    config_.server.tls_key = options.tls_key;
    config_.server.threads = 16;
    auto store = open_store((dir_ / "footfall.db").string());
    if (!store) throw std::runtime_error(store.error().message);
    store_ = std::move(*store);
    if (options.with_tokens) {
      for (Role role : {Role::kViewer, Role::kOperator, Role::kAdmin}) {
        auto created = create_api_token(*store_, std::string(role_name(role)) + "-token", role, kHttpNowMs - 1000);
        if (!created) throw std::runtime_error(created.error().message);
        tokens_[role] = created->token;
      }
    }
    live_ = std::make_shared<LiveHub>(config_);
    metrics_ = std::make_shared<Metrics>();
    bus_.subscribe(live_);
    bus_.subscribe(metrics_);
    context_.store = store_.get();
    context_.config = &config_;
    context_.clock = &clock_;
    if (options.snapshots) {
      snapshots_ = std::make_unique<SnapshotService>(config_, *store_, *live_);  // as footfall serve does
      health_ = std::make_unique<ServiceHealth>(config_, nullptr, snapshots_.get(), nullptr);
      metrics_->set_camera_source([h = health_.get()] { return h->camera_counters(); });
      context_.snapshots = snapshots_.get();
      context_.health = health_.get();
    }
    register_api_routes(router_, context_);
    HttpServerOptions server_options;
    server_options.clock = &clock_;
    server_options.web_root = options.web_root;
    server_options.live_heartbeat = options.heartbeat;
    server_ = std::make_unique<HttpServer>(config_.server, router_, *store_, live_.get(), metrics_.get(),
                                           server_options);
    if (Status s = server_->start(); !s) throw std::runtime_error(s.error().message);
  }
  ~TestServer() { server_->stop(); }

  int port() const { return server_->port(); }
  const std::string& token(Role role) { return tokens_.at(role); }
  httplib::Headers bearer(Role role) { return {{"Authorization", "Bearer " + token(role)}}; }
  std::unique_ptr<httplib::Client> client() {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", port());
    c->set_connection_timeout(5, 0);
    c->set_read_timeout(20, 0);
    return c;
  }

  HttpServer& server() { return *server_; }
  Router& router() { return router_; }
  Store& store() { return *store_; }
  EventBus& bus() { return bus_; }
  LiveHub& live() { return *live_; }
  Metrics& metrics() { return *metrics_; }
  ManualClock& clock() { return clock_; }
  const AppConfig& config() const { return config_; }
  const std::filesystem::path& dir() const { return dir_.path(); }

 private:
  TempDir dir_;
  ManualClock clock_;
  AppConfig config_;
  std::unique_ptr<Store> store_;
  std::map<Role, std::string> tokens_;
  std::shared_ptr<LiveHub> live_;
  std::shared_ptr<Metrics> metrics_;
  EventBus bus_;
  std::unique_ptr<SnapshotService> snapshots_;
  std::unique_ptr<ServiceHealth> health_;
  ApiContext context_;
  Router router_;
  std::unique_ptr<HttpServer> server_;
};

// The JSON error code of a response body ("" when it is not one).
inline std::string error_code(const std::string& body) {
  const auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("error")) return {};
  return j["error"].value("code", "");
}

struct RawResponse {
  int status = 0;   // 0: no response
  std::string head;  // status line and headers
  std::string body;  // as far as it was read (the whole body when Content-Length says how long)
  bool closed = false;  // the server closed the connection after the response
};

// Sends `request` bytes over a new connection to 127.0.0.1:port and reads one response: the head, then the body
// when its Content-Length is given (a streamed body is not waited for), then whether the server closes within
// `close_wait`. `request` may be just a head whose body is never sent.
inline RawResponse raw_http(int port, const std::string& request,
                            std::chrono::milliseconds close_wait = std::chrono::milliseconds(0),
                            std::chrono::seconds timeout = std::chrono::seconds(15)) {
  RawResponse out;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{};
  tv.tv_sec = static_cast<decltype(tv.tv_sec)>(timeout.count());
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return out;
  }
  (void)::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string data;
  char buffer[8192];
  std::size_t head_end = std::string::npos;
  while (head_end == std::string::npos) {
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    data.append(buffer, static_cast<std::size_t>(n));
    head_end = data.find("\r\n\r\n");
  }
  if (head_end == std::string::npos) {
    ::close(fd);
    return out;
  }
  out.head = data.substr(0, head_end);
  out.body = data.substr(head_end + 4);
  if (out.head.size() > 12) out.status = std::atoi(out.head.substr(9, 3).c_str());
  std::string lower_head = out.head;
  for (char& c : lower_head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto length_at = lower_head.find("content-length:");
  if (length_at != std::string::npos) {
    const std::size_t length = std::stoul(out.head.substr(length_at + 15));
    while (out.body.size() < length) {
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      out.body.append(buffer, static_cast<std::size_t>(n));
    }
  }
  if (close_wait.count() > 0) {
    timeval wait{};
    wait.tv_sec = static_cast<decltype(wait.tv_sec)>(close_wait.count() / 1000);
    wait.tv_usec = static_cast<decltype(wait.tv_usec)>((close_wait.count() % 1000) * 1000);
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    out.closed = n == 0 || (n < 0 && errno == ECONNRESET);
  }
  ::close(fd);
  return out;
}

}  // namespace footfall::test

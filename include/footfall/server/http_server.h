// HttpServer: the REST API, live events, metrics and the dashboard over HTTP or HTTPS (cpp-httplib). Every request:
//   1. gets a request id (X-Request-Id);
//   2. a body larger than server.max_body_bytes is refused with 413 before it is read (a declared Content-Length is
//      checked up front; a chunked body is cut off at the limit); multipart bodies are refused (415);
//   3. is matched against the router: no route answers 404, a route with another method 405 (with Allow); a path
//      outside /api/, /metrics and /healthz is a file of the dashboard (static_files.h);
//   4. is authenticated: "Authorization: Bearer <token>", else the session cookie (a POST, PUT, PATCH or DELETE with
//      a cookie must carry X-CSRF-Token of its session, else 403 "csrf"), else open access when the bind is loopback
//      and no token exists (admin), else 401. A role below the route's answers 403 "forbidden". /healthz and login
//      are public. A state-changing request whose Origin header names another host is refused (403 "csrf");
//   5. has its query checked: a parameter the route does not accept, or one given twice, answers 400 naming it;
//   6. with a JSON content type, a body that is not JSON answers 400 "bad_json";
//   7. runs the route's handler (an exception answers 500) and is counted in the metrics.
// Every error is JSON {"error": {"code", "message"}}; never an HTML page.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "footfall/config/config.h"
#include "footfall/core/result.h"
#include "footfall/core/time.h"
#include "footfall/server/auth.h"
#include "footfall/server/edge_health.h"
#include "footfall/server/live_hub.h"
#include "footfall/server/metrics.h"
#include "footfall/server/router.h"
#include "footfall/store/token_store.h"

namespace footfall {

struct HttpServerOptions {
  const Clock* clock = nullptr;  // null: the system clock (sessions, request times)
  std::string web_root;          // the built dashboard (resolve_web_root); empty or missing: a note
  std::chrono::milliseconds live_heartbeat{15'000};  // comment line on an idle live stream
  std::chrono::milliseconds token_cache{1'000};      // how long a token lookup is trusted
  int max_live_clients = 0;  // open live streams at most; 0 = half the request threads
  // The edge spools and their links, for /healthz and the metrics (set on `metrics` while the server exists); must
  // outlive the server. Null: /healthz reports no spools.
  const EdgeHealthSource* edge = nullptr;
};

class HttpServer {
 public:
  // Adds the server's own routes (server_routes.h) to `router`. `router`, `tokens`, `live` and `metrics` must outlive
  // the server; `live` and `metrics` may be null (their routes then answer 503).
  HttpServer(const ServerConfig& config, Router& router, TokenStore& tokens, LiveHub* live, Metrics* metrics,
             HttpServerOptions options = {});
  ~HttpServer();  // stop()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds bind:port (port 0: a free port, see port()) and serves on a background thread. Errors name the address
  // and port, or the TLS files that cannot be loaded.
  Status start();
  // Stops accepting, ends the live streams (closing the LiveHub for good), and waits for the requests in progress.
  // Idempotent.
  void stop();

  int port() const;  // the bound port, after start()
  bool tls() const;
  std::string base_url() const;  // "http://127.0.0.1:PORT" (https with TLS)
  Authenticator& authenticator();
  int live_clients() const;  // open live-event streams

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace footfall

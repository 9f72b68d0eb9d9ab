#include "footfall/server/http_server.h"

#include <httplib.h>
#include <openssl/crypto.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <thread>
#include <variant>

#include <nlohmann/json.hpp>

#include "connection_close.h"
#include "footfall/server/server_routes.h"
#include "footfall/server/static_files.h"

namespace footfall {

namespace {

using Clock_ = std::chrono::steady_clock;

// httplib's pool whose threads lower their own CPU priority by `nice` before their first request (Linux: nice is a
// per-thread attribute), so that the camera pipelines win the cores when requests pile up.
class NiceThreadPool final : public httplib::TaskQueue {
 public:
  NiceThreadPool(std::size_t threads, int nice) : pool_(threads), nice_(nice) {}
  void enqueue(std::function<void()> fn) override {
    pool_.enqueue([nice = nice_, fn = std::move(fn)] {
      thread_local bool lowered = false;
      if (!lowered && nice > 0) {
        lowered = true;
        const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
        const int current = ::getpriority(PRIO_PROCESS, tid);
        if (::setpriority(PRIO_PROCESS, tid, std::min(19, current + nice)) != 0) {
          spdlog::debug("server: cannot lower the priority of a request thread: {}", std::strerror(errno));
        }
      }
      fn();
    });
  }
  void shutdown() override { pool_.shutdown(); }

 private:
  httplib::ThreadPool pool_;
  int nice_;
};

// What the access log and the metrics need to know about the request a worker thread is handling. httplib runs a
// request from routing to logging on one thread, so a thread-local carries it from the handler to the logger.
struct RequestTrace {
  bool active = false;
  Clock_::time_point start;
  std::string route = "unmatched";
  std::string id;
  bool timed = true;  // live streams last as long as the client stays: not a latency
  bool close_after = false;  // a body was refused unread: close the connection once the response is out
};
thread_local RequestTrace t_trace;

bool is_state_changing(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool constant_time_equal(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

void write_response(httplib::Response& res, const ApiResponse& response) {
  res.status = response.status;
  for (const auto& [name, value] : response.headers) res.set_header(name, value);
  res.set_content(response.body, response.content_type);
}

const char* reason_code(int status) {
  switch (status) {
    case 400:
      return "bad_request";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 408:
      return "timeout";
    case 413:
      return "payload_too_large";
    case 414:
      return "uri_too_long";
    case 415:
      return "unsupported_media_type";
    case 416:
      return "range_not_satisfiable";
    case 503:
      return "unavailable";
    default:
      return status >= 500 ? "internal" : "error";
  }
}

// "host:port" of an Origin ("https://shop.example:8443") or of a Host header, lower case.
std::string origin_authority(const std::string& origin) {
  const auto scheme = origin.find("://");
  std::string rest = scheme == std::string::npos ? origin : origin.substr(scheme + 3);
  const auto slash = rest.find('/');
  if (slash != std::string::npos) rest.resize(slash);
  return lower(rest);
}

std::string strip_port(const std::string& authority) {
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    return close == std::string::npos ? authority : authority.substr(0, close + 1);
  }
  const auto colon = authority.rfind(':');
  return colon == std::string::npos ? authority : authority.substr(0, colon);
}

bool loopback_host(const std::string& host_header) {
  const std::string host = strip_port(lower(host_header));
  return host == "localhost" || host == "[::1]" || (host.rfind("127.", 0) == 0 && is_loopback_address(host));
}

std::string sse_event(const LiveEvent& event, bool with_id) {
  std::string text;
  if (with_id) text += "id: " + std::to_string(event.seq) + "\n";
  text += "event: " + event.type + "\ndata: " + event.data + "\n\n";
  return text;
}

}  // namespace

struct HttpServer::Impl {
  Impl(const ServerConfig& server_config, Router& r, TokenStore& tokens, LiveHub* live_hub, Metrics* server_metrics,
       HttpServerOptions server_options)
      : config(server_config),
        router(r),
        live(live_hub),
        metrics(server_metrics),
        options(std::move(server_options)),
        clock(options.clock != nullptr ? *options.clock : system_clock),
        auth(tokens, clock, is_loopback_address(config.bind), config.session_hours, options.token_cache),
        files(options.web_root),
        max_live(options.max_live_clients > 0 ? options.max_live_clients : std::max(1, config.threads / 2)) {}

  // The ids of requests: a random prefix per server and a counter.
  std::string next_request_id() {
    return id_prefix + "-" + std::to_string(next_id.fetch_add(1, std::memory_order_relaxed) + 1);
  }

  std::variant<Caller, ApiResponse> authenticate(const httplib::Request& req, const Route& route);
  void handle(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader* reader);
  void serve_live(httplib::Response& res);
  bool stream_live(struct LiveStream& stream, httplib::DataSink& sink);
  std::string allowed_methods(const std::string& path) const;

  ServerConfig config;
  Router& router;
  LiveHub* live;
  Metrics* metrics;
  HttpServerOptions options;
  SystemClock system_clock;
  const Clock& clock;
  Authenticator auth;
  StaticFiles files;
  int max_live;

  std::unique_ptr<httplib::Server> server;
  std::thread thread;
  int port = 0;
  std::string id_prefix = "r";
  std::atomic<std::uint64_t> next_id{0};
  std::atomic<int> live_clients{0};
  std::atomic<bool> stopping{false};
  std::mutex lifecycle;
  bool running = false;
};

struct LiveStream {
  bool started = false;
  std::uint64_t seq = 0;
};

std::variant<Caller, ApiResponse> HttpServer::Impl::authenticate(const httplib::Request& req, const Route& route) {
  const bool changing = is_state_changing(req.method);
  // A browser names the page that sent a request; one from another site is refused whatever its credentials
  // (cross-site request forgery), as is one from a sandboxed page ("null").
  if (changing && req.has_header("Origin")) {
    const std::string origin = req.get_header_value("Origin");
    if (origin == "null" || origin_authority(origin) != lower(req.get_header_value("Host"))) {
      return json_error(403, "csrf", "cross-site request refused: Origin " + origin + " is not this server");
    }
  }
  if (route.role == Role::kPublic) return Caller{};

  Caller caller;
  const std::string authorization = req.get_header_value("Authorization");
  const std::string session_id = cookie_value(req.get_header_value("Cookie"), kSessionCookie);
  if (!authorization.empty()) {
    if (authorization.size() < 7 || lower(authorization.substr(0, 7)) != "bearer ") {
      return json_error(401, "unauthorized", "the Authorization header must be 'Bearer <token>'");
    }
    std::string token = authorization.substr(7);
    while (!token.empty() && token.front() == ' ') token.erase(token.begin());
    while (!token.empty() && token.back() == ' ') token.pop_back();
    auto verified = auth.verify_token(token);
    if (!verified) return json_error(401, "unauthorized", "the bearer token is not valid (unknown or revoked)");
    caller = *verified;
  } else if (!session_id.empty()) {
    auto session = auth.find_session(session_id);
    if (!session) {
      ApiResponse response = json_error(401, "unauthorized", "the session has expired or was ended; log in again");
      response.headers["Set-Cookie"] = std::string(kSessionCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0" +
                                       (config.tls() ? "; Secure" : "");
      return response;
    }
    if (changing && !constant_time_equal(req.get_header_value("X-CSRF-Token"), session->csrf_token)) {
      return json_error(403, "csrf",
                        "a " + req.method + " with a session cookie needs the session's X-CSRF-Token header");
    }
    caller.name = session->token_name;
    caller.role = session->role;
    caller.session = session->id;
  } else if (auth.open_access()) {
    // Quick start: only for names of this machine, so that a web page cannot reach it through DNS rebinding.
    if (!loopback_host(req.get_header_value("Host"))) {
      return json_error(403, "forbidden", "open access (no token defined) is for loopback host names only");
    }
    caller.role = Role::kAdmin;
    caller.open = true;
  } else {
    return json_error(401, "unauthorized",
                      "this route needs an API token (Authorization: Bearer <token>) or a dashboard session");
  }
  if (caller.role < route.role) {
    return json_error(403, "forbidden",
                      std::string("this route needs the ") + role_name(route.role) + " role; token '" + caller.name +
                          "' has " + role_name(caller.role));
  }
  return caller;
}

std::string HttpServer::Impl::allowed_methods(const std::string& path) const {
  std::string allowed;
  for (const char* method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
    if (router.match(method, path).route != nullptr) allowed += std::string(allowed.empty() ? "" : ", ") + method;
  }
  return allowed;
}

void HttpServer::Impl::handle(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader* reader) {
  if (!t_trace.active) {
    t_trace = RequestTrace{};
    t_trace.active = true;
    t_trace.start = Clock_::now();
    t_trace.id = next_request_id();
  }
  res.set_header("X-Request-Id", t_trace.id);
  res.set_header("X-Content-Type-Options", "nosniff");
  const std::string method = req.method == "HEAD" ? "GET" : req.method;
  const std::string& path = req.path;
  const bool api_path = path.rfind("/api/", 0) == 0 || path == "/api" || path == "/metrics" || path == "/healthz";

  Router::Match match = router.match(method, path);
  if (match.route == nullptr) {
    if (!api_path && method == "GET" && !match.method_mismatch) {
      t_trace.route = "static";
      write_response(res, files.serve(path));
      return;
    }
    if (match.method_mismatch) {
      ApiResponse response = json_error(405, "method_not_allowed", req.method + " is not allowed on " + path);
      response.headers["Allow"] = allowed_methods(path);
      write_response(res, response);
      return;
    }
    write_response(res, json_error(404, "not_found", "no route " + req.method + " " + path));
    return;
  }
  const Route& route = *match.route;
  t_trace.route = route.pattern;

  auto authenticated = authenticate(req, route);
  if (auto* refused = std::get_if<ApiResponse>(&authenticated)) {
    write_response(res, *refused);
    return;
  }
  const Caller& caller = std::get<Caller>(authenticated);

  for (auto it = req.params.begin(); it != req.params.end(); it = req.params.upper_bound(it->first)) {
    const std::string& name = it->first;
    if (std::find(route.query_params.begin(), route.query_params.end(), name) == route.query_params.end()) {
      std::string accepted;
      for (const std::string& p : route.query_params) accepted += (accepted.empty() ? "" : ", ") + p;
      write_response(res, json_error(400, "bad_parameter",
                                     name + ": unknown query parameter (" +
                                         (accepted.empty() ? std::string("this route takes none")
                                                           : "this route accepts " + accepted) +
                                         ")"));
      return;
    }
    if (req.params.count(name) > 1) {
      write_response(res, json_error(400, "bad_parameter", name + ": given more than once"));
      return;
    }
  }

  std::string body;
  if (reader != nullptr) {
    bool too_large = false;
    const auto limit = static_cast<std::size_t>(config.max_body_bytes);
    (*reader)([&](const char* data, std::size_t length) {
      if (body.size() + length > limit) {
        too_large = true;
        return false;
      }
      body.append(data, length);
      return true;
    });
    if (too_large) {
      ApiResponse response = json_error(413, "payload_too_large",
                                        "the request body is larger than server.max_body_bytes (" +
                                            std::to_string(config.max_body_bytes) + " bytes)");
      response.headers["Connection"] = "close";  // the rest of the body was not read
      write_response(res, response);
      t_trace.close_after = true;
      return;
    }
  }
  const std::string content_type = lower(req.get_header_value("Content-Type"));
  if (!body.empty() && content_type.rfind("application/json", 0) == 0 && !nlohmann::json::accept(body)) {
    write_response(res, json_error(400, "bad_json", "the request body is not valid JSON"));
    return;
  }

  // Live events for an event stream (EventSource sends this Accept); anyone else gets the current state as JSON.
  if (route.pattern == kLiveRoute && live != nullptr &&
      lower(req.get_header_value("Accept")).find("text/event-stream") != std::string::npos) {
    serve_live(res);
    return;
  }

  ApiRequest request;
  request.method = method;
  request.path = path;
  request.path_params = std::move(match.path_params);
  request.query.insert(req.params.begin(), req.params.end());
  for (const auto& [name, value] : req.headers) request.headers.emplace(lower(name), value);
  request.body = std::move(body);
  request.role = caller.role;
  request.token_name = caller.name;
  request.received_ms = clock.now_ms();
  ApiResponse response;
  try {
    response = route.handler(request);
  } catch (const std::exception& e) {
    spdlog::error("server: request {} {} {} failed: {}", t_trace.id, req.method, path, e.what());
    response = json_error(500, "internal", "the server failed to handle this request (request id " + t_trace.id + ")");
  }
  if (response.headers.find("Cache-Control") == response.headers.end()) response.headers["Cache-Control"] = "no-store";
  write_response(res, response);
}

void HttpServer::Impl::serve_live(httplib::Response& res) {
  t_trace.timed = false;
  if (live_clients.fetch_add(1) >= max_live) {
    live_clients.fetch_sub(1);
    write_response(res, json_error(503, "unavailable",
                                   "too many live streams open (" + std::to_string(max_live) + "); try again later"));
    return;
  }
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Accel-Buffering", "no");  // a proxy in front must not buffer the stream
  auto stream = std::make_shared<LiveStream>();
  res.set_chunked_content_provider(
      "text/event-stream",
      [this, stream](std::size_t /*offset*/, httplib::DataSink& sink) { return stream_live(*stream, sink); },
      [this](bool /*success*/) { live_clients.fetch_sub(1); });
}

// Called by httplib again and again while it returns true; each call waits for the next events (at most one
// heartbeat) and writes them. A client that went away makes the write fail, which ends the stream.
bool HttpServer::Impl::stream_live(LiveStream& stream, httplib::DataSink& sink) {
  std::string text;
  if (!stream.started) {
    stream.started = true;
    text = "retry: 3000\n\n";
    for (const LiveEvent& e : live->snapshot(&stream.seq)) text += sse_event(e, false);
    return sink.write(text.data(), text.size());
  }
  bool resync = false;
  std::vector<LiveEvent> events = live->wait_after(stream.seq, options.live_heartbeat, &resync);
  if (stopping.load() || live->closed()) {
    sink.done();
    return true;
  }
  if (resync) {
    for (const LiveEvent& e : live->snapshot(&stream.seq)) text += sse_event(e, false);
  } else if (events.empty()) {
    text = ": heartbeat\n\n";
  } else {
    for (const LiveEvent& e : events) text += sse_event(e, true);
    stream.seq = events.back().seq;
  }
  if (text.empty()) text = ": heartbeat\n\n";
  return sink.write(text.data(), text.size());
}

HttpServer::HttpServer(const ServerConfig& config, Router& router, TokenStore& tokens, LiveHub* live,
                       Metrics* metrics, HttpServerOptions options)
    : impl_(std::make_unique<Impl>(config, router, tokens, live, metrics, std::move(options))) {
  ServerRoutesContext context;
  context.auth = &impl_->auth;
  context.live = live;
  context.metrics = metrics;
  context.edge = impl_->options.edge;
  context.secure_cookie = config.tls();
  register_server_routes(router, context);
  if (metrics != nullptr) {
    metrics->set_live_clients_source([impl = impl_.get()] { return impl->live_clients.load(); });
    if (impl_->options.edge != nullptr) metrics->set_edge_source(impl_->options.edge);
  }
}

HttpServer::~HttpServer() {
  stop();
  if (impl_->metrics != nullptr) {
    impl_->metrics->set_live_clients_source(nullptr);
    if (impl_->options.edge != nullptr) impl_->metrics->set_edge_source(nullptr);
  }
}

Status HttpServer::start() {
  Impl& s = *impl_;
  std::lock_guard lock(s.lifecycle);
  if (s.running) return Status::success();
  const std::string where = s.config.bind + ":" + std::to_string(s.config.port);
  if (s.config.tls()) {
    auto tls = std::make_unique<httplib::SSLServer>(s.config.tls_cert.c_str(), s.config.tls_key.c_str());
    if (!tls->is_valid()) {
      return make_error("server.tls: cannot load the certificate " + s.config.tls_cert + " with the key " +
                        s.config.tls_key + " (PEM files, and the key must match the certificate)");
    }
    s.server = std::move(tls);
  } else {
    s.server = std::make_unique<httplib::Server>();
  }
  if (auto prefix = random_base64url(6)) s.id_prefix = *prefix;
  httplib::Server& server = *s.server;
  const int threads = s.config.threads;
  const int nice = s.config.request_nice;
  server.new_task_queue = [threads, nice] { return new NiceThreadPool(static_cast<std::size_t>(threads), nice); };
  server.set_payload_max_length(static_cast<std::size_t>(s.config.max_body_bytes));
  // httplib's default sets SO_REUSEPORT, which lets a second server bind the same port and take half the
  // connections: SO_REUSEADDR only, so that a port in use is an error.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  server.set_keep_alive_max_count(1000);
  server.set_read_timeout(10, 0);
  server.set_write_timeout(10, 0);

  // Before the body is read: a declared body over the limit, or a multipart body, is refused at once; the
  // connection is closed after the answer since the body was never read.
  server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    Impl& impl = *impl_;
    t_trace = RequestTrace{};
    t_trace.active = true;
    t_trace.start = Clock_::now();
    t_trace.id = impl.next_request_id();
    auto refuse = [&](int status, const std::string& code, const std::string& message) {
      ApiResponse response = json_error(status, code, message);
      response.headers["Connection"] = "close";
      response.headers["X-Request-Id"] = t_trace.id;
      write_response(res, response);
      t_trace.close_after = true;
      return httplib::Server::HandlerResponse::Handled;
    };
    if (req.has_header("Content-Length")) {
      const std::string text = req.get_header_value("Content-Length");
      const bool digits = !text.empty() && text.size() <= 19 &&
                          std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
      if (!digits) return refuse(400, "bad_request", "Content-Length '" + text + "' is not a number");
      if (std::stoull(text) > static_cast<unsigned long long>(impl.config.max_body_bytes)) {
        return refuse(413, "payload_too_large",
                      "the request body (" + text + " bytes) is larger than server.max_body_bytes (" +
                          std::to_string(impl.config.max_body_bytes) + " bytes)");
      }
    }
    if (lower(req.get_header_value("Content-Type")).rfind("multipart/", 0) == 0) {
      return refuse(415, "unsupported_media_type", "multipart bodies are not accepted; send the file as the body");
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // curl and others ask before sending a large body (Expect: 100-continue): a body over the limit is refused then.
  server.set_expect_100_continue_handler([this](const httplib::Request& req, httplib::Response& res) {
    const Impl& impl = *impl_;
    const std::string text = req.get_header_value("Content-Length");
    const bool digits = !text.empty() && text.size() <= 19 &&
                        std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
    if (!digits || std::stoull(text) <= static_cast<unsigned long long>(impl.config.max_body_bytes)) return 100;
    ApiResponse response = json_error(413, "payload_too_large",
                                      "the request body (" + text + " bytes) is larger than server.max_body_bytes (" +
                                          std::to_string(impl.config.max_body_bytes) + " bytes)");
    response.headers["Connection"] = "close";
    write_response(res, response);
    t_trace = RequestTrace{};
    t_trace.close_after = true;
    return 413;
  });
  const auto plain = [this](const httplib::Request& req, httplib::Response& res) { impl_->handle(req, res, nullptr); };
  const auto with_body = [this](const httplib::Request& req, httplib::Response& res,
                                const httplib::ContentReader& reader) { impl_->handle(req, res, &reader); };
  server.Get(".*", plain);
  server.Post(".*", with_body);
  server.Put(".*", with_body);
  server.Patch(".*", with_body);
  server.Delete(".*", with_body);
  server.Options(".*", plain);
  // Errors httplib answers itself (a malformed request, a DELETE without a body routed nowhere): JSON too.
  server.set_error_handler([](const httplib::Request& /*req*/, httplib::Response& res) {
    if (!res.body.empty()) return;
    res.set_content(json_error(res.status, reason_code(res.status), "HTTP " + std::to_string(res.status)).body,
                    "application/json");
  });
  server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown error";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    spdlog::error("server: {} {} failed: {}", req.method, req.path, what);
    res.status = 500;
    res.set_content(json_error(500, "internal", "the server failed to handle this request").body, "application/json");
  });
  server.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    const RequestTrace trace = t_trace;
    t_trace.active = false;
    // The logger runs once the response is written: now the connection can be closed.
    if (trace.close_after) close_after_response(req, impl_->port);
    t_trace.close_after = false;
    const double seconds =
        trace.active ? std::chrono::duration<double>(Clock_::now() - trace.start).count() : 0.0;
    const std::string route = trace.active ? trace.route : "unmatched";
    if (impl_->metrics != nullptr) {
      impl_->metrics->observe_request(route, req.method, res.status, seconds, trace.timed && trace.active);
    }
    spdlog::debug("http {} {} {} -> {} ({:.1f} ms)", trace.id, req.method, req.path, res.status, seconds * 1000.0);
  });

  if (s.config.port == 0) {
    s.port = server.bind_to_any_port(s.config.bind);
    if (s.port <= 0) return make_error("server: cannot listen on " + s.config.bind + " (any port)");
  } else {
    if (!server.bind_to_port(s.config.bind, s.config.port)) {
      return make_error("server: cannot listen on " + where +
                        " (the port is in use, or the address is not one of this machine)");
    }
    s.port = s.config.port;
  }
  s.stopping = false;
  s.thread = std::thread([&server] { server.listen_after_bind(); });
  // stop() only works once the listener runs: wait for it.
  for (int i = 0; i < 500 && !server.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  s.running = true;
  spdlog::info("server: listening on {} (dashboard: {})", base_url(),
               s.files.available() ? s.files.root().string() : std::string("not built"));
  return Status::success();
}

void HttpServer::stop() {
  Impl& s = *impl_;
  std::lock_guard lock(s.lifecycle);
  if (!s.running) return;
  s.stopping = true;
  if (s.live != nullptr) s.live->close();
  s.server->stop();
  if (s.thread.joinable()) s.thread.join();
  s.running = false;
}

int HttpServer::port() const { return impl_->port; }

bool HttpServer::tls() const { return impl_->config.tls(); }

std::string HttpServer::base_url() const {
  std::string host = impl_->config.bind;
  if (host == "0.0.0.0") host = "127.0.0.1";
  if (host == "::") host = "::1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return std::string(tls() ? "https" : "http") + "://" + host + ":" + std::to_string(impl_->port);
}

Authenticator& HttpServer::authenticator() { return impl_->auth; }

int HttpServer::live_clients() const { return impl_->live_clients.load(); }

}  // namespace footfall

#include "footfall/server/server_routes.h"

#include <nlohmann/json.hpp>

namespace footfall {

namespace {

using nlohmann::json;

ApiResponse json_response(const json& value, int status = 200) {
  return json_ok(value.dump(-1, ' ', false, json::error_handler_t::replace), status);
}

std::string session_cookie(const std::string& value, TimestampMs max_age_ms, bool secure) {
  std::string cookie = std::string(kSessionCookie) + "=" + value + "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" +
                       std::to_string(max_age_ms / 1000);
  if (secure) cookie += "; Secure";
  return cookie;
}

// The body as a JSON object, or the 400 to answer.
std::variant<json, ApiResponse> json_object_body(const ApiRequest& request, const char* what) {
  json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded()) return json_error(400, "bad_json", std::string(what) + ": the body is not valid JSON");
  if (!body.is_object()) return json_error(400, "bad_json", std::string(what) + ": the body must be a JSON object");
  return body;
}

std::optional<std::string> string_field(const json& body, const char* key) {
  const auto it = body.find(key);
  if (it == body.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

ApiResponse whoami(const ServerRoutesContext& c, const ApiRequest& request) {
  json out{{"name", request.token_name}, {"role", role_name(request.role)}, {"open", request.token_name.empty()}};
  const std::string id = cookie_value(request.header("cookie"), kSessionCookie);
  if (!id.empty() && request.header("authorization").empty()) {
    if (auto session = c.auth->find_session(id)) {
      out["csrf_token"] = session->csrf_token;
      out["expires"] = format_iso8601(session->expires_ms);
    }
  }
  return json_response(out);
}

ApiResponse login(const ServerRoutesContext& c, const ApiRequest& request) {
  auto body = json_object_body(request, "login");
  if (auto* error = std::get_if<ApiResponse>(&body)) return *error;
  const auto token = string_field(std::get<json>(body), "token");
  if (!token || token->empty()) {
    return json_error(400, "bad_parameter", "token: missing; send {\"token\": \"ff_...\"}");
  }
  auto session = c.auth->create_session(*token);
  if (!session) return json_error(401, "unauthorized", "login: the token is not valid (unknown or revoked)");
  ApiResponse response = json_response({{"name", session->token_name},
                                        {"role", role_name(session->role)},
                                        {"csrf_token", session->csrf_token},
                                        {"expires", format_iso8601(session->expires_ms)}},
                                       201);
  response.headers["Set-Cookie"] = session_cookie(session->id, c.auth->session_ms(), c.secure_cookie);
  return response;
}

ApiResponse logout(const ServerRoutesContext& c, const ApiRequest& request) {
  const std::string id = cookie_value(request.header("cookie"), kSessionCookie);
  if (!id.empty()) c.auth->end_session(id);
  ApiResponse response = json_response({{"logged_out", !id.empty()}});
  response.headers["Set-Cookie"] = session_cookie("", 0, c.secure_cookie);
  return response;
}

ApiResponse list_tokens(const ServerRoutesContext& c) {
  auto rows = c.auth->tokens().read_tokens();
  if (!rows) return json_error(500, "internal", rows.error().message);
  json out = json::array();
  for (const ApiTokenRow& row : *rows) {
    out.push_back({{"name", row.name},
                   {"role", row.role},
                   {"created", format_iso8601(row.created_ms)},
                   {"last_used", row.last_used_ms ? json(format_iso8601(*row.last_used_ms)) : json()}});
  }
  return json_response(out);
}

ApiResponse create_token(const ServerRoutesContext& c, const ApiRequest& request) {
  auto body = json_object_body(request, "token");
  if (auto* error = std::get_if<ApiResponse>(&body)) return *error;
  const json& fields = std::get<json>(body);
  for (const auto& [key, value] : fields.items()) {
    if (key != "name" && key != "role") {
      return json_error(400, "bad_parameter", key + ": unknown field (expected name and role)");
    }
  }
  const auto name = string_field(fields, "name");
  if (!name) return json_error(400, "bad_parameter", "name: missing or not a string");
  if (!valid_token_name(*name)) {
    return json_error(400, "bad_parameter",
                      "name: '" + *name + "' is invalid; use 1 to 64 letters, digits, '_', '-', '.' or '@'");
  }
  const auto role_text = string_field(fields, "role");
  const auto role = role_text ? parse_role(*role_text) : std::nullopt;
  if (!role) return json_error(400, "bad_parameter", "role: must be viewer, operator or admin");
  auto created = create_api_token(c.auth->tokens(), *name, *role, c.auth->clock().now_ms());
  if (!created) {
    if (created.error().message.find("already exists") != std::string::npos) {
      return json_error(409, "conflict", created.error().message);
    }
    return json_error(500, "internal", created.error().message);
  }
  c.auth->invalidate();
  return json_response({{"name", created->name},
                        {"role", role_name(created->role)},
                        {"token", created->token},
                        {"created", format_iso8601(created->created_ms)}},
                       201);
}

ApiResponse revoke_token(const ServerRoutesContext& c, const ApiRequest& request) {
  const std::string& name = request.path_params.at("name");
  auto deleted = c.auth->tokens().delete_token(name);
  if (!deleted) return json_error(500, "internal", deleted.error().message);
  if (!*deleted) return json_error(404, "not_found", "no API token named '" + name + "'");
  c.auth->invalidate();
  c.auth->end_sessions_of(name);
  return json_response({{"revoked", name}});
}

}  // namespace

std::string cookie_value(const std::string& cookie_header, const std::string& name) {
  std::size_t start = 0;
  while (start < cookie_header.size()) {
    std::size_t end = cookie_header.find(';', start);
    if (end == std::string::npos) end = cookie_header.size();
    std::size_t first = cookie_header.find_first_not_of(' ', start);
    if (first != std::string::npos && first < end) {
      const std::size_t eq = cookie_header.find('=', first);
      if (eq != std::string::npos && eq < end && cookie_header.compare(first, eq - first, name) == 0 &&
          eq - first == name.size()) {
        std::string value = cookie_header.substr(eq + 1, end - eq - 1);
        while (!value.empty() && value.back() == ' ') value.pop_back();
        return value;
      }
    }
    start = end + 1;
  }
  return {};
}

void register_server_routes(Router& router, const ServerRoutesContext& context) {
  const ServerRoutesContext c = context;
  router.add({"GET", "/healthz", Role::kPublic, {},
              [c](const ApiRequest&) {
                // 200 whenever the server answers: a degraded box still counts (rows wait in the spool), so a
                // probe must not restart it; the body says what is wrong.
                if (c.edge == nullptr) return json_ok(health_json(nullptr));
                const EdgeHealth health = c.edge->edge_health();
                return json_ok(health_json(&health));
              },
              "Health: \"ok\" or \"degraded\" (database or broker unreachable, a spool filling), with each edge "
              "spool's depth and oldest item (no token needed)"});
  router.add({"GET", "/metrics", Role::kViewer, {},
              [c](const ApiRequest&) {
                if (c.metrics == nullptr) return json_error(503, "unavailable", "metrics are not collected here");
                ApiResponse response;
                response.content_type = "text/plain; version=0.0.4; charset=utf-8";
                response.body = c.metrics->render();
                return response;
              },
              "Prometheus metrics (footfall_*)"});
  router.add({"GET", "/api/v1/openapi.json", Role::kViewer, {},
              [](const ApiRequest&) {
                ApiResponse response = json_ok(openapi_document());
                response.headers["Cache-Control"] = "no-cache";
                return response;
              },
              "This API's OpenAPI 3 document"});
  router.add({"GET", kLiveRoute, Role::kViewer, {},
              [c](const ApiRequest&) {
                if (c.live == nullptr) return json_error(503, "unavailable", "live counts need `footfall serve`");
                return json_ok(c.live->snapshot_json());
              },
              "Live counts as Server-Sent Events: `count` per camera and `occupancy` per store on every change"});
  router.add({"GET", "/api/v1/session", Role::kViewer, {}, [c](const ApiRequest& r) { return whoami(c, r); },
              "The caller: token name, role, whether access is open, and the CSRF token of a cookie session"});
  router.add({"POST", "/api/v1/session", Role::kPublic, {}, [c](const ApiRequest& r) { return login(c, r); },
              "Log in with an API token: sets an HttpOnly session cookie and returns the CSRF token"});
  router.add({"DELETE", "/api/v1/session", Role::kViewer, {}, [c](const ApiRequest& r) { return logout(c, r); },
              "Log out: ends the session and clears its cookie"});
  router.add({"GET", "/api/v1/tokens", Role::kAdmin, {}, [c](const ApiRequest&) { return list_tokens(c); },
              "API tokens: name, role, created, last used (never the token)"});
  router.add({"POST", "/api/v1/tokens", Role::kAdmin, {}, [c](const ApiRequest& r) { return create_token(c, r); },
              "Create an API token {name, role}; the token is in this response only"});
  router.add({"DELETE", "/api/v1/tokens/{name}", Role::kAdmin, {},
              [c](const ApiRequest& r) { return revoke_token(c, r); }, "Revoke an API token and end its sessions"});
}

}  // namespace footfall

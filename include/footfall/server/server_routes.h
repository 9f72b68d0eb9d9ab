// The server's own routes, beside the data routes of api_routes.h; HttpServer adds them to its router:
//   GET    /healthz                  public   {"status": "ok" | "degraded", "problems": [...], "spools": {...}}
//                                             (edge_health.h; always 200 while the server answers)
//   GET    /metrics                  viewer   Prometheus text (metrics.h)
//   GET    /api/v1/openapi.json      viewer   the OpenAPI 3 document of every route (docs/openapi.json, embedded)
//   GET    /api/v1/live              viewer   with Accept: text/event-stream, Server-Sent Events (streamed by
//                                             HttpServer); otherwise the current state as JSON {cameras, stores}
//   GET    /api/v1/session           viewer   who is calling: {name, role, open, csrf_token (cookie sessions)}
//   POST   /api/v1/session           public   login {"token"}: sets the session cookie, returns {name, role,
//                                             csrf_token, expires}
//   DELETE /api/v1/session           viewer   logout: ends the session, clears the cookie
//   GET    /api/v1/tokens            admin    [{name, role, created, last_used}] (never the token or its hash)
//   POST   /api/v1/tokens            admin    {"name", "role"} -> 201 {name, role, token, created}: the token is shown
//                                             this once
//   DELETE /api/v1/tokens/{name}     admin    revokes the token and ends its sessions
#pragma once

#include <string>

#include "footfall/server/auth.h"
#include "footfall/server/edge_health.h"
#include "footfall/server/live_hub.h"
#include "footfall/server/metrics.h"
#include "footfall/server/router.h"

namespace footfall {

inline constexpr const char* kSessionCookie = "footfall_session";
inline constexpr const char* kLiveRoute = "/api/v1/live";

struct ServerRoutesContext {
  Authenticator* auth = nullptr;  // required
  LiveHub* live = nullptr;        // null: /api/v1/live answers 503
  Metrics* metrics = nullptr;     // null: /metrics answers 503
  const EdgeHealthSource* edge = nullptr;  // null: /healthz reports no spools
  bool secure_cookie = false;     // TLS: the session cookie is marked Secure
};

// Adds the routes above. The objects referenced by `context` must outlive the router.
void register_server_routes(Router& router, const ServerRoutesContext& context);

// docs/openapi.json as built into this binary.
const std::string& openapi_document();

// The value of cookie `name` in a Cookie header ("a=1; footfall_session=XYZ"), or "".
std::string cookie_value(const std::string& cookie_header, const std::string& name);

}  // namespace footfall

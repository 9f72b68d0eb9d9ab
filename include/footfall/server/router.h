// Router: the REST API as data. Each route is a method, a path pattern with {parameters}, the least role allowed to
// call it, the query parameters it accepts, and a handler that takes a parsed request and returns a response. The HTTP
// layer (http_server.h) authenticates, matches, enforces roles and limits, and turns ApiResponse into HTTP; handlers
// never see sockets, so they are tested directly. The OpenAPI document (openapi.h) lists the same routes, and a test
// checks that the two agree.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace footfall {

// Roles, each including the ones before it: viewer reads; operator also uploads and pushes snapshots; admin also
// manages tokens and settings. kPublic routes need no token (/healthz).
enum class Role { kPublic = 0, kViewer = 1, kOperator = 2, kAdmin = 3 };
const char* role_name(Role role);
std::optional<Role> parse_role(const std::string& name);  // "viewer", "operator", "admin"

struct ApiRequest {
  std::string method;                               // "GET", "POST", ...
  std::string path;                                 // decoded path, no query
  std::map<std::string, std::string> path_params;   // {name} -> value, URL-decoded
  std::multimap<std::string, std::string> query;    // URL-decoded
  std::map<std::string, std::string> headers;       // lower-case names
  std::string body;
  Role role = Role::kPublic;                        // of the authenticated caller
  std::string token_name;                           // who called (empty when open access)
  long long received_ms = 0;                        // server clock at receipt (UTC epoch ms)

  // The query value of `name`, or nullopt.
  std::optional<std::string> param(const std::string& name) const;
  std::string header(const std::string& lower_name) const;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::map<std::string, std::string> headers;
};

// {"error": {"code": CODE, "message": MESSAGE}} with `status`. code is a short machine-readable word
// ("bad_parameter", "not_found", "unauthorized", "forbidden", "payload_too_large", ...).
ApiResponse json_error(int status, const std::string& code, const std::string& message);
ApiResponse json_ok(const std::string& json_text, int status = 200);

using Handler = std::function<ApiResponse(const ApiRequest&)>;

struct Route {
  std::string method;
  std::string pattern;                    // "/api/v1/stores/{store}/series"
  Role role = Role::kViewer;              // least role allowed
  std::vector<std::string> query_params;  // accepted query parameter names; any other is refused (400)
  Handler handler;
  std::string summary;                    // one line for the OpenAPI document
};

class Router {
 public:
  void add(Route route);
  const std::vector<Route>& routes() const { return routes_; }

  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> path_params;
    bool method_mismatch = false;  // the path matched some route, but not with this method (405)
  };
  // Matches a decoded path. A {parameter} matches one non-empty segment; a segment of "." or ".." or one holding
  // a '/' or '\0' after decoding never matches (path traversal).
  Match match(const std::string& method, const std::string& path) const;

 private:
  std::vector<Route> routes_;
};

}  // namespace footfall

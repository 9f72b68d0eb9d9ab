#include "footfall/server/router.h"

#include <nlohmann/json.hpp>

namespace footfall {

namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::string current;
  for (std::size_t i = 1; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      parts.push_back(current);
      current.clear();
    } else {
      current += path[i];
    }
  }
  return parts;
}

bool safe_segment(const std::string& segment) {
  return !segment.empty() && segment != "." && segment != ".." && segment.find('\0') == std::string::npos &&
         segment.find('\\') == std::string::npos;
}

}  // namespace

const char* role_name(Role role) {
  switch (role) {
    case Role::kPublic:
      return "public";
    case Role::kViewer:
      return "viewer";
    case Role::kOperator:
      return "operator";
    case Role::kAdmin:
      return "admin";
  }
  return "?";
}

std::optional<Role> parse_role(const std::string& name) {
  if (name == "viewer") return Role::kViewer;
  if (name == "operator") return Role::kOperator;
  if (name == "admin") return Role::kAdmin;
  return std::nullopt;
}

std::optional<std::string> ApiRequest::param(const std::string& name) const {
  const auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::string ApiRequest::header(const std::string& lower_name) const {
  const auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

ApiResponse json_error(int status, const std::string& code, const std::string& message) {
  ApiResponse response;
  response.status = status;
  response.body =
      nlohmann::json{{"error", {{"code", code}, {"message", message}}}}.dump(-1, ' ', false,
                                                                             nlohmann::json::error_handler_t::replace);
  return response;
}

ApiResponse json_ok(const std::string& json_text, int status) {
  ApiResponse response;
  response.status = status;
  response.body = json_text;
  return response;
}

void Router::add(Route route) { routes_.push_back(std::move(route)); }

Router::Match Router::match(const std::string& method, const std::string& path) const {
  Match result;
  if (path.empty() || path[0] != '/') return result;
  const std::vector<std::string> parts = split_path(path);
  for (const Route& route : routes_) {
    const std::vector<std::string> pattern = split_path(route.pattern);
    if (pattern.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (std::size_t i = 0; i < parts.size() && ok; ++i) {
      const std::string& p = pattern[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        if (!safe_segment(parts[i])) {
          ok = false;
        } else {
          params[p.substr(1, p.size() - 2)] = parts[i];
        }
      } else {
        ok = p == parts[i];
      }
    }
    if (!ok) continue;
    if (route.method != method) {
      result.method_mismatch = true;
      continue;
    }
    result.route = &route;
    result.path_params = std::move(params);
    result.method_mismatch = false;
    return result;
  }
  return result;
}

}  // namespace footfall

// docs/openapi.json against the Router: every route of register_api_routes is documented with the same method, path,
// least role and query parameters, and every documented route is either one of them or one of the routes the HTTP
// layer serves itself (health, metrics, this document, live events, session, tokens). Every $ref resolves.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "footfall/server/api_routes.h"
#include "footfall/server/server_routes.h"
#include "test_paths.h"
#include "test_process.h"

namespace footfall::test {
namespace {

// Routes of the HTTP layer (http_server), with their least role.
const std::map<std::string, std::string>& http_layer_routes() {
  static const std::map<std::string, std::string> routes{{"GET /healthz", "public"},
                                                         {"GET /metrics", "viewer"},
                                                         {"GET /api/v1/openapi.json", "viewer"},
                                                         {"GET /api/v1/live", "viewer"},
                                                         {"GET /api/v1/session", "viewer"},
                                                         {"POST /api/v1/session", "public"},
                                                         {"DELETE /api/v1/session", "viewer"},
                                                         {"GET /api/v1/tokens", "admin"},
                                                         {"POST /api/v1/tokens", "admin"},
                                                         {"DELETE /api/v1/tokens/{name}", "admin"}};
  return routes;
}

nlohmann::json openapi() {
  const std::string text = read_text(source_dir() / "docs" / "openapi.json");
  return nlohmann::json::parse(text);
}

// The operation object of "METHOD /path".
const nlohmann::json& operation(const nlohmann::json& doc, const std::string& route) {
  const std::size_t space = route.find(' ');
  std::string method = route.substr(0, space);
  std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::tolower(c); });
  return doc["paths"][route.substr(space + 1)][method];
}

const nlohmann::json& resolve(const nlohmann::json& doc, const nlohmann::json& node) {
  if (!node.contains("$ref")) return node;
  return doc.at(nlohmann::json::json_pointer(node["$ref"].get<std::string>().substr(1)));
}

void collect_refs(const nlohmann::json& node, std::vector<std::string>& refs) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (key == "$ref" && value.is_string()) refs.push_back(value.get<std::string>());
      collect_refs(value, refs);
    }
  } else if (node.is_array()) {
    for (const auto& value : node) collect_refs(value, refs);
  }
}

Router api_router() {
  Router router;
  register_api_routes(router, ApiContext{});
  return router;
}

TEST(ApiOpenApi, DocumentedRoutesAreListedFromThePaths) {
  const auto routes = documented_routes(R"({"paths": {"/a": {"get": {}, "post": {}}, "/b/{x}": {"delete": {}}}})");
  ASSERT_TRUE(routes.ok());
  EXPECT_EQ(*routes, (std::vector<std::string>{"GET /a", "POST /a", "DELETE /b/{x}"}));
  EXPECT_FALSE(documented_routes("{not json").ok());
  EXPECT_FALSE(documented_routes(R"({"openapi": "3.0.3"})").ok());
}

TEST(ApiOpenApi, EveryRouteIsDocumentedWithItsRoleAndQueryParameters) {
  const nlohmann::json doc = openapi();
  EXPECT_EQ(doc["openapi"].get<std::string>().rfind("3.0", 0), 0u);
  const auto documented = documented_routes(read_text(source_dir() / "docs" / "openapi.json"));
  ASSERT_TRUE(documented.ok()) << documented.error().message;
  const std::set<std::string> doc_routes(documented->begin(), documented->end());
  const Router router = api_router();
  ASSERT_EQ(router.routes().size(), 13u);
  for (const Route& route : router.routes()) {
    const std::string key = route.method + " " + route.pattern;
    ASSERT_TRUE(doc_routes.count(key)) << key << " is not in docs/openapi.json";
    const nlohmann::json& op = operation(doc, key);
    EXPECT_EQ(op["x-footfall-role"], role_name(route.role)) << key;
    EXPECT_FALSE(op["summary"].get<std::string>().empty()) << key;
    std::set<std::string> query;
    std::set<std::string> path_params;
    for (const auto& p : op.value("parameters", nlohmann::json::array())) {
      const nlohmann::json& param = resolve(doc, p);
      (param["in"] == "query" ? query : path_params).insert(param["name"].get<std::string>());
    }
    EXPECT_EQ(query, std::set<std::string>(route.query_params.begin(), route.query_params.end())) << key;
    // Every {name} of the path is a documented path parameter.
    std::set<std::string> in_pattern;
    for (std::size_t open = route.pattern.find('{'); open != std::string::npos;
         open = route.pattern.find('{', open + 1)) {
      in_pattern.insert(route.pattern.substr(open + 1, route.pattern.find('}', open) - open - 1));
    }
    EXPECT_EQ(path_params, in_pattern) << key;
    EXPECT_TRUE(op["responses"].contains("401")) << key;
    EXPECT_TRUE(op["responses"].contains("403")) << key;
  }
}

TEST(ApiOpenApi, EveryDocumentedRouteExists) {
  const nlohmann::json doc = openapi();
  const auto documented = documented_routes(doc.dump());
  ASSERT_TRUE(documented.ok());
  const Router router = api_router();
  std::set<std::string> implemented;
  for (const Route& route : router.routes()) implemented.insert(route.method + " " + route.pattern);
  for (const std::string& route : *documented) {
    const auto other = http_layer_routes().find(route);
    EXPECT_TRUE(implemented.count(route) || other != http_layer_routes().end())
        << route << " is documented but no handler serves it";
    if (other != http_layer_routes().end()) {
      EXPECT_EQ(operation(doc, route)["x-footfall-role"], other->second) << route;
      EXPECT_EQ(operation(doc, route).contains("security"), other->second == "public") << route;
    }
  }
  for (const auto& [route, role] : http_layer_routes()) {
    EXPECT_TRUE(std::find(documented->begin(), documented->end(), route) != documented->end()) << route;
  }
  EXPECT_EQ(documented->size(), router.routes().size() + http_layer_routes().size());
}

TEST(ApiOpenApi, ARouterWithoutADatabaseAnswersUnavailable) {
  const Router router = api_router();
  const auto m = router.match("GET", "/api/v1/stores");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->handler(ApiRequest{}).status, 503);
}

TEST(ApiOpenApi, TheServerRoutesAreTheListedOnesAndDocumented) {
  Router router;
  register_server_routes(router, ServerRoutesContext{});
  std::map<std::string, std::string> served;
  for (const Route& route : router.routes()) served[route.method + " " + route.pattern] = role_name(route.role);
  EXPECT_EQ(served, http_layer_routes());
  const nlohmann::json doc = openapi();
  for (const Route& route : router.routes()) {
    const nlohmann::json& op = operation(doc, route.method + " " + route.pattern);
    std::set<std::string> query;
    for (const auto& p : op.value("parameters", nlohmann::json::array())) {
      if (resolve(doc, p)["in"] == "query") query.insert(resolve(doc, p)["name"].get<std::string>());
    }
    EXPECT_EQ(query, std::set<std::string>(route.query_params.begin(), route.query_params.end())) << route.pattern;
  }
}

TEST(ApiOpenApi, EveryReferenceResolves) {
  const nlohmann::json doc = openapi();
  std::vector<std::string> refs;
  collect_refs(doc, refs);
  EXPECT_GT(refs.size(), 50u);
  for (const std::string& ref : refs) {
    ASSERT_EQ(ref.rfind("#/", 0), 0u) << ref;
    EXPECT_TRUE(doc.contains(nlohmann::json::json_pointer(ref.substr(1)))) << ref;
  }
}

}  // namespace
}  // namespace footfall::test

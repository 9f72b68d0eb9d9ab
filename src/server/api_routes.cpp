#include "footfall/server/api_routes.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "api_route_groups.h"

namespace footfall {

void register_api_routes(Router& router, const ApiContext& context) {
  api::add_store_routes(router, context);
  api::add_series_routes(router, context);
  api::add_analytics_routes(router, context);
  api::add_image_routes(router, context);
  api::add_upload_routes(router, context);
}

Result<std::vector<std::string>> documented_routes(const std::string& openapi_json) {
  const nlohmann::json doc = nlohmann::json::parse(openapi_json, nullptr, false);
  if (doc.is_discarded()) return make_error("OpenAPI document: not valid JSON");
  if (!doc.is_object() || !doc.contains("paths") || !doc["paths"].is_object()) {
    return make_error("OpenAPI document: no `paths` object");
  }
  static const char* const kMethods[] = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};
  std::vector<std::string> routes;
  for (const auto& [path, item] : doc["paths"].items()) {
    if (!item.is_object()) return make_error("OpenAPI document: paths." + path + ": not an object");
    for (const char* method : kMethods) {
      if (!item.contains(method)) continue;
      std::string upper = method;
      std::transform(upper.begin(), upper.end(), upper.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      routes.push_back(upper + " " + path);
    }
  }
  return routes;
}

}  // namespace footfall

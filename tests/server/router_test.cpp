// The Router: path patterns with {parameters}, 405 versus 404, and segments that could escape a path never match.
#include "footfall/server/router.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace footfall {
namespace {

Router sample_router() {
  Router router;
  auto ok = [](const ApiRequest&) { return json_ok("{}"); };
  router.add({"GET", "/api/v1/stores", Role::kViewer, {}, ok, "stores"});
  router.add({"GET", "/api/v1/stores/{store}/series", Role::kViewer, {"from", "to"}, ok, "series"});
  router.add({"POST", "/api/v1/cameras/{camera}/snapshot", Role::kOperator, {"timestamp"}, ok, "snapshot"});
  return router;
}

TEST(Router, MatchesPatternsAndCapturesParameters) {
  const Router router = sample_router();
  const auto m = router.match("GET", "/api/v1/stores/main-street/series");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->summary, "series");
  EXPECT_EQ(m.path_params.at("store"), "main-street");
  EXPECT_NE(router.match("GET", "/api/v1/stores").route, nullptr);
  EXPECT_EQ(router.match("GET", "/api/v1/stores/").route, nullptr);
  EXPECT_EQ(router.match("GET", "/api/v1/nothing").route, nullptr);
}

TEST(Router, AWrongMethodIsToldApartFromAMissingRoute) {
  const Router router = sample_router();
  const auto wrong = router.match("GET", "/api/v1/cameras/door/snapshot");
  EXPECT_EQ(wrong.route, nullptr);
  EXPECT_TRUE(wrong.method_mismatch);
  const auto missing = router.match("GET", "/api/v1/cameras/door/other");
  EXPECT_FALSE(missing.method_mismatch);
}

TEST(Router, TraversalSegmentsNeverMatchAParameter) {
  const Router router = sample_router();
  for (const char* path : {"/api/v1/stores/../series", "/api/v1/stores/./series", "/api/v1/stores/a\\b/series",
                           "/api/v1/stores//series"}) {
    EXPECT_EQ(router.match("GET", path).route, nullptr) << path;
  }
  EXPECT_EQ(router.match("GET", std::string("/api/v1/stores/a\0b/series", 25)).route, nullptr);
}

TEST(Router, ErrorsAreJsonWithCodeAndMessage) {
  const ApiResponse r = json_error(400, "bad_parameter", "from: not a time");
  EXPECT_EQ(r.status, 400);
  const auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["error"]["code"], "bad_parameter");
  EXPECT_EQ(j["error"]["message"], "from: not a time");
}

TEST(Router, RolesHaveNamesAndParse) {
  EXPECT_EQ(parse_role("operator"), Role::kOperator);
  EXPECT_FALSE(parse_role("root").has_value());
  EXPECT_STREQ(role_name(Role::kAdmin), "admin");
  EXPECT_LT(Role::kViewer, Role::kAdmin);
}

}  // namespace
}  // namespace footfall

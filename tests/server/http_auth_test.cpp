// Access control over real HTTP: every route of the router against every role, the open quick-start mode, bad
// tokens, browser sessions with CSRF tokens, expiry and revocation, and cross-site requests.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "http_test_util.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string sample_path(const std::string& pattern) {
  static const std::map<std::string, std::string> values{{"store", "main"}, {"camera", "main.door"}, {"name", "nobody"}};
  std::string path;
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '{') {
      const std::size_t close = pattern.find('}', i);
      const std::string name = pattern.substr(i + 1, close - i - 1);
      const auto it = values.find(name);
      path += it == values.end() ? "x" : it->second;
      i = close + 1;
    } else {
      path += pattern[i++];
    }
  }
  return path;
}

std::string raw_request(const std::string& method, const std::string& path, int port, const std::string& token) {
  std::string request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                        "\r\nConnection: close\r\n";
  if (!token.empty()) request += "Authorization: Bearer " + token + "\r\n";
  if (method != "GET") request += "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
  else request += "\r\n";
  return request;
}

TEST(HttpAuth, EveryRouteAnswersEachRoleAsItsLeastRoleSays) {
  TestServer server;
  const std::vector<Route>& routes = server.router().routes();
  // The data routes (api_routes.h) and the server's own (server_routes.h).
  ASSERT_GE(routes.size(), 20u);
  struct Caller {
    const char* label;
    std::optional<Role> role;
  };
  const Caller callers[] = {{"no token", std::nullopt},
                            {"viewer", Role::kViewer},
                            {"operator", Role::kOperator},
                            {"admin", Role::kAdmin}};
  int checked = 0;
  for (const Route& route : routes) {
    const std::string path = sample_path(route.pattern);
    for (const Caller& caller : callers) {
      const std::string token = caller.role ? server.token(*caller.role) : std::string();
      const RawResponse r = raw_http(server.port(), raw_request(route.method, path, server.port(), token));
      const std::string what = route.method + " " + path + " as " + caller.label + " -> " + std::to_string(r.status) +
                               " " + r.body.substr(0, 200);
      ASSERT_NE(r.status, 0) << what;
      if (route.role == Role::kPublic) {
        EXPECT_NE(r.status, 401) << what;
        EXPECT_NE(r.status, 403) << what;
      } else if (!caller.role) {
        EXPECT_EQ(r.status, 401) << what;
        EXPECT_EQ(error_code(r.body), "unauthorized") << what;
      } else if (*caller.role < route.role) {
        EXPECT_EQ(r.status, 403) << what;
        EXPECT_EQ(error_code(r.body), "forbidden") << what;
      } else {
        EXPECT_NE(r.status, 401) << what;
        EXPECT_NE(r.status, 403) << what;
        EXPECT_LT(r.status, 500) << what;
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(routes.size()) * 4);
}

TEST(HttpAuth, BadTokensAreRefusedAndHealthNeedsNone) {
  TestServer server;
  auto c = server.client();
  auto health = c->Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(nlohmann::json::parse(health->body)["status"], "ok");

  for (const std::string& header : {std::string("Bearer ff_not-a-token"), "Bearer " + server.token(Role::kAdmin) + "x",
                                    std::string("Basic YWRtaW46YWRtaW4="), std::string("Bearer ")}) {
    auto r = c->Get("/api/v1/stores", {{"Authorization", header}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << header;
    EXPECT_EQ(error_code(r->body), "unauthorized") << header;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
  }
  auto ok = c->Get("/api/v1/stores", server.bearer(Role::kViewer));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200) << ok->body;
  EXPECT_FALSE(ok->get_header_value("X-Request-Id").empty());
}

TEST(HttpAuth, TokensAreRandomAndOnlyTheirHashIsStored) {
  TestServer server;
  const std::string& admin = server.token(Role::kAdmin);
  EXPECT_TRUE(std::regex_match(admin, std::regex("ff_[A-Za-z0-9_-]{43}"))) << admin;
  EXPECT_NE(admin, server.token(Role::kViewer));
  EXPECT_EQ(hash_api_token(admin).size(), 64u);
  auto rows = server.store().read_tokens();
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 3u);
  bool found = false;
  for (const ApiTokenRow& row : *rows) found = found || row.hash == hash_api_token(admin);
  EXPECT_TRUE(found);
  // Nowhere in the database file (nor its WAL) is the token itself.
  for (const char* file : {"footfall.db", "footfall.db-wal"}) {
    std::ifstream in(server.dir() / file, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    EXPECT_EQ(bytes.str().find(admin.substr(3)), std::string::npos) << file;
  }

  // The API lists names and roles, never tokens or hashes; the first use is recorded.
  auto c = server.client();
  auto list = c->Get("/api/v1/tokens", server.bearer(Role::kAdmin));
  ASSERT_TRUE(list);
  ASSERT_EQ(list->status, 200);
  const auto tokens = nlohmann::json::parse(list->body);
  ASSERT_EQ(tokens.size(), 3u);
  for (const auto& t : tokens) {
    EXPECT_FALSE(t.contains("hash"));
    EXPECT_FALSE(t.contains("token"));
  }
  EXPECT_THAT(list->body, Not(HasSubstr(hash_api_token(admin))));
  EXPECT_EQ(tokens[0]["name"], "admin-token");
  EXPECT_EQ(tokens[0]["last_used"], format_iso8601(kHttpNowMs));
  EXPECT_TRUE(tokens[2]["last_used"].is_null()) << "viewer-token was never used";
}

TEST(HttpAuth, TokensAreCreatedAndRevokedThroughTheApi) {
  TestServer server;
  auto c = server.client();
  auto created = c->Post("/api/v1/tokens", server.bearer(Role::kAdmin), R"({"name": "cam-7", "role": "operator"})",
                         "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string token = nlohmann::json::parse(created->body)["token"];
  auto duplicate = c->Post("/api/v1/tokens", server.bearer(Role::kAdmin), R"({"name": "cam-7", "role": "viewer"})",
                           "application/json");
  ASSERT_TRUE(duplicate);
  EXPECT_EQ(duplicate->status, 409);
  EXPECT_THAT(duplicate->body, HasSubstr("cam-7"));
  auto bad_role = c->Post("/api/v1/tokens", server.bearer(Role::kAdmin), R"({"name": "x", "role": "root"})",
                          "application/json");
  ASSERT_TRUE(bad_role);
  EXPECT_EQ(bad_role->status, 400);
  EXPECT_THAT(bad_role->body, HasSubstr("role"));

  const httplib::Headers as_new{{"Authorization", "Bearer " + token}};
  auto use = c->Get("/api/v1/cameras", as_new);
  ASSERT_TRUE(use);
  EXPECT_EQ(use->status, 200);
  auto not_admin = c->Get("/api/v1/tokens", as_new);
  ASSERT_TRUE(not_admin);
  EXPECT_EQ(not_admin->status, 403);
  EXPECT_THAT(not_admin->body, HasSubstr("needs the admin role; token 'cam-7' has operator"));

  auto revoked = c->Delete("/api/v1/tokens/cam-7", server.bearer(Role::kAdmin));
  ASSERT_TRUE(revoked);
  EXPECT_EQ(revoked->status, 200);
  auto after = c->Get("/api/v1/cameras", as_new);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401) << "revoked through the API: at once";
  auto again = c->Delete("/api/v1/tokens/cam-7", server.bearer(Role::kAdmin));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 404);
}

TEST(HttpAuth, OpenAccessOnLoopbackUntilTheFirstTokenExists) {
  TestServer server(TestServerOptions{.with_tokens = false});
  auto c = server.client();
  auto who = c->Get("/api/v1/session");
  ASSERT_TRUE(who);
  ASSERT_EQ(who->status, 200) << who->body;
  const auto me = nlohmann::json::parse(who->body);
  EXPECT_EQ(me["role"], "admin");
  EXPECT_EQ(me["open"], true);
  auto list = c->Get("/api/v1/tokens");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->status, 200);
  EXPECT_EQ(list->body, "[]");

  // A page on another site that resolves its name to 127.0.0.1 (DNS rebinding) does not get in.
  auto rebound = c->Get("/api/v1/tokens", {{"Host", "shop.evil.example"}});
  ASSERT_TRUE(rebound);
  EXPECT_EQ(rebound->status, 403);

  auto created = c->Post("/api/v1/tokens", R"({"name": "owner", "role": "admin"})", "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string token = nlohmann::json::parse(created->body)["token"];
  auto closed = c->Get("/api/v1/tokens");
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->status, 401) << "a token exists: open access ends at once";
  auto with = c->Get("/api/v1/tokens", {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(with);
  EXPECT_EQ(with->status, 200);
  auto health = c->Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST(HttpAuth, NoOpenAccessOffLoopbackEvenWithoutTokens) {
  TempDir dir;
  auto store = open_store((dir / "t.db").string());
  ASSERT_TRUE(store);
  ManualClock clock(kHttpNowMs);
  Authenticator any_interface(**store, clock, is_loopback_address("0.0.0.0"), 12.0);
  EXPECT_FALSE(any_interface.open_access());
  Authenticator loopback(**store, clock, is_loopback_address("127.0.0.1"), 12.0);
  EXPECT_TRUE(loopback.open_access());
  EXPECT_TRUE(is_loopback_address("::1"));
  EXPECT_TRUE(is_loopback_address("127.1.2.3"));
  EXPECT_TRUE(is_loopback_address("localhost"));
  EXPECT_FALSE(is_loopback_address("192.168.1.10"));
  EXPECT_FALSE(is_loopback_address("::"));
}

std::string cookie_of(const httplib::Result& r) {
  const std::string set_cookie = r->get_header_value("Set-Cookie");
  return set_cookie.substr(0, set_cookie.find(';'));
}

TEST(HttpAuth, SessionCookieWithCsrfTokenForStateChangingRequests) {
  TestServer server;
  auto c = server.client();
  auto bad = c->Post("/api/v1/session", R"({"token": "ff_wrong"})", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 401);
  EXPECT_TRUE(bad->get_header_value("Set-Cookie").empty());

  auto login = c->Post("/api/v1/session", nlohmann::json{{"token", server.token(Role::kAdmin)}}.dump(),
                       "application/json");
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 201) << login->body;
  const std::string set_cookie = login->get_header_value("Set-Cookie");
  EXPECT_THAT(set_cookie, HasSubstr("footfall_session="));
  EXPECT_THAT(set_cookie, HasSubstr("HttpOnly"));
  EXPECT_THAT(set_cookie, HasSubstr("SameSite=Strict"));
  EXPECT_THAT(set_cookie, HasSubstr("Path=/"));
  EXPECT_THAT(set_cookie, HasSubstr("Max-Age=43200"));
  EXPECT_THAT(set_cookie, Not(HasSubstr("Secure"))) << "plain HTTP";
  const auto session = nlohmann::json::parse(login->body);
  EXPECT_EQ(session["name"], "admin-token");
  EXPECT_EQ(session["role"], "admin");
  const std::string csrf = session["csrf_token"];
  EXPECT_GE(csrf.size(), 40u);
  const std::string cookie = cookie_of(login);

  // Reading needs the cookie only; the session tells a reloaded page its CSRF token again.
  auto who = c->Get("/api/v1/session", {{"Cookie", cookie}});
  ASSERT_TRUE(who);
  ASSERT_EQ(who->status, 200);
  EXPECT_EQ(nlohmann::json::parse(who->body)["csrf_token"], csrf);
  auto read = c->Get("/api/v1/tokens", {{"Cookie", "theme=dark; " + cookie}});
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 200);

  const std::string body = R"({"name": "from-browser", "role": "viewer"})";
  auto no_csrf = c->Post("/api/v1/tokens", {{"Cookie", cookie}}, body, "application/json");
  ASSERT_TRUE(no_csrf);
  EXPECT_EQ(no_csrf->status, 403);
  EXPECT_EQ(error_code(no_csrf->body), "csrf");
  auto wrong_csrf = c->Post("/api/v1/tokens", {{"Cookie", cookie}, {"X-CSRF-Token", csrf + "x"}}, body,
                            "application/json");
  ASSERT_TRUE(wrong_csrf);
  EXPECT_EQ(wrong_csrf->status, 403);
  EXPECT_EQ(*server.store().count_tokens(), 3) << "nothing created without the CSRF token";
  auto with_csrf = c->Post("/api/v1/tokens", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}, body, "application/json");
  ASSERT_TRUE(with_csrf);
  EXPECT_EQ(with_csrf->status, 201) << with_csrf->body;
  // A bearer token needs no CSRF token: no browser sends it on its own.
  auto bearer = c->Post("/api/v1/tokens", server.bearer(Role::kAdmin), R"({"name": "script", "role": "viewer"})",
                        "application/json");
  ASSERT_TRUE(bearer);
  EXPECT_EQ(bearer->status, 201);

  auto logout_without = c->Delete("/api/v1/session", {{"Cookie", cookie}});
  ASSERT_TRUE(logout_without);
  EXPECT_EQ(logout_without->status, 403);
  auto logout = c->Delete("/api/v1/session", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  ASSERT_TRUE(logout);
  EXPECT_EQ(logout->status, 200);
  EXPECT_THAT(logout->get_header_value("Set-Cookie"), HasSubstr("Max-Age=0"));
  auto after = c->Get("/api/v1/tokens", {{"Cookie", cookie}});
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401);
}

TEST(HttpAuth, SessionsExpireAndEndWithTheirToken) {
  TestServer server(TestServerOptions{.session_hours = 1.0});
  auto c = server.client();
  auto login = [&](Role role) {
    auto r = c->Post("/api/v1/session", nlohmann::json{{"token", server.token(role)}}.dump(), "application/json");
    EXPECT_TRUE(r && r->status == 201);
    return cookie_of(r);
  };
  const std::string viewer = login(Role::kViewer);
  server.clock().advance(3'600'000 - 1);
  auto still = c->Get("/api/v1/stores", {{"Cookie", viewer}});
  ASSERT_TRUE(still);
  EXPECT_EQ(still->status, 200) << "a millisecond before it expires";
  server.clock().advance(1);
  auto expired = c->Get("/api/v1/stores", {{"Cookie", viewer}});
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->status, 401);
  EXPECT_EQ(error_code(expired->body), "unauthorized");
  EXPECT_THAT(expired->body, HasSubstr("expired"));
  EXPECT_THAT(expired->get_header_value("Set-Cookie"), HasSubstr("Max-Age=0")) << "the browser forgets it";

  const std::string op = login(Role::kOperator);
  auto ok = c->Get("/api/v1/stores", {{"Cookie", op}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  auto revoke = c->Delete("/api/v1/tokens/operator-token", server.bearer(Role::kAdmin));
  ASSERT_TRUE(revoke);
  ASSERT_EQ(revoke->status, 200);
  auto gone = c->Get("/api/v1/stores", {{"Cookie", op}});
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->status, 401) << "revoking a token ends its sessions";
}

TEST(HttpAuth, CrossSiteRequestsAreRefusedWhateverTheirCredentials) {
  TestServer server;
  auto c = server.client();
  httplib::Headers headers = server.bearer(Role::kAdmin);
  headers.emplace("Origin", "https://evil.example");
  auto r = c->Post("/api/v1/tokens", headers, R"({"name": "x", "role": "admin"})", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(error_code(r->body), "csrf");
  httplib::Headers same = server.bearer(Role::kAdmin);
  same.emplace("Origin", "http://127.0.0.1:" + std::to_string(server.port()));
  auto ok = c->Post("/api/v1/tokens", same, R"({"name": "x", "role": "admin"})", "application/json");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 201) << ok->body;
}

}  // namespace
}  // namespace footfall::test

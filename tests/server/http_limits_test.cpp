// Bad input over real HTTP: bodies over the limit (declared, sent, chunked, and a 2 GB Content-Length never sent),
// malformed JSON, unknown query parameters, unknown routes and methods, path traversal in path parameters and in
// dashboard paths; every answer a JSON error, and the server still up afterwards. Also the dashboard's files and TLS.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <thread>

#include "footfall/server/static_files.h"
#include "http_test_util.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;

void expect_alive(TestServer& server) {
  auto health = server.client()->Get("/healthz");
  ASSERT_TRUE(health) << "the server must stay up";
  EXPECT_EQ(health->status, 200);
}

TEST(HttpLimits, ADeclaredTwoGigabyteBodyIsRefusedAtOnceWithoutReadingIt) {
  TestServer server;
  const auto start = std::chrono::steady_clock::now();
  const RawResponse r = raw_http(server.port(),
                                 "POST /api/v1/stores/main/sales HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                                     server.token(Role::kOperator) +
                                     "\r\nContent-Type: text/csv\r\nContent-Length: 2147483648\r\n\r\n",
                                 std::chrono::milliseconds(2000));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(r.status, 413) << r.head;
  EXPECT_EQ(error_code(r.body), "payload_too_large") << r.body;
  EXPECT_THAT(r.body, HasSubstr("2147483648"));
  EXPECT_TRUE(r.closed) << "the connection is closed: the body was never read";
  EXPECT_LT(seconds, 1.5) << "answered without waiting for the body";
  expect_alive(server);
  EXPECT_TRUE(server.store().read_imports("")->empty()) << "nothing stored";
}

TEST(HttpLimits, ATwentyMegabyteBodyIsRefused) {
  TestServer server(TestServerOptions{.max_body_bytes = 64 * 1024});
  const std::string body(20 * 1024 * 1024, 'x');
  const std::string head = "POST /api/v1/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                           server.token(Role::kAdmin) + "\r\nContent-Type: application/json\r\nContent-Length: " +
                           std::to_string(body.size()) + "\r\n\r\n";
  // Sent in full by a client that does not wait for an answer before sending its body.
  const RawResponse r = raw_http(server.port(), head + body);
  EXPECT_EQ(r.status, 413) << r.head;
  EXPECT_EQ(error_code(r.body), "payload_too_large");
  EXPECT_THAT(r.body, HasSubstr("65536"));

  // A chunked body declares no length: it is cut off at the limit.
  std::string chunked = "POST /api/v1/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                        server.token(Role::kAdmin) +
                        "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 16; ++i) chunked += "4000\r\n" + std::string(0x4000, 'y') + "\r\n";
  chunked += "0\r\n\r\n";
  const RawResponse cut = raw_http(server.port(), chunked, std::chrono::milliseconds(2000));
  EXPECT_EQ(cut.status, 413) << cut.head;
  EXPECT_EQ(error_code(cut.body), "payload_too_large") << cut.head << "\n---\n" << cut.body;
  EXPECT_TRUE(cut.closed);
  // curl's way: Expect: 100-continue, answered before any body byte is sent.
  const RawResponse expect = raw_http(server.port(),
                                      "POST /api/v1/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                                          server.token(Role::kAdmin) +
                                          "\r\nExpect: 100-continue\r\nContent-Length: 20971520\r\n\r\n");
  EXPECT_EQ(expect.status, 413) << expect.head;
  EXPECT_EQ(*server.store().count_tokens(), 3) << "nothing stored";
  expect_alive(server);
}

TEST(HttpLimits, MalformedJsonUnknownParametersRoutesAndMethodsAreJsonErrors) {
  TestServer server;
  auto c = server.client();
  auto bad_json = c->Post("/api/v1/tokens", server.bearer(Role::kAdmin), "{\"name\": \"x\", \"role\":",
                          "application/json");
  ASSERT_TRUE(bad_json);
  EXPECT_EQ(bad_json->status, 400);
  EXPECT_EQ(error_code(bad_json->body), "bad_json");
  auto bad_login = c->Post("/api/v1/session", "token=abc", "text/plain");
  ASSERT_TRUE(bad_login);
  EXPECT_EQ(bad_login->status, 400);
  EXPECT_EQ(error_code(bad_login->body), "bad_json");

  auto unknown = c->Get("/api/v1/tokens?colour=red", server.bearer(Role::kAdmin));
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 400);
  EXPECT_EQ(error_code(unknown->body), "bad_parameter");
  EXPECT_THAT(unknown->body, HasSubstr("colour"));
  auto twice = c->Get("/api/v1/cameras/main.door/series?from=2026-11-24&from=2026-11-25", server.bearer(Role::kAdmin));
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->status, 400);
  EXPECT_THAT(twice->body, HasSubstr("from: given more than once"));

  auto missing = c->Get("/api/v1/nothing-here", server.bearer(Role::kAdmin));
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(error_code(missing->body), "not_found");
  EXPECT_EQ(missing->get_header_value("Content-Type"), "application/json");
  auto method = c->Put("/api/v1/tokens", server.bearer(Role::kAdmin), "{}", "application/json");
  ASSERT_TRUE(method);
  EXPECT_EQ(method->status, 405);
  EXPECT_EQ(error_code(method->body), "method_not_allowed");
  EXPECT_EQ(method->get_header_value("Allow"), "GET, POST");
  // Requests httplib itself refuses are JSON too.
  const RawResponse garbage = raw_http(server.port(), "BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_GE(garbage.status, 400);
  EXPECT_FALSE(error_code(garbage.body).empty()) << garbage.head << garbage.body;
  expect_alive(server);
}

TEST(HttpLimits, PathTraversalInPathParametersNeverReachesAHandler) {
  TestServer server;
  auto c = server.client();
  for (const std::string path : {"/api/v1/cameras/..%2F..%2Fetc/heatmap.png", "/api/v1/cameras/%2E%2E/heatmap.png",
                                 "/api/v1/cameras/..%2Fpasswd/series", "/api/v1/stores/%2E%2E%2F%2E%2E/report",
                                 "/api/v1/tokens/..%2F..%2Fetc%2Fpasswd", "/api/v1/cameras/door%00/heatmap.png"}) {
    auto r = c->Get(path, server.bearer(Role::kAdmin));
    ASSERT_TRUE(r) << path;
    EXPECT_GE(r->status, 400) << path;
    EXPECT_LT(r->status, 500) << path;
    EXPECT_FALSE(error_code(r->body).empty()) << path << ": " << r->body;
  }
  expect_alive(server);
}

class DashboardFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(web_ / "assets");
    std::ofstream(web_ / "index.html") << "<!doctype html><title>footfall dashboard</title>";
    std::ofstream(web_ / "assets" / "index-4f2a.js") << "console.log('footfall');";
    std::ofstream(web_ / "assets" / "style-9c1d.css") << "body{}";
    std::ofstream(outside_ / "secret.txt") << "secret";
    std::filesystem::create_symlink(outside_ / "secret.txt", web_ / "assets" / "leak.txt");
  }
  TempDir root_;
  TempDir outside_dir_;
  std::filesystem::path web_ = root_ / "web";
  std::filesystem::path outside_ = outside_dir_.path();
};

TEST_F(DashboardFiles, AreServedWithTheirTypesAndClientRoutesGetIndexHtml) {
  TestServer server(TestServerOptions{.web_root = web_.string()});
  auto c = server.client();
  auto index = c->Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_THAT(index->body, HasSubstr("footfall dashboard"));
  EXPECT_THAT(index->get_header_value("Content-Security-Policy"), HasSubstr("default-src 'self'"));
  auto js = c->Get("/assets/index-4f2a.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_THAT(js->get_header_value("Cache-Control"), HasSubstr("immutable"));
  auto css = c->Get("/assets/style-9c1d.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->get_header_value("Content-Type"), "text/css; charset=utf-8");
  auto route = c->Get("/staffing");
  ASSERT_TRUE(route);
  EXPECT_EQ(route->status, 200);
  EXPECT_THAT(route->body, HasSubstr("footfall dashboard")) << "a client-side route";
  auto missing = c->Get("/assets/missing.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(error_code(missing->body), "not_found");
}

TEST_F(DashboardFiles, NothingOutsideTheFolderIsServed) {
  TestServer server(TestServerOptions{.web_root = web_.string()});
  auto c = server.client();
  for (const std::string path : {"/..%2F..%2F..%2Fetc%2Fpasswd", "/assets/..%2F..%2Fweb%2Findex.html",
                                 "/assets/%2e%2e/%2e%2e/etc/passwd", "/assets/leak.txt", "/%2e%2e%5csecret.txt"}) {
    auto r = c->Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_GE(r->status, 400) << path;
    EXPECT_LT(r->status, 500) << path;
    EXPECT_EQ(r->body.find("secret"), std::string::npos) << path;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << path;
  }
  // Not even unencoded, as a client that does not normalise paths sends it.
  const RawResponse raw = raw_http(server.port(), "GET /../../../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_GE(raw.status, 400);
  EXPECT_EQ(raw.body.find("root:"), std::string::npos);
  expect_alive(server);
}

TEST(HttpStatic, AMissingDashboardSaysItIsNotBuilt) {
  TempDir dir;
  TestServer server(TestServerOptions{.web_root = (dir / "no-such-folder").string()});
  auto c = server.client();
  auto page = c->Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->body, HasSubstr("dashboard is not built"));
  auto asset = c->Get("/assets/app.js");
  ASSERT_TRUE(asset);
  EXPECT_EQ(asset->status, 404);
  EXPECT_THAT(asset->body, HasSubstr("not built"));
  EXPECT_EQ(content_type_for("a/b.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("x.SVG"), "image/svg+xml");
}

TEST(HttpTls, ARoundTripWithASelfSignedCertificate) {
  TempDir dir;
  const std::string cert = (dir / "cert.pem").string();
  const std::string key = (dir / "key.pem").string();
  const std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
                              "-addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout " + key + " -out " + cert +
                              " >/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  TestServer server(TestServerOptions{.tls_cert = cert, .tls_key = key});
  EXPECT_TRUE(server.server().tls());
  EXPECT_EQ(server.server().base_url().rfind("https://127.0.0.1:", 0), 0u);

  httplib::SSLClient c("127.0.0.1", server.port());
  c.set_ca_cert_path(cert.c_str());
  c.enable_server_certificate_verification(true);
  auto health = c.Get("/healthz");
  ASSERT_TRUE(health) << httplib::to_string(health.error());
  EXPECT_EQ(health->status, 200);
  auto stores = c.Get("/api/v1/stores", server.bearer(Role::kViewer));
  ASSERT_TRUE(stores);
  EXPECT_EQ(stores->status, 200);
  auto login = c.Post("/api/v1/session", nlohmann::json{{"token", server.token(Role::kViewer)}}.dump(),
                      "application/json");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 201);
  EXPECT_THAT(login->get_header_value("Set-Cookie"), HasSubstr("; Secure")) << "cookies only over HTTPS";

  // Plain HTTP to the TLS port gets no answer.
  httplib::Client plain("127.0.0.1", server.port());
  plain.set_read_timeout(3, 0);
  auto refused = plain.Get("/healthz");
  EXPECT_TRUE(!refused || refused->status != 200);

  // A key that does not belong to the certificate is refused at start, naming the files.
  const std::string other_key = (dir / "other.pem").string();
  ASSERT_EQ(std::system(("openssl genrsa -out " + other_key + " 2048 >/dev/null 2>&1").c_str()), 0);
  TempDir db_dir;
  auto store = open_store((db_dir / "t.db").string());
  ASSERT_TRUE(store);
  ServerConfig config;
  config.port = 0;
  config.tls_cert = cert;
  config.tls_key = other_key;
  Router router;
  HttpServer mismatched(config, router, **store, nullptr, nullptr);
  const Status started = mismatched.start();
  ASSERT_FALSE(started);
  EXPECT_THAT(started.error().message, HasSubstr(other_key));
}

}  // namespace
}  // namespace footfall::test

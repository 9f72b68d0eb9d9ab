// `footfall serve` and `footfall token` end to end: the real binary with a file camera on vtest.avi and a push
// camera, tokens made by the CLI, a real JPEG pushed over HTTP and counted, its count read back through the API and
// seen on the live stream, metrics from the running pipeline, and a clean exit on SIGTERM.
#include <gtest/gtest.h>
#include <httplib.h>

#include <csignal>
#include <future>
#include <mutex>

#include <nlohmann/json.hpp>

#include "e2e_util.h"

namespace footfall::test {
namespace {

std::string serve_config(const std::filesystem::path& db, int port) {
  return "database:\n  url: " + db.string() +
         "\n  batch_ms: 200\n"
         "server:\n  bind: 127.0.0.1\n  port: " + std::to_string(port) +
         "\n"
         "cameras:\n"
         "  door:\n"
         "    source: " + vtest_avi().string() + "\n"
         "    start_time: \"2026-11-24T10:00:00Z\"\n"
         "    sampling:\n      fps: 1\n"
         "    lines:\n"
         "      entrance:\n"
         "        points: [[0.0, 0.5], [1.0, 0.5]]\n"
         "  till:\n"
         "    type: push\n"
         "stores:\n"
         "  main:\n"
         "    timezone: Europe/Berlin\n"
         "    cameras: [door, till]\n"
         "    entry_lines:\n"
         "      - {camera: door, line: entrance}\n";
}

std::string create_token(const std::filesystem::path& config, const std::string& name, const std::string& role) {
  const auto r = run_footfall({"token", "create", "--config", config.string(), "--name", name, "--role", role});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto lines = split_lines(r.out);
  EXPECT_EQ(lines.size(), 1u) << "stdout holds the token alone: " << r.out;
  return lines.empty() ? std::string() : lines[0];
}

bool healthy(int port) {
  httplib::Client c("127.0.0.1", port);
  c.set_connection_timeout(0, 200'000);
  auto r = c.Get("/healthz");
  return r && r->status == 200;
}

TEST(TokenCommand, CreateListRevokeAndDuplicates) {
  TempDir dir;
  const auto db = dir / "footfall.db";
  const auto created = run_footfall({"token", "create", "--database", db.string(), "--name", "kiosk", "--role", "viewer"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string token = split_lines(created.out).at(0);
  EXPECT_EQ(token.rfind("ff_", 0), 0u);
  EXPECT_EQ(token.size(), 46u);
  EXPECT_NE(created.err.find("shown only this once"), std::string::npos) << created.err;
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM api_tokens WHERE name = 'kiosk' AND role = 'viewer'"), 1);
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM api_tokens WHERE hash = '" + token + "'"), 0);

  const auto duplicate =
      run_footfall({"token", "create", "--database", db.string(), "--name", "kiosk", "--role", "admin"});
  EXPECT_EQ(duplicate.exit_code, 1);
  EXPECT_NE(duplicate.err.find("'kiosk' already exists"), std::string::npos) << duplicate.err;
  const auto bad_role = run_footfall({"token", "create", "--database", db.string(), "--name", "x", "--role", "root"});
  EXPECT_EQ(bad_role.exit_code, 2);
  const auto bad_name =
      run_footfall({"token", "create", "--database", db.string(), "--name", "a b", "--role", "viewer"});
  EXPECT_EQ(bad_name.exit_code, 1);
  EXPECT_NE(bad_name.err.find("'a b' is invalid"), std::string::npos) << bad_name.err;

  const auto list = run_footfall({"token", "list", "--database", db.string()});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("kiosk"), std::string::npos);
  EXPECT_NE(list.out.find("viewer"), std::string::npos);
  EXPECT_NE(list.out.find("never"), std::string::npos) << "not used yet";
  EXPECT_EQ(list.out.find(token), std::string::npos);
  EXPECT_EQ(list.out.find(query_text(db, "SELECT hash FROM api_tokens")), std::string::npos) << "never the hash";

  const auto revoked = run_footfall({"token", "revoke", "kiosk", "--database", db.string()});
  EXPECT_EQ(revoked.exit_code, 0) << revoked.err;
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM api_tokens"), 0);
  const auto again = run_footfall({"token", "revoke", "kiosk", "--database", db.string()});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("no API token named 'kiosk'"), std::string::npos);
  const auto missing = run_footfall({"token", "list", "--database", (dir / "none.db").string()});
  EXPECT_EQ(missing.exit_code, 1) << "listing never creates a database";
  EXPECT_FALSE(std::filesystem::exists(dir / "none.db"));
}

TEST(ServeCommand, CountsAPushedSnapshotStoresItStreamsItAndStopsCleanly) {
  TempDir dir;
  const auto db = dir / "footfall.db";
  const int port = free_port();
  const auto config = dir / "footfall.yaml";
  write_file(config, serve_config(db, port));
  const std::string viewer = create_token(config, "wall-screen", "viewer");
  const std::string operator_token = create_token(config, "till-camera", "operator");

  BackgroundProcess serve({footfall_binary().string(), "serve", "--config", config.string()}, dir / "serve.log");
  ASSERT_TRUE(wait_until([&] { return healthy(port) || !serve.running(); }, std::chrono::seconds(60)))
      << read_text(dir / "serve.log");
  ASSERT_TRUE(serve.running()) << read_text(dir / "serve.log");

  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(60, 0);
  const httplib::Headers as_viewer{{"Authorization", "Bearer " + viewer}};
  const httplib::Headers as_operator{{"Authorization", "Bearer " + operator_token}};
  auto anonymous = c.Get("/api/v1/cameras");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401) << "tokens exist: no open access";

  // Listen to the live stream first.
  std::mutex mutex;
  std::string live;
  std::atomic<bool> leave{false};
  auto stream = std::async(std::launch::async, [&] {
    httplib::Client l("127.0.0.1", port);
    l.set_read_timeout(60, 0);
    httplib::Headers headers = as_viewer;
    headers.emplace("Accept", "text/event-stream");
    l.Get("/api/v1/live", headers, [&](const char* data, std::size_t n) {
      std::lock_guard lock(mutex);
      live.append(data, n);
      return !leave.load();
    });
  });
  auto live_has = [&](const std::string& piece) {
    std::lock_guard lock(mutex);
    return live.find(piece) != std::string::npos;
  };
  ASSERT_TRUE(wait_until([&] { return live_has("retry:"); }, std::chrono::seconds(10)));

  // A viewer may not push; the operator may.
  const std::string jpeg = read_text(darknet_data() / "person.jpg");
  auto refused = c.Post("/api/v1/cameras/till/snapshot", as_viewer, jpeg, "image/jpeg");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  auto pushed = c.Post("/api/v1/cameras/till/snapshot?timestamp=2026-11-24T11:30:00Z", as_operator, jpeg,
                       "image/jpeg");
  ASSERT_TRUE(pushed);
  ASSERT_EQ(pushed->status, 201) << pushed->body;
  const auto result = nlohmann::json::parse(pushed->body);
  const int count = result["count"];
  EXPECT_GE(count, 1);
  EXPECT_EQ(query_int(db, "SELECT count FROM counts WHERE camera = 'main.till' AND ts_ms = 1795519800000"), count);

  // Read back through the API: the minute series of the push camera.
  auto series = c.Get("/api/v1/cameras/main.till/series?from=2026-11-24T11:30:00Z&to=2026-11-24T11:31:00Z&bucket=minute",
                      as_viewer);
  ASSERT_TRUE(series);
  ASSERT_EQ(series->status, 200) << series->body;
  const auto rows = nlohmann::json::parse(series->body)["rows"];
  ASSERT_EQ(rows.size(), 1u) << series->body;
  EXPECT_EQ(rows[0]["frames"], 1);
  EXPECT_EQ(rows[0]["count_max"], count);
  EXPECT_TRUE(wait_until([&] { return live_has("\"camera\":\"main.till\""); }, std::chrono::seconds(10))) << live;
  EXPECT_TRUE(live_has("\"count\":" + std::to_string(count)));

  // The file camera runs meanwhile: its frames reach the metrics and its health.
  ASSERT_TRUE(wait_until(
      [&] {
        auto m = c.Get("/metrics", as_viewer);
        // (the server counts a request once its response is sent: the push's count may trail its answer)
        return m && m->body.find("footfall_frames_total{camera=\"main.door\"} ") != std::string::npos &&
               m->body.find("footfall_frames_total{camera=\"main.door\"} 0\n") == std::string::npos &&
               m->body.find("footfall_http_requests_total{route=\"/api/v1/cameras/{camera}/snapshot\",method="
                            "\"POST\",status=\"201\"} 1") != std::string::npos;
      },
      std::chrono::seconds(60)));
  auto metrics = c.Get("/metrics", as_viewer);
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("footfall_frames_total{camera=\"main.till\"} 1\n"), std::string::npos) << metrics->body;
  EXPECT_NE(metrics->body.find("footfall_inference_seconds_total{camera=\"main.door\"} "), std::string::npos);
  EXPECT_NE(metrics->body.find("footfall_http_requests_total{route=\"/api/v1/cameras/{camera}/snapshot\",method="
                               "\"POST\",status=\"201\"} 1"),
            std::string::npos)
      << metrics->body;
  auto cameras = c.Get("/api/v1/cameras", as_viewer);
  ASSERT_TRUE(cameras);
  ASSERT_EQ(cameras->status, 200) << cameras->body;
  EXPECT_NE(cameras->body.find("idle"), std::string::npos) << cameras->body;

  // SIGTERM: the stream ends, the pipelines flush, exit 0 with the summary.
  serve.signal(SIGTERM);
  EXPECT_EQ(stream.wait_for(std::chrono::seconds(20)), std::future_status::ready) << "stop ends live streams";
  leave = true;
  EXPECT_EQ(serve.wait(), 0) << read_text(dir / "serve.log");
  const std::string log = read_text(dir / "serve.log");
  EXPECT_NE(log.find("listening on http://127.0.0.1:" + std::to_string(port)), std::string::npos) << log;
  EXPECT_NE(log.find("database:"), std::string::npos) << "the summary" << log;
  EXPECT_GT(query_int(db, "SELECT COUNT(*) FROM counts WHERE camera = 'main.door'"), 0);
  EXPECT_FALSE(healthy(port));
  EXPECT_NE(query_text(db, "SELECT last_used_ms FROM api_tokens WHERE name = 'till-camera'"), "");
}

TEST(ServeCommand, WithoutCamerasOrTokensItServesTheApiOpenOnLoopback) {
  TempDir dir;
  const int port = free_port();
  const auto config = dir / "api-only.yaml";
  write_file(config, "database: " + (dir / "f.db").string() + "\nserver:\n  port: " + std::to_string(port) + "\n");
  BackgroundProcess serve({footfall_binary().string(), "serve", "--config", config.string()}, dir / "serve.log");
  ASSERT_TRUE(wait_until([&] { return healthy(port) || !serve.running(); }, std::chrono::seconds(30)))
      << read_text(dir / "serve.log");
  httplib::Client c("127.0.0.1", port);
  auto tokens = c.Get("/api/v1/tokens");
  ASSERT_TRUE(tokens);
  EXPECT_EQ(tokens->status, 200) << "open: loopback and no token";
  auto doc = c.Get("/api/v1/openapi.json");
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->status, 200);
  EXPECT_TRUE(nlohmann::json::parse(doc->body).contains("paths"));

  // A second server on the same port refuses to start, naming it.
  const auto clash = run_footfall({"serve", "--config", config.string()});
  EXPECT_EQ(clash.exit_code, 1);
  EXPECT_NE(clash.err.find("127.0.0.1:" + std::to_string(port)), std::string::npos) << clash.err;

  serve.signal(SIGINT);
  EXPECT_EQ(serve.wait(), 0) << read_text(dir / "serve.log");
}

}  // namespace
}  // namespace footfall::test

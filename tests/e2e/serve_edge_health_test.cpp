// `footfall serve` on a real PostgreSQL server with a real Mosquitto broker, end to end: the real binary, tokens made
// by the CLI, snapshots pushed over HTTP while the database is stopped. /metrics and /healthz show the rows piling up
// in the store spool and the database down (read with tokens checked before the outage), then the spool draining
// once the server is back, and the database ends with every row once.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <csignal>
#include <map>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "e2e_util.h"
#include "mqtt/mosquitto_broker.h"
#include "pg_test_server.h"

namespace footfall::test {
namespace {

using namespace std::chrono_literals;

std::string create_token(const std::filesystem::path& config, const std::string& name, const std::string& role) {
  const auto r = run_footfall({"token", "create", "--config", config.string(), "--name", name, "--role", role});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto lines = split_lines(r.out);
  return lines.empty() ? std::string() : lines[0];
}

class Client {
 public:
  explicit Client(int port) : client_("127.0.0.1", port) {
    client_.set_connection_timeout(0, 300'000);
    client_.set_read_timeout(30, 0);
  }

  // GET /healthz (no token); a null JSON while the server does not answer.
  nlohmann::json health() {
    auto r = client_.Get("/healthz");
    if (!r || r->status != 200) return nullptr;
    return nlohmann::json::parse(r->body);
  }
  // GET /metrics: "name{labels}" -> value.
  std::map<std::string, std::string> metrics(const std::string& token) {
    auto r = client_.Get("/metrics", {{"Authorization", "Bearer " + token}});
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no response");
    std::map<std::string, std::string> out;
    if (!r) return out;
    std::istringstream lines(r->body);
    for (std::string line; std::getline(lines, line);) {
      if (line.empty() || line[0] == '#') continue;
      const std::size_t space = line.rfind(' ');
      out[line.substr(0, space)] = line.substr(space + 1);
    }
    return out;
  }
  // POST a snapshot to camera till at `timestamp`; the HTTP status (0: no response).
  int push(const std::string& token, const std::string& jpeg, const std::string& timestamp) {
    auto r = client_.Post("/api/v1/cameras/till/snapshot?timestamp=" + timestamp,
                          {{"Authorization", "Bearer " + token}}, jpeg, "image/jpeg");
    EXPECT_TRUE(r && r->status == 201) << (r ? r->body : "no response");
    return r ? r->status : 0;
  }

 private:
  httplib::Client client_;
};

TEST(ServeEdgeHealth, APostgresOutageShowsInHealthAndMetricsAndTheSpoolDrainsAfterwards) {
  PgTestServer pg;
  ASSERT_TRUE(pg.ensure_started()) << pg.error();
  const std::string database = pg.create_database();
  ASSERT_FALSE(database.empty()) << pg.error();
  MosquittoBroker broker;
  ASSERT_TRUE(broker.start());

  TempDir dir;
  const int port = free_port();
  const auto config = dir / "footfall.yaml";
  write_file(config, "database: " + pg.url(database) + "\n" +
                         "spool: {dir: " + (dir / "spool").string() + "}\n" +
                         "server: {bind: 127.0.0.1, port: " + std::to_string(port) + "}\n" +
                         "cameras:\n  till: {type: push}\n" +
                         "mqtt: {host: 127.0.0.1, port: " + std::to_string(broker.port()) +
                         ", prefix: edge, client_id: serve-edge-test}\n");
  const std::string viewer = create_token(config, "prometheus", "viewer");
  const std::string operator_token = create_token(config, "till-camera", "operator");
  const std::string jpeg = read_text(darknet_data() / "person.jpg");
  ASSERT_GT(jpeg.size(), 1000u);

  BackgroundProcess serve({footfall_binary().string(), "serve", "--config", config.string()}, dir / "serve.log");
  Client c(port);
  ASSERT_TRUE(wait_until([&] { return c.health().is_object() || !serve.running(); }, 60s))
      << read_text(dir / "serve.log");
  ASSERT_TRUE(wait_until([&] { return c.health()["status"] == "ok"; }, 20s)) << c.health().dump();

  // Up: a snapshot goes straight to the database; both tokens are checked (and remembered) now.
  ASSERT_EQ(c.push(operator_token, jpeg, "2026-11-24T10:00:00Z"), 201);
  auto m = c.metrics(viewer);
  EXPECT_EQ(m["footfall_database_up"], "1");
  EXPECT_EQ(m["footfall_spool_items{spool=\"store\"}"], "0");
  EXPECT_EQ(m["footfall_spool_oldest_age_seconds{spool=\"store\"}"], "0");
  EXPECT_EQ(m["footfall_mqtt_connected"], "1");
  EXPECT_EQ(m["footfall_spool_items{spool=\"mqtt\"}"], "0");

  // The database stops: snapshots are still counted, their rows wait in the store spool.
  ASSERT_TRUE(pg.stop()) << pg.error();
  for (int i = 1; i <= 3; ++i) {
    ASSERT_EQ(c.push(operator_token, jpeg, "2026-11-24T10:00:0" + std::to_string(i) + "Z"), 201);
  }
  std::this_thread::sleep_for(1100ms);  // the oldest row ages past a second, the token cache expires
  const auto h = c.health();
  EXPECT_EQ(h["status"], "degraded") << h.dump();
  ASSERT_EQ(h["problems"].size(), 1u) << h.dump();
  EXPECT_THAT(h["problems"][0].get<std::string>(),
              ::testing::StartsWith("the database is unreachable; 3 items wait in the store spool, the oldest for "));
  EXPECT_EQ(h["spools"]["store"]["backend_available"], false);
  EXPECT_EQ(h["spools"]["store"]["items"], 3);
  EXPECT_GE(h["spools"]["store"]["oldest_age_s"].get<double>(), 1.0);
  EXPECT_EQ(h["spools"]["mqtt"]["backend_available"], true);
  m = c.metrics(viewer);
  EXPECT_EQ(m["footfall_database_up"], "0");
  EXPECT_EQ(m["footfall_spool_items{spool=\"store\"}"], "3");
  EXPECT_EQ(m["footfall_store_spooled_total"], "3");
  EXPECT_GE(std::stod(m["footfall_spool_oldest_age_seconds{spool=\"store\"}"]), 1.0);
  EXPECT_GT(std::stod(m["footfall_spool_fill_ratio{spool=\"store\"}"]), 0.0);
  EXPECT_EQ(m["footfall_frames_total{camera=\"till\"}"], "4");

  // Back: the spool drains (the writer retries with a backoff of 1 s doubling), health is ok, every row is stored once.
  ASSERT_TRUE(pg.start()) << pg.error();
  // (health is ok again as soon as the database answers; the last spooled items may still be on their way)
  ASSERT_TRUE(wait_until(
      [&] {
        const auto now = c.health();
        return now["status"] == "ok" && now["spools"]["store"]["items"] == 0;
      },
      30s))
      << c.health().dump();
  m = c.metrics(viewer);
  EXPECT_EQ(m["footfall_database_up"], "1");
  EXPECT_EQ(m["footfall_spool_items{spool=\"store\"}"], "0");
  EXPECT_EQ(m["footfall_store_replayed_total"], "3");
  EXPECT_EQ(pg.query(database, "SELECT COUNT(*) FROM counts WHERE camera = 'till'"), "4");

  serve.signal(SIGTERM);
  EXPECT_EQ(serve.wait(), 0) << read_text(dir / "serve.log");
}

}  // namespace
}  // namespace footfall::test

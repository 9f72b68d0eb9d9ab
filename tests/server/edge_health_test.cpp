// The edge spools and their links in GET /healthz and GET /metrics (edge_health.h), over a real HttpServer:
//  - rendering, from real spools on disk (FileSpool) whose items the test appends and acknowledges, with a manual
//    clock for the ages, the database and broker states set by the test;
//  - the real thing: a Service on a real PostgreSQL server (tests/pg_test_server.h) and a real MQTT publisher on a
//    real Mosquitto broker (tests/mqtt/mosquitto_broker.h), read by ServiceEdgeHealth as `footfall serve` does; the
//    database and then the broker are stopped, and /healthz and /metrics show the rows and events piling up in the
//    spools (read with a viewer token while the token table is out of reach), then draining once both are back.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "footfall/app/service.h"
#include "footfall/mqtt/mqtt_publisher.h"
#include "footfall/server/edge_health.h"
#include "footfall/store/spooled_store.h"
#include "http_test_util.h"
#include "mqtt/mosquitto_broker.h"
#include "pg_test_server.h"

namespace footfall::test {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

template <typename Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds timeout = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (predicate()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return predicate();
}

// Every sample of an exposition text: "name{labels}" -> value; comments skipped.
std::map<std::string, std::string> samples(const std::string& text) {
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    if (line.empty() || line[0] == '#') continue;
    const std::size_t space = line.rfind(' ');
    out[line.substr(0, space)] = line.substr(space + 1);
  }
  return out;
}

// A real HttpServer on 127.0.0.1 and a free port over `tokens`, with `edge` as its edge source.
class EdgeServer {
 public:
  EdgeServer(TokenStore& tokens, const EdgeHealthSource* edge, const Clock* clock = nullptr) {
    config_.port = 0;
    config_.bind = "127.0.0.1";
    HttpServerOptions options;
    options.edge = edge;
    options.clock = clock;
    server_ = std::make_unique<HttpServer>(config_, router_, tokens, nullptr, &metrics_, options);
    if (Status s = server_->start(); !s) throw std::runtime_error(s.error().message);
  }
  ~EdgeServer() { server_->stop(); }

  nlohmann::json health() {
    httplib::Client c("127.0.0.1", server_->port());
    auto r = c.Get("/healthz");  // public: never a token
    if (!r) throw std::runtime_error("GET /healthz: no response");
    EXPECT_EQ(r->status, 200) << r->body;
    return nlohmann::json::parse(r->body);
  }
  std::map<std::string, std::string> metrics(const std::string& token = "") {
    httplib::Client c("127.0.0.1", server_->port());
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    auto r = c.Get("/metrics", headers);
    if (!r) throw std::runtime_error("GET /metrics: no response");
    EXPECT_EQ(r->status, 200) << r->body;
    text_ = r->body;
    return samples(r->body);
  }
  const std::string& last_metrics_text() const { return text_; }

 private:
  ServerConfig config_;
  Router router_;
  Metrics metrics_;
  std::unique_ptr<HttpServer> server_;
  std::string text_;
};

// Real spools on disk, with the database and broker states a test sets.
class SpoolSource final : public EdgeHealthSource {
 public:
  explicit SpoolSource(const Clock& clock) : clock_(clock) {}

  EdgeHealth edge_health() const override {
    std::lock_guard lock(mutex);
    EdgeHealth h;
    h.now_ms = clock_.now_ms();
    h.warn_fraction = 0.5;
    if (store_spool != nullptr) {
      h.store = SpoolingWriterStats{store_spool->stats(), database_up, spooled, replayed, rejected};
    }
    if (mqtt_spool != nullptr) {
      MqttStats m;
      m.connected = connected;
      m.connects = 2;
      m.events_queued = 7;
      m.events_confirmed = 5;
      m.spool = mqtt_spool->stats();
      h.mqtt = m;
    }
    return h;
  }

  mutable std::mutex mutex;
  Spool* store_spool = nullptr;  // null: no store spool (SQLite)
  Spool* mqtt_spool = nullptr;   // null: MQTT off
  bool database_up = true;
  bool connected = true;
  std::uint64_t spooled = 0, replayed = 0, rejected = 0;

 private:
  const Clock& clock_;
};

std::unique_ptr<Spool> open_spool(const std::filesystem::path& dir) {
  auto spool = Spool::open({.dir = dir, .max_bytes = 4096, .warn_fraction = 0.5});
  if (!spool) throw std::runtime_error(spool.error().message);
  return std::move(*spool);
}

TEST(EdgeHealth, WithoutSpoolsHealthIsOkAndTheMetricsHaveNoSpoolSeries) {
  TempDir dir;
  auto tokens = open_store((dir / "t.db").string());
  ASSERT_TRUE(tokens) << tokens.error().message;
  EdgeServer server(**tokens, nullptr);
  EXPECT_EQ(server.health(), nlohmann::json::parse(R"({"status":"ok","problems":[],"spools":{}})"));
  server.metrics();
  EXPECT_EQ(server.last_metrics_text().find("footfall_spool"), std::string::npos);
  EXPECT_EQ(server.last_metrics_text().find("footfall_database_up"), std::string::npos);
  EXPECT_EQ(server.last_metrics_text().find("footfall_mqtt"), std::string::npos);
}

TEST(EdgeHealth, SpoolDepthOldestAgeAndOutagesMakeHealthDegraded) {
  TempDir dir;
  ManualClock clock(kHttpNowMs);
  auto tokens = open_store((dir / "t.db").string());
  ASSERT_TRUE(tokens) << tokens.error().message;
  auto store_spool = open_spool(dir / "spool" / "store");
  auto mqtt_spool = open_spool(dir / "spool" / "mqtt");
  SpoolSource source(clock);
  EdgeServer server(**tokens, &source, &clock);

  // The database went away 30 s ago: three row batches waited since then.
  const std::string payload(200, 'x');
  for (TimestampMs ago : {30'000, 20'000, 10'000}) {
    ASSERT_TRUE(store_spool->append("batch", payload, kHttpNowMs - ago));
  }
  {
    std::lock_guard lock(source.mutex);
    source.store_spool = store_spool.get();
    source.mqtt_spool = mqtt_spool.get();
    source.database_up = false;
    source.spooled = 3;
  }
  const std::uint64_t three_bytes = store_spool->stats().bytes;
  ASSERT_GT(three_bytes, 3 * payload.size());
  auto h = server.health();
  EXPECT_EQ(h["status"], "degraded");
  EXPECT_THAT(h["problems"].get<std::vector<std::string>>(),
              ElementsAre("the database is unreachable; 3 items wait in the store spool, the oldest for 30 s"));
  const auto& store = h["spools"]["store"];
  EXPECT_EQ(store["backend"], "database");
  EXPECT_EQ(store["backend_available"], false);
  EXPECT_EQ(store["items"], 3);
  EXPECT_EQ(store["bytes"], three_bytes);
  EXPECT_EQ(store["max_bytes"], 4096);
  EXPECT_DOUBLE_EQ(store["fill"].get<double>(), static_cast<double>(three_bytes) / 4096.0);
  EXPECT_DOUBLE_EQ(store["oldest_age_s"].get<double>(), 30.0);
  EXPECT_EQ(store["refused"], 0);
  EXPECT_EQ(h["spools"]["mqtt"], nlohmann::json::parse(R"({"backend":"mqtt","backend_available":true,"items":0,
      "bytes":0,"max_bytes":4096,"fill":0.0,"oldest_age_s":0.0,"refused":0})"));

  auto m = server.metrics();
  EXPECT_EQ(m["footfall_spool_items{spool=\"store\"}"], "3");
  EXPECT_EQ(m["footfall_spool_items{spool=\"mqtt\"}"], "0");
  EXPECT_EQ(m["footfall_spool_bytes{spool=\"store\"}"], std::to_string(three_bytes));
  EXPECT_EQ(m["footfall_spool_capacity_bytes{spool=\"store\"}"], "4096");
  EXPECT_EQ(m["footfall_spool_oldest_age_seconds{spool=\"store\"}"], "30");
  EXPECT_EQ(m["footfall_spool_oldest_age_seconds{spool=\"mqtt\"}"], "0");
  EXPECT_EQ(m["footfall_spool_refused_total{spool=\"store\"}"], "0");
  EXPECT_EQ(m["footfall_spool_warn_ratio"], "0.5");
  EXPECT_EQ(m["footfall_database_up"], "0");
  EXPECT_EQ(m["footfall_store_spooled_total"], "3");
  EXPECT_EQ(m["footfall_store_replayed_total"], "0");
  EXPECT_EQ(m["footfall_mqtt_connected"], "1");
  EXPECT_EQ(m["footfall_mqtt_connects_total"], "2");
  EXPECT_EQ(m["footfall_mqtt_events_queued_total"], "7");
  EXPECT_EQ(m["footfall_mqtt_events_confirmed_total"], "5");
  EXPECT_EQ(m["footfall_mqtt_events_dropped_total"], "0");
  EXPECT_THAT(server.last_metrics_text(), ::testing::HasSubstr("# TYPE footfall_spool_oldest_age_seconds gauge\n"));
  EXPECT_THAT(server.last_metrics_text(), ::testing::HasSubstr("# TYPE footfall_store_replayed_total counter\n"));

  // 5 s later the database is back and two batches are replayed: one left, 15 s old. The broker went away with two
  // events waiting.
  clock.advance(5'000);
  ASSERT_TRUE(store_spool->ack(store_spool->stats().acked_sequence + 2));
  ASSERT_TRUE(mqtt_spool->append("mqtt", "{\"id\":1}", kHttpNowMs + 1'000));
  ASSERT_TRUE(mqtt_spool->append("mqtt", "{\"id\":2}", kHttpNowMs + 4'000));
  {
    std::lock_guard lock(source.mutex);
    source.database_up = true;
    source.replayed = 2;
    source.connected = false;
  }
  h = server.health();
  EXPECT_EQ(h["status"], "degraded");
  EXPECT_THAT(h["problems"].get<std::vector<std::string>>(),
              ElementsAre("the MQTT broker is not connected; 2 items wait in the mqtt spool, the oldest for 4 s"));
  EXPECT_EQ(h["spools"]["store"]["items"], 1);
  EXPECT_DOUBLE_EQ(h["spools"]["store"]["oldest_age_s"].get<double>(), 15.0);
  EXPECT_EQ(h["spools"]["store"]["backend_available"], true);
  EXPECT_EQ(h["spools"]["mqtt"]["backend_available"], false);
  EXPECT_EQ(h["spools"]["mqtt"]["items"], 2);
  m = server.metrics();
  EXPECT_EQ(m["footfall_spool_items{spool=\"store\"}"], "1");
  EXPECT_EQ(m["footfall_spool_oldest_age_seconds{spool=\"store\"}"], "15");
  EXPECT_EQ(m["footfall_spool_items{spool=\"mqtt\"}"], "2");
  EXPECT_EQ(m["footfall_spool_oldest_age_seconds{spool=\"mqtt\"}"], "4");
  EXPECT_EQ(m["footfall_database_up"], "1");
  EXPECT_EQ(m["footfall_store_replayed_total"], "2");
  EXPECT_EQ(m["footfall_mqtt_connected"], "0");

  // The store spool fills past the warning (50%), then refuses an item that does not fit.
  {
    std::lock_guard lock(source.mutex);
    source.connected = true;
  }
  ASSERT_TRUE(mqtt_spool->ack(mqtt_spool->stats().last_sequence));
  ASSERT_TRUE(store_spool->append("batch", std::string(2000, 'y'), kHttpNowMs + 5'000));
  const SpoolStats filled = store_spool->stats();
  ASSERT_GE(filled.fill_fraction(), 0.5);
  EXPECT_FALSE(store_spool->append("batch", std::string(2000, 'z'), kHttpNowMs + 5'000));
  const int percent = static_cast<int>(filled.fill_fraction() * 100.0);
  h = server.health();
  EXPECT_EQ(h["status"], "degraded");
  EXPECT_THAT(h["problems"].get<std::vector<std::string>>(),
              ElementsAre("the store spool is " + std::to_string(percent) +
                          "% full (warning at 50%); new items are refused at 100%"));
  EXPECT_EQ(h["spools"]["store"]["refused"], 1);
  m = server.metrics();
  EXPECT_EQ(m["footfall_spool_items{spool=\"store\"}"], "2");
  EXPECT_EQ(m["footfall_spool_refused_total{spool=\"store\"}"], "1");
  EXPECT_NEAR(std::stod(m["footfall_spool_fill_ratio{spool=\"store\"}"]), filled.fill_fraction(), 1e-8);
  EXPECT_EQ(m["footfall_spool_items{spool=\"mqtt\"}"], "0");

  // Everything delivered: ok again. A box on SQLite (no store spool) shows only the MQTT spool.
  ASSERT_TRUE(store_spool->ack(store_spool->stats().last_sequence));
  h = server.health();
  EXPECT_EQ(h["status"], "ok");
  EXPECT_THAT(h["problems"], IsEmpty());
  {
    std::lock_guard lock(source.mutex);
    source.store_spool = nullptr;
  }
  h = server.health();
  EXPECT_EQ(h["status"], "ok");
  EXPECT_FALSE(h["spools"].contains("store"));
  EXPECT_TRUE(h["spools"].contains("mqtt"));
  m = server.metrics();
  EXPECT_EQ(m.count("footfall_spool_items{spool=\"store\"}"), 0u);
  EXPECT_EQ(m.count("footfall_database_up"), 0u);
  EXPECT_EQ(m["footfall_spool_items{spool=\"mqtt\"}"], "0");
}

// The real thing, as `footfall serve` wires it: Service on PostgreSQL, the MQTT publisher, ServiceEdgeHealth.
TEST(EdgeHealth, PostgresAndBrokerOutagesShowInHealthAndMetrics) {
  PgTestServer pg;
  ASSERT_TRUE(pg.ensure_started()) << pg.error();
  const std::string database = pg.create_database();
  ASSERT_FALSE(database.empty()) << pg.error();
  MosquittoBroker broker;
  ASSERT_TRUE(broker.start());

  TempDir dir;
  auto parsed = parse_config("database: " + pg.url(database) +
                                 "\n"
                                 "spool: {dir: " + (dir / "spool").string() + ", warn_percent: 50}\n" +
                                 "cameras:\n"
                                 "  till: {type: push}\n"
                                 "mqtt:\n"
                                 "  host: 127.0.0.1\n"
                                 "  port: " + std::to_string(broker.port()) + "\n" +
                                 "  prefix: edge\n"
                                 "  client_id: edge-health-test\n",
                             "edge.yaml");
  ASSERT_TRUE(parsed) << parsed.error().message;
  const AppConfig config = std::move(*parsed);
  std::atomic<bool> stop{false};
  auto created = Service::create(config, stop, ServiceOptions{.allow_no_cameras = true, .print_summary = false});
  ASSERT_TRUE(created) << created.error().message;
  Service& service = **created;
  auto started = start_mqtt_publisher(config, service.events(), service.store(), service.clock().now_ms());
  ASSERT_TRUE(started) << started.error().message;
  const std::shared_ptr<MqttPublisher> publisher = *started;
  ASSERT_NE(publisher, nullptr);
  auto viewer = create_api_token(service.store(), "prometheus", Role::kViewer, service.clock().now_ms());
  ASSERT_TRUE(viewer) << viewer.error().message;

  ServiceEdgeHealth edge(config, &service, publisher.get(), service.clock());
  EdgeServer server(service.store(), &edge);
  const std::string token = viewer->token;

  // Both links up: ok, empty spools.
  ASSERT_TRUE(eventually([&] { return server.health()["status"] == "ok"; })) << server.health().dump();
  auto h = server.health();
  EXPECT_EQ(h["spools"]["store"]["items"], 0);
  EXPECT_EQ(h["spools"]["store"]["backend_available"], true);
  EXPECT_EQ(h["spools"]["mqtt"]["backend_available"], true);
  auto m = server.metrics(token);
  EXPECT_EQ(m["footfall_database_up"], "1");
  EXPECT_EQ(m["footfall_mqtt_connected"], "1");
  EXPECT_EQ(m["footfall_spool_capacity_bytes{spool=\"store\"}"], std::to_string(1024ull << 20));
  EXPECT_EQ(m["footfall_spool_warn_ratio"], "0.5");

  const TimestampMs t0 = service.clock().now_ms();
  const auto write_second = [&](int i) {
    CountRow row;
    row.camera = "till";
    row.timestamp_ms = t0 + i * 1000;
    row.count = i % 4;
    row.model = "m";
    OwnedBatch batch;
    batch.counts.push_back(row);
    return service.store().write(batch.view());
  };
  ASSERT_TRUE(write_second(0));

  // The database goes away: the next rows wait in the store spool, and both endpoints say so.
  ASSERT_TRUE(pg.stop()) << pg.error();
  constexpr int kOutageRows = 5;
  for (int i = 1; i <= kOutageRows; ++i) ASSERT_TRUE(write_second(i));
  std::this_thread::sleep_for(1100ms);  // the oldest row ages past a second
  h = server.health();
  EXPECT_EQ(h["status"], "degraded");
  ASSERT_EQ(h["problems"].size(), 1u) << h.dump();
  EXPECT_THAT(h["problems"][0].get<std::string>(),
              ::testing::StartsWith("the database is unreachable; 5 items wait in the store spool, the oldest for "));
  EXPECT_EQ(h["spools"]["store"]["backend_available"], false);
  EXPECT_EQ(h["spools"]["store"]["items"], kOutageRows);
  EXPECT_GE(h["spools"]["store"]["oldest_age_s"].get<double>(), 1.0);
  EXPECT_LT(h["spools"]["store"]["oldest_age_s"].get<double>(), 30.0);
  m = server.metrics(token);  // the token was checked before the outage: /metrics stays readable
  EXPECT_EQ(m["footfall_database_up"], "0");
  EXPECT_EQ(m["footfall_spool_items{spool=\"store\"}"], std::to_string(kOutageRows));
  EXPECT_EQ(m["footfall_store_spooled_total"], std::to_string(kOutageRows));
  EXPECT_GE(std::stod(m["footfall_spool_oldest_age_seconds{spool=\"store\"}"]), 1.0);
  EXPECT_GT(std::stoull(m["footfall_spool_bytes{spool=\"store\"}"]), 0u);

  // Then the broker: crossings wait in the MQTT spool.
  broker.stop();
  ASSERT_TRUE(eventually([&] { return !publisher->stats().connected; }));
  for (int i = 0; i < 3; ++i) {
    service.events().on_crossing({"till", "door", i + 1, t0 + i * 1000, CrossingDirection::in});
  }
  ASSERT_TRUE(eventually([&] { return publisher->stats().spool.items == 3; })) << publisher->stats().spool.items;
  h = server.health();
  ASSERT_EQ(h["problems"].size(), 2u) << h.dump();
  EXPECT_THAT(h["problems"][1].get<std::string>(),
              ::testing::StartsWith("the MQTT broker is not connected; 3 items wait in the mqtt spool"));
  m = server.metrics(token);
  EXPECT_EQ(m["footfall_mqtt_connected"], "0");
  EXPECT_EQ(m["footfall_spool_items{spool=\"mqtt\"}"], "3");
  EXPECT_EQ(m["footfall_mqtt_events_queued_total"], "3");

  // Both back: the spools drain, the rows reach the database exactly once, health is ok again.
  ASSERT_TRUE(pg.start()) << pg.error();
  ASSERT_TRUE(broker.start());
  ASSERT_TRUE(dynamic_cast<SpooledStore&>(service.store()).flush(20s));
  ASSERT_TRUE(eventually([&] { return publisher->stats().events_confirmed == 3; }, 40s));
  ASSERT_TRUE(eventually([&] { return server.health()["status"] == "ok"; })) << server.health().dump();
  h = server.health();
  EXPECT_EQ(h["spools"]["store"]["items"], 0);
  EXPECT_EQ(h["spools"]["store"]["oldest_age_s"], 0.0);
  EXPECT_EQ(h["spools"]["mqtt"]["items"], 0);
  m = server.metrics(token);
  EXPECT_EQ(m["footfall_database_up"], "1");
  EXPECT_EQ(m["footfall_mqtt_connected"], "1");
  EXPECT_EQ(m["footfall_store_replayed_total"], std::to_string(kOutageRows));
  EXPECT_EQ(m["footfall_store_rejected_total"], "0");
  EXPECT_EQ(m["footfall_mqtt_events_confirmed_total"], "3");
  EXPECT_EQ(m["footfall_spool_items{spool=\"store\"}"], "0");
  EXPECT_EQ(pg.query(database, "SELECT COUNT(*) FROM counts WHERE camera = 'till'"), std::to_string(kOutageRows + 1));

  stop_mqtt_publisher(publisher, service.events());
}

}  // namespace
}  // namespace footfall::test

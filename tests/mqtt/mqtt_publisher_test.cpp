// The MQTT publisher against a real Mosquitto broker started by the test (tests/mqtt/mosquitto_broker.h): topics and
// payloads of a sequence of events, retained state and discovery for a later subscriber, the last will when the
// publisher dies, username/password, TLS with a self-signed CA, and a broker restart during which events are spooled
// and then delivered exactly once, in order.
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "footfall/mqtt/mqtt_messages.h"
#include "footfall/mqtt/mqtt_publisher.h"
#include "mosquitto_broker.h"
#include "mqtt_subscriber.h"
#include "mqtt_test_config.h"

namespace footfall::test {
namespace {

using namespace std::chrono_literals;

AppConfig config_for(const std::filesystem::path& dir, int port, const std::string& client_id,
                     const std::string& extra = "") {
  auto config = parse_config(shop_yaml(dir, mqtt_yaml(port, client_id, extra)), "shop.yaml");
  if (!config) throw std::runtime_error(config.error().message);
  return *config;
}

std::shared_ptr<MqttPublisher> make_publisher(const AppConfig& config) {
  auto publisher = MqttPublisher::create(config);
  if (!publisher) throw std::runtime_error(publisher.error().message);
  return *publisher;
}

template <typename Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds timeout = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (predicate()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return predicate();
}

std::vector<nlohmann::json> events_of(const MqttSubscriber& subscriber) {
  std::vector<nlohmann::json> out;
  for (const auto& m : subscriber.messages_on("test/events")) out.push_back(nlohmann::json::parse(m.payload));
  return out;
}

std::size_t count_on(const std::vector<ReceivedMessage>& all, const std::string& topic) {
  std::size_t n = 0;
  for (const auto& m : all) n += m.topic == topic ? 1 : 0;
  return n;
}

CrossingEvent crossing(std::int64_t track, TimestampMs t, CrossingDirection direction = CrossingDirection::in,
                       const std::string& camera = "shop.door", const std::string& line = "main") {
  return {camera, line, track, t, direction};
}

TEST(MqttPublisher, PublishesStateOnChangeAndEventsForASequenceOfEvents) {
  MosquittoBroker broker;
  ASSERT_TRUE(broker.start());
  TempDir dir;
  MqttSubscriber live(broker.port(), subscribe_to({"test/#"}));
  ASSERT_TRUE(live.wait_subscribed());
  auto publisher = make_publisher(config_for(dir.path(), broker.port(), "sequence"));
  publisher->start();
  ASSERT_TRUE(live.wait_value("test/available", "online")) << broker.log();
  ASSERT_TRUE(live.wait_value("test/shop/occupancy", "0"));
  EXPECT_EQ(live.last("test/shop.door/person"), "0");
  EXPECT_EQ(live.last("test/shop.door/main/in"), "0");

  const TimestampMs t = now_ms();
  const FrameSummary frame{"shop.door", t, 3, 2, {{"till", 1, std::nullopt, std::nullopt}}};
  publisher->on_frame(frame);
  publisher->on_frame(frame);  // unchanged: not published again
  publisher->on_crossing(crossing(1, t + 100));
  publisher->on_crossing(crossing(2, t + 200));
  publisher->on_crossing(crossing(3, t + 300, CrossingDirection::out));
  publisher->on_visit({"shop.door", "till", 4, t - 5000, t + 400, 5400});
  publisher->on_store_occupancy({"shop", t + 300, 1, 2, 1, std::nullopt});
  publisher->on_frame({"shop.door", t + 500, 3, 2, {{"till", 1, std::nullopt, std::nullopt}}});

  ASSERT_TRUE(live.wait_for([](const auto& all) { return count_on(all, "test/events") >= 4; }));
  ASSERT_TRUE(live.wait_value("test/shop/occupancy", "1"));
  EXPECT_TRUE(live.wait_value("test/shop.door/main/in", "2"));
  EXPECT_EQ(live.last("test/shop.door/main/out"), "1");
  EXPECT_EQ(live.last("test/shop.door/person"), "2");
  EXPECT_EQ(live.last("test/shop.door/till/person"), "1");
  EXPECT_EQ(live.last("test/yard/gate/in"), "0");
  const auto all = live.messages();
  EXPECT_EQ(count_on(all, "test/shop.door/person"), 2u) << "0 at connect, then 2 once: published on change only";
  EXPECT_EQ(count_on(all, "test/shop.door/main/in"), 3u) << "0, 1, 2";

  const auto events = events_of(live);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0]["type"], "crossing");
  EXPECT_EQ(events[0]["camera"], "shop.door");
  EXPECT_EQ(events[0]["line"], "main");
  EXPECT_EQ(events[0]["direction"], "in");
  EXPECT_EQ(events[0]["track_id"], 1);
  EXPECT_EQ(events[0]["timestamp_ms"], t + 100);
  EXPECT_EQ(events[0]["store"], "shop");
  EXPECT_EQ(events[1]["track_id"], 2);
  EXPECT_EQ(events[2]["direction"], "out");
  EXPECT_EQ(events[3]["type"], "zone_visit");
  EXPECT_EQ(events[3]["zone"], "till");
  EXPECT_DOUBLE_EQ(events[3]["dwell_s"].get<double>(), 5.4);

  EXPECT_TRUE(eventually([&] { return publisher->stats().spool.items == 0; })) << "acknowledged after PUBACK";
  const MqttStats stats = publisher->stats();
  EXPECT_TRUE(stats.connected);
  EXPECT_EQ(stats.connects, 1u);
  EXPECT_EQ(stats.events_queued, 4u);
  EXPECT_EQ(stats.events_confirmed, 4u);
  EXPECT_EQ(stats.events_dropped, 0u);

  publisher->stop();
  EXPECT_TRUE(live.wait_value("test/available", "offline")) << "published on a clean stop";
  EXPECT_FALSE(publisher->stats().connected);
}

TEST(MqttPublisher, ALaterSubscriberGetsTheRetainedStateAndDiscoveryButNoOldEvents) {
  MosquittoBroker broker;
  ASSERT_TRUE(broker.start());
  TempDir dir;
  auto publisher = make_publisher(config_for(dir.path(), broker.port(), "retained", "  discovery: {prefix: ha}\n"));
  publisher->start();
  ASSERT_TRUE(eventually([&] { return publisher->stats().connected; })) << broker.log();
  const TimestampMs t = now_ms();
  publisher->on_frame({"yard", t, 1, 1, {}});
  publisher->on_crossing(crossing(1, t, CrossingDirection::out, "yard", "gate"));
  publisher->on_store_occupancy({"shop", t, 3, 3, 0, std::nullopt});
  ASSERT_TRUE(eventually([&] { return publisher->stats().events_confirmed == 1; }));
  std::this_thread::sleep_for(200ms);  // the state messages were sent before the event's PUBACK; let them settle

  MqttSubscriber later(broker.port(), subscribe_to({"test/#", "ha/#"}));
  ASSERT_TRUE(later.wait_subscribed());
  ASSERT_TRUE(later.wait_for([](const auto& all) { return all.size() >= 17; }))
      << "9 state topics + 8 discovery configs";
  std::this_thread::sleep_for(300ms);
  const auto all = later.messages();
  std::map<std::string, std::string> retained;
  for (const auto& m : all) {
    EXPECT_TRUE(m.retain) << m.topic << " reached a new subscriber, so it must be retained";
    retained[m.topic] = m.payload;
  }
  EXPECT_EQ(retained["test/available"], "online");
  EXPECT_EQ(retained["test/yard/person"], "1");
  EXPECT_EQ(retained["test/yard/gate/out"], "1");
  EXPECT_EQ(retained["test/yard/gate/in"], "0");
  EXPECT_EQ(retained["test/shop/occupancy"], "3");
  EXPECT_EQ(retained["test/shop.door/person"], "0");
  EXPECT_EQ(retained.count("test/events"), 0u) << "events are not retained";

  std::size_t configs = 0;
  for (const auto& [topic, payload] : retained) {
    if (topic.rfind("ha/sensor/test/", 0) != 0) continue;
    ++configs;
    const auto config = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(config.is_discarded()) << topic << ": " << payload;
    EXPECT_EQ(topic.substr(topic.size() - 7), "/config");
    EXPECT_EQ(config["availability_topic"], "test/available");
    EXPECT_EQ(config["unit_of_measurement"], "persons");
    EXPECT_EQ(config["device"]["manufacturer"], "footfall");
    EXPECT_TRUE(config["unique_id"].is_string());
    const std::string state_topic = config["state_topic"].get<std::string>();
    EXPECT_TRUE(retained.count(state_topic)) << topic << " names " << state_topic << ", which has no retained state";
  }
  EXPECT_EQ(configs, 8u);
  const auto gate_in = nlohmann::json::parse(retained["ha/sensor/test/yard_gate_in/config"]);
  EXPECT_EQ(gate_in["state_class"], "total_increasing");
  EXPECT_EQ(gate_in["unique_id"], "test_yard_gate_in");
}

TEST(MqttPublisher, TheLastWillSaysOfflineWhenThePublisherIsKilled) {
  MosquittoBroker broker;
  ASSERT_TRUE(broker.start());
  TempDir dir;
  const AppConfig config = config_for(dir.path(), broker.port(), "doomed");
  // The publisher runs in a child process that is then killed with SIGKILL: no DISCONNECT, no `offline` of its own.
  std::fflush(nullptr);
  const pid_t child = ::fork();
  if (child == 0) {
    auto publisher = MqttPublisher::create(config);
    if (!publisher) ::_exit(2);
    (*publisher)->start();
    for (;;) ::pause();
  }
  ASSERT_GT(child, 0);
  struct Reap {
    pid_t pid;
    ~Reap() {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
  } reap{child};
  MqttSubscriber watcher(broker.port(), subscribe_to({"test/available"}));
  ASSERT_TRUE(watcher.wait_subscribed());
  ASSERT_TRUE(watcher.wait_value("test/available", "online")) << broker.log();
  const auto killed_at = std::chrono::steady_clock::now();
  ::kill(child, SIGKILL);
  ASSERT_TRUE(watcher.wait_value("test/available", "offline", 5s)) << broker.log();
  std::printf("last will 'offline' %.0f ms after SIGKILL\n",
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - killed_at).count());
  MqttSubscriber later(broker.port(), subscribe_to({"test/available"}));
  EXPECT_TRUE(later.wait_value("test/available", "offline")) << "the will is retained";
}

TEST(MqttPublisher, UsernameAndPasswordAreRequiredAndAWrongPasswordIsRefusedClearly) {
  TempDir secrets;
  ASSERT_TRUE(make_password_file(secrets / "passwd", "footfall", "right-horse-battery"));
  BrokerOptions with_passwords;
  with_passwords.password_file = secrets / "passwd";
  MosquittoBroker broker(with_passwords);
  ASSERT_TRUE(broker.start());
  TempDir dir;
  ::setenv("FOOTFALL_TEST_MQTT_PASSWORD", "right-horse-battery", 1);
  auto good = make_publisher(config_for(dir.path(), broker.port(), "good",
                                        "  username: footfall\n  password: ${FOOTFALL_TEST_MQTT_PASSWORD}\n"));
  good->start();
  SubscriberOptions credentials = subscribe_to({"test/available"});
  credentials.username = "footfall";
  credentials.password = "right-horse-battery";
  MqttSubscriber watcher(broker.port(), credentials);
  ASSERT_TRUE(watcher.wait_subscribed()) << broker.log();
  EXPECT_TRUE(watcher.wait_value("test/available", "online")) << broker.log();
  EXPECT_TRUE(good->stats().connected);

  TempDir other;
  auto wrong = make_publisher(
      config_for(other.path(), broker.port(), "wrong", "  username: footfall\n  password: wrong-horse\n"));
  wrong->start();
  ASSERT_TRUE(eventually([&] { return !wrong->stats().last_error.empty(); })) << broker.log();
  const MqttStats stats = wrong->stats();
  EXPECT_FALSE(stats.connected);
  EXPECT_EQ(stats.connects, 0u);
  EXPECT_NE(stats.last_error.find("the broker refused the connection: "), std::string::npos) << stats.last_error;
  EXPECT_NE(stats.last_error.find("check mqtt.username and mqtt.password"), std::string::npos) << stats.last_error;
  std::printf("wrong password: %s\n", stats.last_error.c_str());

  MqttSubscriber anonymous(broker.port(), subscribe_to({"test/#"}));
  EXPECT_FALSE(anonymous.wait_subscribed(1s)) << "anonymous clients are refused";
}

TEST(MqttPublisher, SpeaksTlsWithASelfSignedCaAndAClientCertificate) {
  TempDir pki;
  ASSERT_TRUE(make_ca(pki.path(), "test"));
  ASSERT_TRUE(make_signed_certificate(pki.path(), "test", "server", /*server=*/true));
  ASSERT_TRUE(make_signed_certificate(pki.path(), "test", "client", /*server=*/false));
  ASSERT_TRUE(make_ca(pki.path(), "stranger"));
  BrokerOptions with_tls;
  with_tls.ca_file = pki / "test-ca.crt";
  with_tls.cert_file = pki / "server.crt";
  with_tls.key_file = pki / "server.key";
  with_tls.require_certificate = true;
  MosquittoBroker broker(with_tls);
  ASSERT_TRUE(broker.start());
  TempDir dir;
  const std::string tls = "  tls:\n    ca_file: " + (pki / "test-ca.crt").string() +
                          "\n    cert_file: " + (pki / "client.crt").string() +
                          "\n    key_file: " + (pki / "client.key").string() + "\n";
  auto publisher = make_publisher(config_for(dir.path(), broker.port(), "tls", tls));
  publisher->start();
  SubscriberOptions options;
  options.topics = {"test/#"};
  options.ca_file = (pki / "test-ca.crt").string();
  options.cert_file = (pki / "client.crt").string();
  options.key_file = (pki / "client.key").string();
  MqttSubscriber watcher(broker.port(), options);
  ASSERT_TRUE(watcher.wait_subscribed()) << broker.log();
  ASSERT_TRUE(watcher.wait_value("test/available", "online")) << broker.log();
  publisher->on_crossing(crossing(9, now_ms()));
  ASSERT_TRUE(watcher.wait_for([](const auto& all) { return count_on(all, "test/events") == 1; }));
  EXPECT_EQ(watcher.last("test/shop.door/main/in"), "1");

  // A broker certificate signed by another CA is refused by the publisher.
  TempDir other;
  auto doubtful = make_publisher(config_for(
      other.path(), broker.port(), "doubtful",
      "  tls:\n    ca_file: " + (pki / "stranger-ca.crt").string() + "\n    cert_file: " +
          (pki / "client.crt").string() + "\n    key_file: " + (pki / "client.key").string() + "\n"));
  doubtful->start();
  ASSERT_TRUE(eventually([&] { return !doubtful->stats().last_error.empty(); }));
  EXPECT_FALSE(doubtful->stats().connected);
  EXPECT_NE(doubtful->stats().last_error.find("check mqtt.tls"), std::string::npos) << doubtful->stats().last_error;
  std::printf("unknown CA: %s\n", doubtful->stats().last_error.c_str());
}

// Events during a broker outage: spooled on disk, then delivered exactly once and in order after the restart; the
// retained state changed during the outage is republished.
TEST(MqttPublisher, EventsDuringABrokerRestartArriveExactlyOnceInOrder) {
  BrokerOptions persistent;
  persistent.persistence = true;  // keeps the subscriber's session (and its queue) over the restart
  MosquittoBroker broker(persistent);
  ASSERT_TRUE(broker.start());
  TempDir dir;
  SubscriberOptions options;
  options.topics = {"test/events"};
  options.client_id = "outage-listener";
  options.persistent_session = true;
  MqttSubscriber listener(broker.port(), options);
  ASSERT_TRUE(listener.wait_subscribed());
  auto publisher = make_publisher(config_for(dir.path(), broker.port(), "outage"));
  publisher->start();
  ASSERT_TRUE(eventually([&] { return publisher->stats().connected; })) << broker.log();

  std::vector<std::string> expected;
  auto produce = [&](std::int64_t track) {
    const CrossingEvent e = crossing(track, now_ms() + track, track % 3 == 0 ? CrossingDirection::out
                                                                              : CrossingDirection::in);
    expected.push_back(nlohmann::json::parse(crossing_event_json(e, "shop"))["id"].get<std::string>());
    publisher->on_crossing(e);
  };
  for (int track = 1; track <= 5; ++track) produce(track);
  ASSERT_TRUE(listener.wait_for([](const auto& all) { return all.size() == 5; }));
  // Let the listener's PUBACKs reach the broker: a message it has not acknowledged when the broker saves its session
  // is delivered again after the restart (QoS 1 between broker and subscriber is at least once, too).
  std::this_thread::sleep_for(500ms);

  broker.stop();
  const auto stopped_at = std::chrono::steady_clock::now();
  ASSERT_TRUE(eventually([&] { return !publisher->stats().connected; }, 5s));
  for (int track = 6; track <= 25; ++track) {
    produce(track);
    std::this_thread::sleep_for(50ms);
  }
  publisher->on_frame({"shop.door", now_ms(), 7, 7, {{"till", 4, std::nullopt, std::nullopt}}});
  ASSERT_TRUE(eventually([&] { return publisher->stats().spool.items == 20; }, 5s))
      << "the 20 outage events wait on disk; spooled: " << publisher->stats().spool.items;
  EXPECT_NE(publisher->stats().last_error, "");
  std::this_thread::sleep_until(stopped_at + 3s);

  ASSERT_TRUE(broker.start());
  const auto restarted_at = std::chrono::steady_clock::now();
  ASSERT_TRUE(eventually([&] { return publisher->stats().connected; }, 40s));
  const double reconnect_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - restarted_at).count();
  ASSERT_TRUE(eventually([&] { return publisher->stats().spool.items == 0; }, 10s));
  const double replay_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - restarted_at).count();
  std::printf("broker down %.1f s; publisher reconnected %.2f s after the restart; 20 spooled events confirmed "
              "%.2f s after the restart\n",
              std::chrono::duration<double>(restarted_at - stopped_at).count(), reconnect_s, replay_s);

  ASSERT_TRUE(listener.wait_for([&](const auto& all) { return all.size() >= expected.size(); }, 15s))
      << "received " << listener.messages().size() << " of " << expected.size() << "\n" << broker.log();
  std::this_thread::sleep_for(1s);  // a duplicate would arrive by now
  std::vector<std::string> received;
  for (const auto& e : events_of(listener)) received.push_back(e["id"].get<std::string>());
  EXPECT_EQ(received, expected) << "every event exactly once, in the order produced";
  EXPECT_EQ(publisher->stats().events_confirmed, 25u);

  // The state that changed during the outage was republished (the broker's persisted copy said 0).
  MqttSubscriber later(broker.port(), subscribe_to({"test/#"}));
  EXPECT_TRUE(later.wait_value("test/shop.door/person", "7"));
  EXPECT_TRUE(later.wait_value("test/shop.door/till/person", "4"));
  EXPECT_TRUE(later.wait_value("test/available", "online"));
  EXPECT_TRUE(later.wait_value("test/shop.door/main/in", "17"));
  EXPECT_TRUE(later.wait_value("test/shop.door/main/out", "8"));
}

TEST(MqttPublisher, RetainedStateIsRepublishedToABrokerThatLostIt) {
  MosquittoBroker broker;  // no persistence: a restart forgets every retained message
  ASSERT_TRUE(broker.start());
  TempDir dir;
  auto publisher = make_publisher(config_for(dir.path(), broker.port(), "republish"));
  publisher->start();
  ASSERT_TRUE(eventually([&] { return publisher->stats().connected; })) << broker.log();
  publisher->on_crossing(crossing(1, now_ms()));
  publisher->on_store_occupancy({"shop", now_ms(), 1, 1, 0, std::nullopt});
  ASSERT_TRUE(eventually([&] { return publisher->stats().events_confirmed == 1; }));

  broker.stop();
  ASSERT_TRUE(eventually([&] { return !publisher->stats().connected; }, 5s));
  ASSERT_TRUE(broker.start());
  {
    MqttSubscriber early(broker.port(), subscribe_to({"test/#"}));
    ASSERT_TRUE(early.wait_subscribed());
  }
  ASSERT_TRUE(eventually([&] { return publisher->stats().connected; }, 40s));
  EXPECT_EQ(publisher->stats().connects, 2u);
  MqttSubscriber later(broker.port(), subscribe_to({"test/#", "homeassistant/#"}));
  EXPECT_TRUE(later.wait_value("test/shop.door/main/in", "1"));
  EXPECT_TRUE(later.wait_value("test/shop/occupancy", "1"));
  EXPECT_TRUE(later.wait_value("test/available", "online"));
  EXPECT_TRUE(later.wait_for([](const auto& all) {
    std::size_t n = 0;
    for (const auto& m : all) n += m.topic.rfind("homeassistant/sensor/test/", 0) == 0 ? 1 : 0;
    return n == 8;
  })) << "discovery republished too";
}

TEST(MqttPublisher, EventsOfARunWithoutBrokerWaitInTheSpoolForTheNextStart) {
  MosquittoBroker broker;  // not started yet
  TempDir dir;
  const AppConfig config = config_for(dir.path(), broker.port(), "offline-start");
  {
    auto publisher = make_publisher(config);
    publisher->start();
    for (int track = 1; track <= 3; ++track) publisher->on_crossing(crossing(track, now_ms() + track));
    ASSERT_TRUE(eventually([&] { return publisher->stats().spool.items == 3; }));
    EXPECT_FALSE(publisher->stats().connected);
    EXPECT_TRUE(eventually([&] { return !publisher->stats().last_error.empty(); }));
    std::printf("no broker: %s\n", publisher->stats().last_error.c_str());
    const auto stop_started = std::chrono::steady_clock::now();
    publisher->stop();
    EXPECT_LT(std::chrono::steady_clock::now() - stop_started, 2s) << "no broker: stop does not wait for it";
  }
  ASSERT_TRUE(broker.start());
  MqttSubscriber listener(broker.port(), subscribe_to({"test/events"}));
  ASSERT_TRUE(listener.wait_subscribed());
  auto next = make_publisher(config);  // same spool folder
  EXPECT_EQ(next->stats().spool.items, 3u);
  next->start();
  ASSERT_TRUE(listener.wait_for([](const auto& all) { return all.size() == 3; })) << broker.log();
  const auto events = events_of(listener);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(events[static_cast<std::size_t>(i)]["track_id"], i + 1);
  EXPECT_TRUE(eventually([&] { return next->stats().spool.items == 0; }));
}

}  // namespace
}  // namespace footfall::test

// What the publisher sends, without a broker: topic names, event JSON, Home Assistant discovery configs, and the
// retained state (on change only, store-local days, today's totals seeded from a real SQLite database).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "footfall/mqtt/mqtt_messages.h"
#include "footfall/mqtt/mqtt_state.h"
#include "footfall/store/store.h"
#include "mqtt_test_config.h"

namespace footfall::test {
namespace {

AppConfig shop_config(const TempDir& dir, const std::string& mqtt = "mqtt:\n  prefix: test\n") {
  auto config = parse_config(shop_yaml(dir.path(), mqtt), "shop.yaml");
  if (!config) throw std::runtime_error(config.error().message);
  return *config;
}

TimestampMs at(const char* iso) { return *parse_iso8601(iso); }

std::map<std::string, std::string> as_map(const std::vector<MqttMessage>& messages) {
  std::map<std::string, std::string> out;
  for (const auto& m : messages) {
    EXPECT_TRUE(m.retain) << m.topic;
    out[m.topic] = m.payload;
  }
  return out;
}

TEST(MqttTopics, AreFrigateShapedUnderThePrefix) {
  const MqttTopics t("chain/store-12");
  EXPECT_EQ(t.available(), "chain/store-12/available");
  EXPECT_EQ(t.events(), "chain/store-12/events");
  EXPECT_EQ(t.camera_person("door"), "chain/store-12/door/person");
  EXPECT_EQ(t.zone_person("door", "till"), "chain/store-12/door/till/person");
  EXPECT_EQ(t.line_total("door", "main", "in"), "chain/store-12/door/main/in");
  EXPECT_EQ(t.store_occupancy("shop"), "chain/store-12/shop/occupancy");
  EXPECT_EQ(discovery_node_id("chain/store-12"), "chain_store-12");
}

TEST(MqttEvents, CrossingAndVisitJsonCarryEveryFieldAndAStableId) {
  const CrossingEvent crossing{"door", "main", 17, at("2026-11-24T10:00:01.250Z"), CrossingDirection::out};
  const auto c = nlohmann::json::parse(crossing_event_json(crossing, "shop"));
  EXPECT_EQ(c["type"], "crossing");
  EXPECT_EQ(c["id"], "crossing/door/main/17/1795514401250");
  EXPECT_EQ(c["camera"], "door");
  EXPECT_EQ(c["line"], "main");
  EXPECT_EQ(c["direction"], "out");
  EXPECT_EQ(c["track_id"], 17);
  EXPECT_EQ(c["time"], "2026-11-24T10:00:01.250Z");
  EXPECT_EQ(c["timestamp_ms"], 1795514401250);
  EXPECT_EQ(c["store"], "shop");
  EXPECT_FALSE(nlohmann::json::parse(crossing_event_json(crossing, "")).contains("store"));

  const ZoneVisitEvent visit{"door", "till", 4, at("2026-11-24T10:00:00Z"), at("2026-11-24T10:00:12.500Z"), 12500};
  const auto v = nlohmann::json::parse(visit_event_json(visit, ""));
  EXPECT_EQ(v["type"], "zone_visit");
  EXPECT_EQ(v["id"], "visit/door/till/4/1795514400000");
  EXPECT_EQ(v["zone"], "till");
  EXPECT_EQ(v["enter"], "2026-11-24T10:00:00.000Z");
  EXPECT_EQ(v["exit"], "2026-11-24T10:00:12.500Z");
  EXPECT_DOUBLE_EQ(v["dwell_s"].get<double>(), 12.5);
}

TEST(MqttDiscovery, OneSensorPerCountWithDeviceAndAvailability) {
  TempDir dir;
  const AppConfig app = shop_config(dir, "mqtt:\n  prefix: chain/s12\n  discovery: {prefix: ha}\n");
  const auto messages = discovery_messages(app, app.mqtt);
  std::map<std::string, nlohmann::json> configs;
  for (const auto& m : messages) {
    EXPECT_TRUE(m.retain);
    configs[m.topic] = nlohmann::json::parse(m.payload);
  }
  const std::map<std::string, std::pair<std::string, std::string>> expected = {
      {"shop_door_person", {"chain/s12/shop.door/person", "measurement"}},
      {"shop_door_till_person", {"chain/s12/shop.door/till/person", "measurement"}},
      {"shop_door_main_in", {"chain/s12/shop.door/main/in", "total_increasing"}},
      {"shop_door_main_out", {"chain/s12/shop.door/main/out", "total_increasing"}},
      {"yard_person", {"chain/s12/yard/person", "measurement"}},
      {"yard_gate_in", {"chain/s12/yard/gate/in", "total_increasing"}},
      {"yard_gate_out", {"chain/s12/yard/gate/out", "total_increasing"}},
      {"shop_occupancy", {"chain/s12/shop/occupancy", "measurement"}},
  };
  ASSERT_EQ(configs.size(), expected.size());
  for (const auto& [object_id, topic_class] : expected) {
    const std::string topic = "ha/sensor/chain_s12/" + object_id + "/config";
    ASSERT_TRUE(configs.count(topic)) << topic;
    const nlohmann::json& c = configs[topic];
    EXPECT_EQ(c["unique_id"], "chain_s12_" + object_id);
    EXPECT_EQ(c["state_topic"], topic_class.first);
    EXPECT_EQ(c["state_class"], topic_class.second);
    EXPECT_EQ(c["availability_topic"], "chain/s12/available");
    EXPECT_EQ(c["payload_available"], "online");
    EXPECT_EQ(c["payload_not_available"], "offline");
    EXPECT_EQ(c["unit_of_measurement"], "persons");
    EXPECT_TRUE(c["name"].is_string());
    EXPECT_EQ(c["device"]["manufacturer"], "footfall");
    ASSERT_TRUE(c["device"]["identifiers"].is_array());
    EXPECT_FALSE(c["device"]["identifiers"].empty());
  }
  EXPECT_EQ(configs["ha/sensor/chain_s12/shop_door_person/config"]["device"]["name"], "shop.door");
  EXPECT_EQ(configs["ha/sensor/chain_s12/shop_door_person/config"]["device"]["via_device"], "chain_s12_store_shop");
  EXPECT_EQ(configs["ha/sensor/chain_s12/shop_occupancy/config"]["device"]["identifiers"][0], "chain_s12_store_shop");
  EXPECT_FALSE(configs["ha/sensor/chain_s12/yard_person/config"]["device"].contains("via_device"));

  AppConfig off = app;
  off.mqtt.discovery = false;
  EXPECT_TRUE(discovery_messages(off, off.mqtt).empty());
}

TEST(MqttState, StartsAtZeroAndReportsOnlyWhatChanged) {
  TempDir dir;
  const AppConfig app = shop_config(dir);
  MqttState state(app, "test", at("2026-11-24T12:00:00Z"));
  EXPECT_EQ(as_map(state.retained()), (std::map<std::string, std::string>{{"test/shop.door/person", "0"},
                                                                           {"test/shop.door/till/person", "0"},
                                                                           {"test/shop.door/main/in", "0"},
                                                                           {"test/shop.door/main/out", "0"},
                                                                           {"test/yard/person", "0"},
                                                                           {"test/yard/gate/in", "0"},
                                                                           {"test/yard/gate/out", "0"},
                                                                           {"test/shop/occupancy", "0"}}));
  FrameSummary frame{"shop.door", at("2026-11-24T12:00:01Z"), 3, 2, {{"till", 1, std::nullopt, std::nullopt}}};
  EXPECT_EQ(as_map(state.on_frame(frame)),
            (std::map<std::string, std::string>{{"test/shop.door/person", "2"}, {"test/shop.door/till/person", "1"}}));
  EXPECT_TRUE(state.on_frame(frame).empty()) << "same counts: nothing to publish";
  frame.count = 5;  // detections that are not confirmed tracks do not change the person count
  EXPECT_TRUE(state.on_frame(frame).empty());
  frame.zones[0].occupancy = 0;
  EXPECT_EQ(as_map(state.on_frame(frame)), (std::map<std::string, std::string>{{"test/shop.door/till/person", "0"}}));

  EXPECT_EQ(as_map(state.on_crossing({"shop.door", "main", 1, at("2026-11-24T12:00:02Z"), CrossingDirection::in})),
            (std::map<std::string, std::string>{{"test/shop.door/main/in", "1"}}));
  EXPECT_EQ(as_map(state.on_crossing({"shop.door", "main", 2, at("2026-11-24T12:00:03Z"), CrossingDirection::out})),
            (std::map<std::string, std::string>{{"test/shop.door/main/out", "1"}}));
  EXPECT_EQ(as_map(state.on_store_occupancy({"shop", at("2026-11-24T12:00:03Z"), 4, 5, 1, std::nullopt})),
            (std::map<std::string, std::string>{{"test/shop/occupancy", "4"}}));
  EXPECT_EQ(state.value("test/shop.door/main/in"), "1");
}

TEST(MqttState, LineTotalsFollowTheStoreLocalDayElseUtc) {
  TempDir dir;
  const AppConfig app = shop_config(dir);
  MqttState state(app, "test", at("2026-11-24T12:00:00Z"));
  // Berlin is UTC+1 in November: the shop's day 2026-11-24 is [23:00Z on the 23rd, 23:00Z on the 24th).
  state.on_crossing({"shop.door", "main", 1, at("2026-11-24T22:59:59Z"), CrossingDirection::in});
  state.on_crossing({"yard", "gate", 1, at("2026-11-24T22:59:59Z"), CrossingDirection::in});
  EXPECT_EQ(state.value("test/shop.door/main/in"), "1");
  auto changed = as_map(state.on_crossing({"shop.door", "main", 2, at("2026-11-24T23:00:00Z"), CrossingDirection::out}));
  EXPECT_EQ(changed, (std::map<std::string, std::string>{{"test/shop.door/main/in", "0"}, {"test/shop.door/main/out", "1"}}))
      << "local midnight in Berlin starts a new day";
  state.on_crossing({"yard", "gate", 2, at("2026-11-24T23:30:00Z"), CrossingDirection::in});
  EXPECT_EQ(state.value("test/yard/gate/in"), "2") << "the yard belongs to no store: still the same UTC day";
  state.on_crossing({"yard", "gate", 3, at("2026-11-25T00:00:00Z"), CrossingDirection::in});
  EXPECT_EQ(state.value("test/yard/gate/in"), "1") << "UTC midnight";
}

TEST(MqttState, TodaysTotalsAreSeededFromTheDatabase) {
  TempDir dir;
  const AppConfig app = shop_config(dir);
  auto store = open_store((dir / "counts.db").string());
  ASSERT_TRUE(store) << store.error().message;
  const std::vector<CrossingRow> rows = {
      {"shop.door", "main", at("2026-11-23T22:30:00Z"), 1, "in"},   // 23:30 local on the 23rd: yesterday
      {"shop.door", "main", at("2026-11-23T23:30:00Z"), 2, "in"},   // 00:30 local on the 24th
      {"shop.door", "main", at("2026-11-24T09:00:00Z"), 3, "in"},
      {"shop.door", "main", at("2026-11-24T09:05:00Z"), 3, "out"},
      {"shop.door", "main", at("2026-11-24T22:30:00Z"), 4, "in"},   // 23:30 local
      {"shop.door", "old", at("2026-11-24T10:00:00Z"), 5, "in"},    // a line no longer configured
      {"yard", "gate", at("2026-11-23T23:30:00Z"), 6, "in"},   // yesterday in UTC
      {"yard", "gate", at("2026-11-24T00:10:00Z"), 7, "out"},
  };
  ASSERT_TRUE((*store)->write_crossings(rows));
  MqttState state(app, "test", at("2026-11-24T12:00:00Z"));
  auto changed = state.seed_today(**store, at("2026-11-24T12:00:00Z"));
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ(as_map(*changed), (std::map<std::string, std::string>{{"test/shop.door/main/in", "3"},
                                                                   {"test/shop.door/main/out", "1"},
                                                                   {"test/yard/gate/out", "1"}}));
  EXPECT_EQ(state.value("test/yard/gate/in"), "0");
  state.on_crossing({"shop.door", "main", 8, at("2026-11-24T12:30:00Z"), CrossingDirection::in});
  EXPECT_EQ(state.value("test/shop.door/main/in"), "4") << "live crossings add to the seeded totals";
}

}  // namespace
}  // namespace footfall::test

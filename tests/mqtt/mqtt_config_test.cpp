// The `mqtt` section of the configuration: defaults, every key, ${ENV} passwords and the mistakes refused at load.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>

#include "footfall/config/config.h"
#include "footfall/mqtt/mqtt_publisher.h"
#include "test_paths.h"

namespace footfall::test {
namespace {

Result<AppConfig> parse(const std::string& yaml) { return parse_config(yaml, "cfg.yaml"); }

std::string error_of(const std::string& yaml) {
  auto config = parse(yaml);
  EXPECT_FALSE(config.ok()) << yaml;
  return config ? std::string() : config.error().message;
}

TEST(MqttConfig, AbsentSectionLeavesThePublisherOff) {
  auto config = parse("database: x.db\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_FALSE(config->mqtt.enabled);
}

TEST(MqttConfig, PresentSectionTurnsItOnWithDefaults) {
  for (const char* yaml : {"mqtt:\n", "mqtt: {}\n", "mqtt:\n  host: localhost\n"}) {
    auto config = parse(std::string("database: /data/counts.db\n") + yaml);
    ASSERT_TRUE(config) << config.error().message;
    const MqttConfig& m = config->mqtt;
    EXPECT_TRUE(m.enabled) << yaml;
    EXPECT_EQ(m.host, "localhost");
    EXPECT_EQ(m.port, 1883);
    EXPECT_EQ(m.prefix, "footfall");
    EXPECT_TRUE(m.client_id.empty());
    EXPECT_TRUE(m.username.empty());
    EXPECT_FALSE(m.tls);
    EXPECT_TRUE(m.discovery);
    EXPECT_EQ(m.discovery_prefix, "homeassistant");
    EXPECT_EQ(m.keepalive_s, 60);
    EXPECT_EQ(m.qos, 1);
    EXPECT_EQ(mqtt_spool_dir(*config), std::filesystem::path("/data/footfall-spool/mqtt"))
        << "next to the store writer's spool (/data/footfall-spool/store)";
  }
}

TEST(MqttConfig, EveryKeyIsReadAndThePasswordComesFromTheEnvironment) {
  TempDir dir;
  for (const char* f : {"ca.pem", "client.pem", "client.key"}) std::ofstream(dir / f) << "pem";
  ::setenv("FOOTFALL_TEST_MQTT_SECRET", "s3cret", 1);
  auto config = parse("mqtt:\n"
                      "  enabled: true\n"
                      "  host: broker.example.com\n"
                      "  port: 8883\n"
                      "  prefix: chain/store-12\n"
                      "  client_id: box-12\n"
                      "  username: footfall\n"
                      "  password: ${FOOTFALL_TEST_MQTT_SECRET}\n"
                      "  tls:\n"
                      "    ca_file: " + (dir / "ca.pem").string() + "\n" +
                      "    cert_file: " + (dir / "client.pem").string() + "\n" +
                      "    key_file: " + (dir / "client.key").string() + "\n" +
                      "  discovery: {enabled: false, prefix: ha}\n"
                      "  keepalive: 30\n"
                      "  qos: 2\n"
                      "  spool_dir: /var/spool/footfall-mqtt\n");
  ASSERT_TRUE(config) << config.error().message;
  const MqttConfig& m = config->mqtt;
  EXPECT_TRUE(m.enabled);
  EXPECT_EQ(m.host, "broker.example.com");
  EXPECT_EQ(m.port, 8883);
  EXPECT_EQ(m.prefix, "chain/store-12");
  EXPECT_EQ(m.client_id, "box-12");
  EXPECT_EQ(m.username, "footfall");
  EXPECT_EQ(m.password, "s3cret");
  EXPECT_TRUE(m.tls);
  EXPECT_EQ(m.tls_ca_file, (dir / "ca.pem").string());
  EXPECT_EQ(m.tls_cert_file, (dir / "client.pem").string());
  EXPECT_EQ(m.tls_key_file, (dir / "client.key").string());
  EXPECT_FALSE(m.discovery);
  EXPECT_EQ(m.discovery_prefix, "ha");
  EXPECT_EQ(m.keepalive_s, 30);
  EXPECT_EQ(m.qos, 2);
  EXPECT_EQ(mqtt_spool_dir(*config), std::filesystem::path("/var/spool/footfall-mqtt"));
}

TEST(MqttConfig, DisabledAndTlsWithTheOsTrustStore) {
  auto off = parse("mqtt:\n  enabled: false\n  host: broker\n");
  ASSERT_TRUE(off) << off.error().message;
  EXPECT_FALSE(off->mqtt.enabled);
  auto tls = parse("mqtt:\n  port: 8883\n  tls: {}\n  discovery: false\n");
  ASSERT_TRUE(tls) << tls.error().message;
  EXPECT_TRUE(tls->mqtt.tls);
  EXPECT_TRUE(tls->mqtt.tls_ca_file.empty());
  EXPECT_FALSE(tls->mqtt.discovery);
}

TEST(MqttConfig, UnknownKeysAreRefusedWithTheirPath) {
  EXPECT_NE(error_of("mqtt:\n  hots: broker\n")
                .find("cfg.yaml: mqtt.hots: unknown key (expected one of: enabled, host, port"),
            std::string::npos);
  EXPECT_NE(error_of("mqtt:\n  tls: {ca: x.pem}\n").find("mqtt.tls.ca: unknown key"), std::string::npos);
  EXPECT_NE(error_of("mqtt:\n  discovery: {prefx: ha}\n").find("mqtt.discovery.prefx: unknown key"),
            std::string::npos);
}

TEST(MqttConfig, MistakesAreRefusedNamingTheKey) {
  EXPECT_NE(error_of("mqtt:\n  port: 0\n").find("mqtt.port: must be between 1 and 65535, got 0"), std::string::npos);
  EXPECT_NE(error_of("mqtt:\n  prefix: shop/#\n").find("mqtt.prefix: must not contain the MQTT wildcards"),
            std::string::npos);
  EXPECT_NE(error_of("mqtt:\n  prefix: /shop\n").find("mqtt.prefix: must not start or end with '/'"),
            std::string::npos);
  EXPECT_NE(error_of("mqtt:\n  prefix: $SYS\n").find("mqtt.prefix: must not start with '$'"), std::string::npos);
  EXPECT_NE(error_of("mqtt:\n  host: ''\n").find("mqtt.host: must not be empty"), std::string::npos);
  EXPECT_NE(error_of("mqtt:\n  password: x\n").find("mqtt.password: needs a username"), std::string::npos);
  EXPECT_NE(error_of("mqtt:\n  qos: 3\n").find("mqtt.qos: must be between 0 and 2, got 3"), std::string::npos);
  EXPECT_NE(error_of("mqtt:\n  keepalive: 2\n").find("mqtt.keepalive: must be between 5 and 65535"),
            std::string::npos);
  EXPECT_NE(error_of("mqtt:\n  tls: {ca_file: /nonexistent/ca.pem}\n").find("mqtt.tls.ca_file: no such file: "
                                                                              "/nonexistent/ca.pem"),
            std::string::npos);
  TempDir dir;
  std::ofstream(dir / "client.pem") << "pem";
  EXPECT_NE(error_of("mqtt:\n  tls: {cert_file: " + (dir / "client.pem").string() + "}\n")
                .find("mqtt.tls.key_file: missing; a client certificate needs both cert_file and key_file"),
            std::string::npos);
  ::unsetenv("FOOTFALL_TEST_MQTT_UNSET");
  EXPECT_NE(error_of("mqtt:\n  username: u\n  password: ${FOOTFALL_TEST_MQTT_UNSET}\n").find("mqtt.password: "),
            std::string::npos);
  EXPECT_NE(error_of("mqtt: broker\n").find("mqtt: must be a map"), std::string::npos);
}

}  // namespace
}  // namespace footfall::test

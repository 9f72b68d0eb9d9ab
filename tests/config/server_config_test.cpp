// The `server` section (footfall serve): defaults, every key, and each mistake refused with its key path.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "config_test_util.h"
#include "test_paths.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;

TEST(ServerConfig, DefaultsWithoutAServerSection) {
  const AppConfig config = parse_ok("cameras:\n  door:\n    source: /tmp/a.mp4\n");
  EXPECT_EQ(config.server.bind, "127.0.0.1");
  EXPECT_EQ(config.server.port, 8080);
  EXPECT_FALSE(config.server.tls());
  EXPECT_EQ(config.server.max_body_bytes, 10 * 1024 * 1024);
  EXPECT_DOUBLE_EQ(config.server.session_hours, 12.0);
  EXPECT_TRUE(config.server.web_root.empty());
  EXPECT_EQ(config.server.threads, 32);
  EXPECT_EQ(config.server.request_nice, 10);
  EXPECT_EQ(parse_ok("server:\n").server.port, 8080) << "an empty section keeps the defaults";
}

TEST(ServerConfig, EveryKeyIsRead) {
  TempDir dir;
  std::ofstream(dir / "cert.pem") << "cert";
  std::ofstream(dir / "key.pem") << "key";
  const AppConfig config = parse_ok("server:\n"
                                    "  bind: 0.0.0.0\n"
                                    "  port: 8443\n"
                                    "  tls:\n"
                                    "    cert: " + (dir / "cert.pem").string() + "\n"
                                    "    key: " + (dir / "key.pem").string() + "\n"
                                    "  max_body_bytes: 2048\n"
                                    "  session_hours: 0.5\n"
                                    "  web_root: /opt/footfall/web\n"
                                    "  threads: 64\n"
                                    "  request_nice: 0\n");
  EXPECT_EQ(config.server.bind, "0.0.0.0");
  EXPECT_EQ(config.server.port, 8443);
  EXPECT_TRUE(config.server.tls());
  EXPECT_EQ(config.server.tls_cert, (dir / "cert.pem").string());
  EXPECT_EQ(config.server.tls_key, (dir / "key.pem").string());
  EXPECT_EQ(config.server.max_body_bytes, 2048);
  EXPECT_DOUBLE_EQ(config.server.session_hours, 0.5);
  EXPECT_EQ(config.server.web_root, "/opt/footfall/web");
  EXPECT_EQ(config.server.threads, 64);
  EXPECT_EQ(config.server.request_nice, 0);
  EXPECT_EQ(parse_ok("server: {bind: '::1', port: 0}\n").server.bind, "::1");
  EXPECT_EQ(parse_ok("server: {bind: localhost}\n").server.bind, "localhost");
}

TEST(ServerConfig, MistakesAreRefusedWithTheirKeyPath) {
  EXPECT_THAT(parse_error("server:\n  prot: 80\n"),
              HasSubstr("footfall.yaml: server.prot: unknown key (expected one of: bind, port, tls, max_body_bytes, "
                        "session_hours, web_root, threads, request_nice)"));
  EXPECT_THAT(parse_error("server:\n  port: 70000\n"), HasSubstr("footfall.yaml: server.port: must be between 0 and 65535"));
  EXPECT_THAT(parse_error("server:\n  port: http\n"), HasSubstr("footfall.yaml: server.port: "));
  EXPECT_THAT(parse_error("server:\n  bind: shop.example.com\n"),
              HasSubstr("footfall.yaml: server.bind: must be an IPv4 or IPv6 address"));
  EXPECT_THAT(parse_error("server:\n  max_body_bytes: 10\n"), HasSubstr("footfall.yaml: server.max_body_bytes: "));
  EXPECT_THAT(parse_error("server:\n  session_hours: 0\n"), HasSubstr("footfall.yaml: server.session_hours: "));
  EXPECT_THAT(parse_error("server:\n  web_root: ''\n"), HasSubstr("footfall.yaml: server.web_root: must not be empty"));
  EXPECT_THAT(parse_error("server:\n  threads: 1\n"), HasSubstr("footfall.yaml: server.threads: "));
  EXPECT_THAT(parse_error("server:\n  request_nice: 20\n"),
              HasSubstr("footfall.yaml: server.request_nice: must be between 0 and 19, got 20"));
  EXPECT_THAT(parse_error("server: 8080\n"), HasSubstr("footfall.yaml: server: must be a map"));
}

TEST(ServerConfig, TlsNeedsBothFilesAndTheyMustExist) {
  TempDir dir;
  std::ofstream(dir / "cert.pem") << "cert";
  EXPECT_THAT(parse_error("server:\n  tls:\n    cert: " + (dir / "cert.pem").string() + "\n"),
              HasSubstr("footfall.yaml: server.tls.key: missing; TLS needs both cert and key"));
  EXPECT_THAT(parse_error("server:\n  tls:\n    cert: " + (dir / "cert.pem").string() + "\n    key: " +
                          (dir / "nope.pem").string() + "\n"),
              HasSubstr("footfall.yaml: server.tls.key: no such file: " + (dir / "nope.pem").string()));
  EXPECT_THAT(parse_error("server:\n  tls: {cert: a, key: b, ca: c}\n"), HasSubstr("footfall.yaml: server.tls.ca: unknown key"));
  EXPECT_FALSE(parse_ok("server:\n  tls:\n").server.tls()) << "an empty tls section is plain HTTP";
}

TEST(ServerConfig, PushCamerasNeedNoSourceAndTakeNoSampling) {
  const AppConfig config = parse_ok("cameras:\n  till:\n    type: push\n");
  ASSERT_EQ(config.cameras.size(), 1u);
  EXPECT_EQ(config.cameras[0].kind, "push");
  EXPECT_TRUE(config.cameras[0].source.empty());
  EXPECT_THAT(parse_error("cameras:\n  till:\n    type: push\n    source: /tmp/a.mp4\n"),
              HasSubstr("footfall.yaml: cameras.till.source: does not apply to push cameras"));
  EXPECT_THAT(parse_error("cameras:\n  till:\n    type: push\n    sampling: {fps: 2}\n"),
              HasSubstr("footfall.yaml: cameras.till.sampling: does not apply to push sources"));
  EXPECT_THAT(parse_error("cameras:\n  till:\n    enabled: true\n"),
              HasSubstr("footfall.yaml: cameras.till.source: missing; every camera needs a source"));
}

}  // namespace
}  // namespace footfall::test

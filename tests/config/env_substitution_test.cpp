// ${NAME} and ${NAME:-default} in configuration strings.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config_test_util.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;

TEST(SubstituteEnv, ReplacesSetVariables) {
  ScopedEnv user("FOOTFALL_TEST_USER", "viewer");
  ScopedEnv pass("FOOTFALL_TEST_PASS", "s3cr$t");
  auto s = substitute_env("rtsp://${FOOTFALL_TEST_USER}:${FOOTFALL_TEST_PASS}@10.0.0.7/stream1");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(*s, "rtsp://viewer:s3cr$t@10.0.0.7/stream1") << "values are inserted verbatim, not re-expanded";
}

TEST(SubstituteEnv, DefaultsApplyWhenUnsetOrEmpty) {
  ScopedEnv unset("FOOTFALL_TEST_UNSET", nullptr);
  ScopedEnv empty("FOOTFALL_TEST_EMPTY", "");
  ScopedEnv set("FOOTFALL_TEST_SET", "here");
  auto s = substitute_env("${FOOTFALL_TEST_UNSET:-a}|${FOOTFALL_TEST_EMPTY:-b}|${FOOTFALL_TEST_SET:-c}|"
                          "${FOOTFALL_TEST_UNSET:-}|${FOOTFALL_TEST_EMPTY}");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(*s, "a|b|here||");
}

TEST(SubstituteEnv, LeavesPlainTextAndLoneDollarsAlone) {
  auto s = substitute_env("/data/$HOME/cost$5 {braces} $$ end$");
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, "/data/$HOME/cost$5 {braces} $$ end$");
  auto escaped = substitute_env("literal $${NOT_A_VAR}");
  ASSERT_TRUE(escaped);
  EXPECT_EQ(*escaped, "literal ${NOT_A_VAR}");
}

TEST(SubstituteEnv, UnsetVariableIsNamed) {
  ScopedEnv unset("FOOTFALL_TEST_UNSET", nullptr);
  auto s = substitute_env("rtsp://admin:${FOOTFALL_TEST_UNSET}@cam");
  ASSERT_FALSE(s);
  EXPECT_THAT(s.error().message, HasSubstr("environment variable FOOTFALL_TEST_UNSET is not set"));
}

TEST(SubstituteEnv, MalformedReferencesAreErrors) {
  EXPECT_THAT(substitute_env("${UNCLOSED").error().message, HasSubstr("unterminated"));
  EXPECT_THAT(substitute_env("${}").error().message, HasSubstr("is not a variable reference"));
  EXPECT_THAT(substitute_env("${1ABC}").error().message, HasSubstr("'${1ABC}'"));
  EXPECT_THAT(substitute_env("${A-B}").error().message, HasSubstr("is not a variable reference"));
}

TEST(SubstituteEnv, ConfigErrorNamesTheKeyAndTheVariable) {
  ScopedEnv unset("CAMERA_PASSWORD", nullptr);
  const std::string err = parse_error(
      "cameras:\n"
      "  door:\n"
      "    source: rtsp://admin:${CAMERA_PASSWORD}@192.168.1.20/stream\n");
  EXPECT_THAT(err, HasSubstr("footfall.yaml: cameras.door.source: environment variable CAMERA_PASSWORD is not set"));
}

TEST(SubstituteEnv, AppliesToEveryStringValueButNotToComments) {
  ScopedEnv db("FOOTFALL_TEST_DB", "/var/lib/footfall/counts.db");
  ScopedEnv model("FOOTFALL_TEST_MODEL", "/models/yolo.onnx");
  ScopedEnv unset("FOOTFALL_TEST_UNSET", nullptr);
  const AppConfig c = parse_ok(
      "# ${FOOTFALL_TEST_UNSET} in a comment is not a reference\n"
      "database: ${FOOTFALL_TEST_DB}\n"
      "model:\n"
      "  path: ${FOOTFALL_TEST_MODEL}\n"
      "  cache_dir: ${FOOTFALL_TEST_UNSET:-/tmp/models}\n"
      "cameras:\n"
      "  door:\n"
      "    source: /videos/${FOOTFALL_TEST_UNSET:-door}.mp4\n");
  EXPECT_EQ(c.storage.database, "/var/lib/footfall/counts.db");
  EXPECT_EQ(c.model.path, "/models/yolo.onnx");
  EXPECT_EQ(c.model.cache_dir, "/tmp/models");
  ASSERT_EQ(c.cameras.size(), 1u);
  EXPECT_EQ(c.cameras[0].source, "/videos/door.mp4");
}

}  // namespace
}  // namespace footfall::test

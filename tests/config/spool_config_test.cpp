// The `spool` section (the edge spool, issue 6): the folder's default beside the database, every key, and each
// mistake refused with its key path.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config_test_util.h"
#include "test_paths.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;

TEST(SpoolConfig, DefaultsFollowTheDatabase) {
  const AppConfig plain = parse_ok("");
  EXPECT_EQ(plain.spool.dir, "footfall-spool");
  EXPECT_EQ(plain.spool.max_mb, 1024);
  EXPECT_EQ(plain.spool.warn_percent, 80);
  EXPECT_EQ(AppConfig{}.spool.dir, "footfall-spool") << "the default database is footfall.db in the working directory";

  EXPECT_EQ(parse_ok("database: /var/lib/footfall/footfall.db\n").spool.dir, "/var/lib/footfall/footfall-spool");
  EXPECT_EQ(parse_ok("database: data/shop.db\n").spool.dir, "data/footfall-spool");
  EXPECT_EQ(parse_ok("database: {url: 'sqlite:/srv/a.db'}\n").spool.dir, "/srv/footfall-spool");
  EXPECT_EQ(parse_ok("database: sqlite:///srv/b.db\n").spool.dir, "/srv/footfall-spool");
  EXPECT_EQ(parse_ok("database: sqlite:c.db\n").spool.dir, "footfall-spool");
  EXPECT_EQ(parse_ok("database: postgresql://footfall:secret@db.example.com/footfall\n").spool.dir, "footfall-spool")
      << "a server URL names no local folder: the working directory";
  EXPECT_EQ(default_spool_dir("postgres://db/footfall"), "footfall-spool");
  EXPECT_EQ(parse_ok("spool:\n").spool.dir, "footfall-spool") << "an empty section keeps the defaults";
}

TEST(SpoolConfig, EveryKeyIsRead) {
  const AppConfig config = parse_ok("database: /var/lib/footfall/footfall.db\n"
                                    "spool:\n"
                                    "  dir: /data/spool\n"
                                    "  max_mb: 64\n"
                                    "  warn_percent: 50\n");
  EXPECT_EQ(config.spool.dir, "/data/spool");
  EXPECT_EQ(config.spool.max_mb, 64);
  EXPECT_EQ(config.spool.warn_percent, 50);
  EXPECT_EQ(parse_ok("spool: {max_mb: 1048576, warn_percent: 100}\n").spool.max_mb, 1048576);
}

TEST(SpoolConfig, MistakesAreRefusedWithTheirKey) {
  EXPECT_THAT(parse_error("spool:\n  size_mb: 10\n"),
              HasSubstr("footfall.yaml: spool.size_mb: unknown key (expected one of: dir, max_mb, warn_percent)"));
  EXPECT_THAT(parse_error("spool:\n  max_mb: 0\n"), HasSubstr("footfall.yaml: spool.max_mb: must be between 1 and"));
  EXPECT_THAT(parse_error("spool:\n  warn_percent: 101\n"),
              HasSubstr("footfall.yaml: spool.warn_percent: must be between 1 and 100, got 101"));
  EXPECT_THAT(parse_error("spool:\n  dir: ''\n"),
              HasSubstr("footfall.yaml: spool.dir: must not be empty (leave it out for the default, footfall-spool)"));
  EXPECT_THAT(parse_error("spool: /tmp/x\n"),
              HasSubstr("footfall.yaml: spool: must be a map with dir, max_mb, warn_percent"));
  EXPECT_THAT(parse_error("spool:\n  dir: ${FOOTFALL_TEST_UNSET_SPOOL_VARIABLE}\n"),
              HasSubstr("FOOTFALL_TEST_UNSET_SPOOL_VARIABLE"));
}

TEST(SpoolConfig, TheExampleStatesTheDefaults) {
  ScopedEnv password("CAMERA_PASSWORD", "pa55word");
  auto config = load_config(source_dir() / "configs" / "footfall.example.yaml");
  ASSERT_TRUE(config) << config.error().message;
  const SpoolConfig defaults;
  EXPECT_EQ(config->spool.dir, "footfall-spool");
  EXPECT_EQ(config->spool.max_mb, defaults.max_mb);
  EXPECT_EQ(config->spool.warn_percent, defaults.warn_percent);
}

}  // namespace
}  // namespace footfall::test

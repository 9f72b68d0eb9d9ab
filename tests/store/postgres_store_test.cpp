// What only the PostgreSQL backend has, on this executable's real PostgreSQL server (pg_test_server.h): schema
// versions in a schema_version table, migrations of an empty database (also by two boxes at once), passwords from
// PGPASSWORD, the connection pool, outages (the server stopped and started again, connections cut), and two boxes
// writing the same camera into one database. Replays of the same batch run on both backends.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <sstream>
#include <thread>
#include <vector>

#include "scoped_env.h"
#include "store_backend.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr TimestampMs kT0 = 1795514400000;  // 2026-11-24T10:00:00Z, the start of an hour

// A test on a fresh database of the shared server.
class PostgresStore : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = &PgTestServer::shared();
    ASSERT_TRUE(server_->ensure_started()) << server_->error();
    database_ = server_->create_database();
    ASSERT_FALSE(database_.empty()) << server_->error();
  }
  std::string url() const { return server_->url(database_); }
  std::string sql(const std::string& text) { return server_->query(database_, text); }
  std::int64_t sql_int(const std::string& text) { return std::stoll(sql(text)); }

  PgTestServer* server_ = nullptr;
  std::string database_;
};

// Starts the server again when a test that stopped it ends early.
class RestartGuard {
 public:
  explicit RestartGuard(PgTestServer& server) : server_(server) {}
  ~RestartGuard() {
    if (!server_.running()) server_.start();
  }
  RestartGuard(const RestartGuard&) = delete;
  RestartGuard& operator=(const RestartGuard&) = delete;

 private:
  PgTestServer& server_;
};

std::vector<CountRow> second_of(const std::string& camera, TimestampMs start, int frames) {
  std::vector<CountRow> rows;
  for (int i = 0; i < frames; ++i) rows.push_back(make_row(camera, start + i * 1000 / frames, i % 3));
  return rows;
}

TEST_F(PostgresStore, AnEmptyDatabaseIsMigratedToTheLatestSchema) {
  auto store = open_or_fail(url());
  ASSERT_TRUE(store);
  EXPECT_EQ(store->schema_version(), 5);
  EXPECT_EQ(sql("SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_version"), "1,2,3,4,5");
  EXPECT_EQ(sql("SELECT description FROM schema_version WHERE version = 5"), "chain: registry of stores and cameras");
  EXPECT_EQ(sql_int("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('counts', 'gaps', "
                    "'crossings', 'zone_visits', 'zone_counts', 'heatmaps', 'backgrounds', 'ignore_regions', "
                    "'store_occupancy', 'count_minutes', 'count_hours', 'zone_minutes', 'zone_hours', "
                    "'crossing_minutes', 'crossing_hours', 'visit_hours', 'store_occupancy_hours', 'sales', "
                    "'roster', 'imports', 'api_tokens', 'registry')"),
            22);
  // Text keys sort byte-wise, as in SQLite, whatever the database's locale.
  EXPECT_EQ(sql("SELECT collation_name FROM information_schema.columns WHERE table_name = 'counts' AND "
                "column_name = 'camera'"),
            "C");
  // Every time-series table's primary key holds its time column, so TimescaleDB can partition it by time.
  for (const auto& [table, column] : std::map<std::string, std::string>{{"counts", "ts_ms"},
                                                                         {"zone_counts", "ts_ms"},
                                                                         {"crossings", "ts_ms"},
                                                                         {"zone_visits", "enter_ms"},
                                                                         {"store_occupancy", "ts_ms"},
                                                                         {"count_minutes", "start_ms"},
                                                                         {"zone_minutes", "start_ms"},
                                                                         {"crossing_minutes", "start_ms"},
                                                                         {"count_hours", "start_ms"}}) {
    EXPECT_EQ(sql_int("SELECT count(*) FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND "
                      "a.attnum = ANY(i.indkey) WHERE i.indrelid = '" + table + "'::regclass AND i.indisprimary AND "
                      "a.attname = '" + column + "'"),
              1)
        << table;
  }
  EXPECT_EQ(store->describe(), url() + " (schema v5, up to 4 connections)");
}

TEST_F(PostgresStore, ReopeningKeepsDataAndVersion) {
  {
    auto store = open_or_fail(url());
    ASSERT_TRUE(store);
    const std::vector<CountRow> rows{make_row("door", 1000, 1), make_row("door", 2000, 2)};
    ASSERT_TRUE(store->write_counts(rows));
  }
  auto again = open_or_fail(url());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->schema_version(), 5);
  EXPECT_EQ(again->read_counts({})->size(), 2u);
  EXPECT_EQ(sql_int("SELECT count(*) FROM schema_version"), 5) << "no step ran twice";
}

TEST_F(PostgresStore, TwoBoxesMigratingANewDatabaseAtOnceBothSucceed) {
  std::vector<std::thread> boxes;
  std::atomic<int> opened{0};
  for (int i = 0; i < 3; ++i) {
    boxes.emplace_back([&] {
      auto store = open_store(url());
      if (store) {
        opened++;
      } else {
        ADD_FAILURE() << store.error().message;
      }
    });
  }
  for (auto& box : boxes) box.join();
  EXPECT_EQ(opened.load(), 3);
  EXPECT_EQ(sql("SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_version"), "1,2,3,4,5");
}

TEST_F(PostgresStore, ANewerSchemaIsRefusedAndLeftAlone) {
  sql("CREATE TABLE schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz "
      "NOT NULL DEFAULT now()); INSERT INTO schema_version VALUES (7, 'from the future');");
  auto store = open_store(url());
  ASSERT_FALSE(store);
  EXPECT_FALSE(store.error().unavailable) << "retrying cannot fix it";
  EXPECT_THAT(store.error().message, HasSubstr(url()));
  EXPECT_THAT(store.error().message, HasSubstr("schema version 7 is newer than this footfall supports (5)"));
  EXPECT_EQ(sql("SELECT max(version) FROM schema_version"), "7");
  EXPECT_EQ(sql("SELECT to_regclass('counts')"), "") << "nothing was created";
}

TEST_F(PostgresStore, AFailingStepLeavesTheDatabaseAsItWas) {
  // A database that already has an unrelated table called "gaps": migration 1 creates schema_version and counts,
  // then fails on CREATE TABLE gaps. Nothing of the step may remain.
  sql("CREATE TABLE gaps (whatever text); INSERT INTO gaps VALUES ('keep me');");
  auto store = open_store(url());
  ASSERT_FALSE(store);
  EXPECT_FALSE(store.error().unavailable);
  EXPECT_THAT(store.error().message, HasSubstr(url()));
  EXPECT_THAT(store.error().message, HasSubstr("migration 1"));
  EXPECT_THAT(store.error().message, HasSubstr("already exists"));
  EXPECT_EQ(sql("SELECT to_regclass('schema_version')"), "");
  EXPECT_EQ(sql("SELECT to_regclass('counts')"), "");
  EXPECT_EQ(sql("SELECT whatever FROM gaps"), "keep me");
}

TEST_F(PostgresStore, APasswordComesFromTheUrlOrFromPgpassword) {
  ASSERT_TRUE(server_->create_role("box7", "s3cret")) << server_->error();
  const std::string database = server_->create_database("box7");
  ASSERT_FALSE(database.empty()) << server_->error();
  {
    ScopedEnv no_password("PGPASSWORD", nullptr);
    auto missing = open_store(server_->url(database, "box7"));
    ASSERT_FALSE(missing);
    EXPECT_FALSE(missing.error().unavailable) << "a configuration mistake, not an outage: "
                                              << missing.error().message;
    EXPECT_THAT(missing.error().message, HasSubstr("no password supplied"));

    auto wrong = open_store(server_->url(database, "box7", "guess"));
    ASSERT_FALSE(wrong);
    EXPECT_FALSE(wrong.error().unavailable) << wrong.error().message;
    EXPECT_THAT(wrong.error().message, HasSubstr("password authentication failed"));
    EXPECT_THAT(wrong.error().message, HasSubstr(server_->url(database, "box7", "***")));
    EXPECT_THAT(wrong.error().message, Not(HasSubstr("guess")));

    auto in_url = open_store(server_->url(database, "box7", "s3cret"));
    ASSERT_TRUE(in_url) << in_url.error().message;
    EXPECT_THAT((*in_url)->describe(), Not(HasSubstr("s3cret")));
  }
  ScopedEnv password("PGPASSWORD", "s3cret");
  auto from_env = open_store(server_->url(database, "box7"));
  ASSERT_TRUE(from_env) << from_env.error().message;
  const std::vector<CountRow> rows{make_row("door", kT0, 1)};
  EXPECT_TRUE((*from_env)->write_counts(rows));
}

TEST_F(PostgresStore, SchemesAreCaseInsensitiveAndBothSpellingsOpen) {
  const std::string rest = url().substr(std::string("postgresql").size());
  auto upper = open_store("PostgreSQL" + rest);
  ASSERT_TRUE(upper) << upper.error().message;
  auto short_scheme = open_store("postgres" + rest);
  ASSERT_TRUE(short_scheme) << short_scheme.error().message;
  const std::vector<CountRow> rows{make_row("door", kT0, 1)};
  ASSERT_TRUE((*upper)->write_counts(rows));
  EXPECT_EQ((*short_scheme)->read_counts({})->size(), 1u);
}

TEST_F(PostgresStore, ThePoolOpensAtMostFourConnections) {
  auto store = open_or_fail(url());
  ASSERT_TRUE(store);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int b = 0; b < 10; ++b) {
        if (!store->write_counts(second_of("cam" + std::to_string(t), kT0 + b * 1000, 5))) failures++;
        if (!store->read_counts({.camera = "cam" + std::to_string(t)})) failures++;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(sql_int("SELECT count(*) FROM counts"), 8 * 10 * 5);
  const std::int64_t connections = sql_int("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + database_ +
                                           "' AND application_name = 'footfall'");
  EXPECT_GE(connections, 1);
  EXPECT_LE(connections, 4);
}

TEST_F(PostgresStore, ConnectionsCutByTheServerAreReplacedOnTheNextCall) {
  auto store = open_or_fail(url());
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->write_counts(second_of("door", kT0, 5)));
  ASSERT_TRUE(server_->terminate_connections(database_)) << server_->error();
  // The pooled connection is dead; the call notices, connects anew and succeeds.
  ASSERT_TRUE(store->write_counts(second_of("door", kT0 + 1000, 5)));
  auto rows = store->read_counts({});
  ASSERT_TRUE(rows) << rows.error().message;
  EXPECT_EQ(rows->size(), 10u);
}

TEST_F(PostgresStore, WhileTheServerIsDownCallsAreUnavailableAndAfterItIsBackTheyWork) {
  auto store = open_or_fail(url());
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->write_counts(second_of("door", kT0, 5)));
  RestartGuard guard(*server_);
  ASSERT_TRUE(server_->stop());

  const Status down = store->write_counts(second_of("door", kT0 + 1000, 5));
  ASSERT_FALSE(down);
  EXPECT_TRUE(down.error().unavailable) << down.error().message;
  EXPECT_THAT(down.error().message, HasSubstr(url()));
  auto read = store->read_counts({});
  ASSERT_FALSE(read);
  EXPECT_TRUE(read.error().unavailable) << read.error().message;
  auto reopened = open_store(url());
  ASSERT_FALSE(reopened);
  EXPECT_TRUE(reopened.error().unavailable) << reopened.error().message;

  ASSERT_TRUE(server_->start()) << server_->error();
  // The same store, no reopening: the pool connects again.
  ASSERT_TRUE(store->write_counts(second_of("door", kT0 + 1000, 5)));
  auto rows = store->read_counts({});
  ASSERT_TRUE(rows) << rows.error().message;
  EXPECT_EQ(rows->size(), 10u);
  auto minutes = store->read_count_rollups({}, RollupGrain::kMinute);
  ASSERT_TRUE(minutes);
  ASSERT_EQ(minutes->size(), 1u);
  EXPECT_EQ(minutes->front().frames, 10) << "the failed write left nothing behind, the retry everything";
}

// An edge box restarted while its database server is down: with defer_connection the store opens anyway, every call
// is unavailable (so the spool keeps the rows), and the first call after the server is back connects, migrates the
// still-empty database and goes through.
TEST_F(PostgresStore, ADeferredOpenWhileTheServerIsDownConnectsOnTheFirstCallThatReachesIt) {
  RestartGuard guard(*server_);
  ASSERT_TRUE(server_->stop());

  auto refused = open_store(url());
  ASSERT_FALSE(refused) << "without the option the open needs the server";
  EXPECT_TRUE(refused.error().unavailable) << refused.error().message;
  EXPECT_THAT(refused.error().message, HasSubstr(url()));

  auto opened = open_store(url(), {.defer_connection = true});
  ASSERT_TRUE(opened) << opened.error().message;
  Store& store = **opened;
  EXPECT_EQ(store.schema_version(), 0);
  EXPECT_EQ(store.describe(), url() + " (not connected yet, up to 4 connections)");

  const Status down = store.write_counts(second_of("door", kT0, 5));
  ASSERT_FALSE(down);
  EXPECT_TRUE(down.error().unavailable) << down.error().message;
  EXPECT_THAT(down.error().message, HasSubstr(url()));
  EXPECT_THAT(down.error().message, HasSubstr("cannot reach the server"));
  auto read = store.read_counts({});
  ASSERT_FALSE(read);
  EXPECT_TRUE(read.error().unavailable) << read.error().message;
  EXPECT_EQ(store.schema_version(), 0);

  ASSERT_TRUE(server_->start()) << server_->error();
  EXPECT_EQ(sql("SELECT to_regclass('schema_version')"), "") << "nothing is created before a call reaches the server";
  EXPECT_EQ(store.describe(), url() + " (not connected yet, up to 4 connections)");

  ASSERT_TRUE(store.write_counts(second_of("door", kT0, 5)));
  EXPECT_EQ(store.schema_version(), 5);
  EXPECT_EQ(store.describe(), url() + " (schema v5, up to 4 connections)");
  EXPECT_EQ(sql("SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_version"), "1,2,3,4,5");
  EXPECT_EQ(sql_int("SELECT count(*) FROM counts"), 5);
  EXPECT_EQ(sql_int("SELECT sum(frames) FROM count_minutes"), 5) << "the write path's rollups work after migrating";
  auto rows = store.read_counts({});
  ASSERT_TRUE(rows) << rows.error().message;
  EXPECT_EQ(rows->size(), 5u);
}

// Calls from many threads while the first contact is pending: none runs before the schema exists (the write path's
// statements are prepared on tables that migration creates), and the schema is migrated once.
TEST_F(PostgresStore, ConcurrentFirstCallsOfADeferredStoreMigrateOnceAndAllSucceed) {
  RestartGuard guard(*server_);
  ASSERT_TRUE(server_->stop());
  auto opened = open_store(url(), {.defer_connection = true});
  ASSERT_TRUE(opened) << opened.error().message;
  Store& store = **opened;
  ASSERT_TRUE(server_->start()) << server_->error();

  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      if (Status s = store.write_counts(second_of("cam" + std::to_string(t), kT0, 5)); !s) {
        failures++;
        ADD_FAILURE() << s.error().message;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(sql_int("SELECT count(*) FROM counts"), 8 * 5);
  EXPECT_EQ(sql_int("SELECT count(*) FROM schema_version"), 5) << "no step ran twice";
  EXPECT_EQ(store.schema_version(), 5);
}

// What the server would have refused at open is, after a deferred open, an unavailable error of the first call that
// reaches it (and of the calls after it): rows spooled meanwhile must wait for the operator's fix, not be dropped as
// refused rows. The message still says what is wrong.
TEST_F(PostgresStore, ADeferredStoreKeepsAWrongPasswordUnavailableOnFirstContact) {
  const std::string role = "box_" + database_;  // roles are per server: one per test run (--gtest_repeat)
  ASSERT_TRUE(server_->create_role(role, "s3cret")) << server_->error();
  const std::string database = server_->create_database(role);
  ASSERT_FALSE(database.empty()) << server_->error();
  ScopedEnv no_password("PGPASSWORD", nullptr);
  const std::string wrong_url = server_->url(database, role, "guess");
  const std::string masked_url = server_->url(database, role, "***");

  // With the server up the open fails at once, option or not.
  auto answered = open_store(wrong_url, {.defer_connection = true});
  ASSERT_FALSE(answered);
  EXPECT_FALSE(answered.error().unavailable) << answered.error().message;
  EXPECT_THAT(answered.error().message, HasSubstr("password authentication failed"));

  RestartGuard guard(*server_);
  ASSERT_TRUE(server_->stop());
  auto opened = open_store(wrong_url, {.defer_connection = true});
  ASSERT_TRUE(opened) << opened.error().message;
  Store& store = **opened;
  const Status down = store.write_counts(second_of("door", kT0, 5));
  ASSERT_FALSE(down);
  EXPECT_TRUE(down.error().unavailable) << down.error().message;
  EXPECT_THAT(down.error().message, HasSubstr(masked_url));
  EXPECT_THAT(down.error().message, Not(HasSubstr("guess")));

  ASSERT_TRUE(server_->start()) << server_->error();
  for (int call = 0; call < 2; ++call) {
    const Status refused = store.write_counts(second_of("door", kT0, 5));
    ASSERT_FALSE(refused) << "call " << call;
    EXPECT_TRUE(refused.error().unavailable) << refused.error().message;
    EXPECT_THAT(refused.error().message, HasSubstr("password authentication failed"));
    EXPECT_THAT(refused.error().message, HasSubstr(masked_url));
    EXPECT_THAT(refused.error().message, Not(HasSubstr("guess")));
  }
  EXPECT_EQ(store.schema_version(), 0);
  EXPECT_THAT(store.describe(), HasSubstr("not connected yet"));
}

TEST_F(PostgresStore, ADeferredStoreKeepsANewerSchemaUnavailableOnFirstContact) {
  RestartGuard guard(*server_);
  ASSERT_TRUE(server_->stop());
  auto opened = open_store(url(), {.defer_connection = true});
  ASSERT_TRUE(opened) << opened.error().message;
  ASSERT_TRUE(server_->start()) << server_->error();
  sql("CREATE TABLE schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz "
      "NOT NULL DEFAULT now()); INSERT INTO schema_version VALUES (7, 'from the future');");

  auto read = (*opened)->read_counts({});
  ASSERT_FALSE(read);
  EXPECT_TRUE(read.error().unavailable) << read.error().message;
  EXPECT_THAT(read.error().message, HasSubstr("schema version 7 is newer than this footfall supports (5)"));
  EXPECT_EQ(sql("SELECT to_regclass('counts')"), "") << "nothing was created";
}

// The option defers only the server's absence: a URL that libpq cannot parse fails the open even while it is down.
TEST_F(PostgresStore, ADeferredOpenStillRefusesABadUrl) {
  RestartGuard guard(*server_);
  ASSERT_TRUE(server_->stop());
  auto bad = open_store(url() + "?sslmode=sometimes", {.defer_connection = true});
  ASSERT_FALSE(bad);
  EXPECT_FALSE(bad.error().unavailable) << bad.error().message;
  EXPECT_THAT(bad.error().message, HasSubstr("sslmode"));
}

TEST_F(PostgresStore, TwoBoxesWritingTheSameCameraKeepItsRollupsExact) {
  // Two stores (two boxes, each with its own pool) interleave rows of one camera in the same minutes: each write
  // rebuilds the minute from the raw rows, so each must see the other's committed rows.
  auto first = open_or_fail(url());
  auto second = open_or_fail(url());
  ASSERT_TRUE(first && second);
  auto writer = [](Store& store, int parity) {
    for (int b = 0; b < 30; ++b) {
      std::vector<CountRow> rows;
      for (int i = 0; i < 10; ++i) rows.push_back(make_row("door", kT0 + (b * 10 + i) * 200 + parity * 100, 1));
      if (Status s = store.write_counts(rows); !s) ADD_FAILURE() << s.error().message;
    }
  };
  std::thread a(writer, std::ref(*first), 0);
  std::thread b(writer, std::ref(*second), 1);
  a.join();
  b.join();
  EXPECT_EQ(sql_int("SELECT count(*) FROM counts"), 600);
  EXPECT_EQ(sql_int("SELECT sum(frames) FROM count_minutes"), 600);
  EXPECT_EQ(sql_int("SELECT sum(frames) FROM count_hours"), 600);
  EXPECT_EQ(sql_int("SELECT count(*) FROM count_minutes m WHERE frames <> (SELECT count(*) FROM counts c WHERE "
                    "c.camera = m.camera AND c.ts_ms >= m.start_ms AND c.ts_ms < m.start_ms + 60000)"),
            0)
      << "every minute counts exactly the rows stored for it";
}

// A batch of every kind of row, as one camera-second of a tracking pipeline writes it (plus a closed visit and the
// store occupancy of an entry).
using FullBatch = OwnedBatch;

FullBatch full_batch(TimestampMs start) {
  FullBatch f;
  for (int i = 0; i < 5; ++i) {
    CountRow row = make_row("door", start + i * 200, i % 3, 0.625f);
    row.tracked = i % 2;
    f.counts.push_back(row);
    f.zone_counts.push_back({"door", "queue", start + i * 200, i, i, i == 0 ? std::optional<double>{} : 12.5 * i});
    f.zone_counts.push_back({"door", "shelf", start + i * 200, 1, std::nullopt, std::nullopt});
  }
  f.crossings.push_back({"door", "entrance", start + 400, 7, "in"});
  f.crossings.push_back({"door", "entrance", start + 600, 8, "out"});
  f.visits.push_back({"door", "queue", 3, start - 30'000, start + 100, 30'100});
  HeatmapRow grid{"door", hour_start(start), 768, 432, 4, 3, std::vector<std::uint64_t>(12, 0), start + 800};
  grid.cells[5] = 300;
  f.heatmaps.push_back(grid);
  f.store_occupancy.push_back({"shop", start + 400, 1, 1, 0, std::nullopt, "entry"});
  return f;
}

// The rows of a read (by value: a range-for over `*store.read_...()` would outlive the Result); none on error.
template <typename T>
T rows_of(Result<T> result) {
  if (!result) {
    ADD_FAILURE() << result.error().message;
    return {};
  }
  return std::move(*result);
}

// Everything a store holds, as text, read through the Store interface.
std::string snapshot(Store& store) {
  std::ostringstream out;
  for (const auto& r : rows_of(store.read_counts({}))) {
    out << "count " << r.camera << ' ' << r.timestamp_ms << ' ' << r.count << ' ' << r.mean_confidence << ' '
        << r.model << ' ' << r.frame_width << 'x' << r.frame_height << ' ' << r.tracked.value_or(-1) << '\n';
  }
  for (const auto& r : rows_of(store.read_crossings({}))) {
    out << "crossing " << r.camera << ' ' << r.line << ' ' << r.timestamp_ms << ' ' << r.track_id << ' '
        << r.direction << '\n';
  }
  for (const auto& r : rows_of(store.read_zone_visits({}))) {
    out << "visit " << r.camera << ' ' << r.zone << ' ' << r.track_id << ' ' << r.enter_ms << ' ' << r.exit_ms
        << ' ' << r.dwell_ms << '\n';
  }
  for (const auto& r : rows_of(store.read_zone_counts({}))) {
    out << "zone " << r.camera << ' ' << r.zone << ' ' << r.timestamp_ms << ' ' << r.occupancy << ' '
        << r.queue_length.value_or(-1) << ' ' << r.queue_wait_s.value_or(-1.0) << '\n';
  }
  for (const auto& r : rows_of(store.read_heatmaps("door", 0, INT64_MAX))) {
    out << "heatmap " << r.camera << ' ' << r.hour_ms << ' ' << r.total() << ' ' << r.through_ms << '\n';
  }
  for (const auto& r : rows_of(store.read_store_occupancy({}))) {
    out << "occupancy " << r.store << ' ' << r.timestamp_ms << ' ' << r.occupancy << ' ' << r.event << '\n';
  }
  for (RollupGrain grain : {RollupGrain::kMinute, RollupGrain::kHour}) {
    for (const auto& r : rows_of(store.read_count_rollups({}, grain))) {
      out << "count rollup " << r.start_ms << ' ' << r.frames << ' ' << r.count_sum << ' ' << r.tracked_sum << '\n';
    }
    for (const auto& r : rows_of(store.read_zone_rollups({}, grain))) {
      out << "zone rollup " << r.zone << ' ' << r.start_ms << ' ' << r.frames << ' ' << r.occupancy_sum << ' '
          << r.wait_samples << ' ' << r.wait_sum_s << '\n';
    }
    for (const auto& r : rows_of(store.read_crossing_rollups({}, grain))) {
      out << "crossing rollup " << r.line << ' ' << r.start_ms << ' ' << r.ins << ' ' << r.outs << '\n';
    }
  }
  for (const auto& r : rows_of(store.read_visit_rollups({}))) {
    out << "visit rollup " << r.zone << ' ' << r.start_ms << ' ' << r.visits << ' ' << r.dwell_median_ms << '\n';
  }
  for (const auto& r : rows_of(store.read_store_occupancy_rollups({}))) {
    out << "occupancy rollup " << r.store << ' ' << r.start_ms << ' ' << r.mean << ' ' << r.end << '\n';
  }
  return out.str();
}

using Replay = BackendTest;

TEST_P(Replay, TheSameBatchTwiceGivesIdenticalRows) {
  auto store = open();
  ASSERT_TRUE(store);
  const FullBatch first = full_batch(kT0 + 59 * kMinuteMs + 59'000);  // the last second of an hour
  const FullBatch next = full_batch(kT0 + kHourMs);
  ASSERT_TRUE(store->write(first.view()));
  ASSERT_TRUE(store->write(next.view()));
  const std::string once = snapshot(*store);
  EXPECT_THAT(once, HasSubstr("count rollup " + std::to_string(kT0 + 59 * kMinuteMs) + " 5 "));
  EXPECT_THAT(once, HasSubstr("heatmap door " + std::to_string(kT0) + " 300"));

  // A replay (an edge box resending after an outage): the first batch again, then both again.
  ASSERT_TRUE(store->write(first.view()));
  EXPECT_EQ(snapshot(*store), once);
  ASSERT_TRUE(store->write(first.view()));
  ASSERT_TRUE(store->write(next.view()));
  EXPECT_EQ(snapshot(*store), once);
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM counts"), 10);
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM crossings"), 4);
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM zone_counts"), 20);
  EXPECT_EQ(sql_int("SELECT COUNT(*) FROM store_occupancy"), 2);
}

FOOTFALL_ON_EVERY_BACKEND(Replay);

}  // namespace
}  // namespace footfall::test

// The store tests run on both backends: BackendTest is a parameterised fixture whose tests run once on a SQLite file
// in a temporary directory and once on a fresh database of this executable's PostgreSQL server (pg_test_server.h),
// with the backend in the test's name ("Backends/StoreTest.RoundTripKeepsEveryField/Postgres"). A fixture gives the URL
// to open, the location errors name, and raw SQL on the database behind the Store interface (the SQL the tests use
// reads the same in both dialects).
//
//   using StoreTest = BackendTest;  TEST_P(StoreTest, X) { auto store = open(); ... }
//   FOOTFALL_ON_EVERY_BACKEND(StoreTest);
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>

#include "footfall/store/store.h"
#include "pg_test_server.h"
#include "sqlite_test_util.h"
#include "test_paths.h"

namespace footfall::test {

enum class Backend { kSqlite, kPostgres };

// One PostgreSQL server per test executable: started by the first PostgreSQL test, taken down after the last test.
class PgTestEnvironment : public ::testing::Environment {
 public:
  void TearDown() override { PgTestServer::shared().shutdown(); }
};
inline ::testing::Environment* const kPgTestEnvironment =
    ::testing::AddGlobalTestEnvironment(new PgTestEnvironment);

inline void PrintTo(Backend backend, std::ostream* out) {
  *out << (backend == Backend::kSqlite ? "SQLite" : "PostgreSQL");
}

class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (!postgres()) {
      url_ = (dir_ / "counts.db").string();
      return;
    }
    server_ = &PgTestServer::shared();
    ASSERT_TRUE(server_->ensure_started()) << server_->error();
    database_ = server_->create_database();
    ASSERT_FALSE(database_.empty()) << server_->error();
    url_ = server_->url(database_);
  }

  bool postgres() const { return GetParam() == Backend::kPostgres; }
  // What open_store() takes.
  const std::string& url() const { return url_; }
  // What this backend's errors name: the file path, or the URL (this one has no password to mask).
  const std::string& location() const { return url_; }
  // The words of a violated CHECK constraint in this backend's messages.
  const char* check_failed() const { return postgres() ? "violates check constraint" : "CHECK constraint failed"; }

  std::unique_ptr<Store> open() { return open_or_fail(url_); }

  // Raw SQL on the database behind the store. sql_text: the first column of the first row ("" when none).
  std::string sql_text(const std::string& sql) {
    if (!postgres()) return test::sql_text(url_, sql);
    try {
      return server_->query(database_, sql);
    } catch (const std::exception& e) {
      ADD_FAILURE() << sql << ": " << e.what();
      return {};
    }
  }
  std::int64_t sql_int(const std::string& sql) {
    const std::string text = sql_text(sql);
    try {
      return std::stoll(text);
    } catch (const std::exception&) {
      ADD_FAILURE() << sql << ": not an integer: '" << text << "'";
      return -1;
    }
  }
  void sql_exec(const std::string& sql) {
    if (!postgres()) return test::sql_exec(url_, sql);
    try {
      server_->query(database_, sql);
    } catch (const std::exception& e) {
      ADD_FAILURE() << sql << ": " << e.what();
    }
  }

  TempDir dir_;
  PgTestServer* server_ = nullptr;
  std::string database_;  // PostgreSQL: this test's database
  std::string url_;
};

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

}  // namespace footfall::test

// Runs every TEST_P of `suite` (a BackendTest) on SQLite and on PostgreSQL.
#define FOOTFALL_ON_EVERY_BACKEND(suite)                                                                       \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                                                    \
                           ::testing::Values(::footfall::test::Backend::kSqlite,                                \
                                             ::footfall::test::Backend::kPostgres),                             \
                           ::footfall::test::backend_name)

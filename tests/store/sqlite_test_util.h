// Raw SQLite access for store tests: look at the file behind the Store interface, or prepare odd files.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "footfall/store/store.h"

namespace footfall::test {

// Runs `sql` on its own connection; fails the test on an SQLite error.
inline void sql_exec(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &message);
  const std::string text = message != nullptr ? message : "";
  sqlite3_free(message);
  sqlite3_close(handle);
  ASSERT_EQ(rc, SQLITE_OK) << text;
}

// First column of the first row as text ("" when there is no row).
inline std::string sql_text(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(handle);
    return "<cannot open>";
  }
  sqlite3_stmt* stmt = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    out = std::string("<") + sqlite3_errmsg(handle) + ">";
  } else if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  return out;
}

inline std::int64_t sql_int(const std::filesystem::path& db, const std::string& sql) {
  return std::stoll(sql_text(db, sql));
}

inline CountRow make_row(const std::string& camera, TimestampMs ts, int count, float confidence = 0.5f,
                         const std::string& model = "yolo-test") {
  CountRow row;
  row.camera = camera;
  row.timestamp_ms = ts;
  row.count = count;
  row.mean_confidence = count > 0 ? confidence : 0.0f;
  row.model = model;
  row.frame_width = 768;
  row.frame_height = 576;
  return row;
}

inline std::unique_ptr<Store> open_or_fail(const std::string& url) {
  auto store = open_store(url);
  EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().message);
  if (!store) return nullptr;
  return std::move(*store);
}

}  // namespace footfall::test

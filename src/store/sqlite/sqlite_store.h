// SqliteStore: the Store on one SQLite file. WAL journal with synchronous=NORMAL: a committed transaction survives
// the process being killed at any point (not a power cut mid-checkpoint, which costs at most the last commits).
// One connection guarded by a mutex: every call is serialised, so the store may be shared by camera threads.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "footfall/store/store.h"
#include "sqlite/connection.h"

namespace footfall::sqlite {

class SqliteStore final : public Store {
 public:
  // Creates the parent directories and the file if missing, sets the pragmas and migrates the schema.
  // Errors name the path and the problem (a directory that cannot be created, SQLite's message, a schema
  // version newer than this binary).
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path);

  Status write_counts(std::span<const CountRow> rows) override;
  Status write_gap(const SourceGap& gap) override;

  Result<std::vector<CountRow>> read_counts(const CountQuery& query) override;
  Result<std::vector<SourceGap>> read_gaps(const CountQuery& query) override;
  Result<std::vector<std::string>> cameras() override;

  int schema_version() override;
  std::string describe() const override;

 private:
  // Caller holds mutex_.
  Result<Statement> prepare_range_query(std::string select_where, const char* order_by, const CountQuery& query);
  SqliteStore(Connection connection, int version, bool wal);

  std::mutex mutex_;
  Connection connection_;
  Statement upsert_count_;
  Statement upsert_gap_;
  int version_;
  bool wal_;
};

}  // namespace footfall::sqlite

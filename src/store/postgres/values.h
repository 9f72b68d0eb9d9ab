// Values to and from libpq's text format for the postgres backend: statement parameters (with NULLs), array
// literals for the bulk statements (one statement writes every row of a kind: `unnest($1::text[], ...)`), bytea in
// hex, and readers of result fields.
#pragma once

#include <pqxx/pqxx>

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace footfall::postgres {

// Parameters of one statement, in order ($1, $2, ...). NULL is a null pointer.
class Params {
 public:
  Params& add(std::string value);
  Params& add(std::int64_t value);
  Params& add(double value);
  Params& add_null();
  template <typename T>
  Params& add(const std::optional<T>& value) {
    return value ? add(*value) : add_null();
  }
  // For exec_prepared / exec_params.
  auto dynamic() const { return pqxx::prepare::make_dynamic_params(pointers_); }

 private:
  std::deque<std::string> values_;  // stable addresses
  std::vector<const char*> pointers_;
};

// A one-dimensional array literal ({"a","b",NULL}, {1,2}), for a parameter cast to text[], bigint[], integer[] or
// double precision[].
class ArrayLiteral {
 public:
  void add(std::string_view text);  // quoted and escaped
  void add(std::int64_t value);
  void add(double value);
  void add_null();
  template <typename T>
  void add(const std::optional<T>& value) {
    if (value) {
      add(*value);
    } else {
      add_null();
    }
  }
  std::string str() const { return text_ + "}"; }

 private:
  void separate();
  std::string text_ = "{";
};

// Statements sent as one simple-query string ("BEGIN; EXECUTE a(...); ...; COMMIT"): a whole write in one round
// trip to the server. EXECUTE runs statements prepared on the connection with PREPARE; arguments are quoted as
// literals by the connection (PQescapeStringConn).
class Script {
 public:
  explicit Script(pqxx::connection_base& connection) : connection_(connection) {}
  void add(std::string_view statement);
  void execute(std::string_view prepared, std::span<const std::string> arguments);
  const std::string& text() const { return text_; }

 private:
  pqxx::connection_base& connection_;
  std::string text_;
};

// Runs a script holding BEGIN ... COMMIT. When it fails, rolls back the transaction it left open (if the connection
// still works) and rethrows.
void run_script(pqxx::connection_base& connection, const std::string& script);

// Shortest text that reads back as the same double.
std::string format_double(double value);

// "\x0a1b..." (bytea hex input) and back. from_bytea_hex fails on anything but that form.
std::string to_bytea_hex(std::span<const std::uint8_t> bytes);
std::optional<std::vector<std::uint8_t>> from_bytea_hex(std::string_view text);

// Readers of result fields (text format). A NULL reads as 0 / "" / empty; check is_null() for optional columns.
std::int64_t as_int64(const pqxx::field& field);
int as_int(const pqxx::field& field);
double as_double(const pqxx::field& field);
std::string as_text(const pqxx::field& field);
std::optional<std::int64_t> as_optional_int64(const pqxx::field& field);
std::optional<int> as_optional_int(const pqxx::field& field);
std::optional<double> as_optional_double(const pqxx::field& field);

}  // namespace footfall::postgres

#include "postgres/values.h"

#include <charconv>
#include <limits>
#include <system_error>

namespace footfall::postgres {

Params& Params::add(std::string value) {
  values_.push_back(std::move(value));
  pointers_.push_back(values_.back().c_str());
  return *this;
}

Params& Params::add(std::int64_t value) { return add(std::to_string(value)); }

Params& Params::add(double value) { return add(format_double(value)); }

Params& Params::add_null() {
  pointers_.push_back(nullptr);
  return *this;
}

void ArrayLiteral::separate() {
  if (text_.size() > 1) text_ += ',';
}

void ArrayLiteral::add(std::string_view text) {
  separate();
  text_ += '"';
  for (const char c : text) {
    if (c == '"' || c == '\\') text_ += '\\';
    text_ += c;
  }
  text_ += '"';
}

void ArrayLiteral::add(std::int64_t value) {
  separate();
  text_ += std::to_string(value);
}

void ArrayLiteral::add(double value) {
  separate();
  text_ += format_double(value);
}

void ArrayLiteral::add_null() {
  separate();
  text_ += "NULL";
}

void Script::add(std::string_view statement) {
  text_.append(statement);
  text_ += ";\n";
}

void Script::execute(std::string_view prepared, std::span<const std::string> arguments) {
  text_ += "EXECUTE ";
  text_.append(prepared);
  text_ += '(';
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    if (i > 0) text_ += ", ";
    text_ += connection_.quote(arguments[i]);
  }
  text_ += ");\n";
}

void run_script(pqxx::connection_base& connection, const std::string& script) {
  try {
    pqxx::nontransaction tx(connection);
    tx.exec(script);
  } catch (...) {
    try {
      pqxx::nontransaction tx(connection);
      tx.exec("ROLLBACK");
    } catch (...) {
      // A broken connection: the server rolled back with the session.
    }
    throw;
  }
}

std::string format_double(double value) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc()) return "NaN";
  return std::string(buffer, end);
}

std::string to_bytea_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text = "\\x";
  text.reserve(2 + 2 * bytes.size());
  for (const std::uint8_t byte : bytes) {
    text += kDigits[byte >> 4];
    text += kDigits[byte & 0x0f];
  }
  return text;
}

std::optional<std::vector<std::uint8_t>> from_bytea_hex(std::string_view text) {
  if (text.size() < 2 || text[0] != '\\' || text[1] != 'x' || text.size() % 2 != 0) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::vector<std::uint8_t> bytes;
  bytes.reserve(text.size() / 2 - 1);
  for (std::size_t i = 2; i < text.size(); i += 2) {
    const int high = nibble(text[i]);
    const int low = nibble(text[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    bytes.push_back(static_cast<std::uint8_t>(high << 4 | low));
  }
  return bytes;
}

std::int64_t as_int64(const pqxx::field& field) {
  if (field.is_null()) return 0;
  const char* text = field.c_str();
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text, text + field.size(), value);
  if (ec != std::errc() || end != text + field.size()) {
    throw pqxx::conversion_error("column " + std::string(field.name()) + ": not an integer: " + text);
  }
  return value;
}

int as_int(const pqxx::field& field) { return static_cast<int>(as_int64(field)); }

double as_double(const pqxx::field& field) {
  if (field.is_null()) return 0.0;
  const char* text = field.c_str();
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text, text + field.size(), value);
  if (ec == std::errc() && end == text + field.size()) return value;
  // float8out writes these words, which from_chars does not read.
  const std::string_view word(text, field.size());
  if (word == "Infinity") return std::numeric_limits<double>::infinity();
  if (word == "-Infinity") return -std::numeric_limits<double>::infinity();
  if (word == "NaN") return std::numeric_limits<double>::quiet_NaN();
  throw pqxx::conversion_error("column " + std::string(field.name()) + ": not a number: " + text);
}

std::string as_text(const pqxx::field& field) {
  if (field.is_null()) return {};
  return std::string(field.c_str(), field.size());
}

std::optional<std::int64_t> as_optional_int64(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return as_int64(field);
}

std::optional<int> as_optional_int(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return as_int(field);
}

std::optional<double> as_optional_double(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return as_double(field);
}

}  // namespace footfall::postgres

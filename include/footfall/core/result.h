// Result<T> and Status: errors as values. An Error carries a message that names the input and the problem,
// ready to print to an operator ("config.yaml: cameras.door.sampling.fps: must be > 0, got -1").
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace footfall {

struct Error {
  std::string message;
  // True when a backend (database server, message broker) could not be reached or the connection dropped: the
  // same request may succeed later, so callers may keep the data and retry (the edge spool does). False for
  // errors that retrying cannot fix (a bad row, a bad URL, a schema newer than this binary).
  bool unavailable = false;
};

template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Error error) : data_(std::move(error)) {}    // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { return std::get<Error>(data_); }

 private:
  std::variant<T, Error> data_;
};

class Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)
  static Status success() { return {}; }

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

inline Error make_error(std::string message) { return Error{std::move(message), false}; }
inline Error make_unavailable_error(std::string message) { return Error{std::move(message), true}; }

}  // namespace footfall

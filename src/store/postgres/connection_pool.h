// A small pool of libpq connections for the postgres backend, and the one place that turns libpqxx exceptions into
// footfall errors. Thread-safe: each call leases a connection of its own, so up to `max_connections` calls run at
// once and the rest wait for a connection to come back.
//
// Contracts:
//  - Connections are made lazily, on the call that needs one; an idle connection whose socket has something to
//    read (the server closed it, or sent a termination notice) is dropped before it is leased.
//  - First contact: the pool's `first_contact` step (the store's schema check and migration) runs before any other
//    call, once it succeeds never again. Until it has succeeded every run() runs it first and returns its error
//    when it fails (unavailable while the server cannot be reached); one thread at a time runs it, and threads that
//    call meanwhile wait for that attempt and share its outcome.
//  - run(): a call whose connection broke is never retried on it: the connection is dropped, and the next call makes
//    a new one. When the broken connection was an idle one leased again (a server restart since its last use), the
//    call runs once more on a fresh connection: a transaction that broke before its COMMIT wrote nothing, and a
//    store write sent with its COMMIT (one script) is idempotent. A pqxx transaction whose COMMIT broke (its outcome
//    unknown) is not run again.
//  - Errors name the URL with the password masked. Error.unavailable is set when the server cannot be reached,
//    the connection dropped, the server is starting or shutting down or out of resources, or a COMMIT's outcome is
//    unknown (the connection dropped during it; every write of this backend is idempotent, so writing it again is
//    harmless). Bad rows, bad SQL, a wrong password or a missing database are ordinary errors.
//  - Deadlocks and serialization failures are retried (up to 3 times) on the same connection.
#pragma once

#include <pqxx/pqxx>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "footfall/core/result.h"

namespace footfall::postgres {

// Routes the server's notices and warnings to the debug log instead of stderr.
class NoticeLog final : public pqxx::errorhandler {
 public:
  explicit NoticeLog(pqxx::connection_base& connection) : pqxx::errorhandler(connection) {}
  bool operator()(const char message[]) noexcept override;
};

struct PooledConnection {
  explicit PooledConnection(const std::string& url) : connection(url), notices(connection) {}
  pqxx::connection connection;
  NoticeLog notices;  // declared after the connection: unregistered before it closes
  bool set_up = false;  // the pool's setup ran on it
};

// How a failed call is reported and whether the call may run again.
struct Failure {
  enum class Kind { kUnavailable, kRetry, kError };
  Kind kind = Kind::kError;
  std::string message;          // the server's or libpq's message, on one line
  bool broken = false;          // the connection is unusable: drop it
  bool outcome_unknown = false;  // the connection dropped during COMMIT
};

// Classifies the exception of a call made on `connection`.
Failure classify_failure(std::exception_ptr error, const pqxx::connection_base& connection);
// Classifies a failed connection attempt (libpq's message): a wrong password, a missing database or role, a bad
// parameter are ordinary errors; anything else (refused, timed out, host not found, server starting) is unavailable.
Error connect_error(const std::string& masked_url, const std::string& message);
// libpq's multi-line messages ("FATAL:  ...\n\tIs the server ...") on one line.
std::string one_line(std::string_view message);

class ConnectionPool {
 public:
  // The first-contact step: returns an error, or throws like a call (the pool classifies the exception).
  using FirstContact = std::function<Status(pqxx::connection&)>;

  // `url`: what libpq connects with (see url.h, connection_url). `masked_url`: what errors print. `first_contact`
  // runs as the contracts above say (errors read "database URL: `first_contact_what`: message"). `setup` runs on each
  // connection before its first call after first contact (it prepares statements on tables that exist only after
  // migrating), and may throw like a call.
  ConnectionPool(std::string url, std::string masked_url, std::size_t max_connections, FirstContact first_contact,
                 std::string first_contact_what, std::function<void(pqxx::connection&)> setup);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // A leased connection; returned to the pool when destroyed, unless discarded.
  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<PooledConnection> connection, bool reused)
        : pool_(pool), connection_(std::move(connection)), reused_(reused) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    pqxx::connection& connection() { return connection_->connection; }
    PooledConnection& pooled() { return *connection_; }
    bool reused() const { return reused_; }
    void discard();

   private:
    ConnectionPool* pool_;
    std::unique_ptr<PooledConnection> connection_;
    bool reused_;
  };

  // An idle connection, or a new one when fewer than max_connections are open; otherwise waits for one.
  Result<Lease> acquire();

  // Runs `fn(pqxx::connection&)`, which returns R (Status or Result<T>) and may throw libpqxx exceptions, as the
  // contracts above say. `what` completes error messages: "database URL: WHAT: message".
  template <typename R, typename Fn>
  R run(std::string_view what, Fn&& fn) {
    if (!contacted()) {
      if (Status contact = ensure_contact(); !contact) return contact.error();
    }
    return run_once_contacted<R>(what, std::forward<Fn>(fn));
  }

  // Runs the first-contact step unless it has succeeded: success once it has (now or before), else its error.
  // Blocks while the attempt connects (up to connect_timeout when the host does not answer).
  // After an open that went ahead without the server: what the first contact refuses is reported as unavailable.
  void set_deferred() { deferred_.store(true); }
  Status ensure_contact();
  // True once the first-contact step has succeeded. Never blocks.
  bool contacted() const { return contacted_.load(std::memory_order_acquire); }

  const std::string& masked_url() const { return masked_url_; }
  std::size_t max_connections() const { return max_connections_; }
  // Closes every idle connection (the next calls connect anew).
  void drop_idle();

 private:
  // run() without the first-contact gate.
  template <typename R, typename Fn>
  R run_once_contacted(std::string_view what, Fn&& fn) {
    for (int attempt = 0;; ++attempt) {
      auto lease = acquire();
      if (!lease) return lease.error();
      Failure failure;
      try {
        if (!lease->pooled().set_up && contacted() && setup_) {
          setup_(lease->connection());
          lease->pooled().set_up = true;
        }
        return fn(lease->connection());
      } catch (...) {
        failure = classify_failure(std::current_exception(), lease->connection());
      }
      if (failure.broken) {
        lease->discard();
        drop_idle();  // connections made before the break are likely broken too
        if (lease->reused() && attempt == 0 && !failure.outcome_unknown) continue;
      }
      if (failure.kind == Failure::Kind::kRetry && attempt < 3) continue;
      return call_error(what, failure);
    }
  }

  void give_back(std::unique_ptr<PooledConnection> connection);
  void forget_one();
  Error call_error(std::string_view what, const Failure& failure) const;

  const std::string url_;
  const std::string masked_url_;
  const std::size_t max_connections_;
  const FirstContact first_contact_;
  const std::string first_contact_what_;
  const std::function<void(pqxx::connection&)> setup_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<PooledConnection>> idle_;
  std::size_t open_ = 0;  // idle + leased + being made

  std::atomic<bool> contacted_{false};

  std::atomic<bool> deferred_{false};
  std::mutex contact_mutex_;
  std::condition_variable contact_done_;
  bool contacting_ = false;      // an attempt is under way (contact_mutex_)
  std::uint64_t attempts_ = 0;   // attempts finished (contact_mutex_)
  Status last_contact_;          // the outcome of the last attempt (contact_mutex_)
};

}  // namespace footfall::postgres

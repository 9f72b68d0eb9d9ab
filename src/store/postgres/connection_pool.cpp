#include "postgres/connection_pool.h"

#include <poll.h>
#include <spdlog/spdlog.h>

#include <array>
#include <utility>

namespace footfall::postgres {

namespace {

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// True when an idle connection's socket is readable: the server closed it or sent a termination notice (an idle
// connection receives nothing else, since footfall does not LISTEN).
bool has_pending_input(const pqxx::connection_base& connection) {
  const int fd = connection.sock();
  if (fd < 0) return true;
  pollfd poller{fd, POLLIN, 0};
  return ::poll(&poller, 1, 0) != 0;
}

}  // namespace

bool NoticeLog::operator()(const char message[]) noexcept {
  try {
    spdlog::debug("postgresql: {}", one_line(message));
  } catch (...) {
  }
  return false;
}

std::string one_line(std::string_view message) {
  std::string out;
  out.reserve(message.size());
  for (const char c : message) {
    const bool space = c == '\n' || c == '\t' || c == '\r' || c == ' ';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  // pqxx repeats libpq's "ERROR: " prefix; the store's messages say what failed themselves.
  for (std::string_view prefix : {"ERROR: ", "FATAL: "}) {
    if (starts_with(out, prefix)) out.erase(0, prefix.size());
  }
  return out;
}

Error connect_error(const std::string& masked_url, const std::string& message) {
  // Configuration mistakes: retrying cannot fix them.
  static constexpr std::array kPermanent{
      "password authentication failed", "no password supplied", "does not exist", "no pg_hba.conf entry",
      "authentication failed", "permission denied", "does not support SSL", "invalid URI", "invalid connection option",
      "invalid port", "invalid sslmode", "invalid integer value", "invalid value", "unsupported"};
  const std::string text = one_line(message);
  for (const char* pattern : kPermanent) {
    if (text.find(pattern) != std::string::npos) {
      return make_error("database " + masked_url + ": cannot connect: " + text);
    }
  }
  return make_unavailable_error("database " + masked_url + ": cannot reach the server: " + text);
}

Failure classify_failure(std::exception_ptr error, const pqxx::connection_base& connection) {
  Failure failure;
  try {
    std::rethrow_exception(error);
  } catch (const pqxx::in_doubt_error& e) {
    failure = {Failure::Kind::kUnavailable,
               "the connection dropped during COMMIT, so whether it was written is unknown (writing it again is "
               "harmless): " + one_line(e.what()),
               true, true};
  } catch (const pqxx::statement_completion_unknown& e) {
    failure = {Failure::Kind::kUnavailable, "the connection dropped: " + one_line(e.what()), true, true};
  } catch (const pqxx::broken_connection& e) {
    failure = {Failure::Kind::kUnavailable, "the connection to the server was lost: " + one_line(e.what()), true,
               false};
  } catch (const pqxx::transaction_rollback& e) {
    failure = {Failure::Kind::kRetry, one_line(e.what()), false, false};
  } catch (const pqxx::sql_error& e) {
    const std::string& state = e.sqlstate();
    if (starts_with(state, "08") || state == "57P01" || state == "57P02" || state == "57P03") {
      // Connection exceptions and an administrator's shutdown: the server goes away.
      failure = {Failure::Kind::kUnavailable, "the connection to the server was lost: " + one_line(e.what()), true,
                 false};
    } else if (starts_with(state, "53")) {
      // Insufficient resources (disk full, out of memory, too many connections): the rows are fine, the server is
      // not; later may work.
      failure = {Failure::Kind::kUnavailable, "the server is out of resources: " + one_line(e.what()), false, false};
    } else if (state == "40001" || state == "40P01") {
      failure = {Failure::Kind::kRetry, one_line(e.what()), false, false};
    } else {
      failure = {Failure::Kind::kError, one_line(e.what()), false, false};
    }
  } catch (const std::exception& e) {
    failure = {Failure::Kind::kError, one_line(e.what()), false, false};
  } catch (...) {
    failure = {Failure::Kind::kError, "unknown error", true, false};
  }
  if (!connection.is_open() && !failure.broken) {
    failure.broken = true;
    if (failure.kind != Failure::Kind::kUnavailable) {
      failure.kind = Failure::Kind::kUnavailable;
      failure.message = "the connection to the server was lost: " + failure.message;
    }
  }
  return failure;
}

ConnectionPool::ConnectionPool(std::string url, std::string masked_url, std::size_t max_connections,
                               FirstContact first_contact, std::string first_contact_what,
                               std::function<void(pqxx::connection&)> setup)
    : url_(std::move(url)),
      masked_url_(std::move(masked_url)),
      max_connections_(max_connections == 0 ? 1 : max_connections),
      first_contact_(std::move(first_contact)),
      first_contact_what_(std::move(first_contact_what)),
      setup_(std::move(setup)) {}

ConnectionPool::~ConnectionPool() = default;

Status ConnectionPool::ensure_contact() {
  if (contacted()) return Status::success();
  std::unique_lock lock(contact_mutex_);
  if (contacting_) {
    // Another thread is connecting: its outcome is ours (no second attempt queued behind a connect timeout).
    const std::uint64_t seen = attempts_;
    contact_done_.wait(lock, [&] { return attempts_ != seen; });
    return contacted() ? Status::success() : last_contact_;
  }
  if (contacted()) return Status::success();
  contacting_ = true;
  lock.unlock();
  Status outcome;
  try {
    outcome = first_contact_ ? run_once_contacted<Status>(first_contact_what_, first_contact_)
                             : Status::success();
  } catch (...) {
    // run_once_contacted turns the step's exceptions into errors; this is only for bad_alloc and the like.
    outcome = make_error("database " + masked_url_ + ": " + first_contact_what_ + ": unexpected failure");
  }
  if (!outcome && !outcome.error().unavailable && deferred_.load()) {
    // The server answered but refused this box (a wrong password, a missing database, a newer schema). The open
    // was deferred because the server was down, so rows are already waiting in the spool: the database cannot take
    // them until an operator fixes this, and retrying later may succeed, so it is reported as unavailable (the rows
    // stay spooled and the error is logged on every retry) rather than as a refused row (which would be dropped).
    outcome = make_unavailable_error(outcome.error().message);
  }
  lock.lock();
  if (outcome) contacted_.store(true, std::memory_order_release);
  contacting_ = false;
  ++attempts_;
  last_contact_ = outcome;
  lock.unlock();
  contact_done_.notify_all();
  return outcome;
}

ConnectionPool::Lease::~Lease() {
  if (connection_ && pool_ != nullptr) pool_->give_back(std::move(connection_));
}

void ConnectionPool::Lease::discard() {
  if (!connection_) return;
  connection_.reset();
  pool_->forget_one();
}

void ConnectionPool::give_back(std::unique_ptr<PooledConnection> connection) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  returned_.notify_one();
}

void ConnectionPool::forget_one() {
  {
    std::lock_guard lock(mutex_);
    --open_;
  }
  returned_.notify_one();
}

void ConnectionPool::drop_idle() {
  std::vector<std::unique_ptr<PooledConnection>> dropped;
  {
    std::lock_guard lock(mutex_);
    dropped.swap(idle_);
    open_ -= dropped.size();
  }
  returned_.notify_all();
  // Closed here, outside the lock (closing may wait on the network).
}

Result<ConnectionPool::Lease> ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  for (;;) {
    while (!idle_.empty()) {
      std::unique_ptr<PooledConnection> connection = std::move(idle_.back());
      idle_.pop_back();
      if (connection->connection.is_open() && !has_pending_input(connection->connection)) {
        return Lease(this, std::move(connection), true);
      }
      --open_;  // stale: closed by the server since its last use
      lock.unlock();
      connection.reset();
      lock.lock();
    }
    if (open_ < max_connections_) break;
    returned_.wait(lock);
  }
  ++open_;
  lock.unlock();
  try {
    return Lease(this, std::make_unique<PooledConnection>(url_), false);
  } catch (const pqxx::broken_connection& e) {
    forget_one();
    return connect_error(masked_url_, e.what());
  } catch (const std::exception& e) {
    forget_one();
    return make_error("database " + masked_url_ + ": cannot connect: " + one_line(e.what()));
  }
}

Error ConnectionPool::call_error(std::string_view what, const Failure& failure) const {
  std::string message = "database " + masked_url_ + ": " + std::string(what) + ": " + failure.message;
  if (failure.kind == Failure::Kind::kUnavailable) return make_unavailable_error(std::move(message));
  return make_error(std::move(message));
}

}  // namespace footfall::postgres

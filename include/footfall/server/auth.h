// Access control of the server: API tokens (made once, stored as a SHA-256 hash, with a role), browser sessions
// (an HttpOnly cookie plus a CSRF token, opened by logging in with an API token) and the open quick-start mode (a
// loopback bind with no token defined: every caller is an admin).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "footfall/core/result.h"
#include "footfall/core/time.h"
#include "footfall/server/router.h"
#include "footfall/store/token_store.h"

namespace footfall {

// "ff_" + base64url (no padding) of 32 bytes from OpenSSL's RAND_bytes. Error when the generator fails.
Result<std::string> generate_api_token();
// Lower-case hex SHA-256 of the token text: what the TokenStore keeps.
std::string hash_api_token(std::string_view token);
// base64url (no padding) of `bytes` random bytes (session ids, CSRF tokens).
Result<std::string> random_base64url(std::size_t bytes);
// 1 to 64 of letters, digits, '_', '-', '.', '@'.
bool valid_token_name(const std::string& name);

struct CreatedToken {
  std::string name;
  Role role = Role::kViewer;
  std::string token;  // shown once; only its hash is stored
  TimestampMs created_ms = 0;
};

// Makes a token for `name` with `role` (viewer, operator or admin) and stores its hash. Errors: an invalid name,
// a public role, a name already in use (naming it), the store's error.
Result<CreatedToken> create_api_token(TokenStore& store, const std::string& name, Role role, TimestampMs now_ms);

// Who is calling.
struct Caller {
  std::string name;  // the token's name; empty in open mode
  Role role = Role::kPublic;
  bool open = false;     // open quick-start mode (no token needed)
  std::string session;   // the session id when authenticated by cookie
};

struct Session {
  std::string id;
  std::string csrf_token;
  std::string token_name;
  std::string token_hash;  // the session ends when its token is revoked
  Role role = Role::kViewer;
  TimestampMs created_ms = 0;
  TimestampMs expires_ms = 0;
};

// Thread-safe. Token lookups are cached for `cache_ttl` (a token revoked by another process, e.g. `footfall token
// revoke`, stops working within that time; changes made through invalidate() at once). A token's last use is written
// at most once a minute.
class Authenticator {
 public:
  Authenticator(TokenStore& tokens, const Clock& clock, bool loopback_bind, double session_hours,
                std::chrono::milliseconds cache_ttl = std::chrono::milliseconds(1000));

  // True when the bind is loopback and no token exists: every caller is an admin. While the database is unreachable
  // (an unavailable error), the last known answer.
  bool open_access();
  // The caller a bearer token stands for; nullopt for an unknown token (or a store failure, logged). While the
  // database is unreachable, a token verified before keeps its last known role (so /metrics shows the outage).
  std::optional<Caller> verify_token(std::string_view token);
  // Login: a session for a valid token; nullopt for a bad one.
  std::optional<Session> create_session(std::string_view token);
  // The live session `id` (not expired, its token not revoked); nullopt otherwise.
  std::optional<Session> find_session(const std::string& id);
  void end_session(const std::string& id);
  // Forget cached lookups after tokens were added or revoked; revoking also ends the token's sessions.
  void invalidate();
  void end_sessions_of(const std::string& token_name);

  std::size_t session_count();
  TokenStore& tokens() { return tokens_; }
  const Clock& clock() const { return clock_; }
  bool loopback_bind() const { return loopback_; }
  TimestampMs session_ms() const { return session_ms_; }

 private:
  struct CachedToken {
    std::string name;
    Role role = Role::kViewer;
    TimestampMs checked_ms = 0;
  };
  std::optional<CachedToken> lookup(const std::string& hash);

  TokenStore& tokens_;
  const Clock& clock_;
  bool loopback_;
  TimestampMs session_ms_;
  TimestampMs cache_ms_;

  std::mutex mutex_;
  std::unordered_map<std::string, CachedToken> cache_;  // hash -> token
  std::optional<std::int64_t> token_count_;
  TimestampMs token_count_checked_ms_ = 0;
  std::map<std::string, TimestampMs> touched_ms_;  // token name -> last use written
  std::unordered_map<std::string, Session> sessions_;
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback_address(const std::string& bind);

}  // namespace footfall

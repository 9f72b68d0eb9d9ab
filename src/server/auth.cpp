#include "footfall/server/auth.h"

#include <arpa/inet.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <vector>

namespace footfall {

namespace {

constexpr TimestampMs kTouchIntervalMs = 60'000;
constexpr std::size_t kMaxSessions = 10'000;
constexpr std::size_t kMaxCachedTokens = 1'000;

std::string base64url(const unsigned char* data, std::size_t size) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((size * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= size; i += 3) {
    const unsigned v = (unsigned{data[i]} << 16) | (unsigned{data[i + 1]} << 8) | unsigned{data[i + 2]};
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (size - i == 1) {
    const unsigned v = unsigned{data[i]} << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
  } else if (size - i == 2) {
    const unsigned v = (unsigned{data[i]} << 16) | (unsigned{data[i + 1]} << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

}  // namespace

Result<std::string> random_base64url(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  if (RAND_bytes(buffer.data(), static_cast<int>(buffer.size())) != 1) {
    return make_error("OpenSSL RAND_bytes failed: no secure random bytes available");
  }
  return base64url(buffer.data(), buffer.size());
}

Result<std::string> generate_api_token() {
  auto random = random_base64url(32);
  if (!random) return random.error();
  return "ff_" + *random;
}

std::string hash_api_token(std::string_view token) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(token.data(), token.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

bool valid_token_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-' || c == '.' || c == '@';
    if (!ok) return false;
  }
  return true;
}

Result<CreatedToken> create_api_token(TokenStore& store, const std::string& name, Role role, TimestampMs now_ms) {
  if (!valid_token_name(name)) {
    return make_error("token name '" + name + "' is invalid: use 1 to 64 letters, digits, '_', '-', '.' or '@'");
  }
  if (role == Role::kPublic) return make_error("token " + name + ": role must be viewer, operator or admin");
  auto token = generate_api_token();
  if (!token) return token.error();
  ApiTokenRow row;
  row.name = name;
  row.role = role_name(role);
  row.hash = hash_api_token(*token);
  row.created_ms = now_ms;
  if (Status s = store.add_token(row); !s) return s.error();
  return CreatedToken{name, role, std::move(*token), now_ms};
}

bool is_loopback_address(const std::string& bind) {
  if (bind == "localhost") return true;
  in_addr v4{};
  if (::inet_pton(AF_INET, bind.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (::inet_pton(AF_INET6, bind.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

Authenticator::Authenticator(TokenStore& tokens, const Clock& clock, bool loopback_bind, double session_hours,
                             std::chrono::milliseconds cache_ttl)
    : tokens_(tokens),
      clock_(clock),
      loopback_(loopback_bind),
      session_ms_(static_cast<TimestampMs>(std::llround(session_hours * 3'600'000.0))),
      cache_ms_(cache_ttl.count()) {}

bool Authenticator::open_access() {
  if (!loopback_) return false;
  const TimestampMs now = clock_.now_ms();
  std::lock_guard lock(mutex_);
  if (!token_count_ || now - token_count_checked_ms_ >= cache_ms_ || now < token_count_checked_ms_) {
    auto count = tokens_.count_tokens();
    if (!count && !(count.error().unavailable && token_count_)) {
      // Failing closed: without knowing whether tokens exist, nobody gets in without one.
      spdlog::error("server: {}", count.error().message);
      return false;
    }
    // A database out of reach (an outage the spool rides through) keeps the last known count, asked again a cache
    // period later: the metrics and health of the outage stay readable.
    if (count) token_count_ = *count;
    token_count_checked_ms_ = now;
  }
  return *token_count_ == 0;
}

std::optional<Authenticator::CachedToken> Authenticator::lookup(const std::string& hash) {
  const TimestampMs now = clock_.now_ms();
  {
    std::lock_guard lock(mutex_);
    const auto it = cache_.find(hash);
    if (it != cache_.end() && now - it->second.checked_ms < cache_ms_ && now >= it->second.checked_ms) {
      return it->second;
    }
  }
  auto row = tokens_.find_token_by_hash(hash);
  if (!row) {
    if (row.error().unavailable) {
      // The database is out of reach: a token verified before keeps its last known role (asked again a cache period
      // later), so that monitoring still reads /metrics during the outage. An unknown token fails closed.
      std::lock_guard lock(mutex_);
      if (const auto it = cache_.find(hash); it != cache_.end()) {
        it->second.checked_ms = now;
        return it->second;
      }
    }
    spdlog::error("server: {}", row.error().message);
    return std::nullopt;
  }
  CachedToken cached;
  bool touch = false;
  {
    std::lock_guard lock(mutex_);
    if (!*row) {
      cache_.erase(hash);
      return std::nullopt;
    }
    const auto role = parse_role((*row)->role);
    if (!role) return std::nullopt;
    if (cache_.size() >= kMaxCachedTokens) cache_.clear();
    cached = CachedToken{(*row)->name, *role, now};
    cache_[hash] = cached;
    // Last use, at most once a minute per token (a write per request would contend with the cameras' writes).
    auto& touched = touched_ms_[cached.name];
    if (now - touched >= kTouchIntervalMs || now < touched) {
      touched = now;
      touch = true;
    }
  }
  if (touch) {
    if (Status s = tokens_.touch_token(cached.name, now); !s) spdlog::warn("server: {}", s.error().message);
  }
  return cached;
}

std::optional<Caller> Authenticator::verify_token(std::string_view token) {
  if (token.empty() || token.size() > 256) return std::nullopt;
  auto found = lookup(hash_api_token(token));
  if (!found) return std::nullopt;
  Caller caller;
  caller.name = found->name;
  caller.role = found->role;
  return caller;
}

std::optional<Session> Authenticator::create_session(std::string_view token) {
  if (token.empty() || token.size() > 256) return std::nullopt;
  const std::string hash = hash_api_token(token);
  auto found = lookup(hash);
  if (!found) return std::nullopt;
  auto id = random_base64url(32);
  auto csrf = random_base64url(32);
  if (!id || !csrf) {
    spdlog::error("server: cannot open a session: {}", (!id ? id.error() : csrf.error()).message);
    return std::nullopt;
  }
  Session session;
  session.id = std::move(*id);
  session.csrf_token = std::move(*csrf);
  session.token_name = found->name;
  session.token_hash = hash;
  session.role = found->role;
  session.created_ms = clock_.now_ms();
  session.expires_ms = session.created_ms + session_ms_;
  std::lock_guard lock(mutex_);
  if (sessions_.size() >= kMaxSessions) {
    for (auto it = sessions_.begin(); it != sessions_.end();) {
      it = it->second.expires_ms <= session.created_ms ? sessions_.erase(it) : std::next(it);
    }
    if (sessions_.size() >= kMaxSessions) {
      // Still full of live sessions: the one that expires first makes room.
      auto oldest = sessions_.begin();
      for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
        if (it->second.expires_ms < oldest->second.expires_ms) oldest = it;
      }
      sessions_.erase(oldest);
    }
  }
  sessions_[session.id] = session;
  return session;
}

std::optional<Session> Authenticator::find_session(const std::string& id) {
  if (id.empty()) return std::nullopt;
  Session session;
  {
    std::lock_guard lock(mutex_);
    const auto it = sessions_.find(id);
    if (it == sessions_.end()) return std::nullopt;
    if (clock_.now_ms() >= it->second.expires_ms) {
      sessions_.erase(it);
      return std::nullopt;
    }
    session = it->second;
  }
  // The token behind the session must still exist (revoked from the CLI, say).
  auto token = lookup(session.token_hash);
  if (!token) {
    end_session(id);
    return std::nullopt;
  }
  session.role = token->role;
  return session;
}

void Authenticator::end_session(const std::string& id) {
  std::lock_guard lock(mutex_);
  sessions_.erase(id);
}

void Authenticator::invalidate() {
  std::lock_guard lock(mutex_);
  cache_.clear();
  token_count_.reset();
}

void Authenticator::end_sessions_of(const std::string& token_name) {
  std::lock_guard lock(mutex_);
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    it = it->second.token_name == token_name ? sessions_.erase(it) : std::next(it);
  }
}

std::size_t Authenticator::session_count() {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

}  // namespace footfall

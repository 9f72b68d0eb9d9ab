// TokenStore: the API tokens of `footfall serve` (issue 5). Only a hash of each token is kept; the token itself is
// shown once, when it is created (server/auth.h makes and hashes tokens). Implementations are thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "footfall/core/result.h"
#include "footfall/core/time.h"

namespace footfall {

// Key: name. `hash` is unique as well.
struct ApiTokenRow {
  std::string name;  // letters, digits, '_', '-', '.', '@' (checked by the caller)
  std::string role;  // "viewer", "operator" or "admin" (anything else is refused by the store)
  std::string hash;  // lower-case hex SHA-256 of the token text
  TimestampMs created_ms = 0;
  std::optional<TimestampMs> last_used_ms;
};

class TokenStore {
 public:
  virtual ~TokenStore() = default;
  // An error naming the token when the name (or the hash) is already stored; nothing is written then.
  virtual Status add_token(const ApiTokenRow& row) = 0;
  // Ordered by name.
  virtual Result<std::vector<ApiTokenRow>> read_tokens() = 0;
  virtual Result<std::optional<ApiTokenRow>> find_token_by_hash(const std::string& hash) = 0;
  virtual Result<std::int64_t> count_tokens() = 0;
  // Sets last_used_ms of the named token (no error when it was deleted meanwhile).
  virtual Status touch_token(const std::string& name, TimestampMs used_ms) = 0;
  // Returns false when there is no such token.
  virtual Result<bool> delete_token(const std::string& name) = 0;
};

}  // namespace footfall

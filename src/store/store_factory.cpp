// open_store(): picks a backend by the URL's scheme. Each backend registers one line in kBackends.
#include <array>
#include <string>
#include <string_view>

#include "footfall/store/store.h"
#include "postgres/postgres_store.h"
#include "postgres/url.h"
#include "sqlite/sqlite_store.h"

namespace footfall {

namespace {

using OpenFn = Result<std::unique_ptr<Store>> (*)(const std::string& location, const std::string& url,
                                                  const StoreOpenOptions& options);

struct Backend {
  std::string_view scheme;  // lower case, without ':'
  OpenFn open;
};

// A file needs no server: options.defer_connection does not apply.
Result<std::unique_ptr<Store>> open_sqlite(const std::string& location, const std::string& url,
                                           const StoreOpenOptions& /*options*/) {
  if (location.empty()) return make_error("database " + url + ": no file path after the scheme");
  auto store = sqlite::SqliteStore::open(location);
  if (!store) return store.error();
  return std::unique_ptr<Store>(std::move(*store));
}

// The whole URL goes to libpq, which reads both schemes; a password absent from it comes from PGPASSWORD (or
// ~/.pgpass), and config values may hold ${ENV} references (config/env_substitution.cpp).
Result<std::unique_ptr<Store>> open_postgres(const std::string& location, const std::string& url,
                                             const StoreOpenOptions& options) {
  const auto separator = url.find("://");
  if (separator == std::string::npos || url.find(':') != separator) {
    return make_error("database " + postgres::mask_password(url) +
                      ": expected postgresql://USER@HOST[:PORT]/DATABASE (or postgres://...)");
  }
  // libpq knows the schemes in lower case only.
  std::string scheme = url.substr(0, separator);
  for (char& c : scheme) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  auto store = postgres::PostgresStore::open(scheme + "://" + location, options);
  if (!store) return store.error();
  return std::unique_ptr<Store>(std::move(*store));
}

constexpr std::array kBackends{
    Backend{"sqlite", open_sqlite},
    Backend{"postgresql", open_postgres},
    Backend{"postgres", open_postgres},
};

// The scheme of "scheme:..." (letters, digits, + - . after a letter; two characters at least so that a Windows
// drive letter is never a scheme), lower-cased; empty when `url` has none.
std::string scheme_of(const std::string& url) {
  const auto colon = url.find(':');
  if (colon == std::string::npos || colon < 2) return {};
  std::string scheme;
  for (std::size_t i = 0; i < colon; ++i) {
    const char c = url[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!letter && !(i > 0 && other)) return {};
    scheme += static_cast<char>(letter && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return scheme;
}

}  // namespace

bool is_database_server_url(const std::string& url) {
  const std::string scheme = scheme_of(url);
  return scheme == "postgresql" || scheme == "postgres";
}

Result<std::unique_ptr<Store>> open_store(const std::string& url, const StoreOpenOptions& options) {
  if (url.empty()) return make_error("database: empty URL (expected a path such as footfall.db or sqlite:PATH)");
  const std::string scheme = scheme_of(url);
  const bool has_authority = url.compare(scheme.size(), 3, "://") == 0;
  if (!scheme.empty()) {
    for (const Backend& backend : kBackends) {
      if (backend.scheme != scheme) continue;
      const std::size_t skip = scheme.size() + (has_authority ? 3 : 1);
      return backend.open(url.substr(skip), url, options);
    }
    if (has_authority) {
      return make_error("database " + postgres::mask_password(url) + ": unknown scheme '" + scheme +
                        "' (expected sqlite:PATH, sqlite://PATH, postgresql://... or a plain file path)");
    }
  }
  // A plain path (which may contain a ':' that is not a scheme): SQLite.
  return open_sqlite(url, url, options);
}

}  // namespace footfall

// open_store(): picks a backend by the URL's scheme. Each backend registers one line in kBackends; adding the
// PostgreSQL backend (src/store/postgres/, behind FOOTFALL_WITH_POSTGRES) replaces its "not built" entry.
#include <array>
#include <string>
#include <string_view>

#include "footfall/store/store.h"
#include "sqlite/sqlite_store.h"

namespace footfall {

namespace {

using OpenFn = Result<std::unique_ptr<Store>> (*)(const std::string& location, const std::string& url);

struct Backend {
  std::string_view scheme;  // lower case, without ':'
  OpenFn open;
};

Result<std::unique_ptr<Store>> open_sqlite(const std::string& location, const std::string& url) {
  if (location.empty()) return make_error("database " + url + ": no file path after the scheme");
  auto store = sqlite::SqliteStore::open(location);
  if (!store) return store.error();
  return std::unique_ptr<Store>(std::move(*store));
}

// "postgresql://user:secret@host/db" -> "postgresql://user:***@host/db": errors never print a password.
std::string mask_password(const std::string& url) {
  const auto scheme_end = url.find("://");
  const auto at = url.rfind('@');
  if (scheme_end == std::string::npos || at == std::string::npos || at < scheme_end) return url;
  const auto colon = url.find(':', scheme_end + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

Result<std::unique_ptr<Store>> open_postgres_not_built(const std::string& /*location*/, const std::string& url) {
  return make_error("database " + mask_password(url) +
                    ": PostgreSQL support is not built in this version of footfall; use a SQLite path such as "
                    "footfall.db or sqlite:/var/lib/footfall/footfall.db");
}

constexpr std::array kBackends{
    Backend{"sqlite", open_sqlite},
    Backend{"postgresql", open_postgres_not_built},
    Backend{"postgres", open_postgres_not_built},
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

Result<std::unique_ptr<Store>> open_store(const std::string& url) {
  if (url.empty()) return make_error("database: empty URL (expected a path such as footfall.db or sqlite:PATH)");
  const std::string scheme = scheme_of(url);
  const bool has_authority = url.compare(scheme.size(), 3, "://") == 0;
  if (!scheme.empty()) {
    for (const Backend& backend : kBackends) {
      if (backend.scheme != scheme) continue;
      const std::size_t skip = scheme.size() + (has_authority ? 3 : 1);
      return backend.open(url.substr(skip), url);
    }
    if (has_authority) {
      return make_error("database " + mask_password(url) + ": unknown scheme '" + scheme +
                        "' (expected sqlite:PATH, sqlite://PATH, postgresql://... or a plain file path)");
    }
  }
  // A plain path (which may contain a ':' that is not a scheme): SQLite.
  return open_sqlite(url, url);
}

}  // namespace footfall

#include "postgres/url.h"

#include <array>
#include <string_view>

namespace footfall::postgres {

namespace {

// Replaces the value of every "password=" query parameter.
std::string mask_query_password(std::string url) {
  const auto query = url.find('?');
  if (query == std::string::npos) return url;
  std::size_t at = query + 1;
  while (at < url.size()) {
    const auto end = url.find('&', at);
    const std::size_t stop = end == std::string::npos ? url.size() : end;
    constexpr std::string_view kKey = "password=";
    if (url.compare(at, kKey.size(), kKey) == 0) {
      url.replace(at + kKey.size(), stop - at - kKey.size(), "***");
      at += kKey.size() + 3 + 1;
      continue;
    }
    at = stop + 1;
  }
  return url;
}

bool has_parameter(const std::string& url, std::string_view key) {
  const auto query = url.find('?');
  if (query == std::string::npos) return false;
  std::size_t at = query + 1;
  while (at < url.size()) {
    if (url.compare(at, key.size(), key) == 0 && url.size() > at + key.size() && url[at + key.size()] == '=') {
      return true;
    }
    const auto end = url.find('&', at);
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return false;
}

}  // namespace

std::string mask_password(const std::string& url) {
  std::string masked = url;
  const auto scheme_end = url.find("://");
  if (scheme_end != std::string::npos) {
    // The user-info ends at the last '@' before the path (a password may contain a raw '@').
    const auto path = url.find_first_of("/?", scheme_end + 3);
    const auto authority_end = path == std::string::npos ? url.size() : path;
    const auto at = url.rfind('@', authority_end);
    if (at != std::string::npos && at > scheme_end) {
      const auto colon = url.find(':', scheme_end + 3);
      if (colon != std::string::npos && colon < at) masked = url.substr(0, colon + 1) + "***" + url.substr(at);
    }
  }
  return mask_query_password(masked);
}

std::string connection_url(const std::string& url) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kDefaults{{
      {"connect_timeout", "10"},
      {"keepalives", "1"},
      {"keepalives_idle", "10"},
      {"keepalives_interval", "5"},
      {"keepalives_count", "3"},
      {"tcp_user_timeout", "30000"},
      {"application_name", "footfall"},
  }};
  std::string out = url;
  bool has_query = out.find('?') != std::string::npos;
  for (const auto& [key, value] : kDefaults) {
    if (has_parameter(url, key)) continue;
    out += has_query ? '&' : '?';
    has_query = true;
    out.append(key).append("=").append(value);
  }
  return out;
}

}  // namespace footfall::postgres

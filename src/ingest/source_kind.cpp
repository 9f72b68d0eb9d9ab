// What kind of source a uri names, and how to print a uri without its secrets.
#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <string>
#include <string_view>

#include "footfall/ingest/source.h"

namespace footfall {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

// FFmpeg network protocols that footfall treats as streams.
bool is_stream_scheme(std::string_view scheme) {
  static constexpr std::array<std::string_view, 10> kSchemes = {"rtsp", "rtsps", "rtmp", "rtmps", "http",
                                                                "https", "udp",  "tcp",  "rtp",   "srt"};
  return std::find(kSchemes.begin(), kSchemes.end(), scheme) != kSchemes.end();
}

// Query keys whose values are secrets: password=, token=, api_key=, ...
bool is_secret_key(std::string_view key) {
  const std::string k = lower(key);
  for (std::string_view word : {"pass", "pwd", "token", "secret", "key", "auth", "sig"}) {
    if (k.find(word) != std::string::npos) return true;
  }
  return false;
}

std::string mask_query(std::string_view query) {
  std::string out;
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view pair = query.substr(start, end - start);
    const std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && eq + 1 < pair.size() && is_secret_key(pair.substr(0, eq))) {
      out.append(pair.substr(0, eq + 1)).append("***");
    } else {
      out.append(pair);
    }
    if (end == query.size()) break;
    out.push_back('&');
    start = end + 1;
  }
  return out;
}

}  // namespace

SourceKind detect_source_kind(const std::string& uri) {
  const std::size_t sep = uri.find("://");
  if (sep != std::string::npos && is_stream_scheme(lower(uri.substr(0, sep)))) return SourceKind::stream;
  if (uri.rfind("/dev/video", 0) == 0 || (uri.size() <= 3 && all_digits(uri))) return SourceKind::device;
  std::error_code ec;
  if (std::filesystem::is_directory(uri, ec)) return SourceKind::inbox;
  const std::string ext = lower(std::filesystem::path(uri).extension().string());
  if (ext == ".jpg" || ext == ".jpeg" || ext == ".png" || ext == ".bmp" || ext == ".webp") return SourceKind::image;
  return SourceKind::file;
}

const char* to_string(SourceKind kind) {
  switch (kind) {
    case SourceKind::file:
      return "file";
    case SourceKind::stream:
      return "stream";
    case SourceKind::device:
      return "device";
    case SourceKind::inbox:
      return "inbox";
    case SourceKind::image:
      return "image";
  }
  return "unknown";
}

// "scheme://user:password@host:port/path?token=x" -> "scheme://user:***@host:port/path?token=***".
std::string mask_credentials(const std::string& uri) {
  const std::size_t sep = uri.find("://");
  if (sep == std::string::npos) return uri;
  const std::size_t authority = sep + 3;
  std::size_t authority_end = uri.find_first_of("/?#", authority);
  if (authority_end == std::string::npos) authority_end = uri.size();
  std::string out = uri.substr(0, authority);
  const std::string_view host_part = std::string_view(uri).substr(authority, authority_end - authority);
  if (const std::size_t at = host_part.rfind('@'); at != std::string_view::npos) {
    const std::string_view userinfo = host_part.substr(0, at);
    const std::size_t colon = userinfo.find(':');
    out.append(colon == std::string_view::npos ? userinfo : userinfo.substr(0, colon + 1));
    if (colon != std::string_view::npos) out.append("***");
    out.append(host_part.substr(at));
  } else {
    out.append(host_part);
  }
  std::string_view rest = std::string_view(uri).substr(authority_end);
  const std::size_t q = rest.find('?');
  if (q == std::string_view::npos) return out.append(rest);
  std::size_t q_end = rest.find('#', q);
  if (q_end == std::string_view::npos) q_end = rest.size();
  out.append(rest.substr(0, q + 1));
  out.append(mask_query(rest.substr(q + 1, q_end - q - 1)));
  out.append(rest.substr(q_end));
  return out;
}

std::optional<SourceKind> parse_source_kind(const std::string& name) {
  for (SourceKind k : {SourceKind::file, SourceKind::stream, SourceKind::device, SourceKind::inbox, SourceKind::image}) {
    if (name == to_string(k)) return k;
  }
  return std::nullopt;
}

}  // namespace footfall

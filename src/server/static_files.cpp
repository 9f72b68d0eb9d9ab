#include "footfall/server/static_files.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace footfall {

namespace {

namespace fs = std::filesystem;

// Anything the dashboard loads comes from this server: no CDN, no inline scripts.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'";

bool read_file(const fs::path& file, std::string& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return false;
  out = text.str();
  return true;
}

// True when `inner` is `outer` or lies below it, comparing whole components of canonical paths.
bool is_within(const fs::path& inner, const fs::path& outer) {
  auto o = outer.begin();
  auto i = inner.begin();
  for (; o != outer.end(); ++o, ++i) {
    if (o->empty()) continue;  // a trailing separator
    if (i == inner.end() || *i != *o) return false;
  }
  return true;
}

ApiResponse not_built(const fs::path& root, bool page) {
  const std::string where = root.empty() ? std::string("no folder configured") : root.string();
  if (!page) {
    return json_error(404, "not_found", "the dashboard is not built (looked in " + where +
                                            "); build it with `npm --prefix web ci && npm --prefix web run build` or "
                                            "set server.web_root");
  }
  ApiResponse response;
  response.status = 200;
  response.content_type = "text/html; charset=utf-8";
  response.body =
      "<!doctype html><html><head><meta charset=\"utf-8\"><title>footfall</title></head><body>"
      "<h1>footfall</h1><p>The dashboard is not built (looked in <code>" +
      where +
      "</code>). Build it with <code>npm --prefix web ci &amp;&amp; npm --prefix web run build</code>, or set "
      "<code>server.web_root</code>.</p><p>The API is available: <a href=\"/api/v1/openapi.json\">/api/v1/openapi.json"
      "</a>, <a href=\"/healthz\">/healthz</a>.</p></body></html>";
  return response;
}

}  // namespace

std::string content_type_for(const fs::path& file) {
  static const std::map<std::string, std::string> kTypes{
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".wasm", "application/wasm"},
  };
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

StaticFiles::StaticFiles(fs::path root) : root_(std::move(root)) {
  std::error_code ec;
  if (root_.empty()) return;
  canonical_root_ = fs::canonical(root_, ec);
  available_ = !ec && fs::is_regular_file(canonical_root_ / "index.html", ec);
}

ApiResponse StaticFiles::serve(const std::string& path) const {
  // Split the decoded path; "..", a NUL or a backslash anywhere is refused outright.
  std::vector<std::string> segments;
  std::string current;
  for (std::size_t i = 1; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      if (current == "..") return json_error(400, "bad_path", "the path must not contain '..'");
      if (!current.empty() && current != ".") segments.push_back(current);
      current.clear();
    } else if (path[i] == '\0' || path[i] == '\\') {
      return json_error(400, "bad_path", "the path holds a character that is not allowed");
    } else {
      current += path[i];
    }
  }
  const bool page = segments.empty() || fs::path(segments.back()).extension().empty();
  if (!available_) return not_built(root_, page);

  fs::path file = canonical_root_;
  for (const std::string& s : segments) file /= s;
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(file, ec);
  if (ec || !is_within(resolved, canonical_root_)) {
    return json_error(400, "bad_path", "the path leads outside the dashboard folder");
  }
  if (fs::is_directory(resolved, ec)) resolved /= "index.html";
  bool is_index = false;
  if (!fs::is_regular_file(resolved, ec)) {
    if (!page) return json_error(404, "not_found", "no such file: " + path);
    resolved = canonical_root_ / "index.html";  // a client-side route of the single-page app
    is_index = true;
  }
  resolved = fs::canonical(resolved, ec);
  if (ec || !is_within(resolved, canonical_root_)) {
    return json_error(400, "bad_path", "the path leads outside the dashboard folder");
  }
  ApiResponse response;
  if (!read_file(resolved, response.body)) return json_error(500, "internal", "cannot read " + path);
  response.content_type = content_type_for(resolved);
  is_index = is_index || resolved.filename() == "index.html";
  // Bundled assets carry a content hash in their names: cache them for good; pages always revalidate.
  const bool hashed_asset = segments.size() >= 2 && segments.front() == "assets";
  response.headers["Cache-Control"] = hashed_asset && !is_index ? "public, max-age=31536000, immutable" : "no-cache";
  if (response.content_type.rfind("text/html", 0) == 0) {
    response.headers["Content-Security-Policy"] = kContentSecurityPolicy;
    response.headers["X-Frame-Options"] = "DENY";
    response.headers["Referrer-Policy"] = "no-referrer";
  }
  return response;
}

std::vector<fs::path> web_root_candidates(const std::string& configured, const fs::path& executable) {
  if (!configured.empty()) return {fs::path(configured)};
  std::vector<fs::path> candidates;
  if (!executable.empty()) candidates.push_back(executable.parent_path() / ".." / "share" / "footfall" / "web");
#ifdef FOOTFALL_SOURCE_WEB_DIST
  candidates.emplace_back(FOOTFALL_SOURCE_WEB_DIST);
#endif
  return candidates;
}

fs::path resolve_web_root(const std::string& configured, const fs::path& executable) {
  const std::vector<fs::path> candidates = web_root_candidates(configured, executable);
  for (const fs::path& candidate : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(candidate / "index.html", ec)) return fs::weakly_canonical(candidate, ec);
  }
  return candidates.empty() ? fs::path() : candidates.front();
}

}  // namespace footfall

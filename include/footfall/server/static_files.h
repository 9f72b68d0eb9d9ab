// The built dashboard (web/dist) served from a folder: files by path with their content type, index.html for client
// routes (a path without an extension), and no way out of the folder (a path with "..", or one that resolves
// outside the folder through a link, is refused).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "footfall/server/router.h"

namespace footfall {

class StaticFiles {
 public:
  // `root` may be empty or missing: every page then answers a short note that the dashboard is not built.
  explicit StaticFiles(std::filesystem::path root);

  bool available() const { return available_; }
  const std::filesystem::path& root() const { return root_; }

  // `path` is the decoded request path ("/", "/assets/index-1a2b.js", "/staffing").
  ApiResponse serve(const std::string& path) const;

 private:
  std::filesystem::path root_;
  std::filesystem::path canonical_root_;
  bool available_ = false;
};

// Content type by file extension ("application/octet-stream" when unknown).
std::string content_type_for(const std::filesystem::path& file);

// Where the dashboard is looked for: `configured` (server.web_root) when set; else <exe dir>/../share/footfall/web,
// then the source tree's web/dist. The first folder holding an index.html wins; when none does, the first candidate
// (the note names it).
std::filesystem::path resolve_web_root(const std::string& configured, const std::filesystem::path& executable);
std::vector<std::filesystem::path> web_root_candidates(const std::string& configured,
                                                       const std::filesystem::path& executable);

}  // namespace footfall

// A real SQLite database seeded by the real binary for the API route tests: `footfall simulate` writes five weeks of
// store `demo` (Europe/Berlin, open 09:00-20:00 daily, entry line door/entrance) ending before local 2026-11-23, and
// `footfall run` tracks the TUD-Stadtmitte clip as camera `plaza` (line `kerb`, queue zone `square`, starting
// 2026-11-20T12:59:57Z) and vtest.avi as camera `hall` (from 2026-11-19T10:00:00Z, long enough to learn its
// background), so that camera series, heatmaps and backgrounds hold real rows. The routes are called through
// Router::match and the handler, as the HTTP layer does, with a fixed clock: "now" is Friday 2026-11-20 15:30 in
// Berlin.
//
// CTest runs every test in a process of its own: the seeded database is made once per build tree and footfall
// binary (<build>/tests/api-seed, under a file lock) and each SeededApi works on its own copy.
#pragma once

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "footfall/config/config.h"
#include "footfall/server/api_routes.h"
#include "footfall/store/store.h"
#include "test_paths.h"
#include "test_process.h"

namespace footfall::test {

inline constexpr TimestampMs kApiNowMs = 1'795'185'000'000;  // 2026-11-20T14:30:00Z = 15:30 in Berlin

class FixedClock final : public Clock {
 public:
  explicit FixedClock(TimestampMs t) : t_(t) {}
  TimestampMs now_ms() const override { return t_; }

 private:
  TimestampMs t_;
};

inline std::filesystem::path stadtmitte_clip() { return datasets_dir() / "tud-stadtmitte" / "TUD-Stadtmitte.mp4"; }

inline void write_text(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

// The API's config (cameras door, plaza and hall, store demo of door and plaza: demo.door and demo.plaza) with its
// database at `db`, or (full = false) the one `footfall run` uses: plaza and hall.
inline std::string api_config_text(const std::filesystem::path& db, bool full) {
  const std::string plaza = "  plaza:\n    source: " + stadtmitte_clip().string() +
                            "\n"
                            "    start_time: \"2026-11-20T12:59:57Z\"\n"
                            "    lines:\n"
                            "      kerb:\n"
                            "        points: [[0.0, 0.6], [1.0, 0.6]]\n"
                            "    zones:\n"
                            "      square:\n"
                            "        points: [[0.0, 0.35], [1.0, 0.35], [1.0, 0.8], [0.0, 0.8]]\n"
                            "        queue: true\n";
  // 80 s of vtest.avi at 2 frames per second: long enough to learn the people-free background (a median of frames
  // 2 s apart); in no store.
  const std::string hall = "  hall:\n    source: " + vtest_avi().string() +
                           "\n"
                           "    start_time: \"2026-11-19T10:00:00Z\"\n"
                           "    sampling:\n"
                           "      fps: 2\n";
  // plaza belongs to store demo in both, so its rows are stored as demo.plaza (cameras of a store are qualified).
  if (!full) {
    return "database: " + db.string() + "\ncameras:\n" + plaza + hall +
           "stores:\n  demo:\n    timezone: Europe/Berlin\n    cameras: [plaza]\n";
  }
  return "database: " + db.string() + "\ncameras:\n  door:\n    source: " + vtest_avi().string() +
         "\n"
         "    lines:\n"
         "      entrance:\n"
         "        points: [[0.1, 0.5], [0.9, 0.5]]\n" +
         plaza + hall +
         "stores:\n"
         "  demo:\n"
         "    timezone: Europe/Berlin\n"
         "    hours:\n"
         "      daily: \"09:00-20:00\"\n"
         "    cameras: [door, plaza]\n"
         "    entry_lines:\n"
         "      - {camera: door, line: entrance}\n";
}

// Copies the seeded database to `to` (a file path), seeding it first when the build tree has none for this binary
// and config. Throws when seeding fails.
inline void copy_seeded_database(const std::filesystem::path& to) {
  namespace fs = std::filesystem;
  const fs::path dir = test_tools_dir().parent_path() / "api-seed";
  fs::create_directories(dir);
  const fs::path db = dir / "footfall.db";
  const auto binary_time = fs::last_write_time(footfall_binary()).time_since_epoch().count();
  const std::string key = std::to_string(
      std::hash<std::string>{}(api_config_text(db, true) + api_config_text(db, false) +
                               std::to_string(fs::file_size(footfall_binary())) + ":" + std::to_string(binary_time)));
  const int fd = ::open((dir / "lock").c_str(), O_CREAT | O_RDWR, 0644);
  if (fd < 0 || ::flock(fd, LOCK_EX) != 0) throw std::runtime_error("cannot lock " + (dir / "lock").string());
  struct Unlock {
    int fd;
    ~Unlock() {
      ::flock(fd, LOCK_UN);
      ::close(fd);
    }
  } unlock{fd};
  if (!fs::exists(dir / "key") || read_text(dir / "key") != key || !fs::exists(db)) {
    for (const char* name : {"key", "footfall.db", "footfall.db-wal", "footfall.db-shm"}) fs::remove(dir / name);
    write_text(dir / "config.yaml", api_config_text(db, true));
    write_text(dir / "run.yaml", api_config_text(db, false));
    const auto sim = run_footfall({"simulate", "--config", (dir / "config.yaml").string(), "--store", "demo", "--weeks",
                                   "5", "--until", "2026-11-23"});
    if (sim.exit_code != 0) throw std::runtime_error("footfall simulate failed: " + sim.err);
    const auto run = run_footfall({"run", "--config", (dir / "run.yaml").string()});
    if (run.exit_code != 0) throw std::runtime_error("footfall run failed: " + run.err);
    write_text(dir / "key", key);  // last: an interrupted seeding is redone
  }
  fs::copy_file(db, to, fs::copy_options::overwrite_existing);
  if (fs::exists(dir / "footfall.db-wal")) {
    fs::copy_file(dir / "footfall.db-wal", to.string() + "-wal", fs::copy_options::overwrite_existing);
  }
}

class SeededApi {
 public:
  // A copy of the seeded database of its own (writable), its config, and the router over them.
  SeededApi() : clock_(kApiNowMs) {
    copy_seeded_database(db());
    write_text(dir_ / "config.yaml", api_config_text(db(), true));
    auto config = load_config(dir_ / "config.yaml");
    if (!config) throw std::runtime_error(config.error().message);
    config_ = std::move(*config);
    auto store = open_store(db().string());
    if (!store) throw std::runtime_error(store.error().message);
    store_ = std::move(*store);
    context_.store = store_.get();
    context_.config = &config_;
    context_.clock = &clock_;
    register_api_routes(router_, context_);
  }

  // One copy shared by the read-only tests of a test program.
  static SeededApi& shared() {
    static std::unique_ptr<SeededApi> api = std::make_unique<SeededApi>();
    return *api;
  }

  // Calls a route as the HTTP layer would: match the path, refuse query parameters the route does not accept, fill
  // the request. A path that matches no route answers 404 (405 for a wrong method).
  ApiResponse call(const std::string& method, const std::string& path,
                   const std::multimap<std::string, std::string>& query = {}, const std::string& body = {},
                   Role role = Role::kAdmin, const std::string& token_name = "test-token") const {
    const Router::Match m = router_.match(method, path);
    if (m.route == nullptr) {
      return m.method_mismatch ? json_error(405, "method_not_allowed", method + " " + path)
                               : json_error(404, "not_found", path);
    }
    for (const auto& [name, value] : query) {
      const auto& accepted = m.route->query_params;
      if (std::find(accepted.begin(), accepted.end(), name) == accepted.end()) {
        return json_error(400, "bad_parameter", name + ": unknown parameter");
      }
    }
    ApiRequest request;
    request.method = method;
    request.path = path;
    request.path_params = m.path_params;
    request.query = query;
    request.body = body;
    request.role = role;
    request.token_name = token_name;
    request.received_ms = clock_.now_ms();
    return m.route->handler(request);
  }

  // GET and parse; fails the test unless the status is `status` and the body JSON.
  nlohmann::json get_json(const std::string& path, const std::multimap<std::string, std::string>& query = {},
                          int status = 200) const {
    const ApiResponse r = call("GET", path, query);
    EXPECT_EQ(r.status, status) << path << ": " << r.body;
    EXPECT_EQ(r.content_type, "application/json") << path;
    const auto j = nlohmann::json::parse(r.body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.body;
    return j;
  }

  Store& store() { return *store_; }
  const AppConfig& config() const { return config_; }
  ApiContext& context() { return context_; }
  const Router& router() const { return router_; }
  std::filesystem::path db() const { return dir_ / "footfall.db"; }

 private:
  TempDir dir_;
  FixedClock clock_;
  AppConfig config_;
  std::unique_ptr<Store> store_;
  ApiContext context_;
  Router router_;
};

// The JSON body of a response (null when it is not JSON).
inline nlohmann::json body_json(const ApiResponse& r) { return nlohmann::json::parse(r.body, nullptr, false); }

}  // namespace footfall::test

// Many boxes, one database (issue 6), end to end: two boxes of two stores, each with a camera called "door", run
// `footfall run` at the same time into one real PostgreSQL database; their rows stay apart (north.door, south.door),
// and a third box running only `footfall serve` (no camera, no store of its own) serves both stores from the
// registry the boxes wrote: stores, cameras, and store series whose visitors are the crossings in the database.
#include <gtest/gtest.h>
#include <httplib.h>

#include <csignal>
#include <string>

#include <nlohmann/json.hpp>

#include "e2e_util.h"
#include "pg_test_server.h"

namespace footfall::test {
namespace {

std::filesystem::path stadtmitte() { return datasets_dir() / "tud-stadtmitte" / "TUD-Stadtmitte.mp4"; }

// A box: one store with one camera "door" on the TUD-Stadtmitte clip (a pavement line people cross both ways).
std::string box_config(const std::string& url, const std::filesystem::path& spool, const std::string& store,
                       const std::string& timezone, const std::string& start) {
  return "database:\n  url: " + url + "\n  batch_ms: 200\nspool:\n  dir: " + spool.string() +
         "\n"
         "cameras:\n"
         "  door:\n"
         "    source: " + stadtmitte().string() + "\n"
         "    start_time: \"" + start + "\"\n"
         "    lines:\n"
         "      kerb:\n"
         "        points: [[1.0, 0.6], [0.0, 0.6]]\n"  // walking up the image is `in`: 3 entries
         "stores:\n"
         "  " + store + ":\n"
         "    timezone: " + timezone + "\n"
         "    entry_lines:\n"
         "      - {camera: door, line: kerb}\n";
}

long long as_int(const std::string& text) { return text.empty() ? 0 : std::stoll(text); }

TEST(Chain, TwoBoxesShareADatabaseAndACameralessServeShowsEveryStore) {
  PgTestServer pg;
  ASSERT_TRUE(pg.ensure_started()) << pg.error();
  const std::string db = pg.create_database();
  ASSERT_FALSE(db.empty()) << pg.error();
  TempDir dir;
  write_file(dir / "north.yaml", box_config(pg.url(db), dir / "spool-north", "north", "Europe/Berlin",
                                            "2026-11-20T12:00:00Z"));
  write_file(dir / "south.yaml", box_config(pg.url(db), dir / "spool-south", "south", "America/New_York",
                                            "2026-11-20T17:00:00Z"));

  // Both boxes at once, as in a chain.
  BackgroundProcess north({footfall_binary().string(), "run", "--config", (dir / "north.yaml").string()},
                          dir / "north.log");
  BackgroundProcess south({footfall_binary().string(), "run", "--config", (dir / "south.yaml").string()},
                          dir / "south.log");
  ASSERT_EQ(north.wait(), 0) << read_text(dir / "north.log");
  ASSERT_EQ(south.wait(), 0) << read_text(dir / "south.log");

  // Same clip, same camera name, two stores: two sets of rows, never mixed.
  EXPECT_EQ(pg.query(db, "SELECT string_agg(DISTINCT camera, ',' ORDER BY camera) FROM counts"),
            "north.door,south.door");
  const long long frames_north = as_int(pg.query(db, "SELECT count(*) FROM counts WHERE camera = 'north.door'"));
  EXPECT_EQ(frames_north, 179) << "every frame of the clip";
  EXPECT_EQ(as_int(pg.query(db, "SELECT count(*) FROM counts WHERE camera = 'south.door'")), frames_north);
  const long long in_north =
      as_int(pg.query(db, "SELECT count(*) FROM crossings WHERE camera = 'north.door' AND direction = 'in'"));
  ASSERT_GT(in_north, 0);
  EXPECT_EQ(as_int(pg.query(db, "SELECT count(*) FROM crossings WHERE camera = 'south.door' AND direction = 'in'")),
            in_north)
      << "the same clip gives the same crossings";
  EXPECT_EQ(pg.query(db, "SELECT string_agg(kind || ':' || name, ',' ORDER BY kind, name) FROM registry"),
            "camera:north.door,camera:south.door,store:north,store:south");
  printf("chain: 2 boxes, %lld frames and %lld entries each, registry: %s\n", frames_north, in_north,
         pg.query(db, "SELECT string_agg(name, ',' ORDER BY name) FROM registry WHERE kind = 'store'").c_str());

  std::fflush(stdout);  // before fork: the child must not print it again

  // A box with no camera and no store of its own.
  const int port = free_port();
  write_file(dir / "head.yaml", "database: " + pg.url(db) + "\nspool:\n  dir: " + (dir / "spool-head").string() +
                                    "\nserver:\n  bind: 127.0.0.1\n  port: " + std::to_string(port) + "\n");
  BackgroundProcess serve({footfall_binary().string(), "serve", "--config", (dir / "head.yaml").string()},
                          dir / "serve.log");
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(30, 0);
  ASSERT_TRUE(wait_until(
      [&] {
        auto r = c.Get("/healthz");
        return (r && r->status == 200) || !serve.running();
      },
      std::chrono::seconds(60)))
      << read_text(dir / "serve.log");
  ASSERT_TRUE(serve.running()) << read_text(dir / "serve.log");

  auto stores = c.Get("/api/v1/stores");
  ASSERT_TRUE(stores && stores->status == 200) << read_text(dir / "serve.log");
  const auto store_list = nlohmann::json::parse(stores->body);
  ASSERT_EQ(store_list.size(), 2u) << stores->body;
  EXPECT_EQ(store_list[0]["name"], "north");
  EXPECT_EQ(store_list[0]["timezone"], "Europe/Berlin");
  EXPECT_EQ(store_list[0]["cameras"], nlohmann::json::array({"north.door"}));
  EXPECT_EQ(store_list[1]["name"], "south");
  EXPECT_EQ(store_list[1]["timezone"], "America/New_York");

  auto cameras = c.Get("/api/v1/cameras");
  ASSERT_TRUE(cameras && cameras->status == 200);
  const auto camera_list = nlohmann::json::parse(cameras->body);
  ASSERT_EQ(camera_list.size(), 2u) << cameras->body;
  for (const auto& camera : camera_list) {
    EXPECT_EQ(camera["local_name"], "door");
    EXPECT_EQ(camera["source_kind"], "remote");
    EXPECT_EQ(camera["health"]["state"], "remote");
    EXPECT_EQ(camera["lines"][0]["name"], "kerb");
  }
  EXPECT_EQ(camera_list[1]["name"], "south.door");
  EXPECT_EQ(camera_list[1]["store"], "south");

  // Each store's visitors, from its own rows: the entries of its door line.
  for (const std::string store : {"north", "south"}) {
    auto series = c.Get("/api/v1/stores/" + store + "/series?from=2026-11-20&to=2026-11-21&bucket=day");
    ASSERT_TRUE(series && series->status == 200) << (series ? series->body : "no answer");
    long long visitors = 0;
    const auto body = nlohmann::json::parse(series->body);
    for (const auto& row : body["rows"]) visitors += row["visitors"].get<long long>();
    EXPECT_EQ(visitors, in_north) << store << ": " << series->body;
    EXPECT_EQ(body["timezone"], store == "north" ? "Europe/Berlin" : "America/New_York");
  }
  auto heatmap = c.Get("/api/v1/cameras/south.door/heatmap.png?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z");
  ASSERT_TRUE(heatmap);
  EXPECT_EQ(heatmap->status, 200) << heatmap->body;
  EXPECT_EQ(c.Get("/api/v1/stores/west/series")->status, 404);

  serve.signal(SIGTERM);
  EXPECT_EQ(serve.wait(), 0) << read_text(dir / "serve.log");
}

}  // namespace
}  // namespace footfall::test

// Issue 6's outage bars, end to end: the real `footfall run` counts vtest.avi played in real time
// (cameras.NAME.playback_speed) into a real PostgreSQL server (tests/pg_test_server.h) and publishes to a real
// Mosquitto broker, and the test cuts them:
//
//  - Outage: PostgreSQL stopped for 60 s, then the broker stopped for 60 s. The database ends up with exactly the
//    rows of a run without outages of the same file (every count, zone count, crossing, visit, heatmap and rollup),
//    the rows of the database outage having waited in the store spool (<spool.dir>/store); the events of the broker
//    outage reach a subscriber after it, through the MQTT spool (<spool.dir>/mqtt), and the retained state is back on
//    the broker after the reconnect.
//  - Kill -9 during a database outage, then restart: `footfall serve` without cameras replays the store spool the
//    killed run left (the database then holds a gap-free prefix of the run without outages, nothing doubled), and
//    `footfall run` on the whole file again ends with exactly the rows of the run without outages.
//
// Each takes a few minutes of wall time (the outages are real time), so each is its own CTest entry.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <map>
#include <regex>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "e2e_util.h"
#include "mqtt/mosquitto_broker.h"
#include "mqtt/mqtt_subscriber.h"
#include "pg_test_server.h"

namespace footfall::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr auto kOutage = seconds(60);
// The MQTT topics of the box (mqtt.prefix "outage").
const std::string kPrefix = "outage";
const std::string kAvailableTopic = kPrefix + "/available";
const std::string kEventsTopic = kPrefix + "/events";
const std::vector<std::string> kTopicFilters = {kPrefix + "/#", "homeassistant/#"};
constexpr const char* kMosquittoPub = "/usr/bin/mosquitto_pub";

// Every table a camera's rows end up in (the rollups included); not the registry, tokens or imports.
const std::vector<std::string> kRowTables = {
    "counts",         "zone_counts",  "crossings",       "zone_visits",     "heatmaps",      "backgrounds",
    "ignore_regions", "gaps",         "store_occupancy", "count_minutes",   "count_hours",   "zone_minutes",
    "zone_hours",     "crossing_minutes", "crossing_hours", "visit_hours", "store_occupancy_hours"};

using Tables = std::map<std::string, std::vector<std::string>>;  // table -> every row as text, sorted

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::int64_t wall_ms() {
  return std::chrono::duration_cast<milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// 60 s into the hour that began at least 5 minutes ago: the whole clip (80 s) lies in one UTC hour (one heatmap
// grid) and in the past.
std::int64_t clip_start_ms() {
  const std::int64_t hour = 3'600'000;
  return (wall_ms() - 300'000) / hour * hour + 60'000;
}

struct RunConfig {
  std::string database;
  fs::path spool;
  std::int64_t start_ms = 0;
  double playback_speed = 0.0;
  bool camera_enabled = true;
  int mqtt_port = 0;  // 0: no mqtt section
};

// vtest.avi at 5 analysed fps, two lines across the path (v640 and vdiag, see line_accuracy_test.cpp) and a zone on
// it, so that there are crossings and visits. No `stores` section: the camera is stored as `hall`.
std::string config_text(const RunConfig& c) {
  char speed[32];
  std::snprintf(speed, sizeof speed, "%g", c.playback_speed);
  std::string text = "database:\n  url: " + c.database + "\n  batch_rows: 64\n  batch_ms: 1000\n" +
                     "spool: {dir: " + c.spool.string() + "}\n" +
                     "cameras:\n"
                     "  hall:\n"
                     "    source: " + vtest_avi().string() + "\n" +
                     "    type: file\n" +
                     (c.camera_enabled ? "" : "    enabled: false\n") +
                     "    start_time: " + std::to_string(c.start_ms) + "\n" +
                     "    playback_speed: " + speed + "\n" +
                     "    sampling: {fps: 5}\n"
                     "    lines:\n"
                     "      v640: {points: [[640, 190], [640, 460]]}\n"
                     "      vdiag: {points: [[500, 190], [420, 420]]}\n"
                     "    zones:\n"
                     "      path: {points: [[250, 200], [600, 200], [600, 470], [250, 470]]}\n";
  if (c.mqtt_port > 0) {
    text += "mqtt:\n  host: 127.0.0.1\n  port: " + std::to_string(c.mqtt_port) + "\n  prefix: " + kPrefix +
            "\n  client_id: outage-box\n";
  }
  return text;
}

fs::path write_config(const fs::path& dir, const std::string& name, const RunConfig& c) {
  const fs::path path = dir / name;
  write_file(path, config_text(c));
  return path;
}

Tables dump(PgTestServer& pg, const std::string& database) {
  Tables tables;
  pqxx::connection connection(pg.url(database));
  pqxx::nontransaction tx(connection);
  for (const std::string& table : kRowTables) {
    std::vector<std::string>& rows = tables[table];
    for (const auto& row : tx.exec("SELECT x::text FROM " + table + " x ORDER BY 1")) rows.push_back(row[0].c_str());
  }
  return tables;
}

// (key, row as text) of `sql`, whose first column is a number and second the row.
std::vector<std::pair<std::int64_t, std::string>> keyed_rows(PgTestServer& pg, const std::string& database,
                                                             const std::string& sql) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  pqxx::connection connection(pg.url(database));
  pqxx::nontransaction tx(connection);
  for (const auto& row : tx.exec(sql)) out.emplace_back(row[0].as<std::int64_t>(), row[1].c_str());
  return out;
}

long long pg_int(PgTestServer& pg, const std::string& database, const std::string& sql) {
  const std::string value = pg.query(database, sql);
  return value.empty() ? -1 : std::stoll(value);
}

// Table by table: same rows; on a difference, the first rows that differ.
::testing::AssertionResult same_tables(const Tables& expected, const Tables& actual) {
  for (const auto& [table, rows] : expected) {
    const auto it = actual.find(table);
    if (it == actual.end()) return ::testing::AssertionFailure() << table << " missing";
    if (it->second == rows) continue;
    std::vector<std::string> missing;
    std::vector<std::string> extra;
    std::set_difference(rows.begin(), rows.end(), it->second.begin(), it->second.end(), std::back_inserter(missing));
    std::set_difference(it->second.begin(), it->second.end(), rows.begin(), rows.end(), std::back_inserter(extra));
    auto failure = ::testing::AssertionFailure();
    failure << table << ": " << rows.size() << " rows expected, " << it->second.size() << " found; " << missing.size()
            << " missing, " << extra.size() << " extra";
    for (std::size_t i = 0; i < std::min<std::size_t>(3, missing.size()); ++i) failure << "\n  missing " << missing[i];
    for (std::size_t i = 0; i < std::min<std::size_t>(3, extra.size()); ++i) failure << "\n  extra   " << extra[i];
    return failure;
  }
  return ::testing::AssertionSuccess();
}

// The bytes in the spool folder's segment files (an idle spool holds none).
std::uintmax_t segment_bytes(const fs::path& dir, int* segments = nullptr) {
  std::uintmax_t bytes = 0;
  int count = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".seg") continue;
    ++count;
    bytes += entry.file_size(ec);
  }
  if (segments != nullptr) *segments = count;
  return bytes;
}

bool has_segments(const fs::path& dir) {
  int segments = 0;
  (void)segment_bytes(dir, &segments);
  return segments > 0;
}

// The number that the first match of `pattern` in `log` captures (-1 when there is none).
long long captured_number(const std::string& log, const std::string& pattern) {
  std::smatch match;
  if (!std::regex_search(log, match, std::regex(pattern)) || match.size() < 2) return -1;
  return std::stoll(match[1].str());
}

std::string tail(const std::string& text, std::size_t bytes = 6000) {
  return text.size() <= bytes ? text : "..." + text.substr(text.size() - bytes);
}

// A database server, the baseline (the file run once, unpaced, without outages) and its rows.
class Outage : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(pg_.ensure_started()) << pg_.error();
    start_ms_ = clip_start_ms();
    const std::string baseline = pg_.create_database();
    ASSERT_FALSE(baseline.empty()) << pg_.error();
    const auto config = write_config(dir_.path(), "baseline.yaml",
                                     {pg_.url(baseline), dir_ / "baseline-spool", start_ms_});
    const auto t = Clock::now();
    const auto run = run_footfall({"run", "--config", config.string()});
    baseline_seconds_ = since(t);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    baseline_ = dump(pg_, baseline);
    baseline_db_ = baseline;
    crossings_ = static_cast<long long>(baseline_["crossings"].size());
    visits_ = static_cast<long long>(baseline_["zone_visits"].size());
    std::printf("baseline (unpaced): %.1f s; %zu counts, %zu zone counts, %lld crossings, %lld visits, %zu count "
                "minutes, %zu heatmap(s), %zu learned region(s)\n",
                baseline_seconds_, baseline_["counts"].size(), baseline_["zone_counts"].size(), crossings_, visits_,
                baseline_["count_minutes"].size(), baseline_["heatmaps"].size(), baseline_["ignore_regions"].size());
    std::fflush(stdout);
    // The checks below mean something only if the clip gives every kind of row.
    ASSERT_GE(baseline_["counts"].size(), 390u) << "795 frames at 10 fps sampled at 5 fps";
    ASSERT_GE(crossings_, 10) << "people walk across both lines of vtest.avi";
    ASSERT_GE(visits_, 5) << "and through the zone";
    ASSERT_EQ(baseline_["heatmaps"].size(), 1u);
    ASSERT_EQ(baseline_["backgrounds"].size(), 1u);
  }

  RunConfig paced(const std::string& database, double speed) const {
    return {pg_.url(database), dir_ / "spool", start_ms_, speed};
  }

  // Waits until the database has `rows` counts (the run is under way and writing; its tables are created when it
  // starts).
  bool wait_counts(const std::string& database, long long rows, BackgroundProcess& run) {
    const auto enough = [&] {
      try {
        return pg_int(pg_, database, "SELECT COUNT(*) FROM counts") >= rows;
      } catch (const std::exception&) {
        return false;
      }
    };
    return wait_until([&] { return !run.running() || enough(); }, seconds(120)) && run.running();
  }

  PgTestServer pg_;
  TempDir dir_;
  std::int64_t start_ms_ = 0;
  std::string baseline_db_;
  Tables baseline_;
  long long crossings_ = 0;
  long long visits_ = 0;
  double baseline_seconds_ = 0.0;
};

// Records, from another thread, the store spool's largest size and when it emptied after `armed`.
class SpoolWatch {
 public:
  explicit SpoolWatch(fs::path dir) : dir_(std::move(dir)), thread_([this] { run(); }) {}
  ~SpoolWatch() {
    stop_ = true;
    thread_.join();
  }
  // From now on, the first moment the folder holds no segment ends the drain.
  void arm() {
    armed_at_ = Clock::now();
    armed_ = true;
  }
  std::uintmax_t max_bytes() const { return max_bytes_.load(); }
  int max_segments() const { return max_segments_.load(); }
  // Seconds from arm() to empty; negative while not drained.
  double drain_seconds() const { return static_cast<double>(drain_ms_.load()) / 1000.0; }

 private:
  void run() {
    while (!stop_) {
      int segments = 0;
      const std::uintmax_t bytes = segment_bytes(dir_, &segments);
      max_bytes_ = std::max(max_bytes_.load(), bytes);
      max_segments_ = std::max(max_segments_.load(), segments);
      if (armed_ && segments == 0 && drain_ms_ < 0) {
        drain_ms_ = std::chrono::duration_cast<milliseconds>(Clock::now() - armed_at_).count();
      }
      std::this_thread::sleep_for(milliseconds(50));
    }
  }

  fs::path dir_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> armed_{false};
  Clock::time_point armed_at_;
  std::atomic<std::uintmax_t> max_bytes_{0};
  std::atomic<int> max_segments_{0};
  std::atomic<long long> drain_ms_{-1};
  std::thread thread_;
};

// Publishes an empty retained message on each topic: the broker forgets their retained values.
void clear_retained(int port, const std::set<std::string>& topics) {
  for (const std::string& topic : topics) {
    const auto r = run_process({kMosquittoPub, "-h", "127.0.0.1", "-p", std::to_string(port), "-r", "-n", "-t", topic});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
}

// Every retained message the broker holds under the topics (a fresh subscriber's view).
std::map<std::string, std::string> retained_state(int port) {
  MqttSubscriber fresh(port, subscribe_to(kTopicFilters));
  EXPECT_TRUE(fresh.wait_subscribed());
  std::this_thread::sleep_for(seconds(2));
  std::map<std::string, std::string> out;
  for (const ReceivedMessage& m : fresh.messages()) {
    if (m.retain) out[m.topic] = m.payload;
  }
  return out;
}

std::string event_id(const std::string& payload) {
  const auto j = nlohmann::json::parse(payload, nullptr, false);
  return j.is_object() && j.contains("id") ? j["id"].get<std::string>() : std::string();
}

TEST_F(Outage, DatabaseAndBrokerOutagesLoseNothingAndTheRetainedStateComesBack) {
  ASSERT_TRUE(fs::exists(kMosquittoPub)) << kMosquittoPub << " is missing: run scripts/install-deps.sh";
  // Persistence keeps the test subscriber's session (and so the events queued for it) across the broker's restart;
  // the retained messages are cleared before the stop instead, so that what a fresh subscriber finds after the
  // restart is what footfall published again when it reconnected.
  BrokerOptions broker_options;
  broker_options.persistence = true;
  MosquittoBroker broker(broker_options);
  ASSERT_TRUE(broker.start());
  SubscriberOptions live_options = subscribe_to(kTopicFilters);
  live_options.client_id = "outage-test";
  live_options.persistent_session = true;
  MqttSubscriber live(broker.port(), live_options);
  ASSERT_TRUE(live.wait_subscribed());

  const std::string db = pg_.create_database();
  ASSERT_FALSE(db.empty()) << pg_.error();
  constexpr double kSpeed = 0.4;  // 199 s: room for both outages and the publisher's reconnect backoff (up to 30 s)
  RunConfig config = paced(db, kSpeed);
  config.mqtt_port = broker.port();
  const fs::path config_path = write_config(dir_.path(), "paced.yaml", config);
  const fs::path log = dir_ / "run.log";
  const fs::path store_spool = config.spool / "store";
  const fs::path mqtt_spool = config.spool / "mqtt";

  const auto run_started = Clock::now();
  BackgroundProcess run({footfall_binary().string(), "run", "--config", config_path.string()}, log);
  ASSERT_TRUE(wait_counts(db, 20, run)) << tail(read_text(log));
  SpoolWatch store_watch(store_spool);

  // 1. PostgreSQL down for 60 s.
  const long long rows_before = pg_int(pg_, db, "SELECT COUNT(*) FROM counts");
  // Where the camera is in the file at a moment of the test (it plays in real time, at kSpeed, and keeps up): the
  // rows of the database outage reach the database late, so it cannot tell.
  const std::int64_t video_at_pg_stop = pg_int(pg_, db, "SELECT MAX(ts_ms) FROM counts");
  const auto pg_stop = Clock::now();
  const auto video_now = [&] {
    return video_at_pg_stop + static_cast<std::int64_t>(since(pg_stop) * kSpeed * 1000.0);
  };
  ASSERT_TRUE(pg_.stop());
  const double pg_stopped_at = since(run_started);
  std::this_thread::sleep_for(kOutage);
  int segments = 0;
  const std::uintmax_t spooled_bytes = segment_bytes(store_spool, &segments);
  EXPECT_GT(segments, 0) << "the rows of the outage wait in " << store_spool << "\n" << tail(read_text(log));
  EXPECT_TRUE(run.running()) << "the camera goes on counting while the database is down\n" << tail(read_text(log));
  ASSERT_TRUE(pg_.start()) << pg_.error();
  store_watch.arm();
  const double pg_started_at = since(run_started);

  // 2. The broker down for 60 s (its retained messages cleared first, see above).
  std::set<std::string> retained_topics;
  for (const ReceivedMessage& m : live.messages()) {
    if (m.topic != kEventsTopic && !m.payload.empty()) retained_topics.insert(m.topic);
  }
  clear_retained(broker.port(), retained_topics);
  const std::int64_t video_at_broker_stop = video_now();
  broker.stop();
  const double broker_stopped_at = since(run_started);
  std::this_thread::sleep_for(kOutage);
  int mqtt_segments = 0;
  const std::uintmax_t mqtt_spooled_bytes = segment_bytes(mqtt_spool, &mqtt_segments);
  const std::int64_t video_at_broker_start = video_now();
  const std::size_t before_restart = live.messages().size();
  ASSERT_TRUE(broker.start());
  const auto broker_started = Clock::now();
  const double broker_started_at = since(run_started);
  // footfall reconnects within its backoff (at most 30 s) and says so first: `online`.
  const bool online = live.wait_for(
      [&](const std::vector<ReceivedMessage>& all) {
        for (std::size_t i = before_restart; i < all.size(); ++i) {
          if (all[i].topic == kAvailableTopic && all[i].payload == "online") return true;
        }
        return false;
      },
      seconds(45));
  const double reconnect_seconds = since(broker_started);
  EXPECT_TRUE(online) << "footfall did not reconnect to the restarted broker\n" << tail(read_text(log));

  const int exit_code = run.wait();
  const double run_seconds = since(run_started);
  const std::string run_log = read_text(log);
  ASSERT_EQ(exit_code, 0) << tail(run_log);

  // The database: exactly the baseline's rows.
  const Tables after = dump(pg_, db);
  EXPECT_TRUE(same_tables(baseline_, after));
  // The log says how many items the outage left in the spool, and how many were replayed (those and the ones
  // appended while the replay ran).
  const long long spooled_items = captured_number(run_log, R"(store reachable again; replaying (\d+) spooled items)");
  const long long replayed_items = captured_number(run_log, R"(spool \S+ drained \((\d+) items replayed\))");
  EXPECT_GT(spooled_items, 0) << tail(run_log);
  EXPECT_GE(replayed_items, spooled_items) << tail(run_log);
  EXPECT_GE(store_watch.drain_seconds(), 0.0) << "the store spool emptied after the database came back";
  EXPECT_FALSE(has_segments(store_spool));

  // The broker: the events of its outage were spooled and arrived after it; every event arrived (QoS 1: a message
  // in flight when the connection dropped may come twice; its id says so).
  EXPECT_GT(mqtt_segments, 0) << "events of the broker outage wait in " << mqtt_spool;
  std::set<std::string> expected_ids;
  for (const auto& [ts, row] : keyed_rows(pg_, db, "SELECT ts_ms, 'crossing/' || camera || '/' || line || '/' || "
                                                   "track_id || '/' || ts_ms FROM crossings")) {
    expected_ids.insert(row);
  }
  for (const auto& [ts, row] : keyed_rows(pg_, db, "SELECT enter_ms, 'visit/' || camera || '/' || zone || '/' || "
                                                   "track_id || '/' || enter_ms FROM zone_visits")) {
    expected_ids.insert(row);
  }
  live.wait_for(
      [&](const std::vector<ReceivedMessage>& all) {
        std::set<std::string> ids;
        for (const auto& m : all) {
          if (m.topic == kEventsTopic) ids.insert(event_id(m.payload));
        }
        return ids.size() >= expected_ids.size();
      },
      seconds(15));
  const std::vector<ReceivedMessage> messages = live.messages();
  std::set<std::string> received_ids;
  std::size_t event_messages = 0;
  std::size_t outage_events = 0;
  std::size_t outage_events_after = 0;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (messages[i].topic != kEventsTopic) continue;
    ++event_messages;
    received_ids.insert(event_id(messages[i].payload));
    const auto j = nlohmann::json::parse(messages[i].payload, nullptr, false);
    if (!j.is_object() || j.value("type", "") != "crossing") continue;
    const std::int64_t t = j.value("timestamp_ms", std::int64_t{0});
    // Crossings well inside the broker outage (in video time; the camera's position is known to about a second).
    if (t > video_at_broker_stop + 2'000 && t < video_at_broker_start - 2'000) {
      ++outage_events;
      outage_events_after += i >= before_restart ? 1 : 0;
    }
  }
  EXPECT_EQ(received_ids, expected_ids);
  EXPECT_GT(outage_events, 0u) << "people cross the lines during the 60 s of the broker outage";
  EXPECT_EQ(outage_events_after, outage_events) << "events of the outage arrive after it, from the spool";
  EXPECT_FALSE(has_segments(mqtt_spool)) << "every event confirmed by the broker at the end of the run";

  // After the reconnect the subscriber got the state again: every retained topic, and a fresh subscriber finds them
  // retained on the broker (cleared before the outage, so footfall published them again).
  std::set<std::string> republished;
  for (std::size_t i = before_restart; i < messages.size(); ++i) {
    if (!messages[i].payload.empty()) republished.insert(messages[i].topic);
  }
  for (const std::string& topic : retained_topics) EXPECT_TRUE(republished.count(topic)) << topic;
  const auto state = retained_state(broker.port());
  for (const std::string& topic : retained_topics) {
    EXPECT_TRUE(state.count(topic) && !state.at(topic).empty()) << topic << " is not retained on the broker";
  }
  EXPECT_EQ(state.count("homeassistant/sensor/outage/hall_v640_in/config"), 1u);
  EXPECT_EQ(state.count(kAvailableTopic) ? state.at(kAvailableTopic) : "",
            "offline")
      << "after the clean end of the run";
  for (const std::string line : {"v640", "vdiag"}) {
    for (const std::string direction : {"in", "out"}) {
      const std::string topic = kPrefix + "/hall/" + line + "/" + direction;
      const long long stored = pg_int(pg_, db, "SELECT COUNT(*) FROM crossings WHERE line = '" + line +
                                                   "' AND direction = '" + direction + "'");
      EXPECT_EQ(state.count(topic) ? state.at(topic) : "", std::to_string(stored)) << topic;
    }
  }

  std::printf("outage run at 0.4x: %.1f s; %lld counts before the database stopped at %.1f s, restarted at %.1f s; "
              "store spool at the end of the outage: %d segment(s), %ju bytes (largest %ju), %lld items waiting when "
              "it came back (%lld replayed), drained %.1f s after the restart\n",
              run_seconds, rows_before, pg_stopped_at, pg_started_at, segments, spooled_bytes, store_watch.max_bytes(),
              spooled_items, replayed_items, store_watch.drain_seconds());
  std::printf("broker stopped at %.1f s, restarted at %.1f s; MQTT spool at its end: %d segment(s), %ju bytes; "
              "reconnected %.1f s after the restart; %zu crossings of the outage delivered after it; %zu event "
              "messages for %zu events (%zu repeated); %zu retained topics republished\n",
              broker_stopped_at, broker_started_at, mqtt_segments, mqtt_spooled_bytes, reconnect_seconds,
              outage_events_after, event_messages, expected_ids.size(), event_messages - received_ids.size(),
              retained_topics.size());
  std::printf("database equals the baseline: %zu counts, %zu zone counts, %lld crossings, %lld visits, %zu count "
              "minutes, %zu crossing minutes\n",
              after.at("counts").size(), after.at("zone_counts").size(), crossings_, visits_,
              after.at("count_minutes").size(), after.at("crossing_minutes").size());
  std::fflush(stdout);
}

TEST_F(Outage, KillDuringADatabaseOutageThenRestartLosesAndDoublesNothing) {
  const std::string db = pg_.create_database();
  ASSERT_FALSE(db.empty()) << pg_.error();
  const RunConfig config = paced(db, 0.5);
  const fs::path config_path = write_config(dir_.path(), "paced.yaml", config);
  const fs::path store_spool = config.spool / "store";
  const fs::path log = dir_ / "run.log";

  // 1. Counting at half speed; the database goes down; the rows of 20 s go to the spool; kill -9.
  BackgroundProcess run({footfall_binary().string(), "run", "--config", config_path.string()}, log);
  ASSERT_TRUE(wait_counts(db, 20, run)) << tail(read_text(log));
  const std::int64_t video_at_stop = pg_int(pg_, db, "SELECT MAX(ts_ms) FROM counts");
  ASSERT_TRUE(pg_.stop());
  std::this_thread::sleep_for(seconds(20));
  ASSERT_TRUE(run.running()) << tail(read_text(log));
  run.signal(SIGKILL);
  EXPECT_EQ(run.wait(), -SIGKILL);
  int segments = 0;
  const std::uintmax_t spooled_bytes = segment_bytes(store_spool, &segments);
  ASSERT_GT(segments, 0) << "the killed run's rows wait in " << store_spool << "\n" << tail(read_text(log));

  // 2. The database is back; `footfall serve` with the camera disabled replays the spool, then stops.
  ASSERT_TRUE(pg_.start()) << pg_.error();
  RunConfig drain_config = config;
  drain_config.camera_enabled = false;
  const fs::path drain_path = write_config(dir_.path(), "drain.yaml", drain_config);
  const fs::path serve_log = dir_ / "serve.log";
  const auto serve_started = Clock::now();
  BackgroundProcess serve({footfall_binary().string(), "serve", "--config", drain_path.string(), "--port", "0"},
                          serve_log);
  const bool drained = wait_until([&] { return !has_segments(store_spool) || !serve.running(); }, seconds(120));
  const double drain_seconds = since(serve_started);
  ASSERT_TRUE(drained && serve.running()) << tail(read_text(serve_log));
  serve.signal(SIGTERM);
  EXPECT_EQ(serve.wait(), 0) << tail(read_text(serve_log));
  const std::string serve_text = read_text(serve_log);
  const long long waiting = captured_number(serve_text, R"(store: (\d+) items from an earlier run wait in spool)");
  EXPECT_GT(waiting, 0) << tail(serve_text);
  EXPECT_NE(serve_text.find("drained (" + std::to_string(waiting) + " items replayed)"), std::string::npos)
      << tail(serve_text);

  // 3. A prefix of the baseline: every row equal to the baseline's at its time, none missing from the first frame to
  //    the last one stored, reaching past the moment the database stopped, none that the baseline does not have.
  const auto base_counts =
      keyed_rows(pg_, baseline_db_, "SELECT ts_ms, x::text FROM counts x ORDER BY ts_ms");
  const auto counts = keyed_rows(pg_, db, "SELECT ts_ms, x::text FROM counts x ORDER BY ts_ms");
  ASSERT_FALSE(counts.empty());
  ASSERT_LE(counts.size(), base_counts.size());
  for (std::size_t i = 0; i < counts.size(); ++i) {
    ASSERT_EQ(counts[i], base_counts[i]) << "count row " << i << " of " << counts.size();
  }
  const std::int64_t last = counts.back().first;
  EXPECT_GT(last, video_at_stop + 5'000) << "the spooled rows of the outage (about 10 s of video) were replayed";
  EXPECT_LT(counts.size(), base_counts.size()) << "killed before the end of the file";

  const auto up_to = [&](const std::string& sql, std::int64_t until) {
    std::vector<std::string> rows;
    for (const auto& [t, row] : keyed_rows(pg_, baseline_db_, sql)) {
      if (t <= until) rows.push_back(row);
    }
    return rows;
  };
  const auto all_rows = [&](const std::string& sql) {
    std::vector<std::string> rows;
    for (const auto& [t, row] : keyed_rows(pg_, db, sql)) rows.push_back(row);
    return rows;
  };
  const std::string zone_counts = "SELECT ts_ms, x::text FROM zone_counts x ORDER BY 2";
  const std::string crossings = "SELECT ts_ms, x::text FROM crossings x ORDER BY 2";
  EXPECT_EQ(all_rows(zone_counts), up_to(zone_counts, last));
  EXPECT_EQ(all_rows(crossings), up_to(crossings, last)) << "every crossing up to the last stored frame, once";
  // A visit is stored when it closes, up to the zone's inertia (2 s) after its exit: those that closed well before
  // the last stored frame are all there, and every stored one is the baseline's.
  const std::string visits = "SELECT exit_ms, x::text FROM zone_visits x ORDER BY 2";
  const std::vector<std::string> stored_visits = all_rows(visits);
  const std::vector<std::string> base_visits = up_to(visits, last);
  const std::vector<std::string> closed_visits = up_to(visits, last - 5'000);
  for (const std::string& v : stored_visits) {
    EXPECT_TRUE(std::binary_search(base_visits.begin(), base_visits.end(), v)) << "not in the baseline: " << v;
  }
  for (const std::string& v : closed_visits) {
    EXPECT_TRUE(std::binary_search(stored_visits.begin(), stored_visits.end(), v)) << "missing: " << v;
  }
  // Rollups of the minutes that were complete equal the baseline's.
  const std::string minutes = "SELECT start_ms, x::text FROM count_minutes x ORDER BY 2";
  const std::string crossing_minutes = "SELECT start_ms, x::text FROM crossing_minutes x ORDER BY 2";
  std::vector<std::string> complete;
  for (const auto& [t, row] : keyed_rows(pg_, db, minutes)) {
    if (t + 60'000 <= last) complete.push_back(row);
  }
  EXPECT_EQ(complete, up_to(minutes, last - 60'000));
  complete.clear();
  for (const auto& [t, row] : keyed_rows(pg_, db, crossing_minutes)) {
    if (t + 60'000 <= last) complete.push_back(row);
  }
  EXPECT_EQ(complete, up_to(crossing_minutes, last - 60'000));
  EXPECT_EQ(pg_int(pg_, db, "SELECT MAX(through_ms) FROM heatmaps"), last) << "the heatmap as of the last frame";
  const long long prefix_crossings = pg_int(pg_, db, "SELECT COUNT(*) FROM crossings");

  // 4. `footfall run` on the whole file again: exactly the baseline, nothing doubled.
  const RunConfig rerun_config{pg_.url(db), config.spool, start_ms_, 0.0};
  const fs::path rerun_path = write_config(dir_.path(), "rerun.yaml", rerun_config);
  const auto rerun = run_footfall({"run", "--config", rerun_path.string()});
  ASSERT_EQ(rerun.exit_code, 0) << tail(rerun.err);
  EXPECT_TRUE(same_tables(baseline_, dump(pg_, db)));

  std::printf("kill -9 after 20 s of database outage: store spool %d segment(s), %ju bytes, %lld items; `footfall "
              "serve` drained it %.1f s after it started; then a prefix of %zu of %zu counts (to %.1f s of video past "
              "the stop), %lld of %lld crossings; the second run ends equal to the baseline\n",
              segments, spooled_bytes, waiting, drain_seconds, counts.size(), base_counts.size(),
              static_cast<double>(last - video_at_stop) / 1000.0, prefix_crossings, crossings_);
  std::fflush(stdout);
}

}  // namespace
}  // namespace footfall::test

// `footfall run` with an `mqtt` section, end to end: the real binary counts a real clip (TUD-Campus, a line across
// the pavement) into SQLite and publishes to a real Mosquitto broker started by the test. The retained line totals
// equal the crossings in the database, one event per crossing reaches a subscriber, and a second run seeds today's
// totals from the database instead of starting from zero.
#include <gtest/gtest.h>

#include <csignal>
#include <ctime>
#include <map>
#include <thread>

#include "e2e_util.h"
#include "mqtt/mosquitto_broker.h"

namespace footfall::test {
namespace {

constexpr const char* kMosquittoSub = "/usr/bin/mosquitto_sub";

std::filesystem::path campus() { return datasets_dir() / "tud-campus" / "TUD-Campus.mp4"; }

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string iso_utc(std::int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  ::gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// The clip is stamped a few seconds before now, so its crossings fall on today (the store's local day).
std::string run_config(const std::filesystem::path& dir, int port, std::int64_t start_ms) {
  return "database:\n  url: " + (dir / "counts.db").string() + "\n  batch_rows: 16\n  batch_ms: 200\n" +
         "spool: {dir: " + (dir / "spool").string() + "}\n" +
         "cameras:\n"
         "  campus:\n"
         "    source: " + campus().string() + "\n" +
         "    start_time: \"" + iso_utc(start_ms) + "\"\n" +
         "    lines:\n"
         "      mid: {points: [[320, 470], [320, 60]]}\n"
         "stores:\n"
         "  uni:\n"
         "    timezone: Europe/Berlin\n"
         "    cameras: [campus]\n"
         "    entry_lines: [{camera: campus, line: mid}]\n"
         "mqtt:\n"
         "  host: 127.0.0.1\n"
         "  port: " + std::to_string(port) + "\n" +
         "  prefix: e2e\n"
         "  client_id: e2e-run\n";
}

// Every retained message under e2e/ (mosquitto_sub prints "topic payload" per message, and stops after 2 s).
std::map<std::string, std::string> retained(int port) {
  const auto r = run_process({kMosquittoSub, "-h", "127.0.0.1", "-p", std::to_string(port), "-t", "e2e/#", "-v",
                              "-W", "2"});
  std::map<std::string, std::string> out;
  for (const std::string& line : split_lines(r.out)) {
    const auto space = line.find(' ');
    if (space != std::string::npos) out[line.substr(0, space)] = line.substr(space + 1);
  }
  return out;
}

// The events queued for the persistent session "e2e-events" since its last read.
std::vector<std::string> queued_events(int port) {
  const auto r = run_process({kMosquittoSub, "-h", "127.0.0.1", "-p", std::to_string(port), "-i", "e2e-events", "-c",
                              "-q", "1", "-t", "e2e/events", "-W", "2"});
  return split_lines(r.out);
}

long long db_count(const std::filesystem::path& db, const std::string& direction) {
  return query_int(db, "SELECT COUNT(*) FROM crossings WHERE camera='uni.campus' AND line='mid' AND direction='" +
                           direction + "'");
}

TEST(MqttRun, PublishedLineTotalsEqualTheDatabaseAndSurviveARestart) {
  ASSERT_TRUE(std::filesystem::exists(kMosquittoSub)) << kMosquittoSub << " is missing: run scripts/install-deps.sh";
  MosquittoBroker broker;
  ASSERT_TRUE(broker.start());
  TempDir dir;
  const auto db = dir / "counts.db";
  (void)queued_events(broker.port());  // registers the persistent session: events queue for it from now on

  const std::int64_t first_start = wall_ms() - 20'000;
  write_file(dir / "cfg.yaml", run_config(dir.path(), broker.port(), first_start));
  const auto first = run_footfall({"run", "--config", (dir / "cfg.yaml").string()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const long long in = db_count(db, "in");
  const long long out = db_count(db, "out");
  std::printf("TUD-Campus line mid: in %lld, out %lld\n", in, out);
  std::fflush(stdout);
  ASSERT_GE(in + out, 3) << "people cross the middle of TUD-Campus several times";
  ASSERT_GT(in, 0) << "the line is drawn so that the walkers of the clip enter the store";

  auto state = retained(broker.port());
  EXPECT_EQ(state["e2e/uni.campus/mid/in"], std::to_string(in)) << first.err;
  EXPECT_EQ(state["e2e/uni.campus/mid/out"], std::to_string(out));
  EXPECT_EQ(state["e2e/available"], "offline") << "published when footfall run finished cleanly";
  EXPECT_TRUE(state.count("e2e/uni.campus/person"));
  EXPECT_EQ(state["e2e/uni/occupancy"],
            std::to_string(query_int(db, "SELECT occupancy FROM store_occupancy WHERE store='uni' "
                                         "ORDER BY ts_ms DESC, event DESC LIMIT 1")));
  EXPECT_EQ(state.count("e2e/events"), 0u);

  const auto events = queued_events(broker.port());
  EXPECT_EQ(static_cast<long long>(events.size()), in + out) << "one event per stored crossing";
  for (const std::string& e : events) {
    EXPECT_NE(e.find("\"type\":\"crossing\""), std::string::npos) << e;
    EXPECT_NE(e.find("\"store\":\"uni\""), std::string::npos) << e;
  }

  // The same clip again, ten seconds later (new rows): today's totals start from the database, not from zero.
  write_file(dir / "cfg.yaml", run_config(dir.path(), broker.port(), first_start + 10'000));
  const auto second = run_footfall({"run", "--config", (dir / "cfg.yaml").string()});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  ASSERT_EQ(db_count(db, "in"), 2 * in);
  ASSERT_EQ(db_count(db, "out"), 2 * out);
  state = retained(broker.port());
  EXPECT_EQ(state["e2e/uni.campus/mid/in"], std::to_string(2 * in)) << second.err;
  EXPECT_EQ(state["e2e/uni.campus/mid/out"], std::to_string(2 * out));
  EXPECT_EQ(static_cast<long long>(queued_events(broker.port()).size()), in + out) << "only the second run's events";
  EXPECT_EQ(query_int(db, "SELECT COUNT(*) FROM crossings"), 2 * (in + out));
}

TEST(MqttRun, ABrokerThatIsDownDoesNotStopCountingAndGetsTheEventsAtTheNextRun) {
  ASSERT_TRUE(std::filesystem::exists(kMosquittoSub)) << kMosquittoSub << " is missing: run scripts/install-deps.sh";
  MosquittoBroker broker;  // not started during the first run
  TempDir dir;
  const auto db = dir / "counts.db";
  write_file(dir / "cfg.yaml", run_config(dir.path(), broker.port(), wall_ms() - 20'000));
  const auto first = run_footfall({"run", "--config", (dir / "cfg.yaml").string()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.err.find("mqtt: cannot connect to 127.0.0.1:" + std::to_string(broker.port())), std::string::npos)
      << first.err;
  const long long crossings = query_int(db, "SELECT COUNT(*) FROM crossings");
  ASSERT_GE(crossings, 3);

  ASSERT_TRUE(broker.start());
  (void)queued_events(broker.port());
  // `footfall serve` with the camera disabled counts nothing new; its publisher delivers the first run's spooled
  // events, and a clean stop (SIGTERM) waits for the broker's confirmations.
  std::string config = read_text(dir / "cfg.yaml");
  config.replace(config.find("    lines:"), 0, "    enabled: false\n");
  write_file(dir / "cfg.yaml", config);
  BackgroundProcess serve({footfall_binary().string(), "serve", "--config", (dir / "cfg.yaml").string(), "--port",
                           "0"},
                          dir / "serve.log");
  const auto online = run_process({kMosquittoSub, "-h", "127.0.0.1", "-p", std::to_string(broker.port()), "-t",
                                   "e2e/available", "-C", "1", "-W", "30"});
  EXPECT_EQ(online.out, "online\n") << read_text(dir / "serve.log");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  serve.signal(SIGTERM);
  EXPECT_EQ(serve.wait(), 0) << read_text(dir / "serve.log");
  EXPECT_EQ(static_cast<long long>(queued_events(broker.port()).size()), crossings) << read_text(dir / "serve.log");
  EXPECT_NE(read_text(dir / "serve.log").find(std::to_string(crossings) + " event(s) waiting in the spool"),
            std::string::npos)
      << read_text(dir / "serve.log");
}

}  // namespace
}  // namespace footfall::test

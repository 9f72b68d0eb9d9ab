// Live events, metrics and snapshot push over real HTTP: a Server-Sent Events stream gets a snapshot on connect and
// an event for every change published on the real EventBus; a client that leaves frees its thread; stopping the
// server ends the streams. /metrics counts requests, crossings, occupancy and the frames of pushed snapshots, which
// the real detector counts in a real JPEG.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <future>
#include <mutex>
#include <thread>

#include "http_test_util.h"
#include "test_process.h"

namespace footfall::test {
namespace {

using ::testing::HasSubstr;

template <typename Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (predicate()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return predicate();
}

// Reads GET /api/v1/live on its own thread until told to stop (or the server ends the stream).
class LiveReader {
 public:
  LiveReader(TestServer& server, Role role) {
    done_ = std::async(std::launch::async, [this, &server, role] {
      auto c = server.client();
      c->set_read_timeout(30, 0);
      httplib::Headers headers = server.bearer(role);
      headers.emplace("Accept", "text/event-stream");
      auto r = c->Get(
          "/api/v1/live", headers,
          [this](const httplib::Response& response) {
            status_ = response.status;
            content_type_ = response.get_header_value("Content-Type");
            return true;
          },
          [this](const char* data, std::size_t length) {
            std::lock_guard lock(mutex_);
            text_.append(data, length);
            return !leave_.load();
          });
      return static_cast<bool>(r);
    });
  }
  ~LiveReader() {
    leave_ = true;
    done_.wait();
  }
  std::string text() {
    std::lock_guard lock(mutex_);
    return text_;
  }
  bool has(const std::string& piece) { return text().find(piece) != std::string::npos; }
  void leave() { leave_ = true; }
  bool ended_within(std::chrono::milliseconds timeout) {
    return done_.wait_for(timeout) == std::future_status::ready;
  }
  int status() const { return status_.load(); }
  std::string content_type() const { return content_type_; }

 private:
  std::mutex mutex_;
  std::string text_;
  std::atomic<bool> leave_{false};
  std::atomic<int> status_{0};
  std::string content_type_;
  std::future<bool> done_;
};

FrameSummary frame(const std::string& camera, TimestampMs t, int count, int tracked) {
  FrameSummary f;
  f.camera = camera;
  f.timestamp_ms = t;
  f.count = count;
  f.tracked_count = tracked;
  return f;
}

TEST(HttpLive, AStreamStartsWithTheStateAndGetsEveryChange) {
  TestServer server;
  // Before anyone listens: the state a new stream starts with.
  server.bus().on_frame(frame("main.door", kHttpNowMs, 2, 2));
  LiveReader reader(server, Role::kViewer);
  ASSERT_TRUE(eventually([&] { return reader.has("\"count\":2"); })) << reader.text();
  EXPECT_EQ(reader.status(), 200);
  EXPECT_EQ(reader.content_type(), "text/event-stream");
  EXPECT_THAT(reader.text(), HasSubstr("event: count\ndata: {\"camera\":\"main.door\""));
  EXPECT_EQ(server.server().live_clients(), 1);

  server.bus().on_frame(frame("main.door", kHttpNowMs + 200, 3, 2));
  ASSERT_TRUE(eventually([&] { return reader.has("\"count\":3"); })) << reader.text();
  const std::size_t before = reader.text().size();
  server.bus().on_frame(frame("main.door", kHttpNowMs + 400, 3, 2));  // no change: no event
  CrossingEvent crossing{"main.door", "entrance", 7, kHttpNowMs + 500, CrossingDirection::in};
  server.bus().on_crossing(crossing);
  ASSERT_TRUE(eventually([&] { return reader.has("{\"in\":1,\"line\":\"entrance\",\"out\":0}"); })) << reader.text();
  const std::string after = reader.text().substr(before);
  EXPECT_EQ(after.find("\"timestamp_ms\":" + std::to_string(kHttpNowMs + 400)), std::string::npos)
      << "an unchanged frame is not an event";
  StoreOccupancyEvent occupancy{"main", kHttpNowMs + 500, 1, 1, 0, std::nullopt};
  server.bus().on_store_occupancy(occupancy);
  ASSERT_TRUE(eventually([&] { return reader.has("event: occupancy\ndata: {\"entries\":1"); })) << reader.text();
  EXPECT_THAT(reader.text(), HasSubstr("\"store\":\"main\""));
}

TEST(HttpLive, AClientThatLeavesFreesItsStreamAndStopEndsTheOthers) {
  TestServer server(TestServerOptions{.heartbeat = std::chrono::milliseconds(100)});
  {
    LiveReader leaving(server, Role::kViewer);
    ASSERT_TRUE(eventually([&] { return server.server().live_clients() == 1; }));
    ASSERT_TRUE(eventually([&] { return leaving.has(": heartbeat"); })) << "an idle stream gets heartbeats";
    leaving.leave();
    ASSERT_TRUE(leaving.ended_within(std::chrono::milliseconds(3000)));
  }
  EXPECT_TRUE(eventually([&] { return server.server().live_clients() == 0; }))
      << "the server notices at its next write and frees the thread";

  LiveReader a(server, Role::kViewer);
  LiveReader b(server, Role::kAdmin);
  ASSERT_TRUE(eventually([&] { return server.server().live_clients() == 2; }));
  const auto start = std::chrono::steady_clock::now();
  server.server().stop();
  EXPECT_TRUE(a.ended_within(std::chrono::milliseconds(3000)));
  EXPECT_TRUE(b.ended_within(std::chrono::milliseconds(3000)));
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 3.0);
  EXPECT_EQ(server.server().live_clients(), 0);
}

TEST(HttpLive, ViewersMayListenButNotWithoutAToken) {
  TestServer server;
  const RawResponse r = raw_http(
      server.port(), "GET /api/v1/live HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(error_code(r.body), "unauthorized");
}

TEST(HttpLive, WithoutAskingForAStreamTheStateIsOneJsonObject) {
  TestServer server;
  server.bus().on_frame(frame("main.door", kHttpNowMs, 4, 3));
  server.bus().on_store_occupancy({"main", kHttpNowMs, 2, 5, 3, std::nullopt});
  auto r = server.client()->Get("/api/v1/live", server.bearer(Role::kViewer));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
  const auto state = nlohmann::json::parse(r->body);
  ASSERT_EQ(state["cameras"].size(), 2u) << "door and till, reported or not";
  EXPECT_EQ(state["cameras"][0]["camera"], "main.door");
  EXPECT_EQ(state["cameras"][0]["count"], 4);
  EXPECT_EQ(state["cameras"][0]["tracked"], 3);
  EXPECT_TRUE(state["cameras"][1]["time"].is_null()) << "till has not reported";
  EXPECT_EQ(state["stores"][0]["occupancy"], 2);
  EXPECT_EQ(server.server().live_clients(), 0);
}

std::string metric_line(const std::string& text, const std::string& prefix) {
  const auto at = text.find("\n" + prefix + " ");
  if (at == std::string::npos) return {};
  return text.substr(at + 1, text.find('\n', at + 1) - at - 1);
}

TEST(HttpMetrics, RequestsCrossingsOccupancyAndPushedSnapshotsAreCounted) {
  TestServer server(TestServerOptions{.snapshots = true});
  auto c = server.client();
  for (int i = 0; i < 3; ++i) ASSERT_EQ(c->Get("/healthz")->status, 200);
  ASSERT_EQ(c->Get("/api/v1/stores")->status, 401);
  server.bus().on_crossing({"main.door", "entrance", 1, kHttpNowMs, CrossingDirection::in});
  server.bus().on_crossing({"main.door", "entrance", 2, kHttpNowMs + 10, CrossingDirection::in});
  server.bus().on_crossing({"main.door", "entrance", 3, kHttpNowMs + 20, CrossingDirection::out});
  server.bus().on_store_occupancy({"main", kHttpNowMs + 20, 1, 2, 1, std::nullopt});

  // A real JPEG pushed by an operator: counted by the real detector, stored, and live.
  LiveReader reader(server, Role::kViewer);
  const std::string jpeg = read_text(darknet_data() / "person.jpg");
  ASSERT_GT(jpeg.size(), 1000u);
  auto pushed = c->Post("/api/v1/cameras/till/snapshot?timestamp=2026-11-24T09:59:00Z",
                        server.bearer(Role::kOperator), jpeg, "image/jpeg");
  ASSERT_TRUE(pushed);
  ASSERT_EQ(pushed->status, 201) << pushed->body;
  const auto result = nlohmann::json::parse(pushed->body);
  EXPECT_GE(result["count"].get<int>(), 1) << "person.jpg shows a person";
  auto stored = server.store().read_counts({.camera = "main.till"});
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ(stored->front().timestamp_ms, kHttpNowMs - 60'000);
  EXPECT_EQ(stored->front().count, result["count"].get<int>());
  ASSERT_TRUE(eventually([&] { return reader.has("\"camera\":\"main.till\""); })) << reader.text();

  // Not an image, and a header claiming 50000 x 50000 pixels: refused before decoding, nothing stored.
  auto text = c->Post("/api/v1/cameras/till/snapshot", server.bearer(Role::kOperator), "hello", "image/jpeg");
  ASSERT_TRUE(text);
  EXPECT_EQ(text->status, 415);
  std::string bomb("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR\0\0\xC3\x50\0\0\xC3\x50\x08\x02\0\0\0", 29);
  bomb += std::string(64, '\0');
  auto huge = c->Post("/api/v1/cameras/till/snapshot", server.bearer(Role::kOperator), bomb, "image/png");
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 415) << huge->body;
  EXPECT_THAT(huge->body, HasSubstr("megapixels"));
  EXPECT_EQ(server.store().read_counts({.camera = "main.till"})->size(), 1u);

  auto metrics = c->Get("/metrics", server.bearer(Role::kViewer));
  ASSERT_TRUE(metrics);
  ASSERT_EQ(metrics->status, 200);
  EXPECT_EQ(metrics->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string& m = metrics->body;
  EXPECT_EQ(metric_line(m, "footfall_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"}"),
            "footfall_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 3");
  EXPECT_THAT(m, HasSubstr("footfall_http_requests_total{route=\"/api/v1/stores\",method=\"GET\",status=\"401\"} 1"));
  EXPECT_THAT(m, HasSubstr("footfall_http_request_seconds_bucket{route=\"/healthz\",le=\"+Inf\"} 3"));
  EXPECT_THAT(m, HasSubstr("footfall_http_request_seconds_count{route=\"/healthz\"} 3"));
  EXPECT_THAT(m, HasSubstr("footfall_crossings_total{camera=\"main.door\",line=\"entrance\",direction=\"in\"} 2"));
  EXPECT_THAT(m, HasSubstr("footfall_crossings_total{camera=\"main.door\",line=\"entrance\",direction=\"out\"} 1"));
  EXPECT_THAT(m, HasSubstr("footfall_occupancy{store=\"main\"} 1"));
  EXPECT_THAT(m, HasSubstr("footfall_frames_total{camera=\"main.till\"} 1"));
  EXPECT_THAT(m, HasSubstr("footfall_detections_total{camera=\"main.till\"} " + std::to_string(result["count"].get<int>())));
  EXPECT_THAT(m, HasSubstr("footfall_inference_seconds_total{camera=\"main.till\"} "));
  EXPECT_THAT(m, HasSubstr("footfall_live_clients 1"));
  EXPECT_THAT(m, HasSubstr("# TYPE footfall_http_request_seconds histogram"));

  // Camera health: the push camera is idle, with the snapshot as its last frame.
  auto cameras = c->Get("/api/v1/cameras", server.bearer(Role::kViewer));
  ASSERT_TRUE(cameras);
  ASSERT_EQ(cameras->status, 200) << cameras->body;
  EXPECT_THAT(cameras->body, HasSubstr("idle"));
}

}  // namespace
}  // namespace footfall::test

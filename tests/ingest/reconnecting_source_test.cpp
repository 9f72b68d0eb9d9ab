#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "fakes.h"
#include "footfall/ingest/reconnecting_source.h"
#include "rtsp_server_process.h"
#include "test_paths.h"

namespace footfall {
namespace {

using test::FakeClock;
using test::RtspServerProcess;
using test::ScriptedSource;
using Clock_ = std::chrono::steady_clock;

// Records what a ReconnectingSource reports.
struct Recorder {
  std::vector<SourceState> states;
  std::vector<SourceGap> gaps;
  void attach(ReconnectingSource& s) {
    s.on_state_change([this](const SourceStateChange& c) { states.push_back(c.state); });
    s.on_gap([this](const SourceGap& g) { gaps.push_back(g); });
  }
};

// Reads until a frame arrives; fails the test on end_of_stream/error or after `limit`.
ReadStatus read_frame(ReconnectingSource& source, Frame& frame, std::chrono::milliseconds limit,
                      int* retries = nullptr) {
  const auto deadline = Clock_::now() + limit;
  while (Clock_::now() < deadline) {
    const ReadStatus s = source.read(frame);
    if (s == ReadStatus::frame) return s;
    EXPECT_EQ(s, ReadStatus::retry_later) << "a reconnecting source never ends or fails";
    if (s != ReadStatus::retry_later) return s;
    if (retries != nullptr) ++*retries;
  }
  return ReadStatus::retry_later;
}

// Counts open() calls on a real source.
class CountingSource final : public FrameSource {
 public:
  explicit CountingSource(std::unique_ptr<FrameSource> inner, std::atomic<int>& opens)
      : inner_(std::move(inner)), opens_(opens) {}
  Status open() override {
    ++opens_;
    return inner_->open();
  }
  ReadStatus read(Frame& f) override { return inner_->read(f); }
  void close() override { inner_->close(); }
  const std::string& last_error() const override { return inner_->last_error(); }
  std::string describe() const override { return inner_->describe(); }
  bool is_live() const override { return true; }

 private:
  std::unique_ptr<FrameSource> inner_;
  std::atomic<int>& opens_;
};

TEST(ReconnectingSource, StateNames) {
  EXPECT_STREQ(to_string(SourceState::connecting), "connecting");
  EXPECT_STREQ(to_string(SourceState::connected), "connected");
  EXPECT_STREQ(to_string(SourceState::disconnected), "disconnected");
}

TEST(ReconnectingSource, AFailedFirstOpenIsRetriedAndTheWaitIsAGap) {
  auto inner = std::make_unique<ScriptedSource>();
  ScriptedSource& fake = *inner;
  fake.open_results = {false, false, true};
  fake.add_frames(2000, 100, 3);
  fake.when_done = ReadStatus::retry_later;
  FakeClock clock(1000);
  std::atomic<bool> stop{false};
  ReconnectingSource source(std::move(inner), "door", clock, stop, Backoff(10, 40));
  Recorder rec;
  rec.attach(source);

  ASSERT_TRUE(source.open());  // never fails
  EXPECT_EQ(source.state(), SourceState::disconnected);
  EXPECT_EQ(source.last_error(), "fake://cam: scripted failure");
  EXPECT_TRUE(source.is_live());
  Frame frame;
  ASSERT_EQ(read_frame(source, frame, std::chrono::seconds(2)), ReadStatus::frame);
  EXPECT_EQ(frame.timestamp_ms, 2000);
  EXPECT_EQ(frame.index, 1);
  EXPECT_EQ(fake.opens, 3);
  EXPECT_EQ(source.state(), SourceState::connected);
  EXPECT_EQ(rec.states, (std::vector<SourceState>{SourceState::disconnected, SourceState::connected}));
  ASSERT_EQ(rec.gaps.size(), 1u);
  EXPECT_EQ(rec.gaps[0].camera, "door");
  EXPECT_EQ(rec.gaps[0].start_ms, 1000);  // when the outage was noticed: no frame had come yet
  EXPECT_EQ(rec.gaps[0].end_ms, 2000);
  EXPECT_EQ(rec.gaps[0].reason, "fake://cam: scripted failure");
}

TEST(ReconnectingSource, ADroppedStreamIsReopenedAndReportedAsOneGap) {
  auto inner = std::make_unique<ScriptedSource>();
  ScriptedSource& fake = *inner;
  fake.add_frames(1000, 100, 5);
  fake.steps.push_back({ReadStatus::error, 0});
  fake.add_frames(9000, 100, 3);
  fake.when_done = ReadStatus::retry_later;
  FakeClock clock(500);
  std::atomic<bool> stop{false};
  ReconnectingSource source(std::move(inner), "door", clock, stop, Backoff(20, 80));
  Recorder rec;
  rec.attach(source);
  ASSERT_TRUE(source.open());
  Frame frame;
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(source.read(frame), ReadStatus::frame);
    EXPECT_EQ(frame.index, i + 1);
  }
  EXPECT_EQ(source.read(frame), ReadStatus::retry_later);  // the drop
  EXPECT_EQ(source.state(), SourceState::disconnected);
  EXPECT_EQ(fake.closes, 1);
  int retries = 0;
  ASSERT_EQ(read_frame(source, frame, std::chrono::seconds(2), &retries), ReadStatus::frame);
  EXPECT_GE(retries, 1);  // it waited out the backoff
  EXPECT_EQ(frame.timestamp_ms, 9000);
  EXPECT_EQ(frame.index, 6);  // numbering goes on across the reconnect
  EXPECT_EQ(fake.opens, 2);
  ASSERT_EQ(rec.gaps.size(), 1u);
  EXPECT_EQ(rec.gaps[0].start_ms, 1400);  // the last frame before the drop
  EXPECT_EQ(rec.gaps[0].end_ms, 9000);    // the first frame after it
  EXPECT_EQ(rec.gaps[0].reason, "fake://cam: scripted failure");
  EXPECT_EQ(rec.states, (std::vector<SourceState>{SourceState::connected, SourceState::disconnected,
                                                  SourceState::connected}));
  for (int i = 0; i < 2; ++i) ASSERT_EQ(source.read(frame), ReadStatus::frame);
  EXPECT_EQ(source.read(frame), ReadStatus::retry_later);  // inner hiccup passes through
  EXPECT_EQ(rec.gaps.size(), 1u);
  EXPECT_EQ(source.last_error(), "");
}

TEST(ReconnectingSource, AStreamThatKeepsEndingIsRetriedWithoutRepeatedStateChanges) {
  auto inner = std::make_unique<ScriptedSource>();
  ScriptedSource& fake = *inner;
  fake.add_frames(1000, 100, 2);
  fake.when_done = ReadStatus::end_of_stream;  // every reopen ends at once
  FakeClock clock(0);
  std::atomic<bool> stop{false};
  ReconnectingSource source(std::move(inner), "door", clock, stop, Backoff(10, 40));
  Recorder rec;
  rec.attach(source);
  ASSERT_TRUE(source.open());
  Frame frame;
  const auto until = Clock_::now() + std::chrono::milliseconds(400);
  int frames = 0;
  while (Clock_::now() < until) {
    const ReadStatus s = source.read(frame);
    ASSERT_TRUE(s == ReadStatus::frame || s == ReadStatus::retry_later);
    frames += s == ReadStatus::frame;
  }
  EXPECT_EQ(frames, 2);
  EXPECT_GE(fake.opens, 5);  // 10, 20, 40, 40, ... ms apart
  EXPECT_EQ(rec.states, (std::vector<SourceState>{SourceState::connected, SourceState::disconnected}));
  EXPECT_TRUE(rec.gaps.empty());  // still out: a gap is reported when frames come back
  EXPECT_EQ(source.last_error(), "fake://cam: stream ended");
}

TEST(ReconnectingSource, StopMakesReadReturnAtOnce) {
  auto inner = std::make_unique<ScriptedSource>();
  ScriptedSource& fake = *inner;
  fake.open_results.assign(100, false);
  FakeClock clock(0);
  std::atomic<bool> stop{false};
  ReconnectingSource source(std::move(inner), "door", clock, stop, Backoff(10'000, 30'000));
  ASSERT_TRUE(source.open());
  Frame frame;
  auto start = Clock_::now();
  EXPECT_EQ(source.read(frame), ReadStatus::retry_later);  // waits at most 100 ms of the 10 s backoff
  EXPECT_LT(Clock_::now() - start, std::chrono::milliseconds(200));
  std::thread stopper([&stop] {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    stop = true;
  });
  start = Clock_::now();
  EXPECT_EQ(source.read(frame), ReadStatus::retry_later);
  stopper.join();
  EXPECT_LT(Clock_::now() - start, std::chrono::milliseconds(90));  // woke on the stop flag, not the 100 ms step
  start = Clock_::now();
  for (int i = 0; i < 100; ++i) EXPECT_EQ(source.read(frame), ReadStatus::retry_later);
  EXPECT_LT(Clock_::now() - start, std::chrono::milliseconds(50));
  EXPECT_EQ(fake.opens, 1);  // no attempts once stopping
}

TEST(ReconnectingSource, UnreachableRtspUrlIsRetriedForever) {
  const int port = test::free_loopback_port();
  SystemClock clock;
  SourceSpec spec;
  spec.uri = "rtsp://admin:hunter2@127.0.0.1:" + std::to_string(port) + "/cam";
  std::atomic<int> opens{0};
  std::atomic<bool> stop{false};
  ReconnectingSource source(std::make_unique<CountingSource>(make_source(spec, clock), opens), "door", clock, stop,
                            Backoff(50, 200));
  Recorder rec;
  rec.attach(source);
  ASSERT_TRUE(source.open());
  Frame frame;
  const auto until = Clock_::now() + std::chrono::milliseconds(1200);
  while (Clock_::now() < until) ASSERT_EQ(source.read(frame), ReadStatus::retry_later);
  EXPECT_GE(opens.load(), 4);
  EXPECT_EQ(source.state(), SourceState::disconnected);
  EXPECT_EQ(rec.states, (std::vector<SourceState>{SourceState::disconnected}));  // logged once, not per attempt
  EXPECT_NE(source.last_error().find("rtsp://admin:***@127.0.0.1:" + std::to_string(port) + "/cam"),
            std::string::npos)
      << source.last_error();
  EXPECT_NE(source.last_error().find("connection refused"), std::string::npos);
  EXPECT_EQ(source.last_error().find("hunter2"), std::string::npos);
}

TEST(ReconnectingSource, RtspServerStoppedAndRestartedMidStream) {
  const auto clip = test::media_dir() / "one-by-one-person-detection.mp4";
  auto server = std::make_unique<RtspServerProcess>(clip);
  const int port = server->port();
  SystemClock clock;
  SourceSpec spec;
  spec.uri = server->url();
  spec.read_timeout_ms = 2000;
  std::atomic<bool> stop{false};
  ReconnectingSource source(make_source(spec, clock), "door", clock, stop, Backoff(100, 400));
  Recorder rec;
  rec.attach(source);
  ASSERT_TRUE(source.open());

  Frame frame;
  Frame last_before;
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(read_frame(source, frame, std::chrono::seconds(20)), ReadStatus::frame) << server->log();
    last_before = frame;
  }
  ASSERT_EQ(source.state(), SourceState::connected);

  server->stop(SIGKILL);
  // Frames already buffered may still arrive; then the drop is noticed.
  const auto deadline = Clock_::now() + std::chrono::seconds(10);
  while (source.state() == SourceState::connected && Clock_::now() < deadline) {
    const ReadStatus s = source.read(frame);
    ASSERT_TRUE(s == ReadStatus::frame || s == ReadStatus::retry_later);
    if (s == ReadStatus::frame) last_before = frame;
  }
  ASSERT_EQ(source.state(), SourceState::disconnected);
  int retries = 0;
  const auto down_until = Clock_::now() + std::chrono::milliseconds(800);
  while (Clock_::now() < down_until) {
    ASSERT_EQ(source.read(frame), ReadStatus::retry_later);
    ++retries;
  }
  EXPECT_GE(retries, 5);
  EXPECT_TRUE(rec.gaps.empty());

  server = std::make_unique<RtspServerProcess>(clip, port);  // same port, as a restarted camera
  ASSERT_EQ(read_frame(source, frame, std::chrono::seconds(20)), ReadStatus::frame) << server->log();
  EXPECT_EQ(source.state(), SourceState::connected);
  EXPECT_EQ(frame.index, last_before.index + 1);
  ASSERT_EQ(rec.gaps.size(), 1u);
  EXPECT_EQ(rec.gaps[0].camera, "door");
  EXPECT_EQ(rec.gaps[0].start_ms, last_before.timestamp_ms);
  EXPECT_EQ(rec.gaps[0].end_ms, frame.timestamp_ms);
  EXPECT_LT(rec.gaps[0].start_ms, rec.gaps[0].end_ms);
  EXPECT_NE(rec.gaps[0].reason.find("127.0.0.1:" + std::to_string(port)), std::string::npos) << rec.gaps[0].reason;
  EXPECT_EQ(rec.states, (std::vector<SourceState>{SourceState::connected, SourceState::disconnected,
                                                  SourceState::connected}));
  for (int i = 0; i < 5; ++i) ASSERT_EQ(read_frame(source, frame, std::chrono::seconds(5)), ReadStatus::frame);
  EXPECT_EQ(frame.image.size(), cv::Size(768, 432));
  EXPECT_EQ(rec.gaps.size(), 1u);
  source.close();
}

}  // namespace
}  // namespace footfall

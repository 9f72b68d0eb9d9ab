// DetectorPool with real detectors (the default model from the shared models folder): pool sizing; each camera's
// frames detected in order and never by two workers at once; live cameras overloading a deliberately slow pool drop
// frames fairly while their decoders keep real time; file cameras on the pool analyse every frame and store exactly
// what the single-camera path (a pipeline with its own detector) stores.
#include "footfall/app/detector_pool.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include <opencv2/videoio.hpp>

#include "footfall/app/bench.h"
#include "footfall/app/camera_pipeline.h"
#include "footfall/app/events.h"
#include "footfall/app/paced_source.h"
#include "footfall/store/store.h"
#include "test_paths.h"

namespace footfall {
namespace {

using test::TempDir;
using Steady = std::chrono::steady_clock;

// The default model from the shared models folder (no download).
Result<std::unique_ptr<Detector>> real_detector(int threads) {
  LocateOptions locate;
  locate.search_dirs = std::vector<std::filesystem::path>{test::models_dir()};
  locate.allow_download = false;
  DetectParams params;
  params.threads = threads;
  return create_detector(ModelParams{}, params, locate, nullptr);
}

// One detect() call as a worker saw it.
struct Call {
  int camera = 0;
  int seq = 0;
  std::thread::id worker;
  Steady::time_point start;
  Steady::time_point end;
};

class CallLog {
 public:
  void add(const Call& c) {
    std::lock_guard lock(mutex_);
    calls_.push_back(c);
  }
  std::vector<Call> calls() const {
    std::lock_guard lock(mutex_);
    return calls_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<Call> calls_;
};

// A real detector that logs each call (camera and sequence number are read from the frame's first two pixels,
// written there by the test) and, for the overload scenario, takes at least `min_ms`.
class LoggingDetector final : public Detector {
 public:
  LoggingDetector(std::unique_ptr<Detector> inner, CallLog& log, int min_ms)
      : inner_(std::move(inner)), log_(log), min_ms_(min_ms) {}
  Detections detect(const cv::Mat& bgr) override {
    Call call;
    call.camera = bgr.at<cv::Vec3b>(0, 0)[0];
    call.seq = bgr.at<cv::Vec3b>(0, 1)[0] + 256 * bgr.at<cv::Vec3b>(0, 1)[1];
    call.worker = std::this_thread::get_id();
    call.start = Steady::now();
    Detections found = inner_->detect(bgr);
    std::this_thread::sleep_until(call.start + std::chrono::milliseconds(min_ms_));
    call.end = Steady::now();
    log_.add(call);
    return found;
  }
  std::string name() const override { return inner_->name(); }
  float threshold() const override { return inner_->threshold(); }

 private:
  std::unique_ptr<Detector> inner_;
  CallLog& log_;
  int min_ms_;
};

DetectorFactory logging_factory(CallLog& log, int min_ms) {
  return [&log, min_ms]() -> Result<std::unique_ptr<Detector>> {
    auto inner = real_detector(1);
    if (!inner) return inner.error();
    return std::unique_ptr<Detector>(std::make_unique<LoggingDetector>(std::move(*inner), log, min_ms));
  };
}

// Tags a frame with its camera and sequence number in the first two pixels (a real frame otherwise).
cv::Mat tagged(const cv::Mat& frame, int camera, int seq) {
  cv::Mat copy = frame.clone();
  copy.at<cv::Vec3b>(0, 0) = cv::Vec3b(static_cast<uchar>(camera), 0, 0);
  copy.at<cv::Vec3b>(0, 1) = cv::Vec3b(static_cast<uchar>(seq % 256), static_cast<uchar>(seq / 256), 0);
  return copy;
}

std::vector<cv::Mat> clip_frames(int count) {
  cv::VideoCapture cap((test::media_dir() / "one-by-one-person-detection.mp4").string(), cv::CAP_FFMPEG);
  std::vector<cv::Mat> frames;
  cv::Mat frame;
  for (int i = 0; static_cast<int>(frames.size()) < count && cap.read(frame); ++i) {
    if (i % 10 == 0) frames.push_back(frame.clone());
  }
  return frames;
}

TEST(DetectorPoolSize, SharesTheCoresBetweenWorkers) {
  // Nothing configured: a worker per camera up to the cores, the cores shared out as inference threads.
  EXPECT_EQ(detector_pool_size(2, 1, 0, 0).workers, 1);
  EXPECT_EQ(detector_pool_size(2, 1, 0, 0).threads, 2);  // one camera: as a single pipeline ran before the pool
  EXPECT_EQ(detector_pool_size(2, 24, 0, 0).workers, 2);
  EXPECT_EQ(detector_pool_size(2, 24, 0, 0).threads, 1);
  EXPECT_EQ(detector_pool_size(8, 3, 0, 0).workers, 3);
  EXPECT_EQ(detector_pool_size(8, 3, 0, 0).threads, 2);
  // detect.workers: the threads follow; detect.threads: the workers follow; both: as given.
  EXPECT_EQ(detector_pool_size(2, 24, 1, 0).threads, 2);
  EXPECT_EQ(detector_pool_size(8, 24, 0, 2).workers, 4);
  EXPECT_EQ(detector_pool_size(8, 2, 0, 2).workers, 2);  // never more workers than cameras
  EXPECT_EQ(detector_pool_size(2, 24, 3, 3).workers, 3);
  EXPECT_EQ(detector_pool_size(2, 24, 3, 3).threads, 3);
  EXPECT_EQ(detector_pool_size(0, 0, 0, 0).workers, 1);
}

TEST(DetectorPool, KeepsEachCamerasFramesInOrderAcrossTwoWorkers) {
  CallLog log;
  auto pool = DetectorPool::create({logging_factory(log, 0)}, DetectorPoolOptions{2});
  ASSERT_TRUE(pool) << pool.error().message;
  EXPECT_EQ((*pool)->workers(), 2);
  const std::vector<cv::Mat> frames = clip_frames(10);
  ASSERT_EQ(frames.size(), 10u);

  constexpr int kCameras = 4;
  constexpr int kFrames = 25;
  std::vector<std::unique_ptr<Detector>> clients;
  for (int c = 0; c < kCameras; ++c) clients.push_back((*pool)->client(0));
  auto reference = real_detector(1);
  ASSERT_TRUE(reference) << reference.error().message;
  EXPECT_EQ(clients[0]->name(), (*reference)->name());
  std::vector<std::thread> cameras;
  std::vector<int> persons(kCameras, 0);
  for (int c = 0; c < kCameras; ++c) {
    cameras.emplace_back([&, c] {
      const auto camera = static_cast<std::size_t>(c);
      for (int i = 0; i < kFrames; ++i) {
        const cv::Mat& frame = frames[static_cast<std::size_t>(i) % frames.size()];
        persons[camera] += static_cast<int>(clients[camera]->detect(tagged(frame, c, i)).size());
      }
    });
  }
  for (std::thread& t : cameras) t.join();

  const std::vector<Call> calls = log.calls();
  ASSERT_EQ(calls.size(), static_cast<std::size_t>(kCameras * kFrames));
  std::map<std::thread::id, int> per_worker;
  for (int c = 0; c < kCameras; ++c) {
    std::vector<Call> mine;
    for (const Call& call : calls) {
      if (call.camera == c) mine.push_back(call);
    }
    ASSERT_EQ(mine.size(), static_cast<std::size_t>(kFrames)) << "camera " << c;
    std::sort(mine.begin(), mine.end(), [](const Call& a, const Call& b) { return a.start < b.start; });
    for (std::size_t i = 0; i < mine.size(); ++i) {
      EXPECT_EQ(mine[i].seq, static_cast<int>(i)) << "camera " << c << ": frames detected out of order";
      if (i > 0) {
        EXPECT_LE(mine[i - 1].end, mine[i].start) << "camera " << c << ": two frames detected at once";
      }
      ++per_worker[mine[i].worker];
    }
    EXPECT_GT(persons[static_cast<std::size_t>(c)], 0) << "the clip shows people: real detections came back";
  }
  EXPECT_EQ(per_worker.size(), 2u) << "both workers served";
  for (const auto& [worker, n] : per_worker) EXPECT_GT(n, kCameras * kFrames / 4);
  for (const auto& client : clients) {
    const PoolClientStats st = DetectorPool::client_stats(*client);
    EXPECT_EQ(st.frames, static_cast<std::uint64_t>(kFrames));
    EXPECT_GT(st.inference_ns, 0u);
  }
  EXPECT_GT((*pool)->busy_ns(), 0u);
}

TEST(DetectorPool, ADetectorErrorReachesTheCallerAndThePoolGoesOn) {
  auto pool = DetectorPool::create({[] { return real_detector(1); }}, DetectorPoolOptions{2});
  ASSERT_TRUE(pool) << pool.error().message;
  auto client = (*pool)->client(0);
  const cv::Mat float_image(64, 64, CV_32FC3, cv::Scalar(0, 0, 0));  // not 8-bit: the detector refuses it
  EXPECT_THROW(client->detect(float_image), cv::Exception);
  EXPECT_NO_THROW(client->detect(clip_frames(1).front()));
}

TEST(DetectorPool, FactoryErrorsAreReturned) {
  auto pool = DetectorPool::create({[]() -> Result<std::unique_ptr<Detector>> { return make_error("no model"); }},
                                   DetectorPoolOptions{2});
  ASSERT_FALSE(pool);
  EXPECT_EQ(pool.error().message, "no model");
}

CameraConfig pipeline_camera(const std::string& name, const std::string& source, const std::string& kind) {
  CameraConfig camera;
  camera.name = name;
  camera.source = source;
  camera.kind = kind;
  camera.lines = bench_default_lines();
  camera.zones = bench_default_zones();
  camera.start_time = 1795514400000;  // 2026-11-24T10:00:00Z
  return camera;
}

class NullSink final : public EventSink {};

// Live cameras whose demand is twice what a slow pool serves: every camera drops, the cameras are served evenly,
// the decoders keep real time (never blocked by detection), and each camera's rows are stored in frame order.
TEST(DetectorPool, OverloadedLiveCamerasDropFairlyAndDecodersKeepRealTime) {
  TempDir dir;
  auto store = open_store((dir / "counts.db").string());
  ASSERT_TRUE(store) << store.error().message;
  CallLog log;
  // 2 workers x at least 100 ms a frame: at most 20 frames a second for a demand of 4 cameras x 10 fps.
  auto pool = DetectorPool::create({logging_factory(log, 100)}, DetectorPoolOptions{2});
  ASSERT_TRUE(pool) << pool.error().message;

  SystemClock clock;
  std::atomic<bool> stop{false};
  NullSink sink;
  StorageConfig storage;
  const std::string clip = (test::media_dir() / "one-by-one-person-detection.mp4").string();
  constexpr int kCameras = 4;
  std::vector<std::unique_ptr<CameraPipeline>> pipelines;
  std::vector<PacedFileSource*> sources;
  for (int c = 0; c < kCameras; ++c) {
    CameraConfig camera = pipeline_camera("live" + std::to_string(c), clip, "stream");
    camera.sampling = SamplingParams::fps(10.0);
    camera.sampling_set = true;
    auto source = std::make_unique<PacedFileSource>(clip, 25.0, clock);
    sources.push_back(source.get());
    pipelines.push_back(std::make_unique<CameraPipeline>(camera, std::move(source), (*pool)->client(0),
                                                         **store, storage, clock, stop, sink));
  }
  const auto started = Steady::now();
  for (auto& p : pipelines) p->start();
  // Shares are compared over a window after the start-up (stores created, decoders opened, first frames tracked).
  auto analysed_now = [&] {
    std::vector<std::uint64_t> n;
    for (auto& p : pipelines) n.push_back(p->stats().frames_analyzed.load());
    return n;
  };
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  const std::vector<std::uint64_t> window_start = analysed_now();
  const auto window_started = Steady::now();
  std::this_thread::sleep_for(std::chrono::seconds(4));
  const std::vector<std::uint64_t> window_end = analysed_now();
  const double window = std::chrono::duration<double>(Steady::now() - window_started).count();
  std::vector<std::uint64_t> decoded;
  for (PacedFileSource* s : sources) decoded.push_back(s->stats().frames);  // while the pipelines still own them
  const double seconds = std::chrono::duration<double>(Steady::now() - started).count();
  stop = true;
  for (auto& p : pipelines) p->join();

  std::uint64_t min_analysed = UINT64_MAX;
  std::uint64_t max_analysed = 0;
  std::uint64_t total = 0;
  for (int c = 0; c < kCameras; ++c) {
    const auto i = static_cast<std::size_t>(c);
    const PipelineStats& st = pipelines[i]->stats();
    const std::uint64_t analysed = st.frames_analyzed.load();
    const std::uint64_t dropped = st.frames_dropped.load();
    SCOPED_TRACE("camera " + std::to_string(c) + ": analysed " + std::to_string(analysed) + ", dropped " +
                 std::to_string(dropped));
    EXPECT_FALSE(st.failed.load());
    EXPECT_GT(dropped, 5u) << "an overloaded camera drops frames";
    // Sampled = analysed + dropped (+ at most the frame in detection and the one in the mailbox at the stop).
    EXPECT_NEAR(static_cast<double>(analysed + dropped), 10.0 * seconds, 10.0 * seconds * 0.25);
    EXPECT_GE(static_cast<double>(decoded[i]), 0.85 * 25.0 * (seconds - 0.5)) << "the decoder kept real time";
    const std::uint64_t in_window = window_end[i] - window_start[i];
    min_analysed = std::min(min_analysed, in_window);
    max_analysed = std::max(max_analysed, in_window);
    total += in_window;

    CountQuery query;
    query.camera = "live" + std::to_string(c);
    auto rows = (*store)->read_counts(query);
    ASSERT_TRUE(rows) << rows.error().message;
    EXPECT_EQ(rows->size(), analysed);
    for (std::size_t r = 1; r < rows->size(); ++r) {
      EXPECT_LT((*rows)[r - 1].timestamp_ms, (*rows)[r].timestamp_ms);
    }
  }
  // The pool served about 20 frames a second in all, shared evenly: round-robin, not first come first served.
  EXPECT_NEAR(static_cast<double>(total), 20.0 * window, 20.0 * window * 0.3);
  EXPECT_LE(max_analysed - min_analysed, 3u) << "min " << min_analysed << ", max " << max_analysed;
}

// Rows of one camera, for comparing two runs of the same file under different names.
struct StoredRun {
  std::vector<std::tuple<TimestampMs, int, std::optional<int>>> counts;
  std::vector<std::tuple<TimestampMs, std::string, std::string, std::int64_t>> crossings;
};

StoredRun stored_run(Store& store, const std::string& camera) {
  CountQuery query;
  query.camera = camera;
  StoredRun run;
  auto counts = store.read_counts(query);
  auto crossings = store.read_crossings(query);
  EXPECT_TRUE(counts && crossings);
  if (!counts || !crossings) return run;
  for (const CountRow& r : *counts) run.counts.emplace_back(r.timestamp_ms, r.count, r.tracked);
  for (const CrossingRow& r : *crossings) run.crossings.emplace_back(r.timestamp_ms, r.line, r.direction, r.track_id);
  return run;
}

TEST(DetectorPool, FileCamerasOnThePoolStoreWhatTheSingleCameraPathStores) {
  TempDir dir;
  auto store = open_store((dir / "counts.db").string());
  ASSERT_TRUE(store) << store.error().message;
  SystemClock clock;
  std::atomic<bool> stop{false};
  NullSink sink;
  StorageConfig storage;
  const std::string video = (test::datasets_dir() / "tud-campus" / "TUD-Campus.mp4").string();
  auto file_camera = [&](const std::string& name) {
    CameraConfig camera = pipeline_camera(name, video, "file");  // every frame: files are not sampled by default
    for (float x : {0.35f, 0.5f, 0.65f}) {  // people walk across TUD-Campus: vertical lines too
      LineConfig line;
      line.name = "x" + std::to_string(static_cast<int>(x * 100.0f));
      line.a = {x, 0.02f};
      line.b = {x, 0.98f};
      line.normalized = true;
      camera.lines.push_back(line);
    }
    return camera;
  };
  auto source_of = [&](const CameraConfig& camera) {
    SourceSpec spec;
    spec.uri = camera.source;
    spec.start_time = camera.start_time;
    return make_source(spec, clock);
  };

  // The path before the pool: one pipeline with its own detector on all cores.
  auto own = real_detector(2);
  ASSERT_TRUE(own) << own.error().message;
  CameraPipeline single(file_camera("single"), source_of(file_camera("single")), std::move(*own), **store, storage,
                        clock, stop, sink);
  single.start();
  single.join();
  ASSERT_FALSE(single.stats().failed.load());
  const std::uint64_t frames = single.stats().frames_analyzed.load();
  EXPECT_EQ(frames, 71u);

  // Three cameras on the same file through a pool of two single-threaded workers, at the same time.
  auto pool = DetectorPool::create({[] { return real_detector(1); }}, DetectorPoolOptions{2});
  ASSERT_TRUE(pool) << pool.error().message;
  std::vector<std::unique_ptr<CameraPipeline>> pooled;
  for (int c = 0; c < 3; ++c) {
    const CameraConfig camera = file_camera("pooled" + std::to_string(c));
    pooled.push_back(std::make_unique<CameraPipeline>(camera, source_of(camera), (*pool)->client(0),
                                                      **store, storage, clock, stop, sink));
  }
  for (auto& p : pooled) p->start();
  for (auto& p : pooled) p->join();

  const StoredRun expected = stored_run(**store, "single");
  ASSERT_EQ(expected.counts.size(), frames);
  EXPECT_FALSE(expected.crossings.empty()) << "pedestrians cross the lines in TUD-Campus";
  for (auto& p : pooled) {
    SCOPED_TRACE(p->camera().name);
    EXPECT_FALSE(p->stats().failed.load());
    EXPECT_EQ(p->stats().frames_analyzed.load(), frames);
    EXPECT_EQ(p->stats().frames_dropped.load(), 0u);
    const StoredRun got = stored_run(**store, p->camera().name);
    EXPECT_EQ(got.counts, expected.counts);
    EXPECT_EQ(got.crossings, expected.crossings);
  }
}

}  // namespace
}  // namespace footfall

#include "footfall/app/detector_pool.h"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include <pthread.h>

namespace footfall {

namespace {

using Steady = std::chrono::steady_clock;

std::uint64_t ns_between(Steady::time_point a, Steady::time_point b) {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(b - a).count());
}

}  // namespace

DetectorPoolSize detector_pool_size(int cores, int cameras, int workers, int threads) {
  cores = std::max(1, cores);
  cameras = std::max(1, cameras);
  DetectorPoolSize size;
  if (workers > 0 && threads > 0) {
    size = {workers, threads};
  } else if (workers > 0) {
    size = {workers, std::max(1, cores / workers)};
  } else if (threads > 0) {
    size = {std::clamp(cores / threads, 1, cameras), threads};
  } else {
    size.workers = std::min(cameras, cores);
    size.threads = std::max(1, cores / size.workers);
  }
  return size;
}

int live_decoder_threads(int cores, int live_cameras) { return live_cameras >= std::max(1, cores) ? 1 : 0; }

// One detect() call waiting for, or being served by, a worker. Lives on the calling thread's stack.
struct DetectorPool::Request {
  Client* client = nullptr;
  const cv::Mat* image = nullptr;
  Steady::time_point queued;
  Detections result;
  std::exception_ptr error;
  bool done = false;
  std::condition_variable answered;  // notified under the queue's mutex: the request may go as soon as it wakes
};

struct DetectorPool::Worker {
  std::vector<std::unique_ptr<Detector>> detectors;  // one per profile
  std::thread thread;
};

struct DetectorPool::Queue {
  std::mutex mutex;
  std::condition_variable work;  // workers wait here for requests
  std::deque<Request*> waiting;
  bool stopping = false;
};

class DetectorPool::Client final : public Detector {
 public:
  Client(DetectorPool& pool, std::size_t profile, const Detector& prototype)
      : pool_(pool),
        profile_(profile),
        detector_name_(prototype.name()),
        threshold_(prototype.threshold()),
        post_filter_(prototype.threshold_is_a_post_filter()) {}

  Detections detect(const cv::Mat& bgr) override {
    Request request;
    request.client = this;
    request.image = &bgr;
    pool_.submit(request);
    if (request.error) std::rethrow_exception(request.error);
    return std::move(request.result);
  }
  std::string name() const override { return detector_name_; }
  float threshold() const override { return threshold_; }
  bool threshold_is_a_post_filter() const override { return post_filter_; }

  std::size_t profile() const { return profile_; }
  void account(std::uint64_t inference_ns, std::uint64_t wait_ns) {
    frames_.fetch_add(1);
    inference_ns_.fetch_add(inference_ns);
    wait_ns_.fetch_add(wait_ns);
  }
  PoolClientStats stats() const { return {frames_.load(), inference_ns_.load(), wait_ns_.load()}; }

 private:
  DetectorPool& pool_;
  std::size_t profile_;
  std::string detector_name_;
  float threshold_;
  bool post_filter_;
  std::atomic<std::uint64_t> frames_{0};
  std::atomic<std::uint64_t> inference_ns_{0};
  std::atomic<std::uint64_t> wait_ns_{0};
};

Result<std::unique_ptr<DetectorPool>> DetectorPool::create(const std::vector<DetectorFactory>& profiles,
                                                          DetectorPoolOptions options) {
  assert(options.workers >= 1 && !profiles.empty());
  std::unique_ptr<DetectorPool> pool(new DetectorPool());
  pool->profile_count_ = profiles.size();
  pool->queue_ = std::make_unique<Queue>();
  for (int w = 0; w < std::max(1, options.workers); ++w) {
    auto worker = std::make_unique<Worker>();
    for (const DetectorFactory& make : profiles) {
      auto detector = make();
      if (!detector) return detector.error();  // no worker thread started yet
      worker->detectors.push_back(std::move(*detector));
    }
    pool->workers_.push_back(std::move(worker));
  }
  for (auto& worker : pool->workers_) {
    Worker* w = worker.get();
    DetectorPool* self = pool.get();
    w->thread = std::thread([self, w] { self->run_worker(*w); });
  }
  return pool;
}

DetectorPool::~DetectorPool() {
  if (queue_) {
    {
      std::lock_guard lock(queue_->mutex);
      queue_->stopping = true;
    }
    queue_->work.notify_all();
  }
  for (auto& worker : workers_) {
    if (worker->thread.joinable()) worker->thread.join();
  }
}

std::unique_ptr<Detector> DetectorPool::client(std::size_t profile) {
  assert(profile < profile_count_);
  return std::make_unique<Client>(*this, profile, *workers_.front()->detectors[profile]);
}

PoolClientStats DetectorPool::client_stats(const Detector& client) {
  const auto* c = dynamic_cast<const Client*>(&client);
  assert(c != nullptr);
  return c != nullptr ? c->stats() : PoolClientStats{};
}

void DetectorPool::submit(Request& request) {
  std::unique_lock lock(queue_->mutex);
  request.queued = Steady::now();
  queue_->waiting.push_back(&request);
  queue_->work.notify_one();
  request.answered.wait(lock, [&request] { return request.done; });
}

void DetectorPool::run_worker(Worker& worker) {
  pthread_setname_np(pthread_self(), "ff-detect");  // for top -H and perf
  Queue& q = *queue_;
  for (;;) {
    Request* request = nullptr;
    {
      std::unique_lock lock(q.mutex);
      q.work.wait(lock, [&q] { return !q.waiting.empty() || q.stopping; });
      if (q.waiting.empty()) return;  // stopping, and nothing left to serve
      request = q.waiting.front();
      q.waiting.pop_front();
    }
    const Steady::time_point start = Steady::now();
    try {
      request->result = worker.detectors[request->client->profile()]->detect(*request->image);
    } catch (...) {
      request->error = std::current_exception();
    }
    const Steady::time_point end = Steady::now();
    const std::uint64_t busy = ns_between(start, end);
    busy_ns_.fetch_add(busy);
    request->client->account(busy, ns_between(request->queued, start));
    std::lock_guard lock(q.mutex);
    request->done = true;
    request->answered.notify_one();
  }
}

}  // namespace footfall

// EventBus: fans every kind of event out to every subscriber, in order, from many publishing threads at once, and
// lets sinks come and go (also from inside a callback).
#include "footfall/app/events.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace footfall {
namespace {

// Records what it receives; thread-safe.
class RecordingSink : public EventSink {
 public:
  void on_crossing(const CrossingEvent& e) override {
    std::lock_guard lock(mutex);
    crossings.push_back(e);
  }
  void on_visit(const ZoneVisitEvent& e) override {
    std::lock_guard lock(mutex);
    visits.push_back(e);
  }
  void on_frame(const FrameSummary& s) override {
    std::lock_guard lock(mutex);
    frames.push_back(s);
  }
  void on_store_occupancy(const StoreOccupancyEvent& e) override {
    std::lock_guard lock(mutex);
    occupancy.push_back(e);
  }

  std::mutex mutex;
  std::vector<CrossingEvent> crossings;
  std::vector<ZoneVisitEvent> visits;
  std::vector<FrameSummary> frames;
  std::vector<StoreOccupancyEvent> occupancy;
};

TEST(EventBus, EveryEventReachesEverySubscriber) {
  EventBus bus;
  auto a = std::make_shared<RecordingSink>();
  auto b = std::make_shared<RecordingSink>();
  bus.subscribe(a);
  bus.subscribe(b);
  bus.subscribe(nullptr);  // ignored
  EXPECT_EQ(bus.subscribers(), 2u);

  bus.on_crossing({"door", "entrance", 7, 1000, CrossingDirection::out});
  bus.on_visit({"door", "till", 7, 1000, 4000, 3000});
  bus.on_frame({"door", 4000, 3, 2, {{"till", 1, 1, 12.5}}});
  bus.on_store_occupancy({"shop", 4000, 5, 9, 4, std::nullopt});

  for (const auto& sink : {a, b}) {
    ASSERT_EQ(sink->crossings.size(), 1u);
    EXPECT_EQ(sink->crossings[0].line, "entrance");
    EXPECT_EQ(sink->crossings[0].direction, CrossingDirection::out);
    ASSERT_EQ(sink->visits.size(), 1u);
    EXPECT_EQ(sink->visits[0].dwell_ms, 3000);
    ASSERT_EQ(sink->frames.size(), 1u);
    EXPECT_EQ(sink->frames[0].tracked_count, 2);
    ASSERT_EQ(sink->frames[0].zones.size(), 1u);
    EXPECT_EQ(sink->frames[0].zones[0].queue_wait_s, 12.5);
    ASSERT_EQ(sink->occupancy.size(), 1u);
    EXPECT_EQ(sink->occupancy[0].occupancy, 5);
  }

  bus.unsubscribe(a.get());
  bus.on_crossing({"door", "entrance", 8, 2000, CrossingDirection::in});
  EXPECT_EQ(a->crossings.size(), 1u) << "unsubscribed";
  EXPECT_EQ(b->crossings.size(), 2u);
}

TEST(EventBus, ASinkOnlyOverridesWhatItNeeds) {
  struct CrossingsOnly : EventSink {
    void on_crossing(const CrossingEvent&) override { ++n; }
    int n = 0;
  };
  EventBus bus;
  auto sink = std::make_shared<CrossingsOnly>();
  bus.subscribe(sink);
  bus.on_frame({"door", 1, 0, 0, {}});
  bus.on_visit({});
  bus.on_crossing({});
  EXPECT_EQ(sink->n, 1);
}

TEST(EventBus, ManyPublishersAndSubscribersAtOnceLoseNothing) {
  EventBus bus;
  auto steady = std::make_shared<RecordingSink>();
  bus.subscribe(steady);
  constexpr int kThreads = 4;
  constexpr int kEvents = 2000;
  std::atomic<bool> publishing{true};
  // Sinks come and go while the publishers run.
  std::thread churn([&] {
    while (publishing.load()) {
      auto passing = std::make_shared<RecordingSink>();
      bus.subscribe(passing);
      bus.unsubscribe(passing.get());
    }
  });
  std::vector<std::thread> publishers;
  for (int t = 0; t < kThreads; ++t) {
    publishers.emplace_back([&bus, t] {
      for (int i = 0; i < kEvents; ++i) {
        bus.on_crossing({"cam" + std::to_string(t), "door", i, i, CrossingDirection::in});
      }
    });
  }
  for (auto& p : publishers) p.join();
  publishing = false;
  churn.join();
  ASSERT_EQ(steady->crossings.size(), static_cast<std::size_t>(kThreads * kEvents));
  // Each publisher's events arrive in the order it published them.
  std::vector<std::int64_t> last(kThreads, -1);
  for (const CrossingEvent& e : steady->crossings) {
    const int t = e.camera.back() - '0';
    EXPECT_GT(e.track_id, last[t]);
    last[t] = e.track_id;
  }
  EXPECT_EQ(bus.subscribers(), 1u);
}

TEST(EventBus, ASinkMayUnsubscribeItselfFromInsideACallback) {
  EventBus bus;
  struct OneShot : EventSink {
    explicit OneShot(EventBus& b) : bus(b) {}
    void on_crossing(const CrossingEvent&) override {
      ++n;
      bus.unsubscribe(this);
    }
    EventBus& bus;
    int n = 0;
  };
  auto once = std::make_shared<OneShot>(bus);
  auto steady = std::make_shared<RecordingSink>();
  bus.subscribe(once);
  bus.subscribe(steady);
  bus.on_crossing({});
  bus.on_crossing({});
  EXPECT_EQ(once->n, 1);
  EXPECT_EQ(steady->crossings.size(), 2u) << "the rest of the delivery goes on";
}

}  // namespace
}  // namespace footfall

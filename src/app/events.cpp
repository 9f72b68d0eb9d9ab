#include "footfall/app/events.h"

#include <algorithm>

namespace footfall {

// Copy on write: publishers share an immutable list, so a sink can (un)subscribe from inside a callback.
void EventBus::subscribe(std::shared_ptr<EventSink> sink) {
  if (!sink) return;
  std::lock_guard lock(mutex_);
  auto next = std::make_shared<Sinks>(*sinks_);
  next->push_back(std::move(sink));
  sinks_ = std::move(next);
}

void EventBus::unsubscribe(const EventSink* sink) {
  std::lock_guard lock(mutex_);
  auto next = std::make_shared<Sinks>(*sinks_);
  next->erase(std::remove_if(next->begin(), next->end(), [sink](const auto& s) { return s.get() == sink; }),
              next->end());
  sinks_ = std::move(next);
}

std::size_t EventBus::subscribers() const { return snapshot()->size(); }

// Callers must hold the returned pointer while they iterate (`for (x : *snapshot())` would free a list that a
// concurrent (un)subscribe replaced: the temporary pointer dies before the loop runs).
std::shared_ptr<const EventBus::Sinks> EventBus::snapshot() const {
  std::lock_guard lock(mutex_);
  return sinks_;
}

void EventBus::on_crossing(const CrossingEvent& event) {
  const auto sinks = snapshot();
  for (const auto& sink : *sinks) sink->on_crossing(event);
}

void EventBus::on_visit(const ZoneVisitEvent& event) {
  const auto sinks = snapshot();
  for (const auto& sink : *sinks) sink->on_visit(event);
}

void EventBus::on_frame(const FrameSummary& summary) {
  const auto sinks = snapshot();
  for (const auto& sink : *sinks) sink->on_frame(summary);
}

void EventBus::on_store_occupancy(const StoreOccupancyEvent& event) {
  const auto sinks = snapshot();
  for (const auto& sink : *sinks) sink->on_store_occupancy(event);
}

}  // namespace footfall

// A libmosquitto subscriber for tests: connects to the test broker, subscribes (again on every reconnect), and records
// every message it receives, with its retain flag, in order.
#pragma once

#include <mosquitto.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace footfall::test {

struct ReceivedMessage {
  std::string topic;
  std::string payload;
  bool retain = false;
};

struct SubscriberOptions {
  std::vector<std::string> topics{"#"};
  std::string client_id;         // set with persistent_session: the broker keeps the subscription across restarts
  bool persistent_session = false;
  std::string username;
  std::string password;
  std::string ca_file;           // TLS when set
  std::string cert_file;
  std::string key_file;
};

// Options that only name the topic filters.
inline SubscriberOptions subscribe_to(std::vector<std::string> topics) {
  SubscriberOptions options;
  options.topics = std::move(topics);
  return options;
}

class MqttSubscriber {
 public:
  MqttSubscriber(int port, SubscriberOptions options = {}) : options_(std::move(options)) {
    mosquitto_lib_init();
    mosq_ = mosquitto_new(options_.client_id.empty() ? nullptr : options_.client_id.c_str(),
                          !options_.persistent_session, this);
    mosquitto_connect_callback_set(mosq_, [](mosquitto* m, void* self, int rc) {
      auto* s = static_cast<MqttSubscriber*>(self);
      std::lock_guard lock(s->mutex_);
      s->connack_ = rc;
      if (rc != 0) return;
      for (const std::string& t : s->options_.topics) mosquitto_subscribe(m, nullptr, t.c_str(), 1);
    });
    mosquitto_subscribe_callback_set(mosq_, [](mosquitto*, void* self, int, int, const int*) {
      auto* s = static_cast<MqttSubscriber*>(self);
      std::lock_guard lock(s->mutex_);
      ++s->subscriptions_;
      s->changed_.notify_all();
    });
    mosquitto_message_callback_set(mosq_, [](mosquitto*, void* self, const mosquitto_message* m) {
      auto* s = static_cast<MqttSubscriber*>(self);
      std::lock_guard lock(s->mutex_);
      s->messages_.push_back({m->topic, std::string(static_cast<const char*>(m->payload),
                                                    static_cast<std::size_t>(m->payloadlen)),
                              m->retain});
      s->changed_.notify_all();
    });
    if (!options_.username.empty()) {
      mosquitto_username_pw_set(mosq_, options_.username.c_str(), options_.password.c_str());
    }
    if (!options_.ca_file.empty()) {
      mosquitto_tls_set(mosq_, options_.ca_file.c_str(), nullptr,
                        options_.cert_file.empty() ? nullptr : options_.cert_file.c_str(),
                        options_.key_file.empty() ? nullptr : options_.key_file.c_str(), nullptr);
    }
    mosquitto_reconnect_delay_set(mosq_, 1, 1, false);
    connect_rc_ = mosquitto_connect(mosq_, "127.0.0.1", port, 10);
    mosquitto_loop_start(mosq_);
  }
  ~MqttSubscriber() {
    mosquitto_disconnect(mosq_);
    mosquitto_loop_stop(mosq_, false);
    mosquitto_destroy(mosq_);
  }
  MqttSubscriber(const MqttSubscriber&) = delete;
  MqttSubscriber& operator=(const MqttSubscriber&) = delete;

  // True once connected and every topic filter is subscribed (the first time).
  bool wait_subscribed(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return subscriptions_ >= options_.topics.size(); });
  }

  std::vector<ReceivedMessage> messages() const {
    std::lock_guard lock(mutex_);
    return messages_;
  }
  std::vector<ReceivedMessage> messages_on(const std::string& topic) const {
    std::vector<ReceivedMessage> out;
    for (const auto& m : messages()) {
      if (m.topic == topic) out.push_back(m);
    }
    return out;
  }
  // The latest payload on `topic`.
  std::optional<std::string> last(const std::string& topic) const {
    std::lock_guard lock(mutex_);
    for (auto it = messages_.rbegin(); it != messages_.rend(); ++it) {
      if (it->topic == topic) return it->payload;
    }
    return std::nullopt;
  }

  // Waits until `predicate(messages)` holds.
  template <typename Predicate>
  bool wait_for(Predicate predicate, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return predicate(messages_); });
  }
  // Waits until the latest payload on `topic` is `payload`.
  bool wait_value(const std::string& topic, const std::string& payload,
                  std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    return wait_for(
        [&](const std::vector<ReceivedMessage>& all) {
          for (auto it = all.rbegin(); it != all.rend(); ++it) {
            if (it->topic == topic) return it->payload == payload;
          }
          return false;
        },
        timeout);
  }

  int connect_rc() const { return connect_rc_; }
  int connack() const {
    std::lock_guard lock(mutex_);
    return connack_;
  }

 private:
  SubscriberOptions options_;
  mosquitto* mosq_ = nullptr;
  int connect_rc_ = -1;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<ReceivedMessage> messages_;
  std::size_t subscriptions_ = 0;
  int connack_ = -1;
};

}  // namespace footfall::test

#include "footfall/mqtt/mqtt_publisher.h"

#include <mosquitto.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <map>
#include <optional>
#include <mutex>
#include <set>
#include <thread>

#include "footfall/core/host_name.h"
#include "footfall/mqtt/mqtt_messages.h"
#include "footfall/mqtt/mqtt_state.h"

namespace footfall {

namespace {

using std::chrono::milliseconds;
using SteadyTime = std::chrono::steady_clock::time_point;

constexpr milliseconds kFirstDelay{500};   // backoff after the first failure ...
constexpr milliseconds kMaxDelay{30'000};  // ... doubling up to this
constexpr int kLoopTimeoutMs = 50;         // how long one mosquitto_loop waits for the socket (event latency)
constexpr std::size_t kEventWindow = 64;   // events handed to libmosquitto and not yet confirmed
constexpr const char* kSpoolKind = "mqtt";

TimestampMs wall_clock_ms() {
  return std::chrono::duration_cast<milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void init_library() {
  static std::once_flag once;
  std::call_once(once, [] { mosquitto_lib_init(); });
}

// Errors of mosquitto_publish after which the message is not in libmosquitto's queue (anything else, such as a
// connection lost while writing, leaves a QoS > 0 message queued: the library sends it after the reconnect).
bool publish_not_queued(int rc) {
  return rc == MOSQ_ERR_INVAL || rc == MOSQ_ERR_NOMEM || rc == MOSQ_ERR_PAYLOAD_SIZE || rc == MOSQ_ERR_MALFORMED_UTF8 ||
         rc == MOSQ_ERR_OVERSIZE_PACKET || rc == MOSQ_ERR_NOT_SUPPORTED;
}

std::string connack_hint(int rc) {
  switch (rc) {
    case 4:  // bad user name or password
    case 5:  // not authorised
      return " (check mqtt.username and mqtt.password)";
    case 2:  // identifier rejected
      return " (check mqtt.client_id)";
    default:
      return "";
  }
}

}  // namespace

std::filesystem::path mqtt_spool_dir(const AppConfig& app) {
  if (!app.mqtt.spool_dir.empty()) return app.mqtt.spool_dir;
  return std::filesystem::path(app.spool.dir) / "mqtt";
}

struct MqttPublisher::Impl {
  Impl(const AppConfig& config, TimestampMs now_ms)
      : app(config), mqtt(config.mqtt), topics(config.mqtt.prefix), state(config, config.mqtt.prefix, now_ms) {
    for (const CameraConfig& c : app.cameras) store_of[c.name] = c.store;
    endpoint = mqtt.host + ":" + std::to_string(mqtt.port);
    event_qos = std::max(1, mqtt.qos);
  }
  ~Impl() {
    if (mosq != nullptr) mosquitto_destroy(mosq);
  }

  Status init_client();
  void run();
  // Network-thread helpers.
  void spool_pending();
  void pump();
  void publish(const MqttMessage& message, int qos);
  void send_events();
  void ack_confirmed();
  bool drained();
  void connection_failed(const std::string& reason);
  std::string failure_reason(int rc);
  // Waits up to `delay` (or until stop), spooling events as they come.
  void backoff(milliseconds delay);
  void goodbye();

  // libmosquitto callbacks (on the network thread, inside mosquitto_loop).
  void on_connect(int rc);
  void on_publish(int mid);

  const AppConfig app;
  const MqttConfig mqtt;
  const MqttTopics topics;
  std::map<std::string, std::string> store_of;  // camera -> store
  std::string endpoint;                         // host:port, for messages
  std::string client_id;
  int event_qos = 1;
  std::unique_ptr<Spool> spool;
  mosquitto* mosq = nullptr;

  // Shared between the sinks, stats() and the network thread.
  mutable std::mutex mutex;
  std::condition_variable wake;
  MqttState state;
  std::vector<MqttMessage> outbox;           // retained state that changed while connected
  std::vector<std::string> pending_events;  // JSON, to be appended to the spool
  bool connected = false;
  bool stopping = false;
  std::string last_error;
  std::uint64_t connects = 0;
  std::uint64_t events_queued = 0;
  std::uint64_t events_confirmed = 0;
  std::uint64_t events_dropped = 0;
  milliseconds drain_limit{0};

  // Network thread only.
  std::thread thread;
  bool started = false;
  bool republish = false;                 // a connection was just accepted: send everything retained
  std::vector<MqttMessage> snapshot;      // the retained state taken at that moment
  int connack_rc = 0;                     // the last CONNACK refusal, 0 when none
  std::string library_error;              // the last error libmosquitto logged
  bool spool_failing = false;
  std::uint64_t last_handed = 0;          // highest spool sequence handed to libmosquitto
  std::map<int, std::uint64_t> event_mids;  // message id -> spool sequence, until confirmed
  std::map<std::uint64_t, bool> handed;     // spool sequence -> confirmed, until acknowledged in the spool
  std::set<int> state_mids;                 // QoS > 0 state messages not yet confirmed
  SteadyTime offline_since = std::chrono::steady_clock::now();
  bool ever_connected = false;
};

Status MqttPublisher::Impl::init_client() {
  init_library();
  client_id = mqtt.client_id.empty() ? "footfall-" + host_name() + "-" + std::to_string(::getpid()) : mqtt.client_id;
  mosq = mosquitto_new(client_id.c_str(), /*clean_session=*/true, this);
  if (mosq == nullptr) return make_error("mqtt: cannot create a client: " + std::string(std::strerror(errno)));
  mosquitto_connect_callback_set(mosq,
                                 [](mosquitto*, void* self, int rc) { static_cast<Impl*>(self)->on_connect(rc); });
  mosquitto_publish_callback_set(mosq,
                                 [](mosquitto*, void* self, int mid) { static_cast<Impl*>(self)->on_publish(mid); });
  mosquitto_log_callback_set(mosq, [](mosquitto*, void* self, int level, const char* text) {
    if ((level & MOSQ_LOG_ERR) != 0 && text != nullptr) static_cast<Impl*>(self)->library_error = text;
  });
  const std::string offline = "offline";
  int rc = mosquitto_will_set(mosq, topics.available().c_str(), static_cast<int>(offline.size()), offline.data(),
                              mqtt.qos, /*retain=*/true);
  if (rc != MOSQ_ERR_SUCCESS) {
    return make_error("mqtt.prefix: cannot set the last will on " + topics.available() + ": " + mosquitto_strerror(rc));
  }
  if (!mqtt.username.empty()) {
    const char* password = mqtt.password.empty() ? nullptr : mqtt.password.c_str();
    rc = mosquitto_username_pw_set(mosq, mqtt.username.c_str(), password);
    if (rc != MOSQ_ERR_SUCCESS) return make_error("mqtt.username: " + std::string(mosquitto_strerror(rc)));
  }
  if (mqtt.tls) {
    if (mqtt.tls_ca_file.empty()) mosquitto_int_option(mosq, MOSQ_OPT_TLS_USE_OS_CERTS, 1);
    rc = mosquitto_tls_set(mosq, mqtt.tls_ca_file.empty() ? nullptr : mqtt.tls_ca_file.c_str(), nullptr,
                           mqtt.tls_cert_file.empty() ? nullptr : mqtt.tls_cert_file.c_str(),
                           mqtt.tls_key_file.empty() ? nullptr : mqtt.tls_key_file.c_str(), nullptr);
    if (rc != MOSQ_ERR_SUCCESS) {
      std::string files = mqtt.tls_ca_file.empty() ? "the OS trust store" : mqtt.tls_ca_file;
      if (!mqtt.tls_cert_file.empty()) files += ", " + mqtt.tls_cert_file + ", " + mqtt.tls_key_file;
      return make_error("mqtt.tls: libmosquitto refused " + files + ": " + mosquitto_strerror(rc));
    }
  }
  return Status::success();
}

void MqttPublisher::Impl::on_connect(int rc) {
  if (rc != 0) {
    connack_rc = rc;
    return;
  }
  connack_rc = 0;
  library_error.clear();
  {
    std::lock_guard lock(mutex);
    connected = true;
    ++connects;
    last_error.clear();
    snapshot = state.retained();
    outbox.clear();  // the snapshot holds the latest of everything
  }
  republish = true;
  const auto offline_ms =
      std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - offline_since).count();
  const SpoolStats spooled = spool->stats();
  if (ever_connected) {
    spdlog::info("mqtt: reconnected to {} after {:.1f} s; {} event(s) waiting in the spool", endpoint,
                 static_cast<double>(offline_ms) / 1000.0, spooled.items);
  } else {
    spdlog::info("mqtt: connected to {} as {} (topics under {}/, {} event(s) waiting in the spool)", endpoint,
                 client_id, mqtt.prefix, spooled.items);
  }
  ever_connected = true;
}

void MqttPublisher::Impl::on_publish(int mid) {
  if (auto it = event_mids.find(mid); it != event_mids.end()) {
    handed[it->second] = true;
    event_mids.erase(it);
    std::lock_guard lock(mutex);
    ++events_confirmed;
    return;
  }
  state_mids.erase(mid);
}

std::string MqttPublisher::Impl::failure_reason(int rc) {
  std::string reason;
  if (rc == MOSQ_ERR_CONN_REFUSED && connack_rc != 0) {
    reason = std::string("the broker refused the connection: ") + mosquitto_connack_string(connack_rc) +
             connack_hint(connack_rc);
  } else if (rc == MOSQ_ERR_ERRNO) {
    reason = std::strerror(errno);
  } else {
    reason = mosquitto_strerror(rc);
  }
  if (!library_error.empty() && reason.find(library_error) == std::string::npos) reason += " (" + library_error + ")";
  if (rc == MOSQ_ERR_TLS) reason += "; check mqtt.tls and the broker's certificate";
  connack_rc = 0;
  library_error.clear();
  return reason;
}

// Logged once per change of state: a broker that stays down for an hour logs one line, not one per attempt.
void MqttPublisher::Impl::connection_failed(const std::string& reason) {
  bool was_connected = false;
  bool changed = false;
  {
    std::lock_guard lock(mutex);
    was_connected = connected;
    connected = false;
    changed = reason != last_error;
    last_error = reason;
    outbox.clear();  // republished in full on the next connect
  }
  if (was_connected) {
    offline_since = std::chrono::steady_clock::now();
    spdlog::warn("mqtt: lost the connection to {}: {}; reconnecting with backoff, events wait in the spool ({})",
                 endpoint, reason, spool->dir().string());
  } else if (changed) {
    spdlog::warn("mqtt: cannot connect to {}: {}; retrying with backoff, events wait in the spool ({})", endpoint,
                 reason, spool->dir().string());
  }
}

void MqttPublisher::Impl::spool_pending() {
  std::vector<std::string> events;
  {
    std::lock_guard lock(mutex);
    events.swap(pending_events);
  }
  for (const std::string& json : events) {
    const Status appended = spool->append(kSpoolKind, json, wall_clock_ms());
    if (appended) {
      if (spool_failing) spdlog::info("mqtt: the spool takes events again ({})", spool->dir().string());
      spool_failing = false;
      continue;
    }
    {
      std::lock_guard lock(mutex);
      ++events_dropped;
    }
    if (!spool_failing) spdlog::error("mqtt: an event is lost: {}", appended.error().message);
    spool_failing = true;
  }
}

void MqttPublisher::Impl::publish(const MqttMessage& message, int qos) {
  int mid = 0;
  const int rc = mosquitto_publish(mosq, &mid, message.topic.c_str(), static_cast<int>(message.payload.size()),
                                   message.payload.data(), qos, message.retain);
  if (rc == MOSQ_ERR_SUCCESS && qos > 0) state_mids.insert(mid);
  if (publish_not_queued(rc)) spdlog::warn("mqtt: cannot publish {}: {}", message.topic, mosquitto_strerror(rc));
  // Other errors (the connection dropped while writing) surface in mosquitto_loop; state is republished on connect.
}

void MqttPublisher::Impl::send_events() {
  if (event_mids.size() >= kEventWindow) return;
  if (spool->stats().last_sequence <= last_handed) return;
  auto items = spool->peek(handed.size() + (kEventWindow - event_mids.size()));
  if (!items) {
    if (!spool_failing) spdlog::error("mqtt: cannot read the spool: {}", items.error().message);
    spool_failing = true;
    return;
  }
  const std::string topic = topics.events();
  for (const SpoolItem& item : *items) {
    if (item.sequence <= last_handed) continue;
    if (item.kind != kSpoolKind) {  // not ours: skip it for good
      handed[item.sequence] = true;
      last_handed = item.sequence;
      continue;
    }
    int mid = 0;
    const int rc = mosquitto_publish(mosq, &mid, topic.c_str(), static_cast<int>(item.payload.size()),
                                     item.payload.data(), event_qos, /*retain=*/false);
    if (publish_not_queued(rc)) {
      spdlog::error("mqtt: event {} cannot be published ({}); dropped", item.sequence, mosquitto_strerror(rc));
      handed[item.sequence] = true;
      last_handed = item.sequence;
      continue;
    }
    // Queued in libmosquitto (also when the connection dropped while writing: it resends after the reconnect).
    event_mids[mid] = item.sequence;
    handed[item.sequence] = false;
    last_handed = item.sequence;
    if (rc != MOSQ_ERR_SUCCESS) break;
  }
}

// Acknowledges in the spool the longest prefix of handed events that the broker confirmed.
void MqttPublisher::Impl::ack_confirmed() {
  std::uint64_t upto = 0;
  while (!handed.empty() && handed.begin()->second) {
    upto = handed.begin()->first;
    handed.erase(handed.begin());
  }
  if (upto == 0) return;
  if (Status s = spool->ack(upto); !s) {
    spdlog::error("mqtt: cannot acknowledge event {} in the spool: {}", upto, s.error().message);
  }
}

bool MqttPublisher::Impl::drained() {
  std::lock_guard lock(mutex);
  return pending_events.empty() && outbox.empty() && !republish && event_mids.empty() && state_mids.empty() &&
         spool->stats().items == 0;
}

void MqttPublisher::Impl::pump() {
  if (republish) {
    republish = false;
    publish({topics.available(), "online", true}, mqtt.qos);
    for (const MqttMessage& m : discovery_messages(app, mqtt)) publish(m, mqtt.qos);
    for (const MqttMessage& m : snapshot) publish(m, mqtt.qos);
    snapshot.clear();
  }
  std::vector<MqttMessage> changed;
  {
    std::lock_guard lock(mutex);
    changed.swap(outbox);
  }
  for (const MqttMessage& m : changed) publish(m, mqtt.qos);
  send_events();
  ack_confirmed();
}

void MqttPublisher::Impl::backoff(milliseconds delay) {
  const auto until = std::chrono::steady_clock::now() + delay;
  std::unique_lock lock(mutex);
  while (!stopping && std::chrono::steady_clock::now() < until) {
    wake.wait_until(lock, std::min(until, std::chrono::steady_clock::now() + milliseconds(100)));
    lock.unlock();
    spool_pending();
    lock.lock();
  }
}

void MqttPublisher::Impl::run() {
  milliseconds delay = kFirstDelay;
  bool socket_open = false;
  bool first_attempt = true;
  std::optional<SteadyTime> drain_deadline;
  for (;;) {
    spool_pending();
    bool stop = false;
    bool is_connected = false;
    {
      std::lock_guard lock(mutex);
      stop = stopping;
      is_connected = connected;
      if (stop && !drain_deadline) drain_deadline = std::chrono::steady_clock::now() + drain_limit;
    }
    // Stopping: deliver what is queued while the connection is up (or its first attempt still in progress).
    if (stop && ((!is_connected && !socket_open) || drained() || std::chrono::steady_clock::now() >= *drain_deadline)) {
      break;
    }
    if (!socket_open) {
      if (stop) break;
      const int rc = first_attempt ? mosquitto_connect_async(mosq, mqtt.host.c_str(), mqtt.port, mqtt.keepalive_s)
                                   : mosquitto_reconnect_async(mosq);
      first_attempt = false;
      if (rc != MOSQ_ERR_SUCCESS) {
        connection_failed(failure_reason(rc));
        backoff(delay);
        delay = std::min(delay * 2, kMaxDelay);
        continue;
      }
      socket_open = true;
    }
    const int rc = mosquitto_loop(mosq, kLoopTimeoutMs, 1);
    if (rc != MOSQ_ERR_SUCCESS) {
      socket_open = false;
      connection_failed(failure_reason(rc));
      backoff(delay);
      delay = std::min(delay * 2, kMaxDelay);
      continue;
    }
    {
      std::lock_guard lock(mutex);
      is_connected = connected;
    }
    if (is_connected) {
      delay = kFirstDelay;
      pump();
    }
  }
  bool is_connected = false;
  {
    std::lock_guard lock(mutex);
    is_connected = connected;
  }
  if (is_connected) goodbye();
  ack_confirmed();
}

// A clean stop: `offline` (retained; the broker does not send the last will on a clean disconnect), then DISCONNECT.
void MqttPublisher::Impl::goodbye() {
  state_mids.clear();
  publish({topics.available(), "offline", true}, mqtt.qos);
  const auto deadline = std::chrono::steady_clock::now() + milliseconds(2000);
  while (!state_mids.empty() && std::chrono::steady_clock::now() < deadline) {
    if (mosquitto_loop(mosq, kLoopTimeoutMs, 1) != MOSQ_ERR_SUCCESS) return;
  }
  mosquitto_disconnect(mosq);
  while (mosquitto_socket(mosq) >= 0 && std::chrono::steady_clock::now() < deadline) {
    if (mosquitto_loop(mosq, kLoopTimeoutMs, 1) != MOSQ_ERR_SUCCESS) break;
  }
  std::lock_guard lock(mutex);
  connected = false;
  spdlog::info("mqtt: disconnected from {} ({} event(s) sent)", endpoint, events_confirmed);
}

MqttPublisher::MqttPublisher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

MqttPublisher::~MqttPublisher() { stop(); }

Result<std::shared_ptr<MqttPublisher>> MqttPublisher::create(const AppConfig& app) {
  if (!app.mqtt.enabled) return make_error("mqtt: the publisher is not enabled in the configuration");
  auto impl = std::make_unique<Impl>(app, wall_clock_ms());
  SpoolOptions options;
  options.dir = mqtt_spool_dir(app);
  options.max_bytes = static_cast<std::uint64_t>(app.spool.max_mb) << 20;
  options.warn_fraction = app.spool.warn_percent / 100.0;
  auto spool = Spool::open(options);
  if (!spool) return make_error("mqtt: cannot open the event spool: " + spool.error().message);
  impl->spool = std::move(*spool);
  if (Status s = impl->init_client(); !s) return s.error();
  return std::shared_ptr<MqttPublisher>(new MqttPublisher(std::move(impl)));
}

Status MqttPublisher::seed_today(CountReader& reader, TimestampMs now_ms) {
  std::lock_guard lock(impl_->mutex);
  auto changed = impl_->state.seed_today(reader, now_ms);
  if (!changed) return changed.error();
  if (impl_->connected) impl_->outbox.insert(impl_->outbox.end(), changed->begin(), changed->end());
  return Status::success();
}

void MqttPublisher::start() {
  if (impl_->started) return;
  impl_->started = true;
  impl_->thread = std::thread([impl = impl_.get()] { impl->run(); });
}

void MqttPublisher::stop(milliseconds drain) {
  if (!impl_->started || !impl_->thread.joinable()) return;
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
    impl_->drain_limit = drain;
  }
  impl_->wake.notify_all();
  impl_->thread.join();
}

MqttStats MqttPublisher::stats() const {
  MqttStats s;
  {
    std::lock_guard lock(impl_->mutex);
    s.connected = impl_->connected;
    s.connects = impl_->connects;
    s.events_queued = impl_->events_queued;
    s.events_confirmed = impl_->events_confirmed;
    s.events_dropped = impl_->events_dropped;
    s.last_error = impl_->last_error;
  }
  s.spool = impl_->spool->stats();
  return s;
}

void MqttPublisher::on_crossing(const CrossingEvent& event) {
  auto store = impl_->store_of.find(event.camera);
  std::string json = crossing_event_json(event, store == impl_->store_of.end() ? std::string() : store->second);
  std::lock_guard lock(impl_->mutex);
  auto changed = impl_->state.on_crossing(event);
  if (impl_->connected) impl_->outbox.insert(impl_->outbox.end(), changed.begin(), changed.end());
  impl_->pending_events.push_back(std::move(json));
  ++impl_->events_queued;
}

void MqttPublisher::on_visit(const ZoneVisitEvent& event) {
  auto store = impl_->store_of.find(event.camera);
  std::string json = visit_event_json(event, store == impl_->store_of.end() ? std::string() : store->second);
  std::lock_guard lock(impl_->mutex);
  impl_->pending_events.push_back(std::move(json));
  ++impl_->events_queued;
}

void MqttPublisher::on_frame(const FrameSummary& summary) {
  std::lock_guard lock(impl_->mutex);
  auto changed = impl_->state.on_frame(summary);
  if (impl_->connected) impl_->outbox.insert(impl_->outbox.end(), changed.begin(), changed.end());
}

void MqttPublisher::on_store_occupancy(const StoreOccupancyEvent& event) {
  std::lock_guard lock(impl_->mutex);
  auto changed = impl_->state.on_store_occupancy(event);
  if (impl_->connected) impl_->outbox.insert(impl_->outbox.end(), changed.begin(), changed.end());
}

}  // namespace footfall

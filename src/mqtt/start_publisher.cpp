#include <spdlog/spdlog.h>

#include "footfall/mqtt/mqtt_publisher.h"

namespace footfall {

Result<std::shared_ptr<MqttPublisher>> start_mqtt_publisher(const AppConfig& app, EventBus& bus, CountReader& reader,
                                                            TimestampMs now_ms) {
  if (!app.mqtt.enabled) return std::shared_ptr<MqttPublisher>();
  auto publisher = MqttPublisher::create(app);
  if (!publisher) return publisher.error();
  if (Status s = (*publisher)->seed_today(reader, now_ms); !s) {
    spdlog::warn("mqtt: today's line totals start from 0: cannot read them from the database: {}", s.error().message);
  }
  bus.subscribe(*publisher);
  (*publisher)->start();
  return publisher;
}

void stop_mqtt_publisher(const std::shared_ptr<MqttPublisher>& publisher, EventBus& bus) {
  if (!publisher) return;
  bus.unsubscribe(publisher.get());
  publisher->stop();
}

}  // namespace footfall

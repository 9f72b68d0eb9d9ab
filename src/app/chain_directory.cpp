#include "footfall/app/chain_directory.h"

#include <spdlog/spdlog.h>
#include <vector>

#include "footfall/app/chain_registry.h"
#include "footfall/core/host_name.h"

namespace footfall {

ChainDirectory::ChainDirectory(const AppConfig& local, RegistryStore& registry, const Clock& clock,
                               std::chrono::milliseconds refresh)
    : local_(local),
      registry_(registry),
      clock_(clock),
      refresh_(refresh),
      snapshot_(std::make_shared<const AppConfig>(local)) {}

std::shared_ptr<const AppConfig> ChainDirectory::config() {
  bool stale;
  {
    std::lock_guard lock(mutex_);
    stale = !have_read_ || clock_.now_ms() - read_at_ms_ >= refresh_.count();
  }
  if (stale) {
    std::unique_lock reading(read_mutex_, std::try_to_lock);
    if (reading.owns_lock()) (void)refresh();  // else another request is reading: serve the previous snapshot
  }
  std::lock_guard lock(mutex_);
  return snapshot_;
}

Status ChainDirectory::refresh() {
  auto entries = registry_.read_registry();
  std::lock_guard lock(mutex_);
  read_at_ms_ = clock_.now_ms();
  have_read_ = true;  // a failed read waits for the next refresh too, rather than retrying on every request
  if (!entries) {
    if (!warned_) spdlog::warn("registry of stores and cameras: {} (serving what was read before)", entries.error().message);
    warned_ = true;
    return entries.error();
  }
  warned_ = false;
  std::vector<std::string> problems;
  snapshot_ = std::make_shared<const AppConfig>(merge_registry(local_, *entries, &problems));
  for (const std::string& p : problems) {
    if (skipped_.insert(p).second) spdlog::warn("{} (skipped)", p);  // once, not at every refresh
  }
  return Status::success();
}

Status register_in_chain(const AppConfig& config, RegistryStore& registry, const Clock& clock) {
  const std::vector<RegistryEntry> entries = registry_entries(config, host_name(), clock.now_ms());
  if (entries.empty()) return Status::success();
  return registry.put_registry(entries);
}

}  // namespace footfall

// footfall ignore-regions list|add|disable|enable|delete --camera C : the operator's view of a camera's ignore
// regions (boxes where person detections are dropped because a static look-alike sits there), as stored in the
// database: learned ones can be checked, disabled (kept, so they are not learned again, but drop nothing) or
// deleted, and the operator can add their own.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "footfall/scene/ignore_region.h"
#include "store_options.h"

namespace footfall::cli {

namespace {

struct IgnoreRegionsOptions {
  std::string camera;
  std::string database;
  std::string config;
  std::string format = "table";
  std::string box;          // add: x,y,w,h in pixels
  bool disabled = false;    // add: store the region disabled
  std::int64_t id = 0;      // disable / enable / delete
};

// "120" for whole pixels, "120.5" otherwise (learned regions come from smoothed boxes).
std::string pixels(double v) {
  char text[32];
  if (v == std::round(v)) {
    std::snprintf(text, sizeof text, "%.0f", v);
  } else {
    std::snprintf(text, sizeof text, "%.1f", v);
  }
  return text;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string ids_of(const std::vector<IgnoreRegionRow>& rows) {
  std::vector<std::string> ids;
  for (const IgnoreRegionRow& r : rows) ids.push_back(std::to_string(r.id));
  return joined(ids);
}

std::string box_text(const IgnoreRegionRow& r) {
  return pixels(r.x) + "," + pixels(r.y) + "," + pixels(r.width) + "," + pixels(r.height);
}

// The store, or nullptr after printing the error.
std::unique_ptr<Store> open(const IgnoreRegionsOptions& o) {
  auto store = open_existing_store(o.database, o.config);
  if (!store) {
    print_error(store.error().message);
    return nullptr;
  }
  return std::move(*store);
}

// True when the database knows the camera: it has counts, a background or ignore regions. Prints nothing.
Result<bool> camera_is_known(Store& store, const std::string& camera, const std::vector<IgnoreRegionRow>& regions,
                             std::vector<std::string>& cameras) {
  if (!regions.empty()) return true;
  auto counted = store.cameras();
  if (!counted) return counted.error();
  cameras = *counted;
  if (std::find(cameras.begin(), cameras.end(), camera) != cameras.end()) return true;
  auto background = store.read_background(camera);
  if (!background) return background.error();
  return background->has_value();
}

// The region (camera, --id), or nullptr after printing an error naming the camera's ids.
const IgnoreRegionRow* find_region(const std::vector<IgnoreRegionRow>& regions, const IgnoreRegionsOptions& o,
                                   const Store& store) {
  const auto it = std::find_if(regions.begin(), regions.end(), [&](const auto& r) { return r.id == o.id; });
  if (it != regions.end()) return &*it;
  print_error("--id " + std::to_string(o.id) + ": camera " + o.camera + " has no ignore region " +
              std::to_string(o.id) + " in " + store.describe() +
              (regions.empty() ? " (it has no ignore regions)" : " (its regions: " + ids_of(regions) + ")"));
  return nullptr;
}

// The store and the camera's regions; nullopt after printing the error.
struct Opened {
  std::unique_ptr<Store> store;
  std::vector<IgnoreRegionRow> regions;
};

std::optional<Opened> open_regions(const IgnoreRegionsOptions& o) {
  auto store = open(o);
  if (!store) return std::nullopt;
  auto regions = store->read_ignore_regions(o.camera);
  if (!regions) {
    print_error(regions.error().message);
    return std::nullopt;
  }
  return Opened{std::move(store), std::move(*regions)};
}

// The store and the region (camera, --id) an edit applies to; nullopt after printing the error.
struct Target {
  std::unique_ptr<Store> store;
  IgnoreRegionRow region;
};

std::optional<Target> open_target(const IgnoreRegionsOptions& o) {
  auto opened = open_regions(o);
  if (!opened) return std::nullopt;
  const IgnoreRegionRow* found = find_region(opened->regions, o, *opened->store);
  if (found == nullptr) return std::nullopt;
  return Target{std::move(opened->store), *found};
}

void print_table(const std::vector<IgnoreRegionRow>& regions) {
  std::printf("%-4s %-8s %7s %7s %7s %7s %-7s %s\n", "id", "origin", "x", "y", "width", "height", "enabled",
              "created");
  for (const IgnoreRegionRow& r : regions) {
    std::printf("%-4lld %-8s %7s %7s %7s %7s %-7s %s\n", static_cast<long long>(r.id), r.origin.c_str(),
                pixels(r.x).c_str(), pixels(r.y).c_str(), pixels(r.width).c_str(), pixels(r.height).c_str(),
                r.enabled ? "yes" : "no", format_iso8601(r.created_ms).c_str());
  }
}

void print_json(const std::vector<IgnoreRegionRow>& regions) {
  nlohmann::json list = nlohmann::json::array();
  for (const IgnoreRegionRow& r : regions) {
    list.push_back({{"id", r.id},
                    {"origin", r.origin},
                    {"x", r.x},
                    {"y", r.y},
                    {"width", r.width},
                    {"height", r.height},
                    {"enabled", r.enabled},
                    {"created", format_iso8601(r.created_ms)},
                    {"created_ms", r.created_ms}});
  }
  std::printf("%s\n", list.dump(2).c_str());
}

int run_list(const IgnoreRegionsOptions& o) {
  auto opened = open_regions(o);
  if (!opened) return kExitError;
  Store* store = opened->store.get();
  const std::vector<IgnoreRegionRow>* regions = &opened->regions;
  if (regions->empty()) {
    std::vector<std::string> cameras;
    auto known = camera_is_known(*store, o.camera, *regions, cameras);
    if (!known) {
      print_error(known.error().message);
      return kExitError;
    }
    if (!*known) {
      spdlog::warn("camera {}: not in {} (cameras with counts: {})", o.camera, store->describe(),
                   cameras.empty() ? "none yet" : joined(cameras));
    } else {
      std::fprintf(stderr, "camera %s: no ignore regions\n", o.camera.c_str());
    }
  }
  if (o.format == "json") {
    print_json(*regions);
  } else {
    print_table(*regions);
  }
  return kExitOk;
}

int run_add(const IgnoreRegionsOptions& o) {
  auto parsed = parse_ignore_region_flag(o.box, "--box");
  if (!parsed) {
    print_error(parsed.error().message);
    return kExitUsage;
  }
  const Box& box = parsed->box;
  if (box.width < 1.0f || box.height < 1.0f) {
    print_error("--box '" + o.box + "': width and height are in pixels and must be at least 1 (normalised 0..1 "
                "coordinates are not accepted here)");
    return kExitUsage;
  }
  auto opened = open_regions(o);
  if (!opened) return kExitError;
  Store* store = opened->store.get();
  const std::vector<IgnoreRegionRow>* regions = &opened->regions;
  // The stored background has the camera's frame size: a box reaching beyond it is a mistake.
  auto background = store->read_background(o.camera);
  if (!background) {
    print_error(background.error().message);
    return kExitError;
  }
  if (*background) {
    const int w = (*background)->width;
    const int h = (*background)->height;
    if (box.x + box.width > static_cast<float>(w) || box.y + box.height > static_cast<float>(h)) {
      print_error("--box '" + o.box + "': reaches beyond the " + std::to_string(w) + "x" + std::to_string(h) +
                  " frame of camera " + o.camera);
      return kExitUsage;
    }
  }
  std::vector<std::string> cameras;
  auto known = camera_is_known(*store, o.camera, *regions, cameras);
  if (!known) {
    print_error(known.error().message);
    return kExitError;
  }
  if (!*known) {
    // Allowed: the operator may set regions up before the camera first runs. Warn in case the name is a typo.
    spdlog::warn("camera {}: not in {} yet (cameras with counts: {}); adding the region anyway, check the name",
                 o.camera, store->describe(), cameras.empty() ? "none" : joined(cameras));
  }

  IgnoreRegionRow row;
  row.camera = o.camera;
  row.x = box.x;
  row.y = box.y;
  row.width = box.width;
  row.height = box.height;
  row.origin = std::string(to_string(IgnoreOrigin::operator_set));
  row.created_ms = SystemClock().now_ms();
  row.enabled = !o.disabled;
  auto id = store->add_ignore_region(row);
  if (!id) {
    print_error(id.error().message);
    return kExitError;
  }
  std::printf("%lld\n", static_cast<long long>(*id));
  std::fprintf(stderr, "camera %s: added ignore region %lld at %s%s\n", o.camera.c_str(),
               static_cast<long long>(*id), box_text(row).c_str(), row.enabled ? "" : " (disabled)");
  return kExitOk;
}

int run_set_enabled(const IgnoreRegionsOptions& o, bool enabled) {
  auto target = open_target(o);
  if (!target) return kExitError;
  Store* store = target->store.get();
  const IgnoreRegionRow* found = &target->region;
  const char* state = enabled ? "enabled" : "disabled";
  if (found->enabled == enabled) {
    std::fprintf(stderr, "camera %s: ignore region %lld is already %s\n", o.camera.c_str(),
                 static_cast<long long>(o.id), state);
    return kExitOk;
  }
  IgnoreRegionRow row = *found;
  row.enabled = enabled;
  if (Status s = store->update_ignore_region(row); !s) {
    print_error(s.error().message);
    return kExitError;
  }
  std::fprintf(stderr, "camera %s: ignore region %lld (%s, %s) %s\n", o.camera.c_str(), static_cast<long long>(o.id),
               row.origin.c_str(), box_text(row).c_str(), state);
  return kExitOk;
}

int run_delete(const IgnoreRegionsOptions& o) {
  auto target = open_target(o);
  if (!target) return kExitError;
  Store* store = target->store.get();
  const IgnoreRegionRow* found = &target->region;
  if (Status s = store->delete_ignore_region(o.camera, o.id); !s) {
    print_error(s.error().message);
    return kExitError;
  }
  std::fprintf(stderr, "camera %s: ignore region %lld (%s, %s) deleted%s\n", o.camera.c_str(),
               static_cast<long long>(o.id), found->origin.c_str(), box_text(*found).c_str(),
               found->origin == "learned" ? "; it may be learned again (disable it to keep it from coming back)"
                                          : "");
  return kExitOk;
}

// --camera, --database and -c on each subcommand.
void add_store_flags(CLI::App& cmd, IgnoreRegionsOptions& o) {
  cmd.add_option("--camera", o.camera, "Camera name")
      ->required()
      ->check([](const std::string& v) { return v.empty() ? std::string("must not be empty") : std::string(); });
  cmd.add_option("--database", o.database, "Database (default: the config's, else footfall.db)");
  cmd.add_option("-c,--config", o.config, "Take the database from this configuration file");
}

void add_id_flag(CLI::App& cmd, IgnoreRegionsOptions& o) {
  cmd.add_option("--id", o.id, "Region id, as printed by `ignore-regions list`")
      ->required()
      ->check([](const std::string& v) {
        // Not a number: left to the conversion, which says so.
        char* end = nullptr;
        const long long id = std::strtoll(v.c_str(), &end, 10);
        return end != v.c_str() && *end == '\0' && id <= 0 ? "'" + v + "' is not a region id (ids start at 1)"
                                                           : std::string();
      });
}

}  // namespace

void add_ignore_regions_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<IgnoreRegionsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "ignore-regions",
      "List and edit a camera's ignore regions: boxes (frame pixels) where static look-alikes are not counted");
  cmd->require_subcommand(1);

  CLI::App* list = cmd->add_subcommand("list", "Print the camera's ignore regions, learned and operator-set");
  add_store_flags(*list, *o);
  list->add_option("--format", o->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  list->callback([o, &exit_code] { exit_code = run_list(*o); });

  CLI::App* add = cmd->add_subcommand("add", "Add an operator region; prints its id");
  add_store_flags(*add, *o);
  add->add_option("--box", o->box,
                  "x,y,width,height in frame pixels (top-left corner and size; normalised 0..1 boxes are not "
                  "accepted)")
      ->required();
  add->add_flag("--disabled", o->disabled, "Store the region disabled");
  add->callback([o, &exit_code] { exit_code = run_add(*o); });

  CLI::App* disable = cmd->add_subcommand(
      "disable", "Keep a region but drop nothing in it (a disabled learned region is not learned again)");
  add_store_flags(*disable, *o);
  add_id_flag(*disable, *o);
  disable->callback([o, &exit_code] { exit_code = run_set_enabled(*o, false); });

  CLI::App* enable = cmd->add_subcommand("enable", "Drop detections in a disabled region again");
  add_store_flags(*enable, *o);
  add_id_flag(*enable, *o);
  enable->callback([o, &exit_code] { exit_code = run_set_enabled(*o, true); });

  CLI::App* remove = cmd->add_subcommand("delete", "Remove a region (a learned one may be learned again)");
  add_store_flags(*remove, *o);
  add_id_flag(*remove, *o);
  remove->callback([o, &exit_code] { exit_code = run_delete(*o); });
}

}  // namespace footfall::cli

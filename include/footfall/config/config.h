// The footfall YAML configuration (Frigate-style): load, validate, and defaults. Every key is documented in
// docs/configuration.md and configs/footfall.example.yaml. Errors name the file, the key path and the problem.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "footfall/analytics/staffing.h"
#include "footfall/core/geometry.h"
#include "footfall/core/params.h"
#include "footfall/core/result.h"
#include "footfall/core/time.h"
#include "footfall/track/tracker_params.h"

namespace footfall {

// A directed counting line (issue 3): `in` is a crossing from the left-hand to the right-hand side as you walk
// from a to b on the image (y down).
struct LineConfig {
  std::string name;
  Point a;
  Point b;
  bool normalized = false;          // a and b in 0..1 of the frame size, else pixels
  float hysteresis_px = 6.0f;       // the band on either side of the line that must be left before a crossing
  float hysteresis_fraction = 0.1f;  // ... or this fraction of the box height, whichever is larger
};

// A zone (issue 3): a person is inside when the bottom-centre of their box is.
struct ZoneConfig {
  std::string name;
  Polygon polygon;
  bool normalized = false;
  double inertia_seconds = 2.0;  // absences shorter than this do not end a visit
  bool queue = false;            // report queue length and estimated wait
};

struct CameraConfig {
  // The name its rows, events, topics and API routes use. For a camera of a store it is qualified by the store,
  // "<store>.<local_name>", so that many boxes can write into one database (issue 6); for a camera in no store it is
  // its name in the `cameras` section.
  std::string name;
  std::string local_name;  // the camera's name in the `cameras` section
  std::string store;       // the store it belongs to; empty: none
  std::string source;                   // after ${ENV} substitution
  std::optional<std::string> kind;      // YAML `type`: file, stream, device, inbox, image; empty = detect from source
  bool enabled = true;
  // Default 5 fps. sampling_set says whether the file set it: when it did not, the pipeline analyses every frame of
  // a file (files are processed as fast as possible) and keeps 5 fps for live sources and for files played in real
  // time (playback_speed).
  SamplingParams sampling = SamplingParams::fps(5.0);
  bool sampling_set = false;
  std::optional<TimestampMs> start_time;  // files only: timestamp of the first frame
  // Files only: 0 = decoded as fast as possible; > 0 = played in real time at this speed (1 = the file's own frame
  // rate, 0.5 = half speed), as a stand-in for a live camera. Timestamps stay the file's own.
  double playback_speed = 0.0;
  Polygon roi;                          // pixels, or normalised 0..1 when roi_normalized
  bool roi_normalized = false;
  DetectParams detect;                  // camera overrides merged over the global detect section
  TrackerParams tracking;               // camera overrides merged over the global tracking section
  bool keep = false;                    // inbox: keep snapshots after counting
  std::vector<LineConfig> lines;
  std::vector<ZoneConfig> zones;
  // Static look-alikes (signs, mannequins): a place where a person is detected but whose pixels do not change for
  // this many seconds becomes a learned ignore region; 0 = off (operator regions still apply).
  double static_ignore_seconds = 20.0;
};

// A store (issue 3): cameras that belong to it, opening hours in local time, and the door lines whose crossings
// make its running occupancy (entries - exits since opening).
struct OpeningInterval {
  int open_minute = 0;   // minutes after local midnight, inclusive
  int close_minute = 0;  // exclusive; 1440 = midnight at the end of the day; > open_minute
};

struct EntryLine {
  std::string camera;  // qualified name (CameraConfig::name)
  std::string line;  // a line of that camera; a crossing `in` is an entry, `out` an exit
};

struct StoreConfig {
  std::string name;  // unique across every box writing into the same database
  std::string timezone = "UTC";  // IANA name, validated at load
  // Index 0 = Monday ... 6 = Sunday; sorted, non-overlapping; empty = closed that day. Default: open all day.
  std::array<std::vector<OpeningInterval>, 7> hours;
  std::vector<std::string> cameras;    // the store's cameras, qualified names (entry lines' cameras always included)
  std::vector<EntryLine> entry_lines;
  // Staff needed per hour (issue 4): floor associates by a ratio, checkout tills by Erlang C.
  StaffingPolicy staffing;
};

// How long the database keeps each kind of row (0 = forever). Raw per-frame rows are the bulk; minute and hour
// rollups answer reports; crossings, visits and store occupancy events are always kept in full.
struct RetentionConfig {
  int raw_days = 7;
  int minute_days = 400;
  int hour_days = 0;
};

struct StorageConfig {
  std::string database = "footfall.db";  // sqlite path or URL
  int batch_rows = 64;                   // commit when this many rows are pending (1..100000)
  int batch_ms = 1000;                   // ... or when the oldest pending row is this old (0..3600000 ms)
  RetentionConfig retention;
};

// The HTTP server of `footfall serve` (issue 5): where it listens, TLS, limits, browser sessions and the dashboard.
struct ServerConfig {
  std::string bind = "127.0.0.1";  // IPv4 or IPv6 address, or localhost; 0.0.0.0 listens on every interface
  int port = 8080;                 // 0 = any free port (the server logs the one it bound)
  std::string tls_cert;            // PEM certificate (chain) file; with tls_key, the server speaks HTTPS only
  std::string tls_key;             // PEM private key file
  std::int64_t max_body_bytes = 10 * 1024 * 1024;  // larger request bodies are refused (413) before being read
  double session_hours = 12.0;     // a dashboard session cookie expires this long after login
  std::string web_root;            // the built dashboard; empty = <exe dir>/../share/footfall/web, else web/dist
  int threads = 32;                // request threads; each open live-event stream holds one
  // Request threads run this much nicer than the camera pipelines (Linux thread nice, 0..19), so that a burst of API
  // requests slows the API, not the analysis of the cameras. 0 = same priority.
  int request_nice = 10;
  bool tls() const { return !tls_cert.empty(); }
};

// The MQTT publisher (issue 6, docs/mqtt.md): Frigate-shaped topics, Home Assistant discovery and crossing/visit
// events on a broker. On when the `mqtt` section is present.
struct MqttConfig {
  bool enabled = false;             // the section is present (and `enabled` is not false)
  std::string host = "localhost";
  int port = 1883;
  std::string prefix = "footfall";  // topic prefix: <prefix>/available, <prefix>/<camera>/person, ...
  std::string client_id;            // empty: footfall-<hostname>-<pid>
  std::string username;             // empty: anonymous
  std::string password;             // ${ENV} substituted like every string
  bool tls = false;                 // the `tls` map is present
  std::string tls_ca_file;          // PEM CA(s) that signed the broker's certificate; empty: the OS trust store
  std::string tls_cert_file;        // client certificate (PEM), with tls_key_file, for brokers that require one
  std::string tls_key_file;
  bool discovery = true;            // Home Assistant MQTT discovery
  std::string discovery_prefix = "homeassistant";
  int keepalive_s = 60;
  int qos = 1;                      // retained state and discovery; events use at least 1
  std::string spool_dir;            // events waiting for the broker; empty: <spool.dir>/mqtt
};

// The edge spool (issue 6): rows the database cannot take now wait on local disk (fsync'd, replayed in order when it
// is back). The store writer's spool is the folder `<dir>/store`. Each spool is bounded by max_mb.
struct SpoolConfig {
  std::string dir = "footfall-spool";  // resolved at load: as given, else default_spool_dir(storage.database)
  std::int64_t max_mb = 1024;         // unsent data per spool (1..1048576); new rows are refused beyond it
  int warn_percent = 80;              // a warning (and the metric) when a spool is this full (1..100)
};

// `footfall-spool` next to a SQLite database file (sqlite:PATH, sqlite://PATH or a plain path), or in the working
// directory for a PostgreSQL URL.
std::string default_spool_dir(const std::string& database);

struct AppConfig {
  StorageConfig storage;
  ServerConfig server;
  ModelParams model;
  DetectParams detect;
  TrackerParams tracking;  // the tracker's settings for every camera (each may override them)
  std::vector<CameraConfig> cameras;
  std::vector<StoreConfig> stores;
  SpoolConfig spool;
  MqttConfig mqtt;
  std::string log_level = "info";        // trace, debug, info, warn or error
};

// "<store>.<camera>": the name under which a camera of a store is stored and served. Names of stores and cameras
// are letters, digits, '_' and '-', so the '.' is unambiguous.
std::string qualified_camera_name(const std::string& store, const std::string& local_name);

// The camera called `name`: its qualified name, or its local name when exactly one camera has it (so that
// `--camera door` works on a box whose only door is "north.door"). nullptr when there is none (or several).
const CameraConfig* find_camera_by_name(const AppConfig& config, const std::string& name);

// Among camera names as stored (`names`), the one `name` means: itself, else the only "<store>.<name>". nullptr when
// there is none, or several (the caller lists `names`).
const std::string* match_camera_name(const std::vector<std::string>& names, const std::string& name);

// The sampling a camera really uses: what the file set, else every frame for files, images and inboxes (each
// snapshot counts) and 5 fps for live streams and devices and for files played in real time (playback_speed > 0).
// `kind` is the camera's source kind name.
SamplingParams effective_sampling(const CameraConfig& camera, const std::string& kind);

// Parses YAML text; `origin` (usually the file name) prefixes every error. The error lists every problem found,
// one per line: "ORIGIN: KEY.PATH: PROBLEM", or "ORIGIN:LINE:COLUMN: malformed YAML: ..." when the text is not YAML.
Result<AppConfig> parse_config(const std::string& yaml_text, const std::string& origin);
Result<AppConfig> load_config(const std::filesystem::path& path);

// Replaces ${NAME} and ${NAME:-default} with environment values (the default also replaces an empty value);
// "$${" is a literal "${". The error names the unset variable.
Result<std::string> substitute_env(const std::string& text);

}  // namespace footfall

#include "count_output.h"

#include <nlohmann/json.hpp>

namespace footfall::cli {

namespace {

void print_summary(std::FILE* out, const CountSummary& s) {
  std::fprintf(out, "%s: %lld frames analysed in %.1f s (%.1f fps); persons per frame mean %.2f, min %d, max %d\n",
               s.input.c_str(), static_cast<long long>(s.frames), s.seconds,
               s.seconds > 0 ? static_cast<double>(s.frames) / s.seconds : 0.0, s.mean_count, s.min_count,
               s.max_count);
  for (const LineSummary& l : s.lines) {
    std::fprintf(out, "  line %s: in %lld, out %lld\n", l.name.c_str(), static_cast<long long>(l.in),
                 static_cast<long long>(l.out));
  }
  for (const ZoneSummary& z : s.zones) {
    std::fprintf(out, "  zone %s: %lld visits, dwell mean %.1f s, median %.1f s, max %.1f s; occupancy mean %.2f, "
                 "max %d", z.name.c_str(), static_cast<long long>(z.dwell.visits), z.dwell.mean_s, z.dwell.median_s,
                 z.dwell.max_s, z.mean_occupancy, z.max_occupancy);
    if (z.queue) {
      if (z.littles_law_wait_s) {
        std::fprintf(out, "; queue wait (Little's law) %.1f s", *z.littles_law_wait_s);
      } else {
        std::fprintf(out, "; queue wait unknown (no arrivals)");
      }
    }
    std::fputc('\n', out);
  }
}

nlohmann::json lines_json(const std::vector<LineSummary>& lines) {
  nlohmann::json out = nlohmann::json::object();
  for (const LineSummary& l : lines) out[l.name] = {{"in", l.in}, {"out", l.out}};
  return out;
}

nlohmann::json zones_json(const std::vector<ZoneSummary>& zones) {
  nlohmann::json out = nlohmann::json::object();
  for (const ZoneSummary& z : zones) {
    nlohmann::json zone = {{"visits", z.dwell.visits},
                           {"dwell_mean_s", z.dwell.mean_s},
                           {"dwell_median_s", z.dwell.median_s},
                           {"dwell_p90_s", z.dwell.p90_s},
                           {"dwell_max_s", z.dwell.max_s},
                           {"occupancy_mean", z.mean_occupancy},
                           {"occupancy_max", z.max_occupancy},
                           {"queue", z.queue}};
    if (z.queue) zone["queue_wait_s"] = z.littles_law_wait_s ? nlohmann::json(*z.littles_law_wait_s) : nullptr;
    out[z.name] = std::move(zone);
  }
  return out;
}

class TableOutput final : public CountOutput {
 public:
  explicit TableOutput(std::FILE* out) : out_(out) {}
  void begin(bool multiple_inputs) override {
    multiple_ = multiple_inputs;
    std::fprintf(out_, "%s%8s  %-24s  %5s  %7s  %9s\n", multiple_ ? "input  " : "", "frame", "timestamp", "count",
                 "tracked", "mean conf");
  }
  void frame(const std::string& input, const FrameCount& c, const TrackedFrame& tracked,
             const TrackCounter& /*counter*/) override {
    if (multiple_) std::fprintf(out_, "%s  ", input.c_str());
    std::fprintf(out_, "%8lld  %-24s  %5d  %7d  %9.2f\n", static_cast<long long>(c.frame_index),
                 format_iso8601(c.timestamp_ms).c_str(), c.count, tracked.tracked_count,
                 static_cast<double>(c.mean_confidence));
  }
  void input_done(const CountSummary& s) override { print_summary(out_, s); }
  void end(const std::vector<LineSummary>&, const std::vector<ZoneSummary>&) override { std::fflush(out_); }

 private:
  std::FILE* out_;
  bool multiple_ = false;
};

// CSV: "frame,timestamp,count,tracked" for one input; "input,frame,timestamp,count,tracked" for several.
class CsvOutput final : public CountOutput {
 public:
  explicit CsvOutput(std::FILE* out) : out_(out) {}
  void begin(bool multiple_inputs) override {
    multiple_ = multiple_inputs;
    std::fprintf(out_, "%sframe,timestamp,count,tracked\n", multiple_ ? "input," : "");
  }
  void frame(const std::string& input, const FrameCount& c, const TrackedFrame& tracked,
             const TrackCounter& /*counter*/) override {
    if (multiple_) std::fprintf(out_, "%s,", csv_field(input).c_str());
    std::fprintf(out_, "%lld,%s,%d,%d\n", static_cast<long long>(c.frame_index),
                 format_iso8601(c.timestamp_ms).c_str(), c.count, tracked.tracked_count);
  }
  void input_done(const CountSummary& s) override { print_summary(stderr, s); }
  void end(const std::vector<LineSummary>&, const std::vector<ZoneSummary>&) override { std::fflush(out_); }

 private:
  static std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return q + "\"";
  }
  std::FILE* out_;
  bool multiple_ = false;
};

// JSON: {"frames": [...], "summaries": [...], "lines": {...}, "zones": {...}}, streamed frame by frame so memory
// stays flat on long inputs.
class JsonOutput final : public CountOutput {
 public:
  explicit JsonOutput(std::FILE* out) : out_(out) {}
  void begin(bool /*multiple_inputs*/) override { std::fputs("{\"frames\": [", out_); }
  void frame(const std::string& input, const FrameCount& c, const TrackedFrame& tracked,
             const TrackCounter& counter) override {
    nlohmann::json boxes = nlohmann::json::array();
    for (const Detection& d : c.detections) {
      boxes.push_back({{"x", d.box.x}, {"y", d.box.y}, {"width", d.box.width}, {"height", d.box.height},
                       {"confidence", d.confidence}});
    }
    nlohmann::json row = {{"input", input},
                          {"frame", c.frame_index},
                          {"timestamp", format_iso8601(c.timestamp_ms)},
                          {"timestamp_ms", c.timestamp_ms},
                          {"count", c.count},
                          {"tracked", tracked.tracked_count},
                          {"mean_confidence", c.mean_confidence},
                          {"boxes", boxes}};
    if (!counter.zones().empty()) {
      nlohmann::json zones = nlohmann::json::object();
      for (std::size_t i = 0; i < counter.zones().size() && i < tracked.zone_occupancy.size(); ++i) {
        zones[counter.zones()[i].name] = tracked.zone_occupancy[i];
      }
      row["zones"] = std::move(zones);
    }
    if (!tracked.crossings.empty()) {
      nlohmann::json crossings = nlohmann::json::array();
      for (const LineCrossing& x : tracked.crossings) {
        crossings.push_back({{"line", x.line}, {"direction", to_string(x.direction)}, {"track", x.track_id}});
      }
      row["crossings"] = std::move(crossings);
    }
    std::fprintf(out_, "%s\n  %s", first_ ? "" : ",", row.dump().c_str());
    first_ = false;
  }
  void input_done(const CountSummary& s) override {
    nlohmann::json summary = {{"input", s.input},       {"frames", s.frames},       {"mean_count", s.mean_count},
                              {"min_count", s.min_count}, {"max_count", s.max_count}, {"seconds", s.seconds},
                              {"warning", s.warning}};
    if (!s.lines.empty()) summary["lines"] = lines_json(s.lines);
    if (!s.zones.empty()) summary["zones"] = zones_json(s.zones);
    summaries_.push_back(std::move(summary));
    print_summary(stderr, s);
  }
  void end(const std::vector<LineSummary>& lines, const std::vector<ZoneSummary>& zones) override {
    std::fprintf(out_, "\n], \"summaries\": %s, \"lines\": %s, \"zones\": %s}\n", summaries_.dump().c_str(),
                 lines_json(lines).dump().c_str(), zones_json(zones).dump().c_str());
    std::fflush(out_);
  }

 private:
  std::FILE* out_;
  bool first_ = true;
  nlohmann::json summaries_ = nlohmann::json::array();
};

}  // namespace

std::unique_ptr<CountOutput> make_count_output(const std::string& format, std::FILE* out) {
  if (format == "csv") return std::make_unique<CsvOutput>(out);
  if (format == "json") return std::make_unique<JsonOutput>(out);
  return std::make_unique<TableOutput>(out);
}

}  // namespace footfall::cli

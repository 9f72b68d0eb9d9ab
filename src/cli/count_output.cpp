#include "count_output.h"

#include <nlohmann/json.hpp>

namespace footfall::cli {

namespace {

void print_summary(std::FILE* out, const CountSummary& s) {
  std::fprintf(out, "%s: %lld frames analysed in %.1f s (%.1f fps); persons per frame mean %.2f, min %d, max %d\n",
               s.input.c_str(), static_cast<long long>(s.frames), s.seconds,
               s.seconds > 0 ? static_cast<double>(s.frames) / s.seconds : 0.0, s.mean_count, s.min_count,
               s.max_count);
}

class TableOutput final : public CountOutput {
 public:
  explicit TableOutput(std::FILE* out) : out_(out) {}
  void begin(bool multiple_inputs) override {
    multiple_ = multiple_inputs;
    std::fprintf(out_, "%s%8s  %-24s  %5s  %7s  %9s\n", multiple_ ? "input  " : "", "frame", "timestamp", "count",
                 "tracked", "mean conf");
  }
  void frame(const std::string& input, const FrameCount& c, int tracked) override {
    if (multiple_) std::fprintf(out_, "%s  ", input.c_str());
    std::fprintf(out_, "%8lld  %-24s  %5d  %7d  %9.2f\n", static_cast<long long>(c.frame_index),
                 format_iso8601(c.timestamp_ms).c_str(), c.count, tracked, static_cast<double>(c.mean_confidence));
  }
  void input_done(const CountSummary& s) override { print_summary(out_, s); }
  void end() override { std::fflush(out_); }

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
  void frame(const std::string& input, const FrameCount& c, int tracked) override {
    if (multiple_) std::fprintf(out_, "%s,", csv_field(input).c_str());
    std::fprintf(out_, "%lld,%s,%d,%d\n", static_cast<long long>(c.frame_index),
                 format_iso8601(c.timestamp_ms).c_str(), c.count, tracked);
  }
  void input_done(const CountSummary& s) override { print_summary(stderr, s); }
  void end() override { std::fflush(out_); }

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

// JSON: {"frames": [...], "summaries": [...]}, streamed frame by frame so memory stays flat on long inputs.
class JsonOutput final : public CountOutput {
 public:
  explicit JsonOutput(std::FILE* out) : out_(out) {}
  void begin(bool /*multiple_inputs*/) override { std::fputs("{\"frames\": [", out_); }
  void frame(const std::string& input, const FrameCount& c, int tracked) override {
    nlohmann::json boxes = nlohmann::json::array();
    for (const Detection& d : c.detections) {
      boxes.push_back({{"x", d.box.x}, {"y", d.box.y}, {"width", d.box.width}, {"height", d.box.height},
                       {"confidence", d.confidence}});
    }
    const nlohmann::json row = {{"input", input},
                                {"frame", c.frame_index},
                                {"timestamp", format_iso8601(c.timestamp_ms)},
                                {"timestamp_ms", c.timestamp_ms},
                                {"count", c.count},
                                {"tracked", tracked},
                                {"mean_confidence", c.mean_confidence},
                                {"boxes", boxes}};
    std::fprintf(out_, "%s\n  %s", first_ ? "" : ",", row.dump().c_str());
    first_ = false;
  }
  void input_done(const CountSummary& s) override {
    summaries_.push_back({{"input", s.input},
                          {"frames", s.frames},
                          {"mean_count", s.mean_count},
                          {"min_count", s.min_count},
                          {"max_count", s.max_count},
                          {"seconds", s.seconds},
                          {"warning", s.warning}});
    print_summary(stderr, s);
  }
  void end() override {
    std::fprintf(out_, "\n], \"summaries\": %s}\n", summaries_.dump().c_str());
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

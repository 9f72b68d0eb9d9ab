#include "footfall/app/count_metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace footfall {

Result<std::map<std::int64_t, int>> load_mot_counts(const std::filesystem::path& gt_path) {
  std::ifstream in(gt_path);
  if (!in) return make_error(gt_path.string() + ": cannot open ground truth file");
  std::map<std::int64_t, int> counts;
  std::string line;
  std::int64_t line_no = 0;
  std::int64_t max_frame = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::stringstream ss(line);
    std::string field;
    std::vector<std::string> fields;
    while (std::getline(ss, field, ',')) fields.push_back(field);
    if (fields.size() < 7) {
      return make_error(gt_path.string() + ":" + std::to_string(line_no) +
                        ": expected at least 7 comma-separated fields (frame,id,left,top,width,height,conf)");
    }
    char* end = nullptr;
    const long long frame = std::strtoll(fields[0].c_str(), &end, 10);
    const double conf = std::strtod(fields[6].c_str(), nullptr);
    if (end == fields[0].c_str() || frame < 1) {
      return make_error(gt_path.string() + ":" + std::to_string(line_no) + ": bad frame number '" + fields[0] + "'");
    }
    max_frame = std::max<std::int64_t>(max_frame, frame);
    if (conf == 1.0) ++counts[frame];
  }
  for (std::int64_t f = 1; f <= max_frame; ++f) counts.try_emplace(f, 0);
  return counts;
}

CountMetrics compare_counts(const std::map<std::int64_t, int>& truth, const std::map<std::int64_t, int>& predicted) {
  CountMetrics m;
  double abs_sum = 0.0;
  double signed_sum = 0.0;
  std::size_t exact = 0;
  for (const auto& [frame, expected] : truth) {
    const auto it = predicted.find(frame);
    const int got = it == predicted.end() ? 0 : it->second;
    abs_sum += std::abs(got - expected);
    signed_sum += got - expected;
    exact += got == expected ? 1 : 0;
    ++m.frames;
  }
  if (m.frames > 0) {
    const auto n = static_cast<double>(m.frames);
    m.mae = abs_sum / n;
    m.bias = signed_sum / n;
    m.exact_share = static_cast<double>(exact) / n;
  }
  return m;
}

}  // namespace footfall

#include "footfall/track/mot_metrics.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "footfall/track/assignment.h"

namespace footfall {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool parse_number(std::string_view field, double& out) {
  field = trim(field);
  if (field.empty()) return false;
  const char* end = field.data() + field.size();
  const auto [ptr, ec] = std::from_chars(field.data(), end, out);
  return ec == std::errc() && ptr == end && std::isfinite(out);
}

// Rows grouped by frame, as indices into the row vector.
std::map<int, std::vector<std::size_t>> by_frame(const MotRows& rows) {
  std::map<int, std::vector<std::size_t>> frames;
  for (std::size_t i = 0; i < rows.size(); ++i) frames[rows[i].frame].push_back(i);
  return frames;
}

double ratio(int numerator, int denominator) {
  return denominator > 0 ? static_cast<double>(numerator) / static_cast<double>(denominator) : 0.0;
}

}  // namespace

Result<MotRows> parse_mot(std::string_view text) {
  MotRows rows;
  int line_number = 0;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    std::string_view line = trim(text.substr(0, newline));
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    ++line_number;
    if (line.empty()) continue;

    std::vector<double> values;
    while (true) {
      const std::size_t comma = line.find(',');
      double value = 0.0;
      if (!parse_number(line.substr(0, comma), value)) {
        return make_error("line " + std::to_string(line_number) + ": field " + std::to_string(values.size() + 1) +
                          " is not a number");
      }
      values.push_back(value);
      if (comma == std::string_view::npos) break;
      line.remove_prefix(comma + 1);
    }
    if (values.size() < 7) {
      return make_error("line " + std::to_string(line_number) + ": expected at least 7 fields, got " +
                        std::to_string(values.size()));
    }
    if (values[0] < 1.0 || values[0] != std::floor(values[0])) {
      return make_error("line " + std::to_string(line_number) + ": frame must be an integer >= 1");
    }
    if (values[1] != std::floor(values[1])) {
      return make_error("line " + std::to_string(line_number) + ": id must be an integer");
    }
    MotRow row;
    row.frame = static_cast<int>(values[0]);
    row.id = static_cast<std::int64_t>(values[1]);
    row.box = {static_cast<float>(values[2]), static_cast<float>(values[3]), static_cast<float>(values[4]),
               static_cast<float>(values[5])};
    row.confidence = static_cast<float>(values[6]);
    rows.push_back(row);
  }
  return rows;
}

std::string format_mot(const MotRows& rows) {
  std::string out;
  char line[160];
  for (const MotRow& row : rows) {
    const int n = std::snprintf(line, sizeof line, "%d,%lld,%.2f,%.2f,%.2f,%.2f,%.4g,-1,-1,-1\n", row.frame,
                                static_cast<long long>(row.id), static_cast<double>(row.box.x),
                                static_cast<double>(row.box.y), static_cast<double>(row.box.width),
                                static_cast<double>(row.box.height), static_cast<double>(row.confidence));
    if (n > 0) out.append(line, static_cast<std::size_t>(n));
  }
  return out;
}

MotRows ground_truth_rows(const MotRows& rows) {
  MotRows out;
  for (const MotRow& row : rows) {
    if (row.confidence == 1.0f) out.push_back(row);
  }
  return out;
}

MotRows mot_rows(int frame, const Tracks& tracks) {
  MotRows out;
  for (const Track& track : tracks) {
    if (track.confirmed()) out.push_back({frame, track.id, track.box, track.confidence});
  }
  return out;
}

int confirmed_count(const Tracks& tracks) {
  int count = 0;
  for (const Track& track : tracks) count += track.confirmed() ? 1 : 0;
  return count;
}

std::vector<int> count_per_frame(const MotRows& rows, int frame_count) {
  std::vector<int> counts(static_cast<std::size_t>(std::max(frame_count, 0)), 0);
  for (const MotRow& row : rows) {
    if (row.frame >= 1 && row.frame <= frame_count) ++counts[static_cast<std::size_t>(row.frame - 1)];
  }
  return counts;
}

ClearMot compute_clear_mot(const MotRows& ground_truth, const MotRows& predictions, float min_iou) {
  ClearMot m;
  m.ground_truth = static_cast<int>(ground_truth.size());
  m.predictions = static_cast<int>(predictions.size());
  const auto gt_frames = by_frame(ground_truth);
  const auto pred_frames = by_frame(predictions);
  std::map<std::int64_t, std::int64_t> last_match;  // ground-truth id -> predicted id of its latest match
  double iou_sum = 0.0;
  static const std::vector<std::size_t> kNone;

  for (const auto& [frame, gt_indices] : gt_frames) {
    const auto found = pred_frames.find(frame);
    const std::vector<std::size_t>& pred_indices = found == pred_frames.end() ? kNone : found->second;
    std::vector<char> gt_used(gt_indices.size(), 0);
    std::vector<char> pred_used(pred_indices.size(), 0);
    int frame_matches = 0;

    // Keep the previous correspondences that are still valid.
    for (std::size_t g = 0; g < gt_indices.size(); ++g) {
      const MotRow& gt = ground_truth[gt_indices[g]];
      const auto previous = last_match.find(gt.id);
      if (previous == last_match.end()) continue;
      for (std::size_t p = 0; p < pred_indices.size(); ++p) {
        const MotRow& pred = predictions[pred_indices[p]];
        if (pred_used[p] || pred.id != previous->second) continue;
        const float overlap = iou(gt.box, pred.box);
        if (overlap >= min_iou) {
          gt_used[g] = pred_used[p] = 1;
          iou_sum += overlap;
          ++frame_matches;
        }
        break;
      }
    }

    // Match the rest by minimum total 1 - IoU.
    std::vector<std::size_t> free_gt;
    std::vector<std::size_t> free_pred;
    for (std::size_t g = 0; g < gt_indices.size(); ++g) {
      if (!gt_used[g]) free_gt.push_back(g);
    }
    for (std::size_t p = 0; p < pred_indices.size(); ++p) {
      if (!pred_used[p]) free_pred.push_back(p);
    }
    if (!free_gt.empty() && !free_pred.empty()) {
      CostMatrix cost(static_cast<int>(free_gt.size()), static_cast<int>(free_pred.size()));
      for (std::size_t r = 0; r < free_gt.size(); ++r) {
        for (std::size_t c = 0; c < free_pred.size(); ++c) {
          const float overlap =
              iou(ground_truth[gt_indices[free_gt[r]]].box, predictions[pred_indices[free_pred[c]]].box);
          cost.at(static_cast<int>(r), static_cast<int>(c)) = 1.0 - static_cast<double>(overlap);
        }
      }
      const Assignment assignment = solve_assignment(cost, 1.0 - static_cast<double>(min_iou) + 1e-9);
      for (std::size_t r = 0; r < free_gt.size(); ++r) {
        const int c = assignment.row_to_col[r];
        if (c < 0) continue;
        const MotRow& gt = ground_truth[gt_indices[free_gt[r]]];
        const MotRow& pred = predictions[pred_indices[free_pred[static_cast<std::size_t>(c)]]];
        const auto previous = last_match.find(gt.id);
        if (previous != last_match.end() && previous->second != pred.id) ++m.id_switches;
        last_match[gt.id] = pred.id;
        iou_sum += 1.0 - cost.at(static_cast<int>(r), c);
        ++frame_matches;
      }
    }
    m.matches += frame_matches;
    m.false_negatives += static_cast<int>(gt_indices.size()) - frame_matches;
  }
  m.false_positives = m.predictions - m.matches;
  m.mota = m.ground_truth > 0
               ? 1.0 - static_cast<double>(m.false_negatives + m.false_positives + m.id_switches) / m.ground_truth
               : (m.predictions == 0 ? 1.0 : 0.0);
  m.motp = m.matches > 0 ? iou_sum / m.matches : 0.0;
  return m;
}

IdentityMetrics compute_identity_metrics(const MotRows& ground_truth, const MotRows& predictions, float min_iou) {
  std::unordered_map<std::int64_t, int> gt_ids;
  std::unordered_map<std::int64_t, int> pred_ids;
  for (const MotRow& row : ground_truth) gt_ids.emplace(row.id, static_cast<int>(gt_ids.size()));
  for (const MotRow& row : predictions) pred_ids.emplace(row.id, static_cast<int>(pred_ids.size()));

  // Frames in which each (ground-truth id, predicted id) pair overlaps enough.
  CostMatrix overlap_frames(static_cast<int>(gt_ids.size()), static_cast<int>(pred_ids.size()));
  const auto pred_frames = by_frame(predictions);
  for (const auto& [frame, gt_indices] : by_frame(ground_truth)) {
    const auto found = pred_frames.find(frame);
    if (found == pred_frames.end()) continue;
    for (std::size_t g : gt_indices) {
      for (std::size_t p : found->second) {
        if (iou(ground_truth[g].box, predictions[p].box) >= min_iou) {
          overlap_frames.at(gt_ids.at(ground_truth[g].id), pred_ids.at(predictions[p].id)) += 1.0;
        }
      }
    }
  }
  CostMatrix cost(overlap_frames.rows(), overlap_frames.cols());
  for (int r = 0; r < cost.rows(); ++r) {
    for (int c = 0; c < cost.cols(); ++c) cost.at(r, c) = -overlap_frames.at(r, c);
  }
  const Assignment assignment = solve_assignment(cost, 0.0);

  IdentityMetrics m;
  m.idtp = static_cast<int>(std::lround(-assignment.cost));
  m.idfn = static_cast<int>(ground_truth.size()) - m.idtp;
  m.idfp = static_cast<int>(predictions.size()) - m.idtp;
  m.idf1 = ground_truth.empty() && predictions.empty() ? 1.0 : ratio(2 * m.idtp, 2 * m.idtp + m.idfp + m.idfn);
  m.idp = ratio(m.idtp, m.idtp + m.idfp);
  m.idr = ratio(m.idtp, m.idtp + m.idfn);
  return m;
}

}  // namespace footfall

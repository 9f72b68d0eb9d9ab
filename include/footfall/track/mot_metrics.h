// MOTChallenge text and tracking accuracy: CLEAR MOT (MOTA, ID switches) and identity metrics (IDF1). Pure: text in,
// values out; callers read and write the files. Lines are `frame,id,left,top,width,height,conf,x,y,z` with 1-based
// frames; the last three columns are written as -1 and ignored on reading.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "footfall/core/geometry.h"
#include "footfall/core/result.h"
#include "footfall/core/track.h"

namespace footfall {

struct MotRow {
  int frame = 0;  // 1-based
  std::int64_t id = 0;
  Box box;
  float confidence = 1.0f;  // for ground truth: 1 = consider, 0 = ignore
};

using MotRows = std::vector<MotRow>;

// Parses MOTChallenge text (at least 7 comma-separated numbers per line; blank lines skipped). The error names the
// 1-based line number and the problem.
Result<MotRows> parse_mot(std::string_view text);

// One line per row, `frame,id,left,top,width,height,conf,-1,-1,-1\n`, in the given order.
std::string format_mot(const MotRows& rows);

// Ground-truth rows to evaluate: those with confidence == 1 (MOTChallenge's "consider" flag).
MotRows ground_truth_rows(const MotRows& rows);

// The confirmed tracks of one frame as rows (tentative and lost tracks are never written).
MotRows mot_rows(int frame, const Tracks& tracks);

// Number of confirmed tracks: the tracked count of one frame.
int confirmed_count(const Tracks& tracks);

// Rows per frame for frames 1..frame_count (index 0 is frame 1); rows outside that range are ignored.
std::vector<int> count_per_frame(const MotRows& rows, int frame_count);

struct ClearMot {
  int ground_truth = 0;  // ground-truth boxes over all frames
  int predictions = 0;   // predicted boxes over all frames
  int matches = 0;
  int false_positives = 0;
  int false_negatives = 0;
  int id_switches = 0;
  double mota = 0.0;  // 1 - (FN + FP + IDSW) / ground_truth; 1 when there is no ground truth and no prediction
  double motp = 0.0;  // mean IoU of the matches (0 without matches)
};

// CLEAR MOT (Bernardin & Stiefelhagen 2008). Per frame: a ground-truth id keeps the predicted id it was last matched
// to when that prediction is present with IoU >= min_iou; the others are matched by a minimum-cost assignment on
// 1 - IoU among pairs with IoU >= min_iou. A match whose predicted id differs from the ground-truth id's previous
// match is an ID switch.
ClearMot compute_clear_mot(const MotRows& ground_truth, const MotRows& predictions, float min_iou = 0.5f);

struct IdentityMetrics {
  int idtp = 0;
  int idfp = 0;
  int idfn = 0;
  double idf1 = 0.0;  // 2 IDTP / (2 IDTP + IDFP + IDFN); 1 when both sides are empty
  double idp = 0.0;   // IDTP / (IDTP + IDFP)
  double idr = 0.0;   // IDTP / (IDTP + IDFN)
};

// Identity metrics (Ristani et al. 2016): one global one-to-one matching between ground-truth and predicted ids that
// maximises IDTP, the number of frames in which the matched pair overlaps with IoU >= min_iou.
IdentityMetrics compute_identity_metrics(const MotRows& ground_truth, const MotRows& predictions, float min_iou = 0.5f);

}  // namespace footfall

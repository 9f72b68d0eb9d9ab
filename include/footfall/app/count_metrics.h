// Per-frame count accuracy against MOTChallenge ground truth. Pure.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <vector>

#include "footfall/core/result.h"

namespace footfall {

// Persons per frame from a MOTChallenge gt.txt (frame,id,left,top,width,height,conf,...), counting rows with
// conf == 1 only. Frames 1..max frame; frames with no row count 0.
Result<std::map<std::int64_t, int>> load_mot_counts(const std::filesystem::path& gt_path);

struct CountMetrics {
  std::size_t frames = 0;
  double mae = 0.0;          // mean |predicted - truth|
  double bias = 0.0;         // mean (predicted - truth): > 0 over-counts
  double exact_share = 0.0;  // share of frames with predicted == truth
};

// Compares over the frames present in `truth`; a frame missing from `predicted` counts as 0.
CountMetrics compare_counts(const std::map<std::int64_t, int>& truth, const std::map<std::int64_t, int>& predicted);

}  // namespace footfall

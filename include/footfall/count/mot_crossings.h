// Line crossings implied by MOTChallenge rows: how many people the tracks of a ground-truth file, or of a tracker's
// output read back from its --mot file, carry across each counting line. Pure: rows in, crossings out.
//
// Contract:
// - The rows go through one LineCounter frame by frame, in increasing frame order (the order of rows in the input
//   does not matter). Every row is a confirmed track at the bottom-centre of its box, as the live pipeline would see
//   it; callers filter rows first (e.g. ground_truth_rows for gt.txt).
// - A track id absent from some frames between its first and last row keeps its crossing state across the gap, as
//   the live pipeline keeps a lost track's state during an occlusion: its next row continues the path. After its
//   last row the id is forgotten.
// - Timestamps are (frame - 1) * 1000 / fps milliseconds; they only order the crossings.
#pragma once

#include <vector>

#include "footfall/count/line_counter.h"
#include "footfall/track/mot_metrics.h"

namespace footfall {

struct MotCrossings {
  std::vector<LineTotals> totals;       // indexed like the lines
  std::vector<LineCrossing> crossings;  // every crossing, in frame order
};

// `lines` are in the pixels of the rows' frames and assumed valid (see validate_line); fps > 0.
MotCrossings mot_crossings(const std::vector<LineParams>& lines, const MotRows& rows, double fps = 25.0);

}  // namespace footfall

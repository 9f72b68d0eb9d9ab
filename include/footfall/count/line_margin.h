// How clearly a set of tracks (usually hand-annotated ground truth) decides a counting line's crossings. Whether a
// path that passes close to one of the segment's ends crosses it, or a track that begins or ends next to the line
// counts, depends on a few pixels of box position: a detector's box bottom is typically within +-10 px of an
// annotator's, so at such a line the crossing count measures pixels, not counting. Pure: rows in, distances out.
//
// Contract:
// - Paths are the bottom-centres of each id's rows in frame order, consecutive rows joined by straight steps (a gap
//   of missing frames is one step, as mot_crossings continues a path over a gap).
// - end_px: over every step whose ends lie strictly on opposite sides of the line's infinite extension (or that
//   ends on it), the distance along the line from where the step meets the extension to the nearer segment end. A
//   step that crosses the segment 6 px inside an end and one that passes 6 px beyond it both give 6.
// - track_end_px: over every id, the distance from its first and from its last bottom-centre to the segment.
// - A distance with nothing to measure (no step meets the extension; no rows) is infinity.
#pragma once

#include "footfall/count/line_counter.h"
#include "footfall/track/mot_metrics.h"

namespace footfall {

struct LineMargin {
  double end_px;        // smallest distance from a crossing (or near miss) of the extension to a segment end
  double track_end_px;  // smallest distance from a track's first or last bottom-centre to the segment
};

// `line` is assumed valid (two distinct points; see validate_line).
LineMargin line_margin(const LineParams& line, const MotRows& rows);

}  // namespace footfall

#include "footfall/count/mot_crossings.h"

#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace footfall {

MotCrossings mot_crossings(const std::vector<LineParams>& lines, const MotRows& rows, double fps) {
  std::map<int, std::vector<const MotRow*>> frames;
  std::unordered_map<std::int64_t, int> last_frame;
  for (const MotRow& row : rows) {
    frames[row.frame].push_back(&row);
    int& last = last_frame[row.id];
    last = std::max(last, row.frame);
  }

  LineCounter counter(lines);
  MotCrossings out;
  std::map<std::int64_t, Track> active;  // ids between their first and last row, with their last box
  for (const auto& [frame, frame_rows] : frames) {
    const auto t = static_cast<TimestampMs>(std::llround((frame - 1) * 1000.0 / fps));
    Tracks tracks;
    std::unordered_set<std::int64_t> seen;
    for (const MotRow* row : frame_rows) {
      Track track;
      track.id = row->id;
      track.box = row->box;
      track.confidence = row->confidence;
      track.state = TrackState::confirmed;
      tracks.push_back(track);
      active[row->id] = track;
      seen.insert(row->id);
    }
    // Ids in a gap: present but not confirmed, so the counter keeps their state unchanged.
    for (const auto& [id, track] : active) {
      if (seen.contains(id)) continue;
      Track waiting = track;
      waiting.state = TrackState::lost;
      tracks.push_back(waiting);
    }
    std::vector<LineCrossing> crossings = counter.update(tracks, t);
    out.crossings.insert(out.crossings.end(), crossings.begin(), crossings.end());
    std::erase_if(active, [&, frame = frame](const auto& entry) { return last_frame.at(entry.first) <= frame; });
  }
  out.totals = counter.totals();
  return out;
}

}  // namespace footfall

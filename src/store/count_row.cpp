#include "footfall/store/store.h"

namespace footfall {

CountRow to_row(const FrameCount& count) {
  CountRow row;
  row.camera = count.camera;
  row.timestamp_ms = count.timestamp_ms;
  row.count = count.count;
  row.mean_confidence = count.mean_confidence;
  row.model = count.model;
  row.frame_width = count.frame_width;
  row.frame_height = count.frame_height;
  return row;
}

}  // namespace footfall

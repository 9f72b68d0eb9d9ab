#include "footfall/config/config.h"

namespace footfall {

SamplingParams effective_sampling(const CameraConfig& camera, const std::string& kind) {
  if (camera.sampling_set) return camera.sampling;
  if (kind == "stream" || kind == "device") return camera.sampling;
  if (kind == "file" && camera.playback_speed > 0.0) return camera.sampling;  // a file standing in for a camera
  return SamplingParams::every_frame();
}

}  // namespace footfall

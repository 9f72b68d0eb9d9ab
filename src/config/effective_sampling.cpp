#include "footfall/config/config.h"

namespace footfall {

SamplingParams effective_sampling(const CameraConfig& camera, const std::string& kind) {
  if (camera.sampling_set) return camera.sampling;
  if (kind == "stream" || kind == "device") return camera.sampling;
  return SamplingParams::every_frame();
}

}  // namespace footfall

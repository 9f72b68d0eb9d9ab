#include "footfall/track/appearance.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace footfall {

namespace {

// Eight partial sums in a fixed order: deterministic, and without one long chain of dependent additions (the
// tracker compares descriptors of every contested pair in every update).
float dot(const std::vector<float>& a, const std::vector<float>& b) {
  float partial[8] = {};
  const std::size_t n = a.size();
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    for (std::size_t k = 0; k < 8; ++k) partial[k] += a[i + k] * b[i + k];
  }
  for (; i < n; ++i) partial[0] += a[i] * b[i];
  const float low = (partial[0] + partial[1]) + (partial[2] + partial[3]);
  const float high = (partial[4] + partial[5]) + (partial[6] + partial[7]);
  return low + high;
}

}  // namespace

float appearance_distance(const std::vector<float>& a, const std::vector<float>& b) {
  assert(!a.empty() && a.size() == b.size());
  return std::clamp(1.0f - dot(a, b), 0.0f, 1.0f);
}

void blend_appearance(std::vector<float>& average, const std::vector<float>& observed, float momentum) {
  if (observed.empty()) return;
  if (average.size() != observed.size()) {
    average = observed;
    return;
  }
  const float keep = momentum;
  const float take = 1.0f - momentum;
  for (std::size_t i = 0; i < average.size(); ++i) average[i] = keep * average[i] + take * observed[i];
  const float norm = dot(average, average);
  if (!(norm > 0.0f)) {
    average = observed;
    return;
  }
  const float scale = 1.0f / std::sqrt(norm);
  for (float& v : average) v *= scale;
}

}  // namespace footfall

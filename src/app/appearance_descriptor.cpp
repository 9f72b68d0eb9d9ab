#include "footfall/app/appearance_descriptor.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace footfall {
namespace {

constexpr int kHues = 8;
constexpr int kChromaBins = kHues * 2 * 2;
constexpr int kGreyBins = 32;
constexpr int kRegionBins = kChromaBins + kGreyBins;
static_assert(2 * kRegionBins == kAppearanceBins);
constexpr int kGridX = 16;  // samples across, per region
constexpr int kGridY = 24;  // samples down, per region
static_assert(2 * kGridX * kGridY == kAppearanceSamples);

// Vertical extent of each region as fractions of the box height: upper body (below the head), then the legs.
constexpr std::array<std::array<float, 2>, 2> kRegions{{{0.15f, 0.5f}, {0.5f, 0.9f}}};

// Bin of one BGR pixel within a region's histogram.
int colour_bin(int b, int g, int r) {
  const int max = std::max({b, g, r});
  const int min = std::min({b, g, r});
  const int chroma = max - min;
  // Nearly grey (saturation under 0.2) or dark (value under 0.08): a grey level.
  if (max < 20 || chroma * 5 < max) return kChromaBins + std::min(max * kGreyBins / 256, kGreyBins - 1);
  float hue;  // degrees in [0, 360)
  if (max == r) {
    hue = 60.0f * static_cast<float>(g - b) / static_cast<float>(chroma);
    if (hue < 0.0f) hue += 360.0f;
  } else if (max == g) {
    hue = 60.0f * static_cast<float>(b - r) / static_cast<float>(chroma) + 120.0f;
  } else {
    hue = 60.0f * static_cast<float>(r - g) / static_cast<float>(chroma) + 240.0f;
  }
  const int h = std::min(static_cast<int>(hue * (kHues / 360.0f)), kHues - 1);
  const int s = chroma * 2 >= max ? 1 : 0;  // saturation >= 0.5
  const int v = max >= 128 ? 1 : 0;
  return (h * 2 + s) * 2 + v;
}

}  // namespace

std::vector<float> describe_appearance(const cv::Mat& bgr, const Box& box) {
  if (bgr.empty() || bgr.type() != CV_8UC3) return {};
  // The middle half of the width, clipped to the frame.
  const float left = std::max(box.x + 0.25f * box.width, 0.0f);
  const float right = std::min(box.x + 0.75f * box.width, static_cast<float>(bgr.cols));
  const float top = std::max(box.y, 0.0f);
  const float bottom = std::min(box.bottom(), static_cast<float>(bgr.rows));
  if (!(right - left >= 4.0f) || !(bottom - top >= 16.0f) || !(box.height >= 16.0f)) return {};

  std::vector<float> out(kAppearanceBins, 0.0f);
  for (std::size_t region = 0; region < kRegions.size(); ++region) {
    const float y0 = std::max(box.y + kRegions[region][0] * box.height, top);
    const float y1 = std::min(box.y + kRegions[region][1] * box.height, bottom);
    if (!(y1 - y0 >= 1.0f)) return {};  // a region outside the frame: too little of the person to compare
    float* bins = out.data() + region * kRegionBins;
    int samples = 0;
    for (int gy = 0; gy < kGridY; ++gy) {
      const int y = std::min(static_cast<int>(y0 + (y1 - y0) * (static_cast<float>(gy) + 0.5f) / kGridY), bgr.rows - 1);
      const auto* row = bgr.ptr<unsigned char>(y);
      for (int gx = 0; gx < kGridX; ++gx) {
        const int x =
            std::min(static_cast<int>(left + (right - left) * (static_cast<float>(gx) + 0.5f) / kGridX), bgr.cols - 1);
        const unsigned char* p = row + 3 * x;
        bins[colour_bin(p[0], p[1], p[2])] += 1.0f;
        ++samples;
      }
    }
    // Square roots of the region's histogram normalised to 1/2: the whole descriptor has unit length.
    const float scale = 0.5f / static_cast<float>(samples);
    for (int i = 0; i < kRegionBins; ++i) bins[i] = std::sqrt(bins[i] * scale);
  }
  return out;
}

void describe_appearances(const cv::Mat& bgr, Detections& detections) {
  for (Detection& d : detections) d.appearance = describe_appearance(bgr, d.box);
}

}  // namespace footfall

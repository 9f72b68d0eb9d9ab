// Appearance descriptor of a detected person, for the tracker (Detection::appearance, track/appearance.h): colour
// histograms of the upper body and of the legs, taken from the middle half of the box's width (the sides are mostly
// background). Each pixel goes to a hue x saturation x value bin when it is coloured, or to a grey-level bin when
// it is nearly grey or dark (most clothes), so that a dark jacket over blue jeans and a dark coat over black trousers
// differ. The two histograms are L1-normalised to 1/2 each and the descriptor holds the square roots of the bins:
// unit L2 length, and the dot product of two descriptors is the Bhattacharyya coefficient of their histograms.
// Cost: a fixed grid of kAppearanceSamples pixels per box, whatever its size. Deterministic, no state: callable
// from any thread.
#pragma once

#include <vector>

#include <opencv2/core/mat.hpp>

#include "footfall/core/detection.h"

namespace footfall {

inline constexpr int kAppearanceBins = 128;  // 2 regions x (8 hues x 2 saturations x 2 values + 32 grey levels)
inline constexpr int kAppearanceSamples = 2 * 24 * 16;

// The descriptor of the person in `box` (frame pixels) of a BGR 8-bit frame; empty when the frame is not BGR 8-bit
// or the box, clipped to the frame, is too small to describe (under 8 x 16 pixels).
std::vector<float> describe_appearance(const cv::Mat& bgr, const Box& box);

// Sets Detection::appearance of every detection (left empty where describe_appearance gives none).
void describe_appearances(const cv::Mat& bgr, Detections& detections);

}  // namespace footfall

// Appearance descriptors as the tracker uses them (Detection::appearance): non-negative vectors of unit L2 length,
// for example the square roots of an L1-normalised colour histogram (app/appearance_descriptor.h), whose dot product
// is then the Bhattacharyya coefficient of the two histograms. Pure and deterministic.
#pragma once

#include <vector>

namespace footfall {

// 1 - a.b, clamped to [0, 1]: 0 for equal descriptors, 1 for disjoint histograms. a and b must have the same,
// non-zero size (asserted).
float appearance_distance(const std::vector<float>& a, const std::vector<float>& b);

// Exponential moving average: average = momentum * average + (1 - momentum) * observed, scaled back to unit length.
// An empty average (or one of another size) becomes a copy of observed; an empty observed leaves it unchanged.
// momentum in [0, 1]: 0 keeps only the latest observation.
void blend_appearance(std::vector<float>& average, const std::vector<float>& observed, float momentum);

}  // namespace footfall

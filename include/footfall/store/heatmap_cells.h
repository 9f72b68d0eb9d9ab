// The stored form of a heatmap grid's cells (HeatmapRow::cells), the same in every backend: the rows * cols counts
// in row-major order, each as an unsigned LEB128 varint (7 bits per byte, least significant group first, high bit
// set on every byte but the last). A cell of 0 takes one byte, so a sparse 64 x 36 grid is about 2.3 KB, and no
// count can overflow (a count up to 2^64 - 1 takes at most 10 bytes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "footfall/core/result.h"

namespace footfall {

std::vector<std::uint8_t> encode_heatmap_cells(std::span<const std::uint64_t> cells);

// Errors: a truncated varint, a varint longer than 10 bytes, or a number of values other than `expected_cells`.
Result<std::vector<std::uint64_t>> decode_heatmap_cells(std::span<const std::uint8_t> bytes,
                                                        std::size_t expected_cells);

}  // namespace footfall

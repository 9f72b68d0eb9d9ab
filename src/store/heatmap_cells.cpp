#include "footfall/store/heatmap_cells.h"

#include <string>

namespace footfall {

std::vector<std::uint8_t> encode_heatmap_cells(std::span<const std::uint64_t> cells) {
  std::vector<std::uint8_t> out;
  out.reserve(cells.size());
  for (std::uint64_t value : cells) {
    while (value >= 0x80) {
      out.push_back(static_cast<std::uint8_t>((value & 0x7f) | 0x80));
      value >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(value));
  }
  return out;
}

Result<std::vector<std::uint64_t>> decode_heatmap_cells(std::span<const std::uint8_t> bytes,
                                                        std::size_t expected_cells) {
  std::vector<std::uint64_t> cells;
  cells.reserve(expected_cells);
  std::size_t i = 0;
  while (i < bytes.size()) {
    std::uint64_t value = 0;
    int shift = 0;
    for (;;) {
      if (i >= bytes.size()) return make_error("heatmap cells: truncated value at byte " + std::to_string(i));
      if (shift > 63) return make_error("heatmap cells: value longer than 10 bytes at byte " + std::to_string(i));
      const std::uint8_t byte = bytes[i++];
      value |= std::uint64_t{byte & 0x7fu} << shift;
      shift += 7;
      if ((byte & 0x80) == 0) break;
    }
    cells.push_back(value);
  }
  if (cells.size() != expected_cells) {
    return make_error("heatmap cells: " + std::to_string(cells.size()) + " values, expected " +
                      std::to_string(expected_cells));
  }
  return cells;
}

}  // namespace footfall

// The items spool_crash_writer appends, shared with the test that checks them: item `sequence` has kind "item",
// created_ms = sequence, and a payload whose length (40..4039 bytes) and bytes are a function of the sequence, so
// any item read back can be checked byte for byte.
#pragma once

#include <cstdint>
#include <string>

namespace footfall::test {

inline std::string spool_crash_payload(std::uint64_t sequence) {
  std::string payload = "item " + std::to_string(sequence) + ":";
  const std::size_t size = 40 + static_cast<std::size_t>((sequence * 7919) % 4000);
  for (std::size_t i = payload.size(); i < size; ++i) {
    payload.push_back(static_cast<char>((sequence * 131 + i * 31) & 0xFF));
  }
  return payload;
}

}  // namespace footfall::test

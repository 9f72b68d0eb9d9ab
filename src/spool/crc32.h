// CRC-32 (IEEE 802.3, the polynomial of zlib, gzip and PNG; reflected 0xEDB88320), slicing-by-8 tables. The check
// value of "123456789" is 0xCBF43926. Used to detect torn and corrupt spool records.
#pragma once

#include <cstddef>
#include <cstdint>

namespace footfall::spool {

// Continues a CRC: crc32(crc32(0, a), b) == crc32(0, a + b).
std::uint32_t crc32(std::uint32_t crc, const void* data, std::size_t size);

}  // namespace footfall::spool

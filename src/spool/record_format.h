// The byte layout of spool segment files (see include/footfall/spool/spool.h). All integers little-endian.
//
//   segment header (16 bytes): "FFSPOOL1" then u64 first sequence (the same number as the file name)
//   record: u32 body length (kind + payload) | u16 kind length | u64 sequence | i64 created_ms |
//           kind | payload | u32 CRC-32 of every byte of the record before it
//
// A record is valid only when it fits in the file, its lengths are sane and its checksum matches: a torn write (a
// crash mid-append) or a zero-filled tail fails one of those, and the reader stops there.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "footfall/core/time.h"

namespace footfall::spool {

inline constexpr std::string_view kSegmentMagic = "FFSPOOL1";
inline constexpr std::size_t kSegmentHeaderBytes = 16;
inline constexpr std::size_t kRecordHeaderBytes = 22;
inline constexpr std::size_t kRecordTrailerBytes = 4;
inline constexpr std::size_t kRecordOverhead = kRecordHeaderBytes + kRecordTrailerBytes;
inline constexpr std::size_t kMaxKindBytes = 255;
inline constexpr std::size_t kMaxBodyBytes = std::size_t{1} << 30;  // 1 GiB: anything larger is damage

inline std::size_t record_frame_bytes(std::size_t kind_bytes, std::size_t payload_bytes) {
  return kRecordOverhead + kind_bytes + payload_bytes;
}

std::string encode_segment_header(std::uint64_t first_sequence);
// True when `header` (kSegmentHeaderBytes) is a segment header; sets first_sequence.
bool decode_segment_header(std::string_view header, std::uint64_t& first_sequence);

// Appends one framed record to `out`.
void encode_record(std::string& out, std::uint64_t sequence, std::string_view kind, std::string_view payload,
                   TimestampMs created_ms);

struct RecordView {
  std::uint64_t sequence = 0;
  TimestampMs created_ms = 0;
  std::string_view kind;     // views into the parsed buffer
  std::string_view payload;
  std::size_t frame_bytes = 0;
};

enum class RecordCheck {
  ok,
  truncated,     // the buffer ends inside the record (a torn tail)
  bad_length,    // a length field that cannot be right
  bad_checksum,  // the bytes changed or were never completely written
};

// Parses the record at the start of `bytes`. `record` is set only when the result is ok.
RecordCheck parse_record(std::string_view bytes, RecordView& record);
const char* describe(RecordCheck check);

}  // namespace footfall::spool

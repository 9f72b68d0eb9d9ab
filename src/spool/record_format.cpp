#include "record_format.h"

#include "crc32.h"

namespace footfall::spool {

namespace {

void put_le(std::string& out, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFFu));
}

std::uint64_t get_le(std::string_view bytes, std::size_t offset, int count) {
  std::uint64_t value = 0;
  for (int i = 0; i < count; ++i) {
    value |= std::uint64_t{static_cast<unsigned char>(bytes[offset + static_cast<std::size_t>(i)])} << (8 * i);
  }
  return value;
}

}  // namespace

std::string encode_segment_header(std::uint64_t first_sequence) {
  std::string header(kSegmentMagic);
  put_le(header, first_sequence, 8);
  return header;
}

bool decode_segment_header(std::string_view header, std::uint64_t& first_sequence) {
  if (header.size() < kSegmentHeaderBytes || header.substr(0, kSegmentMagic.size()) != kSegmentMagic) return false;
  first_sequence = get_le(header, kSegmentMagic.size(), 8);
  return true;
}

void encode_record(std::string& out, std::uint64_t sequence, std::string_view kind, std::string_view payload,
                   TimestampMs created_ms) {
  const std::size_t start = out.size();
  out.reserve(start + record_frame_bytes(kind.size(), payload.size()));
  put_le(out, kind.size() + payload.size(), 4);
  put_le(out, kind.size(), 2);
  put_le(out, sequence, 8);
  put_le(out, static_cast<std::uint64_t>(created_ms), 8);
  out.append(kind);
  out.append(payload);
  put_le(out, crc32(0, out.data() + start, out.size() - start), 4);
}

RecordCheck parse_record(std::string_view bytes, RecordView& record) {
  if (bytes.size() < kRecordHeaderBytes) return RecordCheck::truncated;
  const std::uint64_t body = get_le(bytes, 0, 4);
  const std::uint64_t kind = get_le(bytes, 4, 2);
  if (body > kMaxBodyBytes || kind == 0 || kind > body) return RecordCheck::bad_length;
  const std::size_t frame = record_frame_bytes(0, static_cast<std::size_t>(body));
  if (bytes.size() < frame) return RecordCheck::truncated;
  const std::uint32_t stored = static_cast<std::uint32_t>(get_le(bytes, frame - kRecordTrailerBytes, 4));
  if (crc32(0, bytes.data(), frame - kRecordTrailerBytes) != stored) return RecordCheck::bad_checksum;
  record.sequence = get_le(bytes, 6, 8);
  record.created_ms = static_cast<TimestampMs>(get_le(bytes, 14, 8));
  record.kind = bytes.substr(kRecordHeaderBytes, static_cast<std::size_t>(kind));
  record.payload = bytes.substr(kRecordHeaderBytes + kind, static_cast<std::size_t>(body - kind));
  record.frame_bytes = frame;
  return RecordCheck::ok;
}

const char* describe(RecordCheck check) {
  switch (check) {
    case RecordCheck::ok: return "ok";
    case RecordCheck::truncated: return "the record is cut off (a write torn by a crash)";
    case RecordCheck::bad_length: return "the record's length fields are not valid";
    case RecordCheck::bad_checksum: return "the record's checksum does not match";
  }
  return "unknown";
}

}  // namespace footfall::spool

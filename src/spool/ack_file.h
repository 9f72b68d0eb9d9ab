// The spool's acknowledgement file: the last delivered sequence as text ("footfall-spool-ack 1\n<sequence>\n"),
// replaced atomically: write ack.tmp, fsync it, rename it over `ack`, fsync the folder. A crash at any point
// leaves either the old or the new value, never a mix.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "footfall/core/result.h"

namespace footfall::spool {

inline constexpr const char* kAckFileName = "ack";
inline constexpr const char* kAckTempFileName = "ack.tmp";

// The acknowledged sequence in `dir`; 0 when there is no ack file; an error when the file exists but does not
// read as one (the message names it).
Result<std::uint64_t> read_ack_file(const std::filesystem::path& dir);

// Replaces the ack file durably. `dir_fd` is an open descriptor of `dir`, fsync'd after the rename.
Status write_ack_file(const std::filesystem::path& dir, int dir_fd, std::uint64_t sequence);

}  // namespace footfall::spool

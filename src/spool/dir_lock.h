// The spool folder's lock: `lock` in the folder, held with flock(LOCK_EX) for as long as the Spool is open, so that
// a second Spool on the same folder (in another process, or in this one) is refused with a message naming the
// folder and the holder's pid. The kernel drops the lock when the holder exits, also on kill -9.
#pragma once

#include <filesystem>

#include "footfall/core/result.h"
#include "posix_file.h"

namespace footfall::spool {

inline constexpr const char* kLockFileName = "lock";

Result<UniqueFd> lock_spool_dir(const std::filesystem::path& dir);

}  // namespace footfall::spool

// The capture time that cameras and upload scripts write into snapshot file names. Pure.
#pragma once

#include <optional>
#include <string_view>

#include "footfall/core/time.h"

namespace footfall {

// Returns the UTC time written in a snapshot's file name (the name only, not a path), or nullopt.
//
// Accepted, searched left to right; the first date-time found wins over any epoch number:
//   1. ISO-8601 extended date, then 'T', 't', '_' or ' ', then the time with ':' or '-' between its parts:
//        2026-11-24T09:30:00.250Z   2026-11-24T09-30-00Z   door_2026-11-24_09-30-00.jpg   2026-11-24T09:30Z
//   2. ISO-8601 basic date-time, the date and time either joined or split by 'T', 't', '_' or '-':
//        20261124T093000Z   20261124_093000   20261124093000   20261124093000123 (17 digits: milliseconds)
//   Both may carry a fraction ('.' or ',' then digits; milliseconds are kept) and a zone: 'Z', +hh:mm, +hhmm, -hh:mm
//   or -hhmm. A time without a zone is taken as UTC. Seconds may be left out in form 1.
//   3. Epoch: a run of exactly 10 digits (seconds) or 13 digits (milliseconds) with no digit on either side:
//        snap_1764063000.jpg   cam3-1764063000250.png
// Digits that are part of a longer number never match (a 12-digit serial is not a time). Impossible dates
// ("2026-02-30") are no match.
std::optional<TimestampMs> timestamp_from_file_name(std::string_view name);

}  // namespace footfall

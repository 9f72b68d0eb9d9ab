// Rosters: scheduled staff per store-local hour, parsed from CSV text, and compared with the recommendation.
//
// Contract (pure; deterministic; thread-safe; the caller reads the file and passes its text):
// - Two shapes, told apart by the header (names are case-insensitive, surrounding spaces ignored, spaces and '-'
//   read as '_'; columns may come in any order and unknown columns are ignored):
//     shifts:        date,start,end[,name][,role]      2026-11-23,09:00,17:30,Anna
//                    (also accepted: start_time, end_time, employee, staff_name, position)
//     staff by hour: date,hour,staff                   2026-11-23,9,3      (hour 0..23, "9", "09" or "09:00")
//                    datetime,staff                    2026-11-23 09:00,3  (also: timestamp, time; staff_count)
// - Dates are YYYY-MM-DD, times HH:MM or HH:MM:SS in the store's local time (tz). A datetime may carry a UTC offset
//   ("2026-10-25T02:00+01:00") and is then that instant; without one it is local time.
// - Shifts: staff present from start to end. An end at or before the start is on the next day (22:00-06:00 is a night
//   shift); "24:00" is accepted as an end. A start equal to the end is an error. The shift is spread over the real
//   (UTC) hours between its start and end instants, partial hours as fractions: 09:00-17:30 gives 0.5 staff for
//   17:00-18:00. So on a daylight-saving day the hours come out right: in Europe/Berlin a 00:00-06:00 shift on
//   2026-10-25 covers 7 real hours (02:00 local occurs twice) and on 2026-03-29 only 5. A local time that occurs
//   twice is taken as its first occurrence; one in the spring gap as the instant the gap ends.
// - Staff by hour: the hour named; on the autumn change "02" is the first 02:00 hour (name the second with an
//   offset in a datetime). An hour that does not exist (the spring gap) is an error unless its staff is 0, in which
//   case the row is skipped. A datetime must be the start of a local hour. Staff may be fractional, must be >= 0.
// - Rows for the same hour are summed (several shifts, or one row per role). Output is sorted by hour, one entry per
//   hour the file covers (an hour listed with 0 staff is present with 0); hours it does not mention are absent.
// - Tolerated: ',', ';' or tab as delimiter (whichever of them the header uses most), a UTF-8 byte order mark, CRLF
//   line ends, fields in double quotes ("" for a quote inside), blank lines, a trailing empty field.
// - Errors name the source, the 1-based line and the reason ("roster.csv line 12: end time '25:00' is not a time
//   (expected HH:MM)"); on any error nothing is returned. A file with no rows after its header is an error.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "footfall/analytics/staffing.h"
#include "footfall/core/result.h"
#include "footfall/core/time.h"
#include "footfall/core/time_zone.h"

namespace footfall {

struct RosterHour {
  TimestampMs hour_start_ms = 0;  // the UTC instant at which the local hour starts
  double staff = 0.0;             // staff scheduled, partial hours as fractions
};

Result<std::vector<RosterHour>> parse_roster_csv(std::string_view text, const std::string& source_name,
                                                 const TimeZone& tz);

struct RosterGap {
  TimestampMs hour_start_ms = 0;
  int recommended = 0;       // StaffingHour::total
  double scheduled = 0.0;    // RosterHour::staff, 0 when the roster has no entry for the hour
  double difference = 0.0;   // scheduled - recommended
};

// Over- and under-staffing, one RosterGap per recommended hour (in the order of the recommendation, every hour
// listed). An hour counts as over-staffed when difference >= 0.5 and under-staffed when difference <= -0.5; a
// smaller difference (rounding of partial shifts) is neither, and is not added to the labour-hour sums either, so
// the sums are those of the hours counted. Roster hours outside the recommendation are ignored.
struct RosterComparison {
  std::vector<RosterGap> hours;
  double overstaffed_hours = 0.0;   // sum of the positive differences of over-staffed hours: labour hours to save
  double understaffed_hours = 0.0;  // sum of -difference of under-staffed hours: labour hours to add (>= 0)
  int over_count = 0;
  int under_count = 0;
};

inline constexpr double roster_tolerance_staff = 0.5;

RosterComparison compare_roster(const std::vector<StaffingHour>& recommended, const std::vector<RosterHour>& roster);

}  // namespace footfall

// Store-local time across daylight-saving changes (Europe/Berlin, America/New_York, Australia/Sydney) and the
// calendar helpers the pickers use.
import { describe, expect, it } from "vitest";

import {
  addDays,
  addWeeks,
  daysBetween,
  formatAge,
  formatCalendarDate,
  formatTime,
  isoWeekMonday,
  isoWeekOf,
  localDate,
  localLabel,
  localParts,
  offsetMinutes,
  parseIsoWeek,
  parseTimestamp,
  startOfLocalDay,
  utcOfLocal,
  weekdayOf,
  zoneAbbreviation,
} from "../src/time";

const H = 3_600_000;
const utc = (iso: string) => Date.parse(iso);

describe("store-local formatting", () => {
  it("formats the same instant in the store's zone, not the browser's", () => {
    const t = utc("2026-11-28T14:05:00Z");
    expect(formatTime(t, "Europe/Berlin", "en-GB")).toBe("15:05");
    expect(formatTime(t, "America/New_York", "en-GB")).toBe("09:05");
    expect(formatTime(t, "Asia/Kolkata", "en-GB")).toBe("19:35");
    expect(localDate(utc("2026-11-28T23:30:00Z"), "Europe/Berlin")).toBe("2026-11-29");
    expect(localDate(utc("2026-11-28T23:30:00Z"), "America/Los_Angeles")).toBe("2026-11-28");
  });

  it("uses a 24-hour clock in every locale", () => {
    const t = utc("2026-11-28T14:05:00Z");
    expect(formatTime(t, "UTC", "en-US")).toBe("14:05");
    expect(formatTime(utc("2026-11-28T00:30:00Z"), "UTC", "en-US")).toBe("00:30");
  });

  it("steps through the spring-forward gap in Berlin: 02:00 does not exist on 2026-03-29", () => {
    const tz = "Europe/Berlin";
    // Hourly UTC instants from local midnight: 00:00, 01:00, 03:00, 04:00 (CET -> CEST at 01:00 UTC).
    const start = startOfLocalDay("2026-03-29", tz);
    expect(start).toBe(utc("2026-03-28T23:00:00Z"));
    const labels = [0, 1, 2, 3].map((i) => formatTime(start + i * H, tz, "en-GB"));
    expect(labels).toEqual(["00:00", "01:00", "03:00", "04:00"]);
    expect(offsetMinutes(start, tz)).toBe(60);
    expect(offsetMinutes(start + 3 * H, tz)).toBe(120);
    // The local day is 23 hours long.
    expect(startOfLocalDay("2026-03-30", tz) - start).toBe(23 * H);
    expect(zoneAbbreviation(start, tz, "en-GB")).toBe("CET");
    expect(zoneAbbreviation(start + 3 * H, tz, "en-GB")).toBe("CEST");
  });

  it("shows the repeated hour twice on the autumn change in Berlin (2026-10-25)", () => {
    const tz = "Europe/Berlin";
    const start = startOfLocalDay("2026-10-25", tz);
    expect(start).toBe(utc("2026-10-24T22:00:00Z"));
    const labels = [0, 1, 2, 3, 4].map((i) => formatTime(start + i * H, tz, "en-GB"));
    expect(labels).toEqual(["00:00", "01:00", "02:00", "02:00", "03:00"]);
    expect(startOfLocalDay("2026-10-26", tz) - start).toBe(25 * H);
  });

  it("maps local wall-clock times to UTC as the server does (gap: after the jump; repeat: first occurrence)", () => {
    expect(utcOfLocal("2026-03-29", "02:30", "Europe/Berlin")).toBe(utc("2026-03-29T01:30:00Z")); // = 03:30 CEST
    expect(localLabel(utcOfLocal("2026-03-29", "02:30", "Europe/Berlin"), "Europe/Berlin")).toBe("2026-03-29 03:30");
    expect(utcOfLocal("2026-10-25", "02:30", "Europe/Berlin")).toBe(utc("2026-10-25T00:30:00Z")); // first, CEST
    expect(utcOfLocal("2026-11-28", "09:00", "Europe/Berlin")).toBe(utc("2026-11-28T08:00:00Z"));
    // New York: spring forward 2026-03-08 02:00 -> 03:00, fall back 2026-11-01 02:00 -> 01:00.
    expect(utcOfLocal("2026-03-08", "02:15", "America/New_York")).toBe(utc("2026-03-08T07:15:00Z")); // 03:15 EDT
    expect(utcOfLocal("2026-11-01", "01:30", "America/New_York")).toBe(utc("2026-11-01T05:30:00Z")); // first, EDT
    expect(startOfLocalDay("2026-11-02", "America/New_York") - startOfLocalDay("2026-11-01", "America/New_York")).toBe(25 * H);
    // Southern hemisphere: Sydney leaves daylight saving on 2026-04-05 (03:00 -> 02:00).
    expect(startOfLocalDay("2026-04-06", "Australia/Sydney") - startOfLocalDay("2026-04-05", "Australia/Sydney")).toBe(25 * H);
    expect(offsetMinutes(utc("2026-01-15T00:00:00Z"), "Australia/Sydney")).toBe(660);
  });

  it("gives weekdays Monday first, as the report does", () => {
    expect(localParts(utc("2026-11-29T10:00:00Z"), "Europe/Berlin").weekday).toBe(6); // Sunday
    expect(localParts(utc("2026-11-29T23:30:00Z"), "Europe/Berlin").weekday).toBe(0); // Monday already in Berlin
    expect(weekdayOf("2026-11-23")).toBe(0);
    expect(weekdayOf("2026-11-29")).toBe(6);
  });
});

describe("calendar helpers", () => {
  it("adds days across months, years and leap days", () => {
    expect(addDays("2026-11-28", 3)).toBe("2026-12-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2); // across the DST change: calendar days, not hours
  });

  it("computes ISO weeks, including week 53 and weeks that start in the previous year", () => {
    expect(isoWeekOf("2026-11-23")).toBe("2026-W48");
    expect(isoWeekOf("2026-11-29")).toBe("2026-W48");
    expect(isoWeekOf("2026-11-30")).toBe("2026-W49");
    expect(isoWeekOf("2021-01-03")).toBe("2020-W53");
    expect(isoWeekOf("2024-12-30")).toBe("2025-W01");
    expect(isoWeekMonday("2026-W48")).toBe("2026-11-23");
    expect(isoWeekMonday("2020-W53")).toBe("2020-12-28");
    expect(isoWeekMonday("2025-W01")).toBe("2024-12-30");
    expect(addWeeks("2026-W52", 1)).toBe("2026-W53");
    expect(addWeeks("2026-W53", 1)).toBe("2027-W01");
    expect(parseIsoWeek("2027-W53")).toBeNull(); // 2027 has 52 weeks
    expect(parseIsoWeek("2026-W53")).toEqual({ year: 2026, week: 53 });
    expect(parseIsoWeek("2026-48")).toBeNull();
  });

  it("formats calendar dates without shifting them by a zone", () => {
    expect(formatCalendarDate("2026-11-28", "en-GB")).toMatch(/^Sat,? 28 Nov 2026$/); // ICU versions differ on the comma
    expect(formatCalendarDate("2026-11-28", "en-GB", false)).toBe("Sat 28 Nov");
  });
});

describe("API timestamps", () => {
  it("reads ISO-8601, epoch milliseconds and epoch seconds", () => {
    expect(parseTimestamp("2026-11-28T14:05:00.000Z")).toBe(utc("2026-11-28T14:05:00Z"));
    expect(parseTimestamp("2026-11-28T15:05:00+01:00")).toBe(utc("2026-11-28T14:05:00Z"));
    expect(parseTimestamp(1795906800000)).toBe(1795906800000);
    expect(parseTimestamp("1795906800000")).toBe(1795906800000);
    expect(parseTimestamp(1795906800)).toBe(1795906800000);
    expect(parseTimestamp("1795906800")).toBe(1795906800000);
    expect(parseTimestamp("")).toBeNull();
    expect(parseTimestamp("yesterday")).toBeNull();
    expect(parseTimestamp(null)).toBeNull();
  });

  it("says how long ago something was", () => {
    const now = utc("2026-11-28T14:00:00Z");
    expect(formatAge(now - 2_000, now)).toBe("just now");
    expect(formatAge(now - 42_000, now)).toBe("42 s ago");
    expect(formatAge(now - 5 * 60_000, now)).toBe("5 min ago");
    expect(formatAge(now - 3 * H, now)).toBe("3 h ago");
    expect(formatAge(now - 50 * H, now)).toBe("2 d ago");
  });
});

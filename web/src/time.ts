// Store-local time. Every time the dashboard shows is wall-clock time in the store's IANA time zone, formatted with
// Intl.DateTimeFormat, never the browser's zone. Dates without a time ("2026-11-28") and ISO weeks ("2026-W48")
// are calendar values: they are computed with UTC arithmetic and carry no zone.
//
// Pure functions (the current time is always a parameter), unit-tested across daylight-saving changes.

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

export interface LocalParts {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number; // 0..23
  minute: number;
  second: number;
  weekday: number; // 0 = Monday ... 6 = Sunday (as the report's weekday field)
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
      hourCycle: "h23",
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

// The wall-clock fields of the instant `ms` (UTC epoch milliseconds) in `timeZone`.
export function localParts(ms: number, timeZone: string): LocalParts {
  const out: LocalParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0 };
  for (const p of partsFormatter(timeZone).formatToParts(new Date(ms))) {
    switch (p.type) {
      case "year": out.year = Number(p.value); break;
      case "month": out.month = Number(p.value); break;
      case "day": out.day = Number(p.value); break;
      case "hour": out.hour = Number(p.value) % 24; break; // some engines print 24 for midnight
      case "minute": out.minute = Number(p.value); break;
      case "second": out.second = Number(p.value); break;
      case "weekday": out.weekday = Math.max(0, WEEKDAYS.indexOf(p.value)); break;
      default: break;
    }
  }
  return out;
}

// Minutes the zone is ahead of UTC at the instant `ms` (+60 for Berlin in winter, -300 for New York).
export function offsetMinutes(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MS_PER_MINUTE);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

// "YYYY-MM-DD" of the instant in the zone.
export function localDate(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

// "YYYY-MM-DD HH:MM" of the instant in the zone (the report's local_time format).
export function localLabel(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

// Today's local date in the store's zone.
export function todayIn(timeZone: string, nowMs: number): string {
  return localDate(nowMs, timeZone);
}

export function parseDate(date: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function isDate(date: string): boolean {
  return parseDate(date) !== null;
}

function dateToUtcDay(date: string): number {
  const d = parseDate(date);
  if (!d) throw new RangeError(`not a date (YYYY-MM-DD): '${date}'`);
  return Date.UTC(d.year, d.month - 1, d.day);
}

function utcDayToDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function addDays(date: string, days: number): string {
  return utcDayToDate(dateToUtcDay(date) + days * MS_PER_DAY);
}

// Whole days from `from` to `to` (to - from); 0 for the same date.
export function daysBetween(from: string, to: string): number {
  return Math.round((dateToUtcDay(to) - dateToUtcDay(from)) / MS_PER_DAY);
}

// 0 = Monday ... 6 = Sunday.
export function weekdayOf(date: string): number {
  return (new Date(dateToUtcDay(date)).getUTCDay() + 6) % 7;
}

// The ISO-8601 week of a date, "2026-W48" (weeks start on Monday; week 1 holds the year's first Thursday).
export function isoWeekOf(date: string): string {
  const thursday = addDays(date, 3 - weekdayOf(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${pad(week)}`;
}

export function parseIsoWeek(week: string): { year: number; week: number } | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || n > 53) return null;
  if (n === 53 && isoWeekOf(`${year}-12-31`) !== `${year}-W53` && isoWeekOf(`${year}-12-28`) !== `${year}-W53`) {
    return null;
  }
  return { year, week: n };
}

// Monday of an ISO week, "YYYY-MM-DD".
export function isoWeekMonday(week: string): string {
  const w = parseIsoWeek(week);
  if (!w) throw new RangeError(`not an ISO week (YYYY-Www): '${week}'`);
  const jan4 = `${w.year}-01-04`; // always in week 1
  const week1Monday = addDays(jan4, -weekdayOf(jan4));
  return addDays(week1Monday, (w.week - 1) * 7);
}

export function addWeeks(week: string, n: number): string {
  return isoWeekOf(addDays(isoWeekMonday(week), n * 7));
}

// The UTC instant of a store-local wall-clock time. Matches the server (core/time_zone.h): a local time that does
// not exist (skipped in spring) is taken as the same time after the jump; one that occurs twice (autumn) at its
// first occurrence.
export function utcOfLocal(date: string, time: string, timeZone: string): number {
  const d = parseDate(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) throw new RangeError(`not a local date and time: '${date} ${time}'`);
  const hour = Number(t[1]);
  const minute = Number(t[2]);
  const wall = Date.UTC(d.year, d.month - 1, d.day, hour, minute);
  // Offsets in force around that wall time: no zone moves by more than a day, nor twice within 28 hours.
  const before = offsetMinutes(wall - 14 * 3_600_000, timeZone);
  const after = offsetMinutes(wall + 14 * 3_600_000, timeZone);
  const candidates = [wall - before * MS_PER_MINUTE, wall - after * MS_PER_MINUTE].sort((a, b) => a - b);
  for (const c of candidates) {
    if (localLabel(c, timeZone) === `${date} ${time}`) return c;
  }
  return wall - before * MS_PER_MINUTE; // in the gap: the offset before the change lands after the jump
}

// Local midnight of `date` as UTC ms; the day runs to the next date's midnight (23 or 25 hours across DST).
export function startOfLocalDay(date: string, timeZone: string): number {
  return utcOfLocal(date, "00:00", timeZone);
}

// ---- Formatting for people -------------------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string | undefined, timeZone: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale ?? ""}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}

// "14:05" (24-hour clock whatever the locale, as shop opening hours are written).
export function formatTime(ms: number, timeZone: string, locale?: string): string {
  return formatter(locale, timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(ms);
}

// "14:05:09".
export function formatTimeSeconds(ms: number, timeZone: string, locale?: string): string {
  return formatter(locale, timeZone, { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" })
    .format(ms);
}

// "Sat, 28 Nov" in en-GB; the locale orders the fields.
export function formatDay(ms: number, timeZone: string, locale?: string): string {
  return formatter(locale, timeZone, { weekday: "short", day: "numeric", month: "short" }).format(ms);
}

// "Sat, 28 Nov, 14:05".
export function formatDateTime(ms: number, timeZone: string, locale?: string): string {
  return formatter(locale, timeZone, {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(ms);
}

// The zone's short name at that instant ("CET", "CEST", "GMT+1" where the locale has no abbreviation).
export function zoneAbbreviation(ms: number, timeZone: string, locale?: string): string {
  const part = formatter(locale, timeZone, { timeZoneName: "short" })
    .formatToParts(ms)
    .find((p) => p.type === "timeZoneName");
  return part ? part.value : timeZone;
}

// A calendar date for people: "Sat, 28 Nov 2026" (formatted at noon UTC so no zone can move it to another day).
export function formatCalendarDate(date: string, locale?: string, withYear = true): string {
  const noon = dateToUtcDay(date) + 12 * 3_600_000;
  const options: Intl.DateTimeFormatOptions = { weekday: "short", day: "numeric", month: "short" };
  if (withYear) options.year = "numeric";
  return formatter(locale, "UTC", options).format(noon);
}

// A report label "YYYY-MM-DD HH:MM" (already store-local) for people: "Sat, 28 Nov, 15:00".
export function formatLocalLabel(label: string, locale?: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})/.exec(label);
  if (!m) return label;
  const ms = Date.UTC(Number(label.slice(0, 4)), Number(label.slice(5, 7)) - 1, Number(label.slice(8, 10)),
    Number(m[2]), Number(m[3]));
  return formatDateTime(ms, "UTC", locale);
}

// A timestamp from the API: epoch milliseconds (number or digits), epoch seconds (10 digits or fewer) or ISO-8601.
// null for anything else.
export function parseTimestamp(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value < 1e11 ? value * 1000 : value;
  if (typeof value !== "string" || value === "") return null;
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    return value.length <= 10 ? n * 1000 : n;
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

// "just now", "12 s ago", "5 min ago", "3 h ago", "2 d ago".
export function formatAge(ms: number, nowMs: number): string {
  const s = Math.max(0, Math.round((nowMs - ms) / 1000));
  if (s < 5) return "just now";
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

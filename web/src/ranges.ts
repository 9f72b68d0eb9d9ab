// Date ranges and ISO weeks the pickers offer, computed from the store's local "today". Pure.

import { addDays, addWeeks, daysBetween, isDate, isoWeekMonday, isoWeekOf, parseIsoWeek, weekdayOf } from "./time";

export interface DateRange {
  from: string; // local date, included
  to: string; // local date, included
}

export const PRESETS = [
  ["today", "Today"],
  ["yesterday", "Yesterday"],
  ["last7", "Last 7 days"],
  ["last28", "Last 28 days"],
  ["thisweek", "This week"],
  ["lastweek", "Last week"],
] as const;

export type Preset = (typeof PRESETS)[number][0];

export function presetRange(preset: Preset, today: string): DateRange {
  const yesterday = addDays(today, -1);
  switch (preset) {
    case "today":
      return { from: today, to: today };
    case "yesterday":
      return { from: yesterday, to: yesterday };
    case "last7":
      return { from: addDays(yesterday, -6), to: yesterday };
    case "last28":
      return { from: addDays(yesterday, -27), to: yesterday };
    case "thisweek":
      return { from: addDays(today, -weekdayOf(today)), to: today };
    case "lastweek": {
      const monday = addDays(today, -weekdayOf(today) - 7);
      return { from: monday, to: addDays(monday, 6) };
    }
  }
}

// The preset a range equals, if any.
export function presetOf(range: DateRange, today: string): Preset | null {
  for (const [p] of PRESETS) {
    const r = presetRange(p, today);
    if (r.from === range.from && r.to === range.to) return p;
  }
  return null;
}

export const MAX_RANGE_DAYS = 366;

// The range of the URL parameters, or the default (the last 7 whole days); to < from is swapped, a range longer
// than the server accepts is shortened from the start.
export function rangeFromParams(params: URLSearchParams, today: string, fallback: Preset = "last7"): DateRange {
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  if (!isDate(from) || !isDate(to)) return presetRange(fallback, today);
  let r = daysBetween(from, to) >= 0 ? { from, to } : { from: to, to: from };
  if (daysBetween(r.from, r.to) >= MAX_RANGE_DAYS) r = { from: addDays(r.to, -(MAX_RANGE_DAYS - 1)), to: r.to };
  return r;
}

export function weekFromParams(params: URLSearchParams, today: string): string {
  const w = params.get("week") ?? "";
  return parseIsoWeek(w) ? w : isoWeekOf(today);
}

// "23 – 29 Nov 2026" for people.
export function weekSpan(week: string, locale?: string): string {
  const monday = isoWeekMonday(week);
  const sunday = addDays(monday, 6);
  const f = (d: string, o: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { ...o, timeZone: "UTC" }).format(Date.parse(`${d}T12:00:00Z`));
  const sameMonth = monday.slice(0, 7) === sunday.slice(0, 7);
  return sameMonth
    ? `${f(monday, { day: "numeric" })} – ${f(sunday, { day: "numeric", month: "short", year: "numeric" })}`
    : `${f(monday, { day: "numeric", month: "short" })} – ${f(sunday, { day: "numeric", month: "short", year: "numeric" })}`;
}

export { addWeeks };

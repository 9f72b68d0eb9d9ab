// API answers -> what the charts and tables draw. Pure functions, unit-tested; the chart modules only style.

import type { Camera, CameraHealth, Point, Report, Staffing, StaffingHour, Today } from "./api";
import { formatTime, formatDay, parseTimestamp, weekdayOf } from "./time";

export const WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

export interface BarSeries {
  labels: string[]; // axis labels, store-local
  tooltips: string[]; // full store-local time of each bar
  values: number[];
  total: number;
  max: number;
  maxIndex: number; // -1 when empty
}

function maxOf(values: number[]): { max: number; maxIndex: number } {
  let max = 0;
  let maxIndex = -1;
  values.forEach((v, i) => {
    if (maxIndex < 0 || v > max) {
      max = v;
      maxIndex = i;
    }
  });
  return { max, maxIndex };
}

// Visitors per hour over the report's range. The report's hours are store-local hours stepped in UTC, so a day
// with a daylight-saving change has 23 or 25 bars; labels come from the UTC start formatted in the store's zone.
// A range of one day is labelled "HH:MM"; a longer one only at each local midnight, with the day ("Sat 24 Oct").
export function hourlyVisitors(report: Report, locale?: string): BarSeries {
  const tz = report.time_zone;
  const oneDay = report.range.from_date === report.range.to_date;
  const labels: string[] = [];
  const tooltips: string[] = [];
  const values: number[] = [];
  for (const h of report.hourly) {
    const time = formatTime(h.start_utc_ms, tz, locale);
    const day = formatDay(h.start_utc_ms, tz, locale);
    labels.push(oneDay ? time : h.local_hour === 0 ? day : "");
    tooltips.push(`${day}, ${time}`);
    values.push(h.visitors);
  }
  const total = values.reduce((a, b) => a + b, 0);
  return { labels, tooltips, values, total, ...maxOf(values) };
}

// Visitors per day, and conversion per day (percent, null where no sales were imported).
export function dailySeries(report: Report) {
  const labels = report.daily.map((d) => `${WEEKDAY_NAMES[d.weekday] ?? ""} ${Number(d.date.slice(8, 10))}.${Number(d.date.slice(5, 7))}.`);
  const visitors = report.daily.map((d) => d.visitors);
  const conversion = report.daily.map((d) => (d.conversion === null ? null : Math.round(d.conversion * 1000) / 10));
  return { dates: report.daily.map((d) => d.date), labels, visitors, conversion, hasSales: conversion.some((c) => c !== null) };
}

// Occupancy over the report's chosen day (15-minute points, store-local labels). Leading and trailing stretches
// at zero (the store closed) are trimmed to keep the opening hours readable, keeping one point either side.
export function occupancyDay(report: Report) {
  const pts = report.occupancy_day.points;
  let first = pts.findIndex((p) => p.value > 0);
  let last = pts.length - 1;
  while (last >= 0 && pts[last].value <= 0) last--;
  if (first < 0) {
    first = 0;
    last = pts.length - 1;
  } else {
    first = Math.max(0, first - 1);
    last = Math.min(pts.length - 1, last + 1);
  }
  const kept = pts.slice(first, last + 1);
  const values = kept.map((p) => p.value);
  return { date: report.occupancy_day.date, labels: kept.map((p) => p.time), values, ...maxOf(values) };
}

export interface WeekdayHourHeat {
  hours: number[]; // the hours shown (those with a value on some weekday)
  cells: [number, number, number | null][]; // [hour index, weekday index, value]
  min: number;
  max: number;
}

// The weekday x hour matrix as heatmap cells: x = hour of day, y = weekday (Monday at the top). Hours that are
// null on every weekday (closed) are left out.
export function weekdayHourHeat(report: Report): WeekdayHourHeat {
  const m = report.weekday_hour;
  const hours: number[] = [];
  for (let h = 0; h < 24; h++) {
    if (m.some((row) => row && row[h] !== null && row[h] !== undefined)) hours.push(h);
  }
  const cells: [number, number, number | null][] = [];
  let min = Infinity;
  let max = -Infinity;
  hours.forEach((h, x) => {
    for (let d = 0; d < 7; d++) {
      const v = m[d]?.[h] ?? null;
      cells.push([x, d, v]);
      if (v !== null) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
  });
  if (!Number.isFinite(min)) {
    min = 0;
    max = 0;
  }
  return { hours, cells, min, max };
}

// Peaks with their store-local time for people, "Sat, 28 Nov, 15:00".
export function peakRows(report: Report) {
  const row = (p: { local_time: string; visitors: number }) => {
    const date = p.local_time.slice(0, 10);
    const time = p.local_time.slice(11, 16);
    return { label: p.local_time, weekday: WEEKDAY_NAMES[weekdayOf(date)], date, time, visitors: p.visitors };
  };
  return { busiest: report.peaks.busiest.map(row), quietest: report.peaks.quietest.map(row) };
}

// Today against the same weekday last week, per local hour, for a grouped bar chart. Hours with nothing on either
// day are left out at the start and the end (the store closed); hours still to come today are null (no bar).
export function todayHours(today: Today) {
  const hours = today.hours;
  const busy = (h: Today["hours"][number]) => (h.entries ?? 0) > 0 || (h.last_week_entries ?? 0) > 0;
  let first = hours.findIndex(busy);
  let last = hours.length - 1;
  while (last >= 0 && !busy(hours[last])) last--;
  if (first < 0) {
    first = 0;
    last = -1;
  }
  const kept = hours.slice(first, last + 1);
  return {
    labels: kept.map((h) => `${String(h.hour).padStart(2, "0")}:00`),
    today: kept.map((h) => (h.entries === null || h.entries === undefined ? null : h.entries)),
    lastWeek: kept.map((h) => h.last_week_entries ?? 0),
  };
}

// ---- Staffing --------------------------------------------------------------------------------------------------

export type StaffCell = "over" | "under" | "ok" | "closed" | "none";

// The state of an hour: what the server said if it said one of ours, else from the numbers.
export function staffState(h: Pick<StaffingHour, "open" | "total" | "scheduled" | "state">): StaffCell {
  const s = String(h.state ?? "").toLowerCase();
  if (s === "over" || s === "overstaffed") return "over";
  if (s === "under" || s === "understaffed") return "under";
  if (s === "ok" || s === "match" || s === "matched") return "ok";
  if (s === "closed") return "closed";
  if (h.scheduled === null || h.scheduled === undefined) return h.open ? "none" : "closed";
  if (h.scheduled > h.total) return "over";
  if (h.scheduled < h.total) return "under";
  return h.open ? "ok" : "closed";
}

export interface StaffingDay {
  date: string;
  label: string;
  hours: (StaffingHour & { cell: StaffCell; hour: number })[];
}

// The week's hours grouped by local day, each hour with its state.
export function staffingDays(staffing: Staffing): StaffingDay[] {
  const days = new Map<string, StaffingDay>();
  for (const h of staffing.hours) {
    const date = h.local.slice(0, 10);
    let day = days.get(date);
    if (!day) {
      day = { date, label: `${WEEKDAY_NAMES[weekdayOf(date)]} ${Number(date.slice(8, 10))}.${Number(date.slice(5, 7))}.`, hours: [] };
      days.set(date, day);
    }
    day.hours.push({ ...h, cell: staffState(h), hour: Number(h.local.slice(11, 13)) });
  }
  return [...days.values()];
}

// The week as a chart: recommended (bars) against scheduled (step line) over the open hours.
export function staffingChart(staffing: Staffing) {
  const open = staffing.hours.filter((h) => h.open || (h.scheduled ?? 0) > 0);
  const labels = open.map((h) => {
    const date = h.local.slice(0, 10);
    return `${WEEKDAY_NAMES[weekdayOf(date)]} ${h.local.slice(11, 16)}`;
  });
  const recommended = open.map((h) => h.total);
  const scheduled = open.map((h) => (h.scheduled === null || h.scheduled === undefined ? null : h.scheduled));
  const cells = open.map((h) => staffState(h));
  return {
    labels,
    recommended,
    scheduled,
    cells,
    hasRoster: scheduled.some((v) => v !== null),
    totalRecommended: recommended.reduce((a, b) => a + b, 0),
    peak: Math.max(0, ...recommended),
  };
}

// ---- Cameras ---------------------------------------------------------------------------------------------------

export type HealthLevel = "good" | "warn" | "bad" | "idle";

export function healthLevel(h: CameraHealth | undefined): HealthLevel {
  const s = (h?.state ?? "unknown").toLowerCase();
  if (s === "running") return (h?.frames_dropped ?? 0) > 0 && (h?.fps_analysed ?? 0) === 0 ? "warn" : "good";
  if (s === "reconnecting" || s === "starting") return "warn";
  if (s === "failed") return "bad";
  return "idle";
}

export function lastFrameMs(h: CameraHealth | undefined): number | null {
  return h ? parseTimestamp(h.last_frame) : null;
}

// Points of a line or zone in image pixels. As the configuration reads them (docs/configuration.md): if every
// coordinate is within 0..1 they are fractions of the frame, otherwise pixels.
export function toPixels(points: Point[], width: number, height: number, normalized?: boolean): Point[] {
  const fractions = normalized ?? points.every(([x, y]) => x >= 0 && x <= 1 && y >= 0 && y <= 1);
  return fractions ? points.map(([x, y]) => [x * width, y * height]) : points.map(([x, y]) => [x, y]);
}

// Where to draw a line's "in" arrow: from the midpoint towards the side that counts as `in`. A crossing from the
// left-hand to the right-hand side (walking from the first point to the second, y down) is `in`, so the arrow is
// the line's direction turned clockwise on screen.
export function inArrow(a: Point, b: Point, length: number): { from: Point; to: Point } {
  const mid: Point = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const n = Math.hypot(dx, dy) || 1;
  const nx = -dy / n;
  const ny = dx / n;
  return { from: mid, to: [mid[0] + nx * length, mid[1] + ny * length] };
}

const DAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

// A store's opening hours on a weekday (0 = Monday) for people: "07:00–22:00", "09:00–13:00, 14:00–18:00" or
// "closed". The API sends {mon: ["09:00-20:00"], ...}; null when it sent something else.
export function openingHours(hours: unknown, weekday: number): string | null {
  if (!hours || typeof hours !== "object") return null;
  const day = (hours as Record<string, unknown>)[DAY_KEYS[weekday]];
  if (!Array.isArray(day)) return null;
  if (day.length === 0) return "closed";
  return day.map((i) => String(i).replace("-", "–")).join(", ");
}

export function storeCameras(cameras: Camera[], store: string): Camera[] {
  return cameras.filter((c) => c.store === store);
}

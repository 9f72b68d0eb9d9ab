// Report and staffing answers -> chart data, on a real report (fixtures/README.md) that spans the autumn
// daylight-saving change in Berlin.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

import type { Report, Staffing, StaffingHour, Today } from "../src/api";
import { change, fmtChange, fmtPercent } from "../src/format";
import { presetOf, presetRange, rangeFromParams, weekFromParams } from "../src/ranges";
import {
  dailySeries,
  hourlyVisitors,
  inArrow,
  occupancyDay,
  openingHours,
  peakRows,
  staffingChart,
  staffingDays,
  staffState,
  todayHours,
  toPixels,
  weekdayHourHeat,
} from "../src/transforms";

const report = JSON.parse(readFileSync(new URL("./fixtures/report-berlin-dst.json", import.meta.url), "utf8")) as Report;

describe("visitors per hour", () => {
  const s = hourlyVisitors(report, "en-GB");

  it("has one bar per stored hour, 25 on the day the clocks go back", () => {
    expect(report.hourly.length).toBe(24 + 25 + 24);
    expect(s.values.length).toBe(73);
    // The repeated 02:00 appears twice, labelled from the UTC instant in the store's zone.
    const sunday = s.tooltips.filter((t) => t.startsWith("Sun 25 Oct"));
    expect(sunday.length).toBe(25);
    expect(sunday.filter((t) => t.endsWith("02:00")).length).toBe(2);
    expect(sunday.some((t) => t.endsWith("02:00")) && !sunday.some((t) => t.endsWith("24:00"))).toBe(true);
  });

  it("adds up to the report's total and finds the busiest hour", () => {
    expect(s.total).toBe(report.totals.visitors);
    const busiest = report.peaks.busiest[0];
    expect(s.max).toBe(busiest.visitors);
    expect(report.hourly[s.maxIndex].local_time).toBe(busiest.local_time);
    expect(s.tooltips[s.maxIndex]).toBe(`Sat 24 Oct, ${busiest.local_time.slice(11)}`);
  });

  it("labels a multi-day range with the day at each local midnight only", () => {
    expect(s.labels[0]).toBe("Sat 24 Oct");
    expect(s.labels[9]).toBe("");
    expect(s.labels[24]).toBe("Sun 25 Oct");
    expect(s.labels[49]).toBe("Mon 26 Oct"); // after the 25-hour day
    expect(s.labels.filter((l) => l !== "").length).toBe(3);
    const one = hourlyVisitors({ ...report, range: { ...report.range, to_date: report.range.from_date } }, "en-GB");
    expect(one.labels[0]).toBe("00:00");
  });
});

describe("days, occupancy, weekday x hour, peaks", () => {
  it("gives visitors and conversion (percent) per day", () => {
    const d = dailySeries(report);
    expect(d.dates).toEqual(["2026-10-24", "2026-10-25", "2026-10-26"]);
    expect(d.labels).toEqual(["Sat 24.10.", "Sun 25.10.", "Mon 26.10."]);
    expect(d.visitors.reduce((a, b) => a + b, 0)).toBe(report.totals.visitors);
    expect(d.hasSales).toBe(true);
    const sat = report.daily[0];
    expect(d.conversion[0]).toBeCloseTo((sat.conversion ?? 0) * 100, 1);
    expect(d.visitors[1]).toBe(0); // closed on Sunday
  });

  it("trims the closed night from the occupancy curve but keeps the day", () => {
    const o = occupancyDay(report);
    expect(o.date).toBe(report.occupancy_day.date);
    expect(o.values.length).toBeLessThan(report.occupancy_day.points.length);
    expect(o.values[0]).toBe(0);
    expect(o.values.slice(1).some((v) => v > 0)).toBe(true);
    expect(o.max).toBe(Math.max(...report.occupancy_day.points.map((p) => p.value)));
    expect(o.labels[1] >= "09:00").toBe(true);
  });

  it("keeps only open hours in the weekday x hour heatmap, Monday first", () => {
    const m = weekdayHourHeat(report);
    expect(m.hours[0]).toBe(9);
    expect(m.hours[m.hours.length - 1]).toBe(19);
    expect(m.cells.length).toBe(m.hours.length * 7);
    const satAt = (hour: number) => m.cells.find(([x, y]) => m.hours[x] === hour && y === 5)![2];
    expect(satAt(14)).toBe(report.weekday_hour[5][14]);
    expect(m.cells.filter(([, y]) => y === 6).every(([, , v]) => v === null || v === 0)).toBe(true); // Sunday closed
    expect(m.max).toBe(Math.max(...report.weekday_hour.flat().filter((v): v is number => v !== null)));
  });

  it("labels peaks with weekday and time", () => {
    const p = peakRows(report);
    expect(p.busiest[0]).toMatchObject({ weekday: "Sat", time: "14:00", date: "2026-10-24", visitors: report.peaks.busiest[0].visitors });
    expect(p.quietest.length).toBe(report.peaks.quietest.length);
  });
});

describe("today against last week", () => {
  it("keeps the hours between the first and last busy one and leaves hours to come empty", () => {
    const hours = Array.from({ length: 24 }, (_, h) => ({
      hour: h,
      entries: h <= 11 ? (h >= 9 ? h * 2 : 0) : null,
      exits: h <= 11 ? 0 : null,
      last_week_entries: h >= 9 && h < 20 ? 10 : 0,
      last_week_exits: 0,
    }));
    const today: Today = { date: "2026-11-29", occupancy_now: 3, entries: 60, exits: 0, same_weekday_last_week: { entries: 30, exits: 0 }, hours };
    const d = todayHours(today);
    expect(d.labels[0]).toBe("09:00");
    expect(d.labels[d.labels.length - 1]).toBe("19:00");
    expect(d.today.slice(0, 3)).toEqual([18, 20, 22]);
    expect(d.today[3]).toBeNull();
    expect(d.lastWeek.every((v) => v === 10)).toBe(true);
  });

  it("formats changes", () => {
    expect(change(60, 30)).toBe(1);
    expect(change(5, 0)).toBeNull();
    expect(change(5, null)).toBeNull();
    expect(fmtChange(0.123)).toBe("+12 %");
    expect(fmtChange(-0.04)).toBe("−4 %");
    expect(fmtChange(0.001)).toBe("±0 %");
    expect(fmtPercent(0.2431, 1, "en-GB")).toBe("24.3%");
  });
});

describe("staffing", () => {
  const hour = (local: string, open: boolean, total: number, scheduled: number | null, state: string, source = "observed"): StaffingHour => ({
    start: "", local, weekday: "Mon", open, source, visitors: 10, floor_staff: Math.max(0, total - 1), tills: total > 0 ? 1 : 0, total, scheduled, state,
  });
  const staffing: Staffing = {
    week: "2026-W48",
    hours: [
      hour("2026-11-23T08:00:00+01:00", false, 0, null, "none"),
      hour("2026-11-23T09:00:00+01:00", true, 2, 3, "over"),
      hour("2026-11-23T10:00:00+01:00", true, 3, 1, "under"),
      hour("2026-11-23T11:00:00+01:00", true, 3, 3, "ok"),
      hour("2026-11-24T09:00:00+01:00", true, 2, null, "none", "forecast"),
    ],
    forecast: { model: "holt_winters", backtest_wape: 0.17 },
    roster: { overstaffed_hours: 1, understaffed_hours: 2, over_count: 1, under_count: 1 },
  };

  it("takes the server's state and falls back to comparing the numbers", () => {
    expect(staffState({ open: true, total: 2, scheduled: 3, state: "over" })).toBe("over");
    expect(staffState({ open: true, total: 3, scheduled: 1, state: "" })).toBe("under");
    expect(staffState({ open: true, total: 3, scheduled: 3, state: "" })).toBe("ok");
    expect(staffState({ open: true, total: 3, scheduled: null, state: "none" })).toBe("none");
    expect(staffState({ open: false, total: 0, scheduled: null, state: "" })).toBe("closed");
  });

  it("charts the open hours only and groups the week by local day", () => {
    const c = staffingChart(staffing);
    expect(c.labels).toEqual(["Mon 09:00", "Mon 10:00", "Mon 11:00", "Tue 09:00"]);
    expect(c.recommended).toEqual([2, 3, 3, 2]);
    expect(c.scheduled).toEqual([3, 1, 3, null]);
    expect(c.cells).toEqual(["over", "under", "ok", "none"]);
    expect(c.hasRoster).toBe(true);
    expect(c.peak).toBe(3);
    const days = staffingDays(staffing);
    expect(days.map((d) => d.label)).toEqual(["Mon 23.11.", "Tue 24.11."]);
    expect(days[0].hours.map((h) => h.hour)).toEqual([8, 9, 10, 11]);
  });
});

describe("lines and zones over the scene", () => {
  it("reads fractions or pixels as the configuration does", () => {
    const px = toPixels([[0.05, 0.55], [0.95, 0.55]], 768, 576).flat();
    [38.4, 316.8, 729.6, 316.8].forEach((v, i) => expect(px[i]).toBeCloseTo(v, 6));
    expect(toPixels([[100, 300], [400, 300]], 768, 576)).toEqual([[100, 300], [400, 300]]);
    expect(toPixels([[1, 1], [0, 1]], 768, 576, false)).toEqual([[1, 1], [0, 1]]); // the server says pixels
  });

  it("points the in-arrow to the right-hand side of the line's direction", () => {
    // A line drawn left to right: walking down the image is `in`.
    expect(inArrow([0, 100], [200, 100], 10)).toEqual({ from: [100, 100], to: [100, 110] });
    // Drawn right to left: up is `in`.
    expect(inArrow([200, 100], [0, 100], 10).to).toEqual([100, 90]);
  });
});

describe("opening hours", () => {
  it("reads the API's hours per weekday", () => {
    const hours = { mon: ["09:00-20:00"], tue: ["09:00-13:00", "14:00-18:00"], wed: [], thu: [], fri: [], sat: [], sun: [] };
    expect(openingHours(hours, 0)).toBe("09:00–20:00");
    expect(openingHours(hours, 1)).toBe("09:00–13:00, 14:00–18:00");
    expect(openingHours(hours, 6)).toBe("closed");
    expect(openingHours("daily", 0)).toBeNull();
  });
});

describe("range presets", () => {
  it("are computed from the store's today", () => {
    expect(presetRange("today", "2026-11-29")).toEqual({ from: "2026-11-29", to: "2026-11-29" });
    expect(presetRange("last7", "2026-11-29")).toEqual({ from: "2026-11-22", to: "2026-11-28" });
    expect(presetRange("thisweek", "2026-11-29")).toEqual({ from: "2026-11-23", to: "2026-11-29" });
    expect(presetRange("lastweek", "2026-11-29")).toEqual({ from: "2026-11-16", to: "2026-11-22" });
    expect(presetOf({ from: "2026-11-22", to: "2026-11-28" }, "2026-11-29")).toBe("last7");
    expect(presetOf({ from: "2026-11-02", to: "2026-11-28" }, "2026-11-29")).toBeNull();
  });

  it("read the URL, swapping a reversed range and falling back on bad values", () => {
    expect(rangeFromParams(new URLSearchParams("from=2026-11-10&to=2026-11-01"), "2026-11-29")).toEqual({ from: "2026-11-01", to: "2026-11-10" });
    expect(rangeFromParams(new URLSearchParams("from=2026-02-30&to=2026-03-01"), "2026-11-29")).toEqual(presetRange("last7", "2026-11-29"));
    expect(rangeFromParams(new URLSearchParams("from=2024-01-01&to=2026-11-01"), "2026-11-29").from).toBe("2025-11-01");
    expect(weekFromParams(new URLSearchParams("week=2026-W60"), "2026-11-29")).toBe("2026-W48");
    expect(weekFromParams(new URLSearchParams("week=2026-W10"), "2026-11-29")).toBe("2026-W10");
  });
});

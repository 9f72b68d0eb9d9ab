// Staffing: the recommended staff per hour of an ISO week (floor associates + tills) against the imported roster,
// with over- and understaffed hours highlighted, and the forecast behind future hours.

import type { Staffing } from "../api";
import { ApiError, describeError } from "../api";
import { mountChart, staffingOption, type Mounted } from "../charts";
import type { AppContext, Page } from "../context";
import { badge, card, clear, empty, errorState, h, kpi, skeleton } from "../dom";
import { fmtInt, fmtNumber, fmtPercent } from "../format";
import { weekPicker } from "../pickers";
import { weekFromParams } from "../ranges";
import { isoWeekOf, todayIn } from "../time";
import { staffingChart, staffingDays, type StaffCell } from "../transforms";

const CELL_TEXT: Record<StaffCell, string> = { over: "over", under: "under", ok: "matches", closed: "closed", none: "no roster" };

export const staffingPage: Page = {
  id: "staffing",
  title: "Staffing",
  render(ctx: AppContext, root: HTMLElement) {
    const store = ctx.store;
    if (!store) {
      clear(root, empty("No store configured"));
      return;
    }
    const today = todayIn(store.timezone, ctx.nowMs());
    const currentWeek = isoWeekOf(today);
    const week = weekFromParams(ctx.params, today);
    let chart: Mounted | null = null;
    let disposed = false;
    const body = h("div");

    clear(root,
      h("div", { class: "page-head" },
        h("div", null, h("h1", null, "Staffing"), h("p", { class: "page-sub" }, store.name, " · recommended staff per hour against the roster")),
        weekPicker(week, currentWeek, (w) => ctx.setParams({ week: w }))),
      body);

    const render = (s: Staffing) => {
      chart?.dispose();
      chart = null;
      const c = staffingChart(s);
      const days = staffingDays(s);
      const forecastHours = s.hours.filter((x) => x.source === "forecast").length;
      const roster = s.roster;
      if (c.labels.length === 0) {
        clear(body, empty("The store is closed all week", "No open hours in this week: nothing to staff."));
        return;
      }
      const chartEl = h("div", { class: "chart chart-lg", "data-chart": "staffing" });
      // The hour-by-day grid: rows are hours of the day that are open on some day, columns the days.
      const hours = [...new Set(days.flatMap((d) => d.hours.filter((x) => x.open || (x.scheduled ?? 0) > 0).map((x) => x.hour)))].sort((a, b) => a - b);
      const grid = h("div", { class: "table-wrap" }, h("table", { class: "table staff-grid", "data-testid": "staffing-grid" },
        h("thead", null, h("tr", null, h("th", null, "Hour"), ...days.map((d) => h("th", { class: "num" }, d.label)))),
        h("tbody", null, ...hours.map((hour) => h("tr", null,
          h("th", { scope: "row" }, `${String(hour).padStart(2, "0")}:00`),
          ...days.map((d) => {
            const x = d.hours.find((y) => y.hour === hour);
            if (!x || (!x.open && (x.scheduled ?? 0) === 0)) return h("td", { class: "cell cell-closed" }, "");
            const title = `${d.label} ${String(hour).padStart(2, "0")}:00 · recommended ${x.total} (${x.floor_staff} floor + ${x.tills} tills)` +
              `${x.scheduled === null ? "" : ` · scheduled ${fmtNumber(x.scheduled, 1)}`} · ${fmtInt(x.visitors)} visitors${x.source === "forecast" ? " (forecast)" : ""}`;
            return h("td", { class: `cell cell-${x.cell}${x.source === "forecast" ? " cell-forecast" : ""}`, title, "data-state": x.cell },
              h("span", { class: "cell-rec" }, String(x.total)),
              x.scheduled === null ? null : h("span", { class: "cell-sched" }, `/${fmtNumber(x.scheduled, 1)}`));
          }))))));

      clear(body,
        h("div", { class: "kpi-row kpi-row-4" },
          kpi("Staff hours needed", fmtInt(s.labour_hours ?? c.totalRecommended), { hint: `peak ${c.peak} at once`, testid: "kpi-staff-hours", accent: true }),
          kpi("Scheduled", roster ? fmtNumber(roster.scheduled_hours ?? null, 1) : "–", { hint: roster ? "staff hours on the roster" : "import a roster to compare", testid: "kpi-scheduled" }),
          kpi("Understaffed", roster ? `${fmtInt(roster.under_count)} h` : "–", { hint: roster ? `${fmtNumber(roster.understaffed_hours, 1)} staff hours short` : undefined, testid: "kpi-under" }),
          kpi("Overstaffed", roster ? `${fmtInt(roster.over_count)} h` : "–", { hint: roster ? `${fmtNumber(roster.overstaffed_hours, 1)} staff hours to spare` : undefined, testid: "kpi-over" })),
        forecastHours > 0 && s.forecast ? h("div", { class: "banner banner-info" },
          h("strong", null, "Forecast"), ` ${forecastHours} hours of this week are forecast with ${s.forecast.model ?? "a model"}`,
          s.forecast.backtest_wape === null ? "" : ` (backtest error ${fmtPercent(s.forecast.backtest_wape, 0)} WAPE)`, ".") : null,
        h("div", { class: "grid grid-1" },
          card("Recommended against scheduled", chartEl, {
            subtitle: "Bars: staff needed (amber over, red under the roster) · line: staff scheduled",
          }),
          card("Hour by hour", h("div", null, grid, h("div", { class: "legend" },
            ...(["under", "over", "ok", "none"] as StaffCell[]).map((k) => h("span", { class: "legend-item" }, h("span", { class: `swatch cell-${k}` }), CELL_TEXT[k])),
            h("span", { class: "legend-item" }, h("span", { class: "swatch cell-forecast-swatch" }), "forecast"))),
          { subtitle: "Each cell: recommended / scheduled", actions: roster ? badge(`${roster.under_count} under · ${roster.over_count} over`, roster.under_count > 0 ? "bad" : "good") : badge("no roster", "idle") })));
      chart = mountChart(chartEl, staffingOption(c), {
        total: c.totalRecommended, peak: c.peak, count: c.labels.length,
        over: c.cells.filter((x) => x === "over").length, under: c.cells.filter((x) => x === "under").length,
      });
    };

    const load = async () => {
      clear(body, h("div", { class: "kpi-row kpi-row-4" }, skeleton(88), skeleton(88), skeleton(88), skeleton(88)), skeleton(320));
      try {
        const s = await ctx.api.staffing(store.name, week);
        if (!disposed) render(s);
      } catch (e) {
        if (disposed) return;
        if (e instanceof ApiError && e.status === 422) {
          clear(body, empty("Not enough history to plan this week", e.message));
        } else {
          clear(body, errorState(describeError(e), load));
        }
      }
    };
    void load();

    return () => {
      disposed = true;
      chart?.dispose();
    };
  },
};

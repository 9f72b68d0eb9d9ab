// Day & week: the store report over a range of local days: visitors per hour, visitors and conversion per day,
// occupancy over the busiest day, the weekday x hour heatmap, peaks and quiet hours, and the last day against the
// same weekday of the weeks before.

import type { Report } from "../api";
import { describeError } from "../api";
import { dailyOption, hourlyBarOption, mountChart, occupancyOption, weekdayHourOption, type Mounted } from "../charts";
import type { AppContext, Page } from "../context";
import { card, clear, empty, errorState, h, kpi, simulatedBanner, skeleton } from "../dom";
import { fmtAmount, fmtChange, fmtInt, fmtNumber, fmtPercent } from "../format";
import { rangePicker } from "../pickers";
import { rangeFromParams } from "../ranges";
import { daysBetween, formatCalendarDate, todayIn } from "../time";
import { dailySeries, hourlyVisitors, occupancyDay, peakRows, weekdayHourHeat } from "../transforms";

export const dayPage: Page = {
  id: "day",
  title: "Day & week",
  render(ctx: AppContext, root: HTMLElement) {
    const store = ctx.store;
    if (!store) {
      clear(root, empty("No store configured", "Reports are made per store: add one under `stores:` in the configuration."));
      return;
    }
    const tz = store.timezone;
    const today = todayIn(tz, ctx.nowMs());
    const range = rangeFromParams(ctx.params, today);
    const charts: Mounted[] = [];
    let disposed = false;

    const body = h("div", { class: "report-body" });
    clear(root,
      h("div", { class: "page-head" },
        h("div", null, h("h1", null, "Day & week"),
          h("p", { class: "page-sub" }, store.name, " · ", range.from === range.to
            ? formatCalendarDate(range.from)
            : `${formatCalendarDate(range.from)} – ${formatCalendarDate(range.to)}`, ` · ${tz}`)),
        rangePicker(range, today, (r) => ctx.setParams({ from: r.from, to: r.to }))),
      body);

    const showLoading = () => clear(body,
      h("div", { class: "kpi-row kpi-row-6" }, ...Array.from({ length: 6 }, () => skeleton(88))),
      h("div", { class: "grid grid-2" }, skeleton(300), skeleton(300)));

    const chartEl = (name: string, size = "chart-md") => h("div", { class: `chart ${size}`, "data-chart": name });

    const renderReport = (r: Report) => {
      charts.splice(0).forEach((c) => c.dispose());
      const hourly = hourlyVisitors(r);
      const days = daysBetween(r.range.from_date, r.range.to_date) + 1;
      const t = r.totals;
      const peaks = peakRows(r);
      const busiest = peaks.busiest[0];

      if (t.visitors === 0 && hourly.total === 0) {
        clear(body, r.simulated ? simulatedBanner(r.notice) : null,
          empty("No visitors in this range", "Nothing was counted on the store's entry lines between these dates. Pick another range, or check the cameras on the Now page."));
        return;
      }

      const hourlyEl = chartEl("hourly", "chart-lg");
      const dailyEl = chartEl("daily");
      const occEl = chartEl("occupancy");
      const heatEl = chartEl("weekday-hour", "chart-heat");

      const peakList = (rows: typeof peaks.busiest, kind: string) => rows.length === 0
        ? empty("None")
        : h("ol", { class: `peak-list peak-${kind}`, "data-testid": `peaks-${kind}` }, ...rows.map((p) =>
          h("li", { "data-visitors": String(p.visitors), "data-local-time": p.label },
            h("span", { class: "peak-when" }, h("strong", null, `${p.weekday} ${p.time}`), h("span", { class: "muted" }, ` ${formatCalendarDate(p.date, undefined, false)}`)),
            h("span", { class: "peak-value" }, fmtInt(p.visitors)))));

      const cmp = r.comparison;
      const comparison = cmp.hours.filter((x) => x.visitors > 0 || (x.previous_mean ?? 0) > 0);

      clear(body,
        r.simulated ? simulatedBanner(r.notice) : null,
        h("div", { class: "kpi-row kpi-row-6" },
          kpi("Visitors", fmtInt(t.visitors), { hint: days > 1 ? `${fmtInt(t.visitors / days)} a day on average` : "entries through the doors", testid: "kpi-visitors", accent: true }),
          kpi("Conversion", fmtPercent(t.conversion), { hint: t.conversion === null ? "import sales to see conversion" : "transactions per visitor", testid: "kpi-conversion" }),
          kpi("Transactions", fmtInt(t.transactions), { testid: "kpi-transactions" }),
          kpi("Average basket", fmtAmount(t.average_basket), { hint: t.amount === null ? undefined : `takings ${fmtAmount(t.amount)}`, testid: "kpi-basket" }),
          kpi("Busiest hour", busiest ? `${busiest.weekday} ${busiest.time}` : "–", { hint: busiest ? `${fmtInt(busiest.visitors)} visitors · ${formatCalendarDate(busiest.date, undefined, false)}` : undefined, testid: "kpi-busiest" }),
          kpi("Staffing gap", t.labour_hours_under === null && t.labour_hours_over === null ? "–" : `${fmtNumber(t.labour_hours_under ?? 0, 1)} h short`,
            { hint: t.labour_hours_over === null ? "import a roster to compare" : `${fmtNumber(t.labour_hours_over, 1)} h over`, testid: "kpi-staffing" })),
        h("div", { class: "grid grid-2" },
          card("Visitors per hour", hourlyEl, { class: "span-2", subtitle: `Store-local time (${tz}); the busiest hour in amber` }),
          card(days > 1 ? "Visitors and conversion per day" : "Visitors and conversion", dailyEl, { subtitle: "Bars: visitors · line: conversion" }),
          card("Occupancy over the day", occEl, { subtitle: `People in the store on ${formatCalendarDate(r.occupancy_day.date)} (15-minute means)` }),
          card("Weekday × hour", heatEl, { class: "span-2", subtitle: "Mean visitors per hour of each weekday in the range" }),
          card("Peak hours", peakList(peaks.busiest, "busiest"), { subtitle: "The busiest hours of the range" }),
          card("Quiet hours", peakList(peaks.quietest, "quietest"), { subtitle: "The quietest open hours" }),
          card(`${formatCalendarDate(cmp.date)} against the ${cmp.weeks} weeks before`, comparison.length === 0 ? empty("Nothing to compare") :
            h("div", { class: "table-wrap" }, h("table", { class: "table table-compact", "data-testid": "comparison" },
              h("thead", null, h("tr", null, h("th", null, "Hour"), h("th", { class: "num" }, "Visitors"), h("th", { class: "num" }, "Mean before"), h("th", { class: "num" }, "Change"))),
              h("tbody", null, ...comparison.map((x) => h("tr", null,
                h("td", null, `${String(x.hour).padStart(2, "0")}:00`),
                h("td", { class: "num" }, fmtInt(x.visitors)),
                h("td", { class: "num" }, fmtNumber(x.previous_mean, 1)),
                h("td", { class: `num ${x.percent_change === null ? "" : x.percent_change >= 0 ? "pos" : "neg"}` },
                  x.percent_change === null ? "–" : fmtChange(x.percent_change / 100))))),
              h("tfoot", null, h("tr", null, h("th", null, "Day"), h("th", { class: "num" }, fmtInt(cmp.visitors)),
                h("th", { class: "num" }, fmtNumber(cmp.previous_mean, 0)), h("th", null))))),
          { class: "span-2" })));

      charts.push(mountChart(hourlyEl, hourlyBarOption(hourly), {
        total: hourly.total, max: hourly.max, count: hourly.values.length,
        maxLabel: hourly.maxIndex >= 0 ? hourly.tooltips[hourly.maxIndex] : "",
      }));
      const daily = dailySeries(r);
      charts.push(mountChart(dailyEl, dailyOption(daily), {
        total: daily.visitors.reduce((a, b) => a + b, 0), count: daily.visitors.length, max: Math.max(0, ...daily.visitors),
      }));
      const occ = occupancyDay(r);
      if (occ.values.length === 0) clear(occEl, empty("No occupancy recorded"));
      else charts.push(mountChart(occEl, occupancyOption(occ), { max: occ.max, count: occ.values.length, date: occ.date }));
      const heat = weekdayHourHeat(r);
      if (heat.hours.length === 0) clear(heatEl, empty("No hours to show"));
      else charts.push(mountChart(heatEl, weekdayHourOption(heat, window.innerWidth < 600), { max: heat.max, min: heat.min, hours: heat.hours.length }));
    };

    const load = async () => {
      showLoading();
      try {
        const r = await ctx.api.report(store.name, range.from, range.to);
        if (!disposed) renderReport(r);
      } catch (e) {
        if (!disposed) clear(body, errorState(describeError(e), load));
      }
    };
    void load();

    return () => {
      disposed = true;
      charts.forEach((c) => c.dispose());
    };
  },
};

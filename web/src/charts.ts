// ECharts, imported piece by piece (bar, line and heatmap charts on the canvas renderer) so that the bundle carries
// only what the dashboard draws. Each mount returns a disposer; charts follow their container's size.
//
// Every chart container carries what it shows as data attributes (data-chart, data-total, data-max, data-count),
// so that the end-to-end test and assistive tools can read the values without the canvas.

import * as echarts from "echarts/core";
import { BarChart, HeatmapChart, LineChart } from "echarts/charts";
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption } from "echarts/charts";
import { GridSimpleComponent, LegendPlainComponent, TooltipComponent, VisualMapContinuousComponent } from "echarts/components";
import type {
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

import type { BarSeries, WeekdayHourHeat } from "./transforms";
import { WEEKDAY_NAMES } from "./transforms";
import { fmtInt, fmtNumber } from "./format";

echarts.use([BarChart, LineChart, HeatmapChart, GridSimpleComponent, TooltipComponent, LegendPlainComponent, VisualMapContinuousComponent,
  CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | HeatmapSeriesOption | GridComponentOption | TooltipComponentOption |
  LegendComponentOption | VisualMapComponentOption>;

export const palette = {
  primary: "#0f766e",
  primarySoft: "#5eead4",
  secondary: "#6366f1",
  muted: "#cbd5e1",
  ink: "#0f172a",
  inkSoft: "#64748b",
  grid: "#e2e8f0",
  over: "#d97706",
  under: "#dc2626",
  ok: "#16a34a",
  heat: ["#f0fdfa", "#99f6e4", "#2dd4bf", "#0d9488", "#115e59", "#134e4a"],
};

const font = "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

const baseText = { fontFamily: font, color: palette.inkSoft, fontSize: 11 };

function axisCommon() {
  return {
    axisLine: { lineStyle: { color: palette.grid } },
    axisTick: { show: false },
    axisLabel: { ...baseText, hideOverlap: true },
    splitLine: { lineStyle: { color: palette.grid, type: "dashed" as const } },
  };
}

const tooltipBase: TooltipComponentOption = {
  trigger: "axis",
  backgroundColor: "#0f172a",
  borderWidth: 0,
  textStyle: { color: "#f8fafc", fontFamily: font, fontSize: 12 },
  axisPointer: { type: "shadow", shadowStyle: { color: "rgba(15,118,110,0.08)" } },
};

export interface Mounted {
  chart: echarts.ECharts;
  dispose: () => void;
}

export function mountChart(el: HTMLElement, option: ChartOption, data?: Record<string, string | number>): Mounted {
  if (data) for (const [k, v] of Object.entries(data)) el.dataset[k] = String(v);
  const chart = echarts.init(el, undefined, { renderer: "canvas" });
  chart.setOption(option);
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(el);
  el.dataset.rendered = "true";
  return {
    chart,
    dispose: () => {
      observer.disconnect();
      chart.dispose();
    },
  };
}

// Visitors per hour (bars, the busiest hour highlighted).
export function hourlyBarOption(s: BarSeries): ChartOption {
  return {
    grid: { left: 44, right: 12, top: 16, bottom: 28 },
    tooltip: {
      ...tooltipBase,
      formatter: (params: unknown) => {
        const p = (params as { dataIndex: number; value: number }[])[0];
        return `${s.tooltips[p.dataIndex]}<br/><b>${fmtInt(p.value)}</b> visitors`;
      },
    },
    xAxis: {
      type: "category",
      data: s.labels,
      ...axisCommon(),
      // Several days: a label (and a tick) at each local midnight only.
      axisLabel: { ...baseText, hideOverlap: true, interval: s.labels.some((l) => l === "") ? (_: number, v: string) => v !== "" : "auto" },
      axisTick: { show: s.labels.some((l) => l === ""), interval: (_: number, v: string) => v !== "", lineStyle: { color: palette.grid } },
      splitLine: { show: false },
    },
    yAxis: { type: "value", minInterval: 1, ...axisCommon() },
    series: [{
      type: "bar",
      name: "Visitors",
      data: s.values.map((v, i) => ({ value: v, itemStyle: { color: i === s.maxIndex ? palette.over : palette.primary } })),
      barMaxWidth: 28,
      itemStyle: { borderRadius: [3, 3, 0, 0] },
    }],
    animationDuration: 400,
  };
}

// Visitors per day (bars) with conversion (line, right axis) when sales are known.
export function dailyOption(d: { labels: string[]; visitors: number[]; conversion: (number | null)[]; hasSales: boolean }): ChartOption {
  const series: (BarSeriesOption | LineSeriesOption)[] = [{
    type: "bar",
    name: "Visitors",
    data: d.visitors,
    barMaxWidth: 36,
    itemStyle: { color: palette.primary, borderRadius: [3, 3, 0, 0] },
  }];
  const yAxis: ChartOption["yAxis"] = [{ type: "value", minInterval: 1, ...axisCommon() }];
  if (d.hasSales) {
    series.push({
      type: "line",
      name: "Conversion %",
      yAxisIndex: 1,
      data: d.conversion,
      smooth: true,
      symbolSize: 6,
      lineStyle: { color: palette.secondary, width: 2 },
      itemStyle: { color: palette.secondary },
    });
    (yAxis as object[]).push({
      type: "value",
      ...axisCommon(),
      splitLine: { show: false },
      axisLabel: { ...baseText, formatter: "{value} %" },
    });
  }
  return {
    grid: { left: 44, right: d.hasSales ? 44 : 12, top: 32, bottom: 28 },
    legend: { top: 0, right: 0, textStyle: baseText, itemWidth: 12, itemHeight: 8 },
    tooltip: { ...tooltipBase },
    xAxis: { type: "category", data: d.labels, ...axisCommon(), splitLine: { show: false } },
    yAxis,
    series,
  };
}

// Occupancy over a day (area line).
export function occupancyOption(d: { labels: string[]; values: number[] }): ChartOption {
  return {
    grid: { left: 40, right: 12, top: 16, bottom: 28 },
    tooltip: {
      ...tooltipBase,
      axisPointer: { type: "line", lineStyle: { color: palette.secondary } },
      valueFormatter: (v) => `${fmtNumber(Number(v), 1)} people`,
    },
    xAxis: { type: "category", data: d.labels, boundaryGap: false, ...axisCommon(), splitLine: { show: false } },
    yAxis: { type: "value", ...axisCommon() },
    series: [{
      type: "line",
      name: "People in store",
      data: d.values,
      smooth: 0.3,
      showSymbol: false,
      lineStyle: { color: palette.secondary, width: 2 },
      areaStyle: {
        color: new echarts.graphic.LinearGradient(0, 0, 0, 1, [
          { offset: 0, color: "rgba(99,102,241,0.35)" },
          { offset: 1, color: "rgba(99,102,241,0.02)" },
        ]),
      },
    }],
  };
}

// Weekday x hour heatmap (mean visitors per hour).
export function weekdayHourOption(m: WeekdayHourHeat, compact: boolean): ChartOption {
  return {
    grid: { left: 40, right: 8, top: 8, bottom: compact ? 56 : 60 },
    tooltip: {
      trigger: "item",
      backgroundColor: "#0f172a",
      borderWidth: 0,
      textStyle: { color: "#f8fafc", fontFamily: font, fontSize: 12 },
      formatter: (p: unknown) => {
        const v = (p as { value: [number, number, number | null] }).value;
        const hour = String(m.hours[v[0]]).padStart(2, "0");
        return `${WEEKDAY_NAMES[v[1]]} ${hour}:00<br/><b>${v[2] === null ? "closed" : fmtNumber(v[2], 1)}</b>${v[2] === null ? "" : " visitors (mean)"}`;
      },
    },
    xAxis: {
      type: "category",
      data: m.hours.map((h) => String(h).padStart(2, "0")),
      ...axisCommon(),
      splitArea: { show: false },
      splitLine: { show: false },
    },
    yAxis: { type: "category", data: WEEKDAY_NAMES, inverse: true, ...axisCommon(), splitLine: { show: false } },
    visualMap: {
      min: m.min,
      max: Math.max(m.max, m.min + 1),
      calculable: false,
      orient: "horizontal",
      left: "center",
      bottom: 0,
      itemWidth: 10,
      itemHeight: compact ? 120 : 180,
      text: [`${fmtInt(m.max)} visitors`, fmtInt(m.min)],
      textGap: 8,
      textStyle: baseText,
      inRange: { color: palette.heat },
      formatter: (v: unknown) => fmtInt(Number(v)),
    },
    series: [{
      type: "heatmap",
      data: m.cells.map(([x, y, v]) => [x, y, v === null ? "-" : v]),
      itemStyle: { borderColor: "#fff", borderWidth: 2, borderRadius: 3 },
      emphasis: { itemStyle: { borderColor: palette.ink, borderWidth: 1 } },
    }],
  };
}

// Today vs the same weekday last week, per hour (grouped bars).
export function todayOption(d: { labels: string[]; today: (number | null)[]; lastWeek: number[] }, lastWeekLabel: string): ChartOption {
  return {
    grid: { left: 36, right: 8, top: 30, bottom: 24 },
    legend: { top: 0, right: 0, textStyle: baseText, itemWidth: 12, itemHeight: 8 },
    tooltip: { ...tooltipBase },
    xAxis: { type: "category", data: d.labels, ...axisCommon(), splitLine: { show: false } },
    yAxis: { type: "value", minInterval: 1, ...axisCommon() },
    series: [
      { type: "bar", name: "Today", data: d.today, itemStyle: { color: palette.primary, borderRadius: [3, 3, 0, 0] }, barMaxWidth: 16 },
      { type: "bar", name: lastWeekLabel, data: d.lastWeek, itemStyle: { color: palette.muted, borderRadius: [3, 3, 0, 0] }, barMaxWidth: 16 },
    ],
  };
}

// Recommended staff (bars coloured by over/under) against the roster (step line).
export function staffingOption(d: { labels: string[]; recommended: number[]; scheduled: (number | null)[]; cells: string[]; hasRoster: boolean }): ChartOption {
  const colour = (c: string) => (c === "over" ? palette.over : c === "under" ? palette.under : palette.primary);
  const series: (BarSeriesOption | LineSeriesOption)[] = [{
    type: "bar",
    name: "Recommended",
    data: d.recommended.map((v, i) => ({ value: v, itemStyle: { color: colour(d.cells[i]) } })),
    barMaxWidth: 14,
    itemStyle: { color: palette.primary, borderRadius: [2, 2, 0, 0] },
  }];
  if (d.hasRoster) {
    series.push({
      type: "line",
      name: "Scheduled",
      step: "middle",
      data: d.scheduled,
      showSymbol: false,
      lineStyle: { color: palette.ink, width: 2 },
      itemStyle: { color: palette.ink },
    });
  }
  return {
    grid: { left: 32, right: 8, top: 30, bottom: 28 },
    legend: { top: 0, right: 0, textStyle: baseText, itemWidth: 12, itemHeight: 8 },
    tooltip: { ...tooltipBase },
    xAxis: { type: "category", data: d.labels, ...axisCommon(), splitLine: { show: false } },
    yAxis: { type: "value", minInterval: 1, ...axisCommon() },
    series,
  };
}

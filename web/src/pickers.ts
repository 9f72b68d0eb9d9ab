// The date range picker (presets plus two dates) and the ISO week picker (previous, this, next).

import { h } from "./dom";
import { addWeeks, PRESETS, presetOf, presetRange, weekSpan, type DateRange, type Preset } from "./ranges";
import { daysBetween } from "./time";

export function rangePicker(range: DateRange, today: string, onChange: (r: DateRange) => void): HTMLElement {
  const current = presetOf(range, today);
  const select = h("select", { class: "input", "aria-label": "Date range", "data-testid": "range-preset" },
    ...PRESETS.map(([id, label]) => h("option", { value: id, selected: current === id }, label)),
    h("option", { value: "custom", selected: current === null }, "Custom"));
  const from = h("input", { class: "input", type: "date", value: range.from, max: today, "aria-label": "From", "data-testid": "range-from" });
  const to = h("input", { class: "input", type: "date", value: range.to, max: today, "aria-label": "To", "data-testid": "range-to" });
  select.addEventListener("change", () => {
    if (select.value === "custom") {
      from.focus();
      return;
    }
    onChange(presetRange(select.value as Preset, today));
  });
  const changed = () => {
    if (!from.value || !to.value) return;
    const r = daysBetween(from.value, to.value) >= 0 ? { from: from.value, to: to.value } : { from: to.value, to: from.value };
    onChange(r);
  };
  from.addEventListener("change", changed);
  to.addEventListener("change", changed);
  return h("div", { class: "picker range-picker" }, select,
    h("div", { class: "picker-dates" }, from, h("span", { class: "picker-sep", "aria-hidden": "true" }, "→"), to));
}

export function weekPicker(week: string, currentWeek: string, onChange: (w: string) => void): HTMLElement {
  return h("div", { class: "picker week-picker" },
    h("button", { class: "btn btn-ghost btn-icon", "aria-label": "Previous week", onclick: () => onChange(addWeeks(week, -1)) }, "‹"),
    h("div", { class: "week-label", "data-testid": "week-label" },
      h("strong", null, week.replace("-W", " · W")), h("span", null, weekSpan(week))),
    h("button", { class: "btn btn-ghost btn-icon", "aria-label": "Next week", onclick: () => onChange(addWeeks(week, 1)) }, "›"),
    week !== currentWeek ? h("button", { class: "btn btn-small", onclick: () => onChange(currentWeek) }, "This week") : null);
}

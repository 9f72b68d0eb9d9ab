// Heatmap: where people walked on one camera over a range of local days, drawn by the server over the camera's
// people-free background.

import type { Camera } from "../api";
import { ApiError, describeError } from "../api";
import type { AppContext, Page } from "../context";
import { card, clear, empty, errorState, h, loading } from "../dom";
import { rangePicker } from "../pickers";
import { rangeFromParams } from "../ranges";
import { addDays, formatCalendarDate, startOfLocalDay, todayIn } from "../time";

export const heatmapPage: Page = {
  id: "heatmap",
  title: "Heatmap",
  render(ctx: AppContext, root: HTMLElement) {
    const store = ctx.store;
    const tz = store?.timezone ?? "UTC";
    const today = todayIn(tz, ctx.nowMs());
    const range = rangeFromParams(ctx.params, today, "last7");
    let disposed = false;
    let objectUrl: string | null = null;

    const body = h("div", null, loading());
    const controls = h("div", { class: "page-controls" });
    clear(root,
      h("div", { class: "page-head" },
        h("div", null, h("h1", null, "Heatmap"), h("p", { class: "page-sub" }, "Where people walked, over the camera's empty scene")),
        controls),
      body);

    const show = async (camera: Camera) => {
      const fromMs = startOfLocalDay(range.from, tz);
      const toMs = startOfLocalDay(addDays(range.to, 1), tz);
      const url = ctx.api.heatmapUrl(camera.name, fromMs, toMs);
      const frame = h("div", { class: "heatmap-frame" }, loading("Rendering the heatmap…"));
      const span = range.from === range.to ? formatCalendarDate(range.from) : `${formatCalendarDate(range.from)} – ${formatCalendarDate(range.to)}`;
      clear(body, card(camera.name, frame, {
        subtitle: `${span} · ${tz} · brighter means more people passed`,
        actions: h("a", { class: "btn btn-small", href: url, download: `heatmap-${camera.name}-${range.from}-${range.to}.png` }, "Download PNG"),
      }));
      try {
        const blob = await ctx.api.image(url);
        if (disposed) return;
        if (objectUrl) URL.revokeObjectURL(objectUrl);
        objectUrl = URL.createObjectURL(blob);
        const img = h("img", { class: "heatmap-img", src: objectUrl, alt: `Heatmap of camera ${camera.name}, ${span}`, "data-testid": "heatmap-image" });
        img.addEventListener("load", () => { img.dataset.width = String(img.naturalWidth); img.dataset.height = String(img.naturalHeight); img.dataset.loaded = "true"; });
        clear(frame, img);
      } catch (e) {
        if (disposed) return;
        if (e instanceof ApiError && e.status === 404) {
          clear(frame, empty("No heatmap for this range", e.message));
        } else {
          clear(frame, errorState(describeError(e), () => void show(camera)));
        }
      }
    };

    const load = async () => {
      try {
        const all = await ctx.cameras();
        if (disposed) return;
        const mine = store ? all.filter((c) => c.store === store.name || store.cameras.includes(c.name)) : [];
        const list = mine.length ? mine : all;
        if (list.length === 0) {
          clear(body, empty("No cameras configured"));
          return;
        }
        const chosen = list.find((c) => c.name === ctx.params.get("camera")) ?? list[0];
        const select = h("select", { class: "input", "aria-label": "Camera", "data-testid": "heatmap-camera" },
          ...list.map((c) => h("option", { value: c.name, selected: c.name === chosen.name }, c.name)));
        select.addEventListener("change", () => ctx.setParams({ camera: select.value }));
        clear(controls, select, rangePicker(range, today, (r) => ctx.setParams({ from: r.from, to: r.to })));
        await show(chosen);
      } catch (e) {
        if (!disposed) clear(body, errorState(describeError(e), load));
      }
    };
    void load();

    return () => {
      disposed = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  },
};

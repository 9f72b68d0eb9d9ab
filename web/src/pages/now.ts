// Now: people in the store (live), entries and exits today against the same weekday last week, zone occupancy,
// what each camera sees, and camera health.

import type { Camera, Today } from "../api";
import { describeError, liveLines, liveZones } from "../api";
import { mountChart, todayOption, type Mounted } from "../charts";
import type { AppContext, Page } from "../context";
import { badge, card, clear, empty, errorState, h, kpi, skeleton } from "../dom";
import { change, fmtChange, fmtInt, fmtNumber } from "../format";
import { eventTime, type LiveState } from "../live";
import { formatAge, formatDateTime, formatTime, formatTimeSeconds, localParts, parseTimestamp, zoneAbbreviation } from "../time";
import { healthLevel, lastFrameMs, openingHours, todayHours, WEEKDAY_NAMES } from "../transforms";

const REFRESH_MS = 30_000;

function deltaOf(now: number, before: number | null | undefined) {
  const c = change(now, before);
  if (c === null) return { text: "no data last week", direction: "none" as const };
  return { text: `${fmtChange(c)} vs last week`, direction: c > 0.005 ? "up" as const : c < -0.005 ? "down" as const : "flat" as const, good: c >= 0 };
}

export const nowPage: Page = {
  id: "now",
  title: "Now",
  render(ctx: AppContext, root: HTMLElement) {
    const store = ctx.store;
    if (!store) {
      clear(root, empty("No store configured", "Add a store with entry lines under `stores:` in the configuration to see live occupancy."));
      return;
    }
    const tz = store.timezone;
    let today: Today | null = null;
    let cameras: Camera[] = [];
    let chart: Mounted | null = null;
    let disposed = false;

    const clock = h("span", { class: "clock", "data-testid": "store-clock" });
    const hoursText = h("span", { "data-testid": "store-hours" });
    const liveDot = h("span", { class: "live-pill", "data-testid": "live-status" });
    const hero = h("div", { class: "hero-number", "data-testid": "occupancy-now" }, "–");
    const heroSub = h("div", { class: "hero-sub" });
    const kpis = h("div", { class: "kpi-row" }, skeleton(88), skeleton(88), skeleton(88));
    const chartBox = h("div", { class: "chart chart-md", "data-chart": "today" });
    const chartHolder = h("div", null, skeleton(240));
    const storesList = h("div", { class: "store-list" });
    const zonesBox = h("div", { class: "zone-grid", "data-testid": "zones" });
    const camsLive = h("div", { class: "cam-live-grid", "data-testid": "cameras-live" });
    const healthBox = h("div", null, skeleton(120));

    clear(root,
      h("div", { class: "page-head" },
        h("div", null, h("h1", null, "Now"), h("p", { class: "page-sub" }, store.name, " · ", clock, hoursText)),
        liveDot),
      h("div", { class: "grid grid-now" },
        h("section", { class: "card card-hero" },
          h("div", { class: "card-head" }, h("h2", null, "In the store now")),
          hero, heroSub),
        h("div", { class: "span-2" }, kpis),
        card("Entries per hour", chartHolder, { class: "span-3", subtitle: "Today against the same weekday last week" }),
        ctx.stores.length > 1 ? card("All stores", storesList, { class: "span-1" }) : null,
        card("Zones", zonesBox, { class: ctx.stores.length > 1 ? "span-2" : "span-1", subtitle: "People in each zone now" }),
        card("Cameras", camsLive, { class: ctx.stores.length > 1 ? "span-3" : "span-2", subtitle: "People in view, from the latest analysed frame" }),
        card("Camera health", healthBox, { class: "span-3" })));

    const renderClock = () => {
      const now = ctx.nowMs();
      clock.textContent = `${formatDateTime(now, tz)} ${zoneAbbreviation(now, tz)}`;
      const open = openingHours(store.hours, localParts(now, tz).weekday);
      hoursText.textContent = open === null ? "" : open === "closed" ? " · closed today" : ` · open today ${open}`;
    };

    const renderLiveStatus = (s: LiveState) => {
      liveDot.className = `live-pill live-${s.status}`;
      liveDot.textContent = s.status === "live" ? "Live" : s.status === "connecting" ? "Connecting…" : "Offline";
    };

    const renderHero = () => {
      const live = ctx.live.state.stores.get(store.name);
      if (live) {
        hero.textContent = fmtInt(live.occupancy);
        hero.dataset.value = String(live.occupancy);
        heroSub.textContent = `${fmtInt(live.entries)} in · ${fmtInt(live.exits)} out since opening · updated ${formatTimeSeconds(eventTime(live), tz)}`;
      } else if (today) {
        const v = today.occupancy_now;
        hero.textContent = v === null ? "–" : fmtInt(v);
        hero.dataset.value = v === null ? "" : String(v);
        const at = parseTimestamp(today.occupancy_at ?? null);
        heroSub.textContent = v === null ? "No occupancy recorded today yet" : `as of ${at ? formatTime(at, tz) : "today"}`;
      }
    };

    const renderKpis = () => {
      if (!today) return;
      const lw = today.same_weekday_last_week;
      const weekday = WEEKDAY_NAMES[(new Date(`${today.date}T12:00:00Z`).getUTCDay() + 6) % 7];
      clear(kpis,
        kpi("Entries today", fmtInt(today.entries), { delta: deltaOf(today.entries, lw.entries), hint: `last ${weekday} by now: ${fmtInt(lw.entries)}`, testid: "kpi-entries" }),
        kpi("Exits today", fmtInt(today.exits), { delta: deltaOf(today.exits, lw.exits), hint: `last ${weekday} by now: ${fmtInt(lw.exits)}`, testid: "kpi-exits" }),
        kpi(`Last ${weekday}, whole day`, fmtInt(lw.day_entries ?? null), { hint: lw.date ? `entries on ${lw.date}` : "entries", testid: "kpi-last-week" }));
    };

    const renderChart = () => {
      if (!today) return;
      const d = todayHours(today);
      chart?.dispose();
      chart = null;
      if (d.labels.length === 0) {
        clear(chartHolder, empty("No entries yet today or last week", "Entries appear here hour by hour as people come in."));
        return;
      }
      clear(chartHolder, chartBox);
      const weekday = WEEKDAY_NAMES[(new Date(`${today.date}T12:00:00Z`).getUTCDay() + 6) % 7];
      chart = mountChart(chartBox, todayOption(d, `Last ${weekday}`), {
        total: d.today.reduce<number>((a, b) => a + (b ?? 0), 0),
        lastWeekTotal: d.lastWeek.reduce((a, b) => a + b, 0),
      });
    };

    const renderStores = () => {
      if (ctx.stores.length <= 1) return;
      clear(storesList, ...ctx.stores.map((s) => {
        const live = ctx.live.state.stores.get(s.name);
        return h("div", { class: `store-row${s.name === store.name ? " current" : ""}` },
          h("span", null, s.name),
          h("strong", { "data-testid": `store-occupancy-${s.name}` }, live ? fmtInt(live.occupancy) : "–"));
      }));
    };

    const storeCameras = () => cameras.filter((c) => c.store === store.name || store.cameras.includes(c.name));

    const renderZones = () => {
      const zones: { camera: string; name: string; queue: boolean; count: number | null; queueLength: number | null }[] = [];
      for (const c of storeCameras()) {
        const live = ctx.live.state.cameras.get(c.name);
        const counts = new Map((live ? liveZones(live) : []).map(([name, n, q]) => [name, { n, q }]));
        for (const z of c.zones) {
          const v = counts.get(z.name);
          zones.push({ camera: c.name, name: z.name, queue: z.queue, count: v?.n ?? null, queueLength: v?.q ?? null });
        }
      }
      if (zones.length === 0) {
        clear(zonesBox, empty("No zones", "Zones are areas of a camera's view (a queue, a department) set in the configuration."));
        return;
      }
      clear(zonesBox, ...zones.map((z) =>
        h("div", { class: "zone-tile", "data-testid": `zone-${z.camera}-${z.name}` },
          h("div", { class: "zone-name" }, z.name, z.queue ? badge("queue", "info") : null),
          h("div", { class: "zone-count" }, z.count === null ? "–" : fmtInt(z.count)),
          h("div", { class: "zone-cam" }, z.camera, z.queueLength === null ? "" : ` · queue ${fmtNumber(z.queueLength, 1)}`))));
    };

    const renderCamsLive = () => {
      const list = storeCameras();
      if (list.length === 0) {
        clear(camsLive, empty("No cameras in this store"));
        return;
      }
      const now = ctx.nowMs();
      clear(camsLive, ...list.map((c) => {
        const live = ctx.live.state.cameras.get(c.name);
        return h("div", { class: "cam-tile" },
          h("div", { class: "cam-name" }, c.name),
          h("div", { class: "cam-count", "data-testid": `live-count-${c.name}`, "data-value": live ? String(live.count) : "" },
            live ? fmtInt(live.count) : "–"),
          h("div", { class: "cam-meta" }, live
            ? `${live.tracked === null || live.tracked === undefined ? "" : `${fmtInt(live.tracked)} tracked · `}${formatAge(eventTime(live), now)}`
            : "waiting for a frame"),
          live ? h("div", { class: "cam-meta" }, ...liveLines(live).map((l) => `${l.name}: ${fmtInt(l.in)} in · ${fmtInt(l.out)} out today `)) : null);
      }));
    };

    const renderHealth = () => {
      const list = storeCameras();
      if (list.length === 0) {
        clear(healthBox, empty("No cameras"));
        return;
      }
      const now = ctx.nowMs();
      clear(healthBox, h("div", { class: "table-wrap" }, h("table", { class: "table", "data-testid": "camera-health" },
        h("thead", null, h("tr", null, h("th", null, "Camera"), h("th", null, "State"), h("th", { class: "num hide-sm" }, "fps in"),
          h("th", { class: "num" }, "fps analysed"), h("th", { class: "num hide-sm" }, "Frames"), h("th", { class: "num" }, "Dropped"),
          h("th", null, "Last frame"), h("th", { class: "hide-sm" }, "Last error"))),
        h("tbody", null, ...list.map((c) => {
          const hl = c.health;
          const last = lastFrameMs(hl);
          return h("tr", null,
            h("td", null, h("strong", null, c.name), h("div", { class: "muted small" }, c.source_kind),
              hl?.last_error ? h("div", { class: "error-text small show-sm" }, hl.last_error) : null),
            h("td", null, badge(hl?.state ?? "unknown", healthLevel(hl))),
            h("td", { class: "num hide-sm" }, fmtNumber(hl?.fps_in ?? null, 1)),
            h("td", { class: "num" }, fmtNumber(hl?.fps_analysed ?? null, 1)),
            h("td", { class: "num hide-sm" }, fmtInt(hl?.frames_analysed ?? null)),
            h("td", { class: "num" }, fmtInt(hl?.frames_dropped ?? null)),
            h("td", null, last ? h("span", { title: formatDateTime(last, tz) }, formatAge(last, now)) : "–"),
            h("td", { class: hl?.last_error ? "error-text hide-sm" : "muted hide-sm" }, hl?.last_error || "–"));
        })))));
    };

    const loadToday = async () => {
      try {
        today = await ctx.api.today(store.name);
        if (disposed) return;
        renderHero();
        renderKpis();
        renderChart();
      } catch (e) {
        if (disposed) return;
        clear(kpis, errorState(describeError(e), loadToday));
        chart?.dispose();
        chart = null;
        clear(chartHolder, errorState(describeError(e), loadToday));
      }
    };

    const loadCameras = async () => {
      try {
        cameras = await ctx.cameras();
        if (disposed) return;
        renderZones();
        renderCamsLive();
        renderHealth();
      } catch (e) {
        if (disposed) return;
        clear(healthBox, errorState(describeError(e), loadCameras));
      }
    };

    renderClock();
    renderLiveStatus(ctx.live.state);
    renderStores();
    void loadToday();
    void loadCameras();

    const unsubscribe = ctx.live.subscribe((state, changed) => {
      renderLiveStatus(state);
      if (changed.store) {
        renderStores();
        if (changed.store === store.name) renderHero();
      }
      if (changed.camera && cameras.length) {
        renderZones();
        renderCamsLive();
      }
    });
    const tick = setInterval(() => {
      renderClock();
      renderCamsLive();
    }, 5_000);
    const refresh = setInterval(() => {
      void loadToday();
      void loadCameras();
    }, REFRESH_MS);

    return () => {
      disposed = true;
      unsubscribe();
      clearInterval(tick);
      clearInterval(refresh);
      chart?.dispose();
    };
  },
};

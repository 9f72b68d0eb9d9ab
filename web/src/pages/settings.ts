// Settings (admins): each camera's counting lines and zones drawn over its people-free background, and the API
// tokens (list, create, revoke). Lines and zones are edited in the configuration file; this page shows them as
// the counters see them.

import type { Camera, Role, TokenInfo } from "../api";
import { ApiError, describeError } from "../api";
import type { AppContext, Page } from "../context";
import { badge, card, clear, empty, errorState, h, loading, svg, toast } from "../dom";
import { formatAge, formatDateTime, parseTimestamp } from "../time";
import { inArrow, toPixels } from "../transforms";

const ZONE_COLOURS = ["#6366f1", "#0ea5e9", "#a855f7", "#14b8a6", "#f43f5e"];
const DEFAULT_SIZE: [number, number] = [1280, 720];

function overlay(camera: Camera, width: number, height: number): SVGElement {
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "overlay", preserveAspectRatio: "none", role: "img", "aria-label": `Lines and zones of ${camera.name}` });
  // Sizes in image pixels, relative to the image so that they look the same on any camera resolution.
  const stroke = Math.max(2, height / 240);
  const fontSize = Math.max(12, height / 20);
  camera.zones.forEach((z, i) => {
    const pts = toPixels(z.points, width, height, z.normalized);
    const colour = z.queue ? "#f59e0b" : ZONE_COLOURS[i % ZONE_COLOURS.length];
    root.append(svg("polygon", {
      points: pts.map(([x, y]) => `${x},${y}`).join(" "),
      fill: colour, "fill-opacity": 0.18, stroke: colour, "stroke-width": stroke, "stroke-dasharray": z.queue ? `${stroke * 3} ${stroke * 2}` : "none",
      "data-zone": z.name,
    }));
    const cx = pts.reduce((a, p) => a + p[0], 0) / pts.length;
    const cy = pts.reduce((a, p) => a + p[1], 0) / pts.length;
    root.append(label(cx, cy, z.name, colour, fontSize));
  });
  for (const l of camera.lines) {
    const pts = toPixels(l.points, width, height, l.normalized);
    if (pts.length < 2) continue;
    const [a, b] = pts;
    root.append(svg("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], stroke: "#0f172a", "stroke-width": stroke * 3, "stroke-linecap": "round", "stroke-opacity": 0.5 }));
    root.append(svg("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], stroke: "#22c55e", "stroke-width": stroke * 1.6, "stroke-linecap": "round", "data-line": l.name }));
    const arrow = inArrow(a, b, Math.max(24, height / 10));
    const id = `arrow-${camera.name}-${l.name}`.replace(/[^a-zA-Z0-9_-]/g, "_");
    root.append(svg("defs", {}, svg("marker", { id, viewBox: "0 0 10 10", refX: 5, refY: 5, markerWidth: 4, markerHeight: 4, orient: "auto-start-reverse" },
      svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#22c55e" }))));
    root.append(svg("line", { x1: arrow.from[0], y1: arrow.from[1], x2: arrow.to[0], y2: arrow.to[1], stroke: "#22c55e", "stroke-width": stroke * 1.4, "marker-end": `url(#${id})` }));
    root.append(label(arrow.to[0], arrow.to[1] + fontSize, `${l.name}: in`, "#15803d", fontSize));
  }
  return root;
}

function label(x: number, y: number, text: string, colour: string, size: number): SVGElement {
  const g = svg("g", {});
  const t = svg("text", { x, y, "text-anchor": "middle", "dominant-baseline": "middle", "font-size": size, "font-weight": 600, fill: "#fff", stroke: colour, "stroke-width": size / 4, "paint-order": "stroke", "font-family": "Inter, system-ui, sans-serif" }, text);
  g.append(t);
  return g;
}

function cameraCard(ctx: AppContext, camera: Camera, urls: string[]): HTMLElement {
  const stage = h("div", { class: "scene", "data-testid": `scene-${camera.name}` }, loading("Loading the scene…"));
  const place = (width: number, height: number, img: HTMLElement | null) => {
    stage.style.aspectRatio = `${width} / ${height}`;
    clear(stage, img, overlay(camera, width, height));
  };
  void (async () => {
    try {
      const blob = await ctx.api.image(ctx.api.backgroundUrl(camera.name));
      const url = URL.createObjectURL(blob);
      urls.push(url);
      const img = h("img", { src: url, alt: `The empty scene of ${camera.name}`, class: "scene-img" });
      img.addEventListener("load", () => place(img.naturalWidth, img.naturalHeight, img), { once: true });
      img.addEventListener("error", () => place(...DEFAULT_SIZE, null), { once: true });
    } catch (e) {
      place(...DEFAULT_SIZE, null);
      stage.append(h("div", { class: "scene-note" }, e instanceof ApiError && e.status === 404 ? "No background learned yet: lines and zones shown on a blank frame" : describeError(e)));
    }
  })();
  const items = [
    ...camera.lines.map((l) => h("li", null, badge("line", "good"), ` ${l.name}`)),
    ...camera.zones.map((z) => h("li", null, badge(z.queue ? "queue" : "zone", z.queue ? "warn" : "info"), ` ${z.name}`)),
  ];
  return card(camera.name, h("div", null, stage,
    h("div", { class: "scene-meta" },
      h("span", { class: "muted" }, `${camera.source_kind}${camera.store ? ` · store ${camera.store}` : ""}${camera.enabled === false ? " · disabled" : ""}`),
      items.length ? h("ul", { class: "tag-list" }, ...items) : h("span", { class: "muted" }, "no lines or zones"))),
  { class: "camera-card" });
}

function tokensCard(ctx: AppContext): HTMLElement {
  const list = h("div", null, loading());
  const reveal = h("div");
  const name = h("input", { class: "input", name: "token-name", placeholder: "e.g. tills-camera", required: true, pattern: "[A-Za-z0-9_.@\\-]{1,64}", "aria-label": "Token name", "data-testid": "token-name" });
  const role = h("select", { class: "input", "aria-label": "Role", "data-testid": "token-role" },
    h("option", { value: "viewer" }, "viewer — reads"),
    h("option", { value: "operator" }, "operator — also uploads and snapshots"),
    h("option", { value: "admin" }, "admin — also manages tokens"));
  const submit = h("button", { class: "btn btn-primary", type: "submit" }, "Create token");

  const load = async () => {
    try {
      const tokens = await ctx.api.tokens();
      renderList(tokens);
    } catch (e) {
      clear(list, errorState(describeError(e), load));
    }
  };

  const renderList = (tokens: TokenInfo[]) => {
    if (tokens.length === 0) {
      clear(list, empty("No tokens yet", "While no token exists, a server bound to loopback is open to everyone on this machine. Create an admin token first."));
      return;
    }
    const now = Date.now();
    const when = (v: string | number | null) => {
      const ms = parseTimestamp(v);
      return ms === null ? "never" : h("span", { title: formatDateTime(ms, Intl.DateTimeFormat().resolvedOptions().timeZone) }, formatAge(ms, now));
    };
    clear(list, h("div", { class: "table-wrap" }, h("table", { class: "table", "data-testid": "tokens" },
      h("thead", null, h("tr", null, h("th", null, "Name"), h("th", null, "Role"), h("th", { class: "hide-sm" }, "Created"), h("th", null, "Last used"), h("th", null))),
      h("tbody", null, ...tokens.map((t) => h("tr", { "data-token": t.name },
        h("td", null, h("strong", null, t.name), t.name === ctx.who.name ? h("span", { class: "muted small" }, " (you)") : null),
        h("td", null, badge(t.role, t.role === "admin" ? "warn" : t.role === "operator" ? "info" : "idle")),
        h("td", { class: "hide-sm" }, when(t.created)),
        h("td", null, when(t.last_used)),
        h("td", { class: "num" }, h("button", {
          class: "btn btn-small btn-danger",
          onclick: async () => {
            if (!confirm(`Revoke token "${t.name}"? Anything using it stops working at once.`)) return;
            try {
              await ctx.api.revokeToken(t.name);
              toast(`Token ${t.name} revoked`);
              await load();
            } catch (e) {
              toast(describeError(e), "error");
            }
          },
        }, "Revoke"))))))));
  };

  const form = h("form", { class: "token-form" }, name, role, submit);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    submit.setAttribute("disabled", "");
    try {
      const created = await ctx.api.createToken(name.value.trim(), role.value as Role);
      const code = h("code", { class: "token-secret", "data-testid": "token-secret" }, created.token);
      clear(reveal, h("div", { class: "banner banner-success" },
        h("div", null, h("strong", null, `Token ${name.value.trim()} created.`), " Copy it now: it is shown only once and only its hash is stored."),
        h("div", { class: "token-row" }, code, h("button", {
          class: "btn btn-small", type: "button",
          onclick: async () => {
            try {
              await navigator.clipboard.writeText(created.token);
              toast("Copied");
            } catch {
              toast("Select the token and copy it", "error");
            }
          },
        }, "Copy"))));
      name.value = "";
      await load();
    } catch (e) {
      toast(describeError(e), "error");
    } finally {
      submit.removeAttribute("disabled");
    }
  });
  void load();
  return card("API tokens", h("div", null, form, reveal, list), { subtitle: "Log in to the dashboard, call the API (Authorization: Bearer …) or let a camera push snapshots" });
}

export const settingsPage: Page = {
  id: "settings",
  title: "Settings",
  adminOnly: true,
  render(ctx: AppContext, root: HTMLElement) {
    const urls: string[] = [];
    const camerasBox = h("div", { class: "grid grid-cams" }, loading());
    clear(root,
      h("div", { class: "page-head" },
        h("div", null, h("h1", null, "Settings"), h("p", { class: "page-sub" }, ctx.who.open
          ? "Open access: this server is bound to loopback and has no tokens"
          : `Signed in as ${ctx.who.name} (${ctx.who.role})`))),
      h("h2", { class: "section-title" }, "Cameras, lines and zones"),
      h("p", { class: "section-sub" }, "Green lines count entries in the direction of the arrow; zones are shaded, queues dashed amber. Edit them in the configuration file."),
      camerasBox,
      h("h2", { class: "section-title" }, "Access"),
      tokensCard(ctx));

    void (async () => {
      try {
        const cameras = await ctx.cameras();
        if (cameras.length === 0) clear(camerasBox, empty("No cameras configured"));
        else clear(camerasBox, ...cameras.map((c) => cameraCard(ctx, c, urls)));
      } catch (e) {
        clear(camerasBox, errorState(describeError(e)));
      }
    })();

    return () => urls.forEach((u) => URL.revokeObjectURL(u));
  },
};

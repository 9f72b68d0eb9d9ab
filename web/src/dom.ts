// A few DOM helpers and the small components every page uses: cards, KPI tiles, badges, and the loading, empty
// and error states. No framework: pages build elements with h() and replace them when data arrives.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: (Child | Child[])[]):
  HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on") && typeof v === "function") {
        el.addEventListener(k.slice(2).toLowerCase(), v as EventListener);
      } else if (k === "class") {
        el.className = String(v);
      } else if (v === true) {
        el.setAttribute(k, "");
      } else {
        el.setAttribute(k, String(v));
      }
    }
  }
  append(el, children);
  return el;
}

function append(el: Element, children: (Child | Child[])[]) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
}

const SVG_NS = "http://www.w3.org/2000/svg";

export function svg(tag: string, attrs: Record<string, string | number> = {}, ...children: (Node | string)[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag) as SVGElement;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

export function clear(el: Element, ...children: (Child | Child[])[]) {
  el.replaceChildren();
  append(el, children);
}

// ---- Components ----

export function card(title: string | Node, body: Child | Child[], options: { class?: string; actions?: Child; id?: string; subtitle?: string } = {}) {
  return h("section", { class: `card ${options.class ?? ""}`, id: options.id },
    h("header", { class: "card-head" },
      h("div", null, h("h2", null, title), options.subtitle ? h("p", { class: "card-sub" }, options.subtitle) : null),
      options.actions ?? null),
    h("div", { class: "card-body" }, body));
}

export interface KpiOptions {
  hint?: string;
  delta?: { text: string; direction: "up" | "down" | "flat" | "none"; good?: boolean };
  testid?: string;
  accent?: boolean;
}

export function kpi(label: string, value: string, options: KpiOptions = {}) {
  const d = options.delta;
  return h("div", { class: `kpi${options.accent ? " kpi-accent" : ""}`, "data-testid": options.testid },
    h("div", { class: "kpi-label" }, label),
    h("div", { class: "kpi-value" }, value),
    d ? h("div", { class: `kpi-delta ${d.direction} ${d.good === undefined ? "" : d.good ? "good" : "bad"}` },
      d.direction === "up" ? "▲ " : d.direction === "down" ? "▼ " : "", d.text) : null,
    options.hint ? h("div", { class: "kpi-hint" }, options.hint) : null);
}

export function badge(text: string, kind: string) {
  return h("span", { class: `badge badge-${kind}` }, text);
}

export function loading(text = "Loading…") {
  return h("div", { class: "state state-loading", role: "status", "aria-live": "polite" },
    h("span", { class: "spinner", "aria-hidden": "true" }), text);
}

export function skeleton(height = 220) {
  return h("div", { class: "skeleton", style: `height:${height}px`, "aria-hidden": "true" });
}

export function empty(title: string, detail?: string) {
  return h("div", { class: "state state-empty" },
    h("div", { class: "state-icon", "aria-hidden": "true" }, "∅"),
    h("div", { class: "state-title" }, title),
    detail ? h("div", { class: "state-detail" }, detail) : null);
}

export function errorState(message: string, retry?: () => void) {
  return h("div", { class: "state state-error", role: "alert" },
    h("div", { class: "state-icon", "aria-hidden": "true" }, "!"),
    h("div", { class: "state-title" }, "Could not load this"),
    h("div", { class: "state-detail" }, message),
    retry ? h("button", { class: "btn btn-small", onclick: () => retry() }, "Try again") : null);
}

export function simulatedBanner(notice: string | null) {
  return h("div", { class: "banner banner-simulated", role: "note", "data-testid": "simulated-banner" },
    h("strong", null, notice || "SIMULATED DATA"),
    h("span", null, " — this range contains simulated traffic or sales written by `footfall simulate`, not counts from your cameras."));
}

export function toast(message: string, kind: "ok" | "error" = "ok") {
  const el = h("div", { class: `toast toast-${kind}`, role: "status" }, message);
  document.body.append(el);
  setTimeout(() => el.classList.add("toast-out"), 3500);
  setTimeout(() => el.remove(), 4000);
}

// The dashboard's start-up: find out whether the server lets us in (open quick-start access or a session cookie)
// or needs a token, then draw the shell (header, store selector, navigation) and the page of the URL hash.

import "./styles.css";
import { ApiClient, ApiError, describeError, type Camera, type Role, type Session, type Store } from "./api";
import { buildHash, parseHash, roleAtLeast, type AppContext, type Page, type PageCleanup, type Who } from "./context";
import { clear, errorState, h, loading } from "./dom";
import { LiveFeed } from "./live";
import { dayPage } from "./pages/day";
import { heatmapPage } from "./pages/heatmap";
import { nowPage } from "./pages/now";
import { settingsPage } from "./pages/settings";
import { staffingPage } from "./pages/staffing";

const PAGES: Page[] = [nowPage, dayPage, staffingPage, heatmapPage, settingsPage];
const SESSION_KEY = "footfall.session";
const STORE_KEY = "footfall.store";

const app = document.getElementById("app")!;
let started = false; // the shell was shown: a 401 now means the session ended
const api = new ApiClient({ onUnauthorized: () => showLogin(started ? "Your session has ended. Sign in again." : undefined) });

let cleanup: PageCleanup | void;
let live: LiveFeed | null = null;
let hashListener: (() => void) | null = null;

function savedSession(): Session | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? "null") as Session | null;
    return s && typeof s.role === "string" ? s : null;
  } catch {
    return null;
  }
}

function logo() {
  return h("span", { class: "logo", "aria-hidden": "true" },
    h("span", { class: "logo-dot" }), h("span", { class: "logo-dot" }), h("span", { class: "logo-dot" }));
}

function teardown() {
  if (cleanup) cleanup();
  cleanup = undefined;
  live?.stop();
  live = null;
  if (hashListener) window.removeEventListener("hashchange", hashListener);
  hashListener = null;
}

// ---- Login ----

function showLogin(message?: string) {
  teardown();
  started = false;
  sessionStorage.removeItem(SESSION_KEY);
  api.csrfToken = null;
  const input = h("input", { class: "input input-lg", type: "password", name: "token", autocomplete: "current-password", placeholder: "ff_…", required: true, "aria-label": "API token", "data-testid": "login-token" });
  const error = h("div", { class: "login-error", role: "alert", "data-testid": "login-error" }, message ?? "");
  const button = h("button", { class: "btn btn-primary btn-block", type: "submit", "data-testid": "login-submit" }, "Sign in");
  const form = h("form", { class: "login-card" },
    h("div", { class: "login-brand" }, logo(), h("span", null, "footfall")),
    h("h1", null, "Sign in"),
    h("p", { class: "muted" }, "Paste an API token. An admin creates one with ", h("code", null, "footfall token create --role viewer --name you"), "."),
    input, error, button);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    button.setAttribute("disabled", "");
    error.textContent = "";
    try {
      const session = await api.login(input.value.trim());
      sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
      await start({ name: session.name, role: session.role, open: false });
    } catch (e) {
      error.textContent = e instanceof ApiError && (e.status === 401 || e.status === 403)
        ? "That token is not valid (it may have been revoked)."
        : describeError(e);
      button.removeAttribute("disabled");
      input.focus();
    }
  });
  clear(app, h("main", { class: "login-page" }, form));
  input.focus();
}

// ---- Shell ----

async function start(who: Who) {
  teardown();
  clear(app, h("div", { class: "boot" }, loading("Loading stores…")));
  let stores: Store[];
  try {
    stores = await api.stores();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return; // onUnauthorized showed the login
    clear(app, h("main", { class: "boot" }, errorState(describeError(e), () => void start(who))));
    return;
  }
  started = true;
  live = new LiveFeed(api.liveUrl());
  live.start();
  const feed = live;

  let camerasCache: { at: number; value: Promise<Camera[]> } | null = null;
  const cameras = () => {
    const now = Date.now();
    if (!camerasCache || now - camerasCache.at > 5_000) {
      const value = api.cameras();
      camerasCache = { at: now, value };
      value.catch(() => { camerasCache = null; });
    }
    return camerasCache.value;
  };

  const nav = h("nav", { class: "nav", "aria-label": "Pages" });
  const storeSelect = h("select", { class: "input store-select", "aria-label": "Store", "data-testid": "store-select" },
    ...stores.map((s) => h("option", { value: s.name }, s.name)));
  const userBox = h("div", { class: "user" },
    h("span", { class: "user-name", "data-testid": "user" }, who.open ? "Open access" : who.name, " ",
      h("span", { class: `role role-${who.role}` }, who.role)),
    who.open ? null : h("button", {
      class: "btn btn-ghost btn-small", "data-testid": "logout",
      onclick: async () => {
        try {
          await api.logout();
        } catch {
          // signed out locally either way
        }
        showLogin("Signed out.");
      },
    }, "Sign out"));
  const main = h("main", { class: "content", id: "content" });
  clear(app,
    h("header", { class: "topbar" },
      h("a", { class: "brand", href: "#/now" }, logo(), h("span", null, "footfall")),
      nav,
      h("div", { class: "topbar-right" }, stores.length ? storeSelect : null, userBox)),
    main,
    h("footer", { class: "footer" }, "footfall · people counting from the cameras a store already has"));

  const selectedStore = (params: URLSearchParams): Store | null => {
    const wanted = params.get("store") ?? localStorage.getItem(STORE_KEY) ?? "";
    return stores.find((s) => s.name === wanted) ?? stores[0] ?? null;
  };

  const render = () => {
    const { page: pageId, params } = parseHash(location.hash);
    const visible = PAGES.filter((p) => !p.adminOnly || roleAtLeast(who.role, "admin"));
    const page = visible.find((p) => p.id === pageId) ?? visible[0];
    const store = selectedStore(params);
    if (store) {
      storeSelect.value = store.name;
      localStorage.setItem(STORE_KEY, store.name);
    }
    const storeParam = store ? `?store=${encodeURIComponent(store.name)}` : "";
    clear(nav, ...visible.map((p) => h("a", {
      class: `nav-link${p === page ? " active" : ""}`, href: `#/${p.id}${storeParam}`,
      "aria-current": p === page ? "page" : null, "data-testid": `nav-${p.id}`,
    }, p.title)));
    document.title = `${page.title}${store ? ` · ${store.name}` : ""} · footfall`;
    if (cleanup) cleanup();
    cleanup = undefined;
    const ctx: AppContext = {
      api, who, stores, live: feed, store, params, cameras,
      nowMs: () => Date.now(),
      setParams: (changes) => {
        const next = new URLSearchParams(params);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null) next.delete(k);
          else next.set(k, v);
        }
        if (store && !next.has("store")) next.set("store", store.name);
        location.hash = buildHash(page.id, next);
      },
    };
    main.dataset.page = page.id;
    clear(main);
    try {
      cleanup = page.render(ctx, main);
    } catch (e) {
      clear(main, errorState(describeError(e)));
    }
    main.focus({ preventScroll: true });
  };

  storeSelect.addEventListener("change", () => {
    const { page, params } = parseHash(location.hash);
    const next = new URLSearchParams();
    for (const k of ["from", "to", "week"]) if (params.has(k)) next.set(k, params.get(k)!);
    next.set("store", storeSelect.value);
    location.hash = buildHash(page, next);
  });
  hashListener = render;
  window.addEventListener("hashchange", render);
  render();
}

// ---- Start-up ----

async function boot() {
  clear(app, h("div", { class: "boot" }, loading("Connecting…")));
  const saved = savedSession();
  if (saved) api.csrfToken = saved.csrf_token;
  try {
    await api.stores(); // 200: open access or a live session cookie; 401: log in
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return; // the login page is shown
    clear(app, h("main", { class: "boot" }, errorState(describeError(e), () => void boot())));
    return;
  }
  let session: Session | null = null;
  try {
    session = await api.currentSession();
  } catch {
    session = null;
  }
  if (session && session.open !== true && session.name) {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    await start({ name: session.name, role: session.role, open: false });
  } else if (saved && !session) {
    await start({ name: saved.name, role: saved.role, open: false });
  } else {
    // No session but the data answered: open quick-start access (loopback, no tokens), where everyone is an admin.
    await start({ name: "", role: (session?.role as Role | undefined) ?? "admin", open: true });
  }
}

void boot();

// What every page gets: the API client, who is logged in, the stores, the selected store, the live feed, and the
// route (page and its query parameters in the URL hash, so that every view can be bookmarked and shared).

import type { ApiClient, Camera, Role, Store } from "./api";
import type { LiveFeed } from "./live";

export interface Who {
  name: string;
  role: Role;
  open: boolean; // open quick-start access (loopback, no tokens): nobody logged in
}

export interface AppContext {
  api: ApiClient;
  who: Who;
  stores: Store[];
  live: LiveFeed;
  store: Store | null; // the selected store (null when the configuration has none)
  params: URLSearchParams; // the page's query parameters
  nowMs: () => number;
  // Replace this page's query parameters (merging), re-rendering the page.
  setParams: (changes: Record<string, string | null>) => void;
  cameras: () => Promise<Camera[]>; // cached for a few seconds
}

export type PageCleanup = () => void;

export interface Page {
  id: string;
  title: string;
  adminOnly?: boolean;
  render: (ctx: AppContext, root: HTMLElement) => PageCleanup | void;
}

export function roleAtLeast(role: Role, least: Role): boolean {
  const order: Role[] = ["viewer", "operator", "admin"];
  return order.indexOf(role) >= order.indexOf(least);
}

// "#/day?from=2026-11-01&to=2026-11-07" -> { page: "day", params }.
export function parseHash(hash: string): { page: string; params: URLSearchParams } {
  const h = hash.replace(/^#\/?/, "");
  const q = h.indexOf("?");
  const page = (q < 0 ? h : h.slice(0, q)) || "now";
  const params = new URLSearchParams(q < 0 ? "" : h.slice(q + 1));
  return { page, params };
}

export function buildHash(page: string, params: URLSearchParams): string {
  const q = params.toString();
  return `#/${page}${q ? `?${q}` : ""}`;
}

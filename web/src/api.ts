// The footfall REST API (/api/v1, docs/openapi.json) as typed calls. Every request the dashboard makes goes through
// this module, so that a change of the API is one edit here.
//
// Errors: every failure is an ApiError with the HTTP status (0 when the server could not be reached or did not
// answer in time), the API's error code and message ({"error": {"code", "message"}}), or a code made up here
// ("network", "timeout", "bad_response", "http_502") when the answer was not the API's JSON. A 401 also calls
// `onUnauthorized`, which sends the app to the login page.

// ---- Types (as the server sends them) -------------------------------------------------------------------------

export type Role = "viewer" | "operator" | "admin";

export interface Session {
  name: string; // the token's name ("" with open access)
  role: Role;
  csrf_token: string; // of a cookie session; absent with open access or a bearer token
  open?: boolean; // GET /session: open quick-start access (loopback bind, no token defined)
  expires?: string;
}

export type Point = [number, number];

export interface EntryLine {
  camera: string;
  line: string;
}

export interface Store {
  name: string;
  timezone: string;
  hours: unknown; // opening hours as configured (shown as text)
  cameras: string[];
  entry_lines: EntryLine[];
}

export interface CameraLine {
  name: string;
  points: Point[];
  normalized?: boolean; // points are fractions of the frame (else pixels); absent: guessed from the values
}

export interface CameraZone {
  name: string;
  points: Point[];
  normalized?: boolean;
  queue: boolean;
}

export interface CameraHealth {
  state: string; // starting, running, reconnecting, finished, failed, idle, unknown
  fps_in: number | null;
  fps_analysed: number | null;
  frames_analysed: number | null;
  frames_dropped: number | null;
  last_frame: string | number | null; // ISO-8601 or epoch ms
  last_error: string | null;
}

export interface Camera {
  name: string;
  store: string | null;
  source_kind: string;
  enabled?: boolean;
  lines: CameraLine[];
  zones: CameraZone[];
  health: CameraHealth;
}

export interface TodayHour {
  hour: number; // local hour of day
  entries: number | null; // null for hours still to come
  exits: number | null;
  last_week_entries: number | null;
  last_week_exits: number | null;
}

export interface Today {
  store?: string;
  timezone?: string;
  date: string;
  now?: string;
  occupancy_now: number | null;
  occupancy_at?: string | null;
  entries: number;
  exits: number;
  // entries and exits until the same time of day a week ago; day_* for that whole day
  same_weekday_last_week: {
    date?: string;
    until?: string;
    entries: number | null;
    exits: number | null;
    day_entries?: number | null;
    day_exits?: number | null;
  };
  hours: TodayHour[];
}

export interface ReportTotals {
  visitors: number;
  transactions: number | null;
  conversion: number | null;
  amount: number | null;
  average_basket: number | null;
  labour_hours_over: number | null;
  labour_hours_under: number | null;
}

export interface ReportDaily {
  date: string;
  weekday: number; // 0 = Monday
  visitors: number;
  transactions: number | null;
  conversion: number | null;
  amount: number | null;
  average_basket: number | null;
}

export interface ReportHourly {
  start_utc_ms: number;
  local_time: string; // "YYYY-MM-DD HH:MM", store-local
  local_hour: number;
  weekday: number;
  visitors: number;
  exits: number | null;
  transactions: number | null;
  conversion: number | null;
  amount: number | null;
  occupancy_mean: number | null;
  occupancy_max: number | null;
  staff_recommended: number | null;
  staff_scheduled: number | null;
}

export interface Peak {
  local_time: string;
  visitors: number;
}

export interface Report {
  store: string;
  time_zone: string;
  simulated: boolean;
  notice: string | null;
  note?: string;
  range: { from_date: string; to_date: string; from_utc_ms: number; to_utc_ms: number };
  totals: ReportTotals;
  daily: ReportDaily[];
  hourly: ReportHourly[];
  peaks: { busiest: Peak[]; quietest: Peak[] };
  weekday_hour: (number | null)[][]; // 7 rows (Monday first) x 24 hours
  occupancy_day: { date: string; points: { time: string; value: number }[] };
  comparison: {
    date: string;
    weeks: number;
    visitors: number;
    previous_mean: number | null;
    hours: { hour: number; visitors: number; previous_mean: number | null; percent_change: number | null }[];
  };
}

export type Bucket = "minute" | "15m" | "hour" | "day";

export interface SeriesRow {
  start: string | number;
  end: string | number;
  local: string;
  visitors: number;
  exits: number;
  occupancy_mean: number | null;
  occupancy_max: number | null;
  [key: string]: unknown;
}

export interface Series {
  store: string;
  timezone: string;
  bucket: Bucket;
  from: string | number;
  to: string | number;
  rows: SeriesRow[];
}

export type StaffState = "ok" | "over" | "under" | "closed" | "no_roster" | string;

export interface StaffingHour {
  start: string;
  local: string; // "YYYY-MM-DDTHH:MM:SS+01:00" (or "YYYY-MM-DD HH:MM"): the first 16 characters are local
  weekday: string | number;
  hour?: number;
  open: boolean;
  source: string; // observed | forecast
  visitors: number;
  floor_staff: number;
  tills: number;
  total: number;
  scheduled: number | null;
  state: StaffState;
}

export interface Staffing {
  store?: string;
  timezone?: string;
  week?: string;
  labour_hours?: number;
  hours: StaffingHour[];
  forecast: { model: string | null; backtest_wape: number | null; parameters?: string } | null;
  roster: {
    scheduled_hours?: number;
    overstaffed_hours: number | null;
    understaffed_hours: number | null;
    over_count: number;
    under_count: number;
  } | null;
}

export interface TokenInfo {
  name: string;
  role: Role;
  created: string | number | null;
  last_used: string | number | null;
}

// Server-Sent Events of /api/v1/live.
export interface LiveZone {
  zone: string;
  occupancy: number;
  queue_length?: number;
  queue_wait_s?: number;
}

export interface LiveLine {
  line: string;
  in: number; // today's totals (the store's local day)
  out: number;
}

export interface LiveCount {
  camera: string;
  store?: string | null;
  time?: string | null; // ISO-8601 of the latest frame or crossing
  timestamp_ms?: number;
  count: number;
  tracked: number | null;
  zones: LiveZone[] | Record<string, number> | null;
  lines: LiveLine[] | Record<string, { in: number; out: number }> | null;
}

export interface LiveOccupancy {
  store: string;
  time?: string | null;
  timestamp_ms?: number;
  occupancy: number;
  entries: number; // since the store opened today
  exits: number;
}

// ---- Errors ---------------------------------------------------------------------------------------------------

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }

  get unauthorized(): boolean {
    return this.status === 401;
  }
}

// A message for people: the server's own message where it sent one.
export function describeError(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 0) return e.message;
    return `${e.message} (${e.status}${e.code ? ` ${e.code}` : ""})`;
  }
  if (e instanceof Error) return e.message;
  return String(e);
}

// ---- Client ---------------------------------------------------------------------------------------------------

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ClientOptions {
  baseUrl?: string; // "" (same origin) in the app; "http://127.0.0.1:PORT" in tests
  fetch?: FetchLike;
  timeoutMs?: number;
  onUnauthorized?: () => void;
}

type Query = Record<string, string | number | undefined>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  allowStatus?: number[]; // statuses returned as null instead of thrown
  quiet401?: boolean; // a 401 is the answer itself (a bad login), not a session that ended
}

export const API_PREFIX = "/api/v1";

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

export function queryString(query: Query | undefined): string {
  if (!query) return "";
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === "") continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? `?${parts.join("&")}` : "";
}

// Turns any answer into the JSON value or an ApiError; exported for the tests.
export async function readResponse(response: Response): Promise<unknown> {
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  let json: unknown = undefined;
  if (text !== "" && (type.includes("json") || /^\s*[[{]/.test(text))) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (response.ok) {
    if (response.status === 204 || text === "") return null;
    if (json === undefined) {
      throw new ApiError(response.status, "bad_response", `the server's answer is not JSON: ${text.slice(0, 80)}`);
    }
    return json;
  }
  const err = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (err && typeof err === "object") {
    const code = typeof err.code === "string" ? err.code : `http_${response.status}`;
    const message = typeof err.message === "string" ? err.message : response.statusText || code;
    throw new ApiError(response.status, code, message);
  }
  const reason = response.statusText || `HTTP ${response.status}`;
  throw new ApiError(response.status, `http_${response.status}`, `${reason}${text ? `: ${text.slice(0, 120)}` : ""}`);
}

export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetchFn: FetchLike;
  private readonly timeoutMs: number;
  onUnauthorized: (() => void) | undefined;
  csrfToken: string | null = null;

  constructor(options: ClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? "";
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.onUnauthorized = options.onUnauthorized;
  }

  url(path: string, query?: Query): string {
    return `${this.baseUrl}${API_PREFIX}${path}${queryString(query)}`;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    let body: string | undefined;
    if (options.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(options.body);
    }
    if (method !== "GET" && method !== "HEAD" && this.csrfToken) headers["X-CSRF-Token"] = this.csrfToken;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let response: Response;
    try {
      response = await this.fetchFn(this.url(path, options.query), {
        method,
        headers,
        body,
        credentials: "same-origin",
        signal: controller.signal,
      });
    } catch (e) {
      if (controller.signal.aborted) {
        throw new ApiError(0, "timeout", `the server did not answer within ${Math.round(this.timeoutMs / 1000)} s`);
      }
      throw new ApiError(0, "network", `cannot reach the server (${e instanceof Error ? e.message : String(e)})`);
    } finally {
      clearTimeout(timer);
    }
    if (options.allowStatus?.includes(response.status)) return null as T;
    try {
      return (await readResponse(response)) as T;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401 && !options.quiet401) this.onUnauthorized?.();
      throw e;
    }
  }

  // ---- Session ----

  async login(token: string): Promise<Session> {
    const session = await this.request<Session>("POST", "/session", { body: { token }, quiet401: true });
    this.csrfToken = session.csrf_token ?? null;
    return session;
  }

  async logout(): Promise<void> {
    try {
      await this.request<unknown>("DELETE", "/session", { allowStatus: [401, 404], quiet401: true });
    } finally {
      this.csrfToken = null;
    }
  }

  // The current session, when the server can tell (GET /session); null when it cannot (no such route, or open
  // access without a session).
  async currentSession(): Promise<Session | null> {
    try {
      const s = await this.request<Session | null>("GET", "/session", { allowStatus: [404, 405], quiet401: true });
      if (s && typeof s === "object" && typeof s.role === "string") {
        if (s.csrf_token) this.csrfToken = s.csrf_token;
        return s;
      }
      return null;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  }

  // ---- Data ----

  stores(): Promise<Store[]> {
    return this.request<Store[]>("GET", "/stores");
  }

  cameras(): Promise<Camera[]> {
    return this.request<Camera[]>("GET", "/cameras");
  }

  today(store: string): Promise<Today> {
    return this.request<Today>("GET", `/stores/${enc(store)}/today`);
  }

  report(store: string, from: string, to: string): Promise<Report> {
    return this.request<Report>("GET", `/stores/${enc(store)}/report`, { query: { from, to } });
  }

  series(store: string, from: string | number, to: string | number, bucket: Bucket, tz?: string): Promise<Series> {
    return this.request<Series>("GET", `/stores/${enc(store)}/series`, { query: { from, to, bucket, tz } });
  }

  staffing(store: string, week: string): Promise<Staffing> {
    return this.request<Staffing>("GET", `/stores/${enc(store)}/staffing`, { query: { week } });
  }

  // from and to: UTC epoch milliseconds (to exclusive).
  heatmapUrl(camera: string, fromMs: number, toMs: number): string {
    return this.url(`/cameras/${enc(camera)}/heatmap.png`, { from: fromMs, to: toMs });
  }

  backgroundUrl(camera: string): string {
    return this.url(`/cameras/${enc(camera)}/background.png`);
  }

  // An image route as a Blob (errors as for JSON routes, with the server's message).
  async image(url: string): Promise<Blob> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let response: Response;
    try {
      response = await this.fetchFn(url, { credentials: "same-origin", signal: controller.signal, headers: { Accept: "image/png, application/json" } });
    } catch (e) {
      throw new ApiError(0, controller.signal.aborted ? "timeout" : "network",
        `cannot load the image (${e instanceof Error ? e.message : String(e)})`);
    } finally {
      clearTimeout(timer);
    }
    const type = response.headers.get("content-type") ?? "";
    if (response.ok && type.startsWith("image/")) return response.blob();
    try {
      await readResponse(response);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) this.onUnauthorized?.();
      throw e;
    }
    throw new ApiError(response.status, "bad_response", `expected an image, got ${type || "no content type"}`);
  }

  liveUrl(): string {
    return this.url("/live");
  }

  // ---- Tokens (admin) ----

  tokens(): Promise<TokenInfo[]> {
    return this.request<TokenInfo[]>("GET", "/tokens");
  }

  createToken(name: string, role: Role): Promise<{ token: string; name?: string; role?: Role }> {
    return this.request("POST", "/tokens", { body: { name, role } });
  }

  async revokeToken(name: string): Promise<void> {
    await this.request<unknown>("DELETE", `/tokens/${enc(name)}`);
  }
}

// ---- Normalisers for fields whose shape the server may vary ----------------------------------------------------

// Zone counts of a live event as [name, count, queue length] (the server sends a list; a map is read too).
export function liveZones(event: LiveCount): [string, number, number | null][] {
  const z = event.zones;
  if (!z) return [];
  if (Array.isArray(z)) {
    return z.map((e) => {
      const r = e as unknown as Record<string, unknown>;
      const queue = r.queue_length;
      return [String(r.zone ?? r.name), Number(r.occupancy ?? r.count ?? 0), typeof queue === "number" ? queue : null];
    });
  }
  return Object.entries(z).map(([name, v]) => [name, Number(v), null]);
}

// Line totals of a live event as {name, in, out}.
export function liveLines(event: LiveCount): { name: string; in: number; out: number }[] {
  const l = event.lines;
  if (!l) return [];
  if (Array.isArray(l)) {
    return l.map((e) => {
      const r = e as unknown as Record<string, unknown>;
      return { name: String(r.line ?? r.name), in: Number(r.in), out: Number(r.out) };
    });
  }
  return Object.entries(l).map(([name, v]) => ({ name, in: Number(v.in), out: Number(v.out) }));
}

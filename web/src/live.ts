// The live feed (/api/v1/live, Server-Sent Events): the latest count of every camera and the occupancy of every
// store, kept for the pages and pushed to whoever listens. One EventSource for the whole app; the browser
// reconnects by itself and the status says so.

import type { LiveCount, LiveOccupancy } from "./api";
import { parseTimestamp } from "./time";

export type LiveStatus = "connecting" | "live" | "offline";

export interface LiveState {
  status: LiveStatus;
  cameras: Map<string, LiveCount & { receivedMs: number }>;
  stores: Map<string, LiveOccupancy & { receivedMs: number }>;
}

type Listener = (state: LiveState, changed: { camera?: string; store?: string }) => void;

export class LiveFeed {
  readonly state: LiveState = { status: "connecting", cameras: new Map(), stores: new Map() };
  private source: EventSource | null = null;
  private listeners = new Set<Listener>();

  constructor(private readonly url: string) {}

  start() {
    if (this.source) return;
    const source = new EventSource(this.url, { withCredentials: true });
    this.source = source;
    source.onopen = () => this.setStatus("live");
    source.onerror = () => this.setStatus(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    source.addEventListener("count", (e) => {
      const data = parse<LiveCount>(e as MessageEvent);
      if (!data || typeof data.camera !== "string") return;
      this.state.cameras.set(data.camera, { ...data, receivedMs: Date.now() });
      this.emit({ camera: data.camera });
    });
    source.addEventListener("occupancy", (e) => {
      const data = parse<LiveOccupancy>(e as MessageEvent);
      if (!data || typeof data.store !== "string") return;
      this.state.stores.set(data.store, { ...data, receivedMs: Date.now() });
      this.emit({ store: data.store });
    });
  }

  stop() {
    this.source?.close();
    this.source = null;
    this.setStatus("offline");
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setStatus(status: LiveStatus) {
    if (this.state.status === status) return;
    this.state.status = status;
    this.emit({});
  }

  private emit(changed: { camera?: string; store?: string }) {
    for (const l of this.listeners) l(this.state, changed);
  }
}

function parse<T>(e: MessageEvent): T | null {
  try {
    return JSON.parse(String(e.data)) as T;
  } catch {
    return null;
  }
}

// When a live event happened (its own time, else when it arrived).
export function eventTime(e: { time?: string | null; timestamp_ms?: number; receivedMs: number }): number {
  if (typeof e.timestamp_ms === "number" && e.timestamp_ms > 0) return e.timestamp_ms;
  return parseTimestamp(e.time ?? null) ?? e.receivedMs;
}

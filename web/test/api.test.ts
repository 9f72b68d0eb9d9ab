// The API client against a real HTTP server on an ephemeral loopback port (node:http), answering as footfall does
// and as a broken proxy or a dead server would: every failure must become an ApiError with the status, the API's
// code and message, and a 401 must send the app to the login page.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ApiClient, ApiError, describeError, liveLines, liveZones, queryString } from "../src/api";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

let server: Server;
let base = "";
const seen: Seen[] = [];

function send(res: ServerResponse, status: number, body: string, type = "application/json") {
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const url = new URL(req.url ?? "/", "http://x");
      switch (url.pathname) {
        case "/api/v1/stores":
          return send(res, 200, JSON.stringify([{ name: "main-street", timezone: "Europe/Berlin", hours: {}, cameras: ["door"], entry_lines: [] }]));
        case "/api/v1/session":
          if (req.method === "POST") {
            const token = (JSON.parse(body) as { token: string }).token;
            if (token !== "ff_good") return send(res, 401, JSON.stringify({ error: { code: "unauthorized", message: "unknown token" } }));
            return send(res, 200, JSON.stringify({ name: "ana", role: "admin", csrf_token: "csrf-123" }));
          }
          if (req.method === "DELETE") return send(res, 204, "");
          return send(res, 404, JSON.stringify({ error: { code: "not_found", message: "no route" } }));
        case "/api/v1/tokens":
          if (req.method === "POST" && req.headers["x-csrf-token"] !== "csrf-123") {
            return send(res, 403, JSON.stringify({ error: { code: "csrf", message: "missing or wrong X-CSRF-Token" } }));
          }
          return send(res, 201, JSON.stringify({ token: "ff_new", name: "cam", role: "operator" }));
        case "/api/v1/stores/nowhere/report":
          return send(res, 404, JSON.stringify({ error: { code: "not_found", message: "store 'nowhere': no such store (stores: main-street)" } }));
        case "/api/v1/stores/main-street/report":
          return send(res, 400, JSON.stringify({ error: { code: "bad_parameter", message: `from: '${url.searchParams.get("from")}' is not a date (YYYY-MM-DD)` } }));
        case "/api/v1/cameras":
          return send(res, 401, JSON.stringify({ error: { code: "unauthorized", message: "session expired" } }));
        case "/api/v1/proxy":
          return send(res, 502, "<html><body>Bad Gateway</body></html>", "text/html");
        case "/api/v1/broken":
          return send(res, 200, "{\"stores\": [", "application/json");
        case "/api/v1/slow":
          setTimeout(() => send(res, 200, "[]"), 1500);
          return;
        case "/api/v1/cameras/door/heatmap.png":
          return send(res, 200, "\x89PNG fake but typed", "image/png");
        case "/api/v1/cameras/empty/heatmap.png":
          return send(res, 404, JSON.stringify({ error: { code: "not_found", message: "camera empty: no heatmap" } }));
        default:
          return send(res, 404, JSON.stringify({ error: { code: "not_found", message: `no route ${url.pathname}` } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("ApiClient", () => {
  it("reads JSON answers", async () => {
    const api = new ApiClient({ baseUrl: base });
    const stores = await api.stores();
    expect(stores[0].name).toBe("main-street");
  });

  it("turns the API's error JSON into an ApiError with status, code and message", async () => {
    const api = new ApiClient({ baseUrl: base });
    const e = await api.report("nowhere", "2026-11-01", "2026-11-07").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(404);
    expect((e as ApiError).code).toBe("not_found");
    expect((e as ApiError).message).toContain("no such store");
    expect(describeError(e)).toBe("store 'nowhere': no such store (stores: main-street) (404 not_found)");
  });

  it("encodes path segments and query parameters", async () => {
    const api = new ApiClient({ baseUrl: base });
    const e = (await api.report("main-street", "2026-11-01 & x", "2026-11-07").catch((x: unknown) => x)) as ApiError;
    expect(e.code).toBe("bad_parameter");
    expect(e.message).toBe("from: '2026-11-01 & x' is not a date (YYYY-MM-DD)");
    expect(seen[seen.length - 1].url).toBe("/api/v1/stores/main-street/report?from=2026-11-01%20%26%20x&to=2026-11-07");
    expect(api.url("/stores/a%2F..%2Fb/today")).toBe(`${base}/api/v1/stores/a%2F..%2Fb/today`);
    expect(queryString({ a: 1, b: undefined, c: "" })).toBe("?a=1");
    const e2 = (await api.today("../../etc").catch((x: unknown) => x)) as ApiError;
    expect(seen[seen.length - 1].url).toBe("/api/v1/stores/..%2F..%2Fetc/today");
    expect(e2.status).toBe(404);
  });

  it("calls onUnauthorized on a 401 and still throws", async () => {
    let calls = 0;
    const api = new ApiClient({ baseUrl: base, onUnauthorized: () => calls++ });
    const e = (await api.cameras().catch((x: unknown) => x)) as ApiError;
    expect(e.unauthorized).toBe(true);
    expect(e.message).toBe("session expired");
    expect(calls).toBe(1);
  });

  it("logs in, keeps the CSRF token and sends it on state-changing requests only", async () => {
    let unauthorized = 0;
    const api = new ApiClient({ baseUrl: base, onUnauthorized: () => unauthorized++ });
    const bad = (await api.login("ff_bad").catch((x: unknown) => x)) as ApiError;
    expect(bad.status).toBe(401);
    expect(unauthorized).toBe(0); // a refused login is not an ended session
    expect(api.csrfToken).toBeNull();
    const session = await api.login("ff_good");
    expect(session).toEqual({ name: "ana", role: "admin", csrf_token: "csrf-123" });
    expect(JSON.parse(seen[seen.length - 1].body)).toEqual({ token: "ff_good" });
    await api.stores();
    expect(seen[seen.length - 1].headers["x-csrf-token"]).toBeUndefined();
    const created = await api.createToken("cam", "operator");
    expect(created.token).toBe("ff_new");
    expect(seen[seen.length - 1].headers["x-csrf-token"]).toBe("csrf-123");
    expect(seen[seen.length - 1].headers["content-type"]).toBe("application/json");
    await api.logout();
    expect(seen[seen.length - 1].method).toBe("DELETE");
    expect(api.csrfToken).toBeNull();
    const refused = (await api.createToken("cam", "operator").catch((x: unknown) => x)) as ApiError;
    expect(refused.status).toBe(403);
    expect(refused.code).toBe("csrf");
  });

  it("treats a missing GET /session as 'cannot tell'", async () => {
    const api = new ApiClient({ baseUrl: base });
    expect(await api.currentSession()).toBeNull();
  });

  it("reports a non-JSON error page with its status", async () => {
    const api = new ApiClient({ baseUrl: base });
    const e = (await api.request("GET", "/proxy").catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(502);
    expect(e.code).toBe("http_502");
    expect(e.message).toContain("Bad Gateway");
  });

  it("reports a truncated JSON answer as bad_response", async () => {
    const api = new ApiClient({ baseUrl: base });
    const e = (await api.request("GET", "/broken").catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(200);
    expect(e.code).toBe("bad_response");
  });

  it("gives up after the timeout", async () => {
    const api = new ApiClient({ baseUrl: base, timeoutMs: 200 });
    const e = (await api.request("GET", "/slow").catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(0);
    expect(e.code).toBe("timeout");
  });

  it("reports a server that is not there as a network error", async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, "127.0.0.1", resolve));
    const port = (dead.address() as AddressInfo).port;
    await new Promise((resolve) => dead.close(resolve));
    const api = new ApiClient({ baseUrl: `http://127.0.0.1:${port}` });
    const e = (await api.stores().catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(0);
    expect(e.code).toBe("network");
    expect(describeError(e)).toMatch(/^cannot reach the server/);
  });

  it("loads images and turns a JSON 404 into an ApiError", async () => {
    const api = new ApiClient({ baseUrl: base });
    const blob = await api.image(api.heatmapUrl("door", 1795734000000, 1795906800000));
    expect(blob.type).toBe("image/png");
    expect(seen[seen.length - 1].url).toBe("/api/v1/cameras/door/heatmap.png?from=1795734000000&to=1795906800000");
    const e = (await api.image(api.heatmapUrl("empty", 0, 1)).catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(404);
    expect(e.message).toBe("camera empty: no heatmap");
  });
});

describe("live event shapes", () => {
  it("reads zone counts and line totals as the server sends them (lists) or as maps", () => {
    const base = { camera: "door", count: 2, tracked: 2, timestamp_ms: 0 };
    expect(liveZones({ ...base, zones: [{ zone: "tills", occupancy: 3, queue_length: 2 }, { zone: "lawn", occupancy: 0 }], lines: null }))
      .toEqual([["tills", 3, 2], ["lawn", 0, null]]);
    expect(liveZones({ ...base, zones: { tills: 1 }, lines: null })).toEqual([["tills", 1, null]]);
    expect(liveLines({ ...base, zones: null, lines: [{ line: "door", in: 4, out: 1 }] })).toEqual([{ name: "door", in: 4, out: 1 }]);
    expect(liveLines({ ...base, zones: null, lines: { door: { in: 4, out: 1 } } })).toEqual([{ name: "door", in: 4, out: 1 }]);
    expect(liveZones({ ...base, zones: null, lines: null })).toEqual([]);
  });
});

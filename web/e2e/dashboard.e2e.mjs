// End-to-end test of the dashboard in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core)
// against the real `footfall serve`:
//
//   1. a temporary config (a store with a door camera on vtest.avi and a push camera at the tills), a database
//      seeded by `footfall simulate` (8 weeks) and `footfall import-roster` (this week), an admin token made by
//      `footfall token create`, and `footfall serve` on an ephemeral loopback port serving web/dist;
//   2. logs in through the page (a bad token first), opens every page on a desktop and a 390x844 phone viewport,
//      and checks that what the page shows equals what the API answers for the seeded data (report totals and the
//      busiest hour, the staffing plan's over/under hours, today's entries, camera health, the heatmap image, the
//      lines and zones over the scene);
//   3. creates an operator token in Settings, pushes /usr/share/darknet/data/person.jpg as that camera's snapshot
//      and sees the live count on the Now page change to the count the API returned; revokes the token in Settings
//      and sees the next push refused; logs out;
//   4. saves a full-page screenshot of every page and viewport in $FOOTFALL_SCREENSHOT_DIR.
//
// Environment: FOOTFALL_BINARY (required), FOOTFALL_SCREENSHOT_DIR (default: a temporary folder), CHROMIUM
// (default /usr/bin/chromium), FOOTFALL_E2E_KEEP=1 keeps the temporary folder. Prints one line per check and
// "N passed, N failed" at the end; exits 1 on any failure.

import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const webDir = resolve(here, "..");
const repoDir = resolve(webDir, "..");
const binary = process.env.FOOTFALL_BINARY;
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const video = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";
const personJpeg = "/usr/share/darknet/data/person.jpg";
const modelsDir = resolve(repoDir, "..", "shared", "models");
const STORE = "main-street";
// Cameras of a store are served as <store>.<camera> (many stores can share a database, each with its own door).
const ENTRANCE = `${STORE}.entrance`;
const TILLS = `${STORE}.tills`;
const TZ = "Europe/Berlin";

let passed = 0;
let failed = 0;
const failures = [];

function check(name, condition, detail = "") {
  if (condition) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    failures.push(name);
    console.log(`FAIL - ${name}${detail ? `: ${detail}` : ""}`);
  }
}

function fatal(message) {
  console.error(`dashboard e2e: ${message}`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}

for (const [what, path] of [["FOOTFALL_BINARY", binary], ["chromium", chromiumPath], ["vtest.avi (opencv-doc)", video],
  ["person.jpg (darknet)", personJpeg], ["web/dist (npm run build)", join(webDir, "dist", "index.html")]]) {
  if (!path || !existsSync(path)) fatal(`${what} not found${path ? ` at ${path}` : " (set it)"}`);
}

const work = mkdtempSync(join(tmpdir(), "footfall-web-e2e-"));
const shots = resolve(process.env.FOOTFALL_SCREENSHOT_DIR ?? join(tmpdir(), "footfall-web-e2e-screenshots"));
mkdirSync(shots, { recursive: true });
const config = join(work, "footfall.yaml");
const env = { ...process.env, FOOTFALL_MODELS: existsSync(modelsDir) ? modelsDir : (process.env.FOOTFALL_MODELS ?? "") };

// ---- Local dates in the store's zone (as the dashboard computes them) ----

function localDate(ms) {
  const p = Object.fromEntries(new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" })
    .formatToParts(ms).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}
function addDays(date, n) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
function isoWeek(date) {
  const weekday = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
  const thursday = addDays(date, 3 - weekday);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((Date.parse(`${thursday}T12:00:00Z`) - Date.parse(`${year}-01-01T12:00:00Z`)) / 86_400_000 / 7) + 1;
  return { week: `${year}-W${String(week).padStart(2, "0")}`, monday: addDays(date, -weekday) };
}

const today = localDate(Date.now());
const yesterday = addDays(today, -1);
const lastWeekFrom = addDays(yesterday, -6);
const { week, monday } = isoWeek(today);

// ---- Set-up: config, seeded database, roster, admin token ----

function footfall(args, what) {
  const r = spawnSync(binary, args, { env, encoding: "utf8", timeout: 180_000 });
  if (r.status !== 0) fatal(`${what} failed (exit ${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

writeFileSync(config, `# dashboard e2e (web/e2e/dashboard.e2e.mjs)
database: ${join(work, "footfall.db")}
model:
  download: false
server:
  bind: 127.0.0.1
  port: 0
  web_root: ${join(webDir, "dist")}
cameras:
  entrance:
    source: ${video}
    start_time: "${new Date(Date.now() - 120_000).toISOString()}"
    sampling: {fps: 4}
    lines:
      door:
        points: [[0.05, 0.55], [0.95, 0.55]]
    zones:
      lawn:
        points: [[0.0, 0.35], [0.45, 0.35], [0.45, 1.0], [0.0, 1.0]]
  tills:
    type: push
    zones:
      queue:
        points: [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]
        queue: true
stores:
  ${STORE}:
    timezone: ${TZ}
    hours:
      daily: "07:00-22:00"
    cameras: [entrance, tills]
    entry_lines:
      - {camera: entrance, line: door}
`);

footfall(["simulate", "--config", config, "--store", STORE, "--weeks", "8"], "footfall simulate");
// A roster for this week as a store manager might write it (an early, a late and two midday shifts, one more on
// Saturday), so that some hours are over- and some understaffed against the recommendation.
const roster = ["date,start,end,name"];
for (let d = 0; d < 7; d++) {
  const date = addDays(monday, d);
  roster.push(`${date},07:00,15:00,ana`, `${date},14:00,22:00,ben`, `${date},10:00,18:00,cem`, `${date},11:00,19:00,dana`);
  if (d === 5) roster.push(`${date},12:00,18:00,eve`);
}
writeFileSync(join(work, "roster.csv"), `${roster.join("\n")}\n`);
footfall(["import-roster", join(work, "roster.csv"), "--store", STORE, "--config", config], "footfall import-roster");
let adminToken = ""; // made once the open quick-start access has been seen

// ---- The server ----

const server = spawn(binary, ["serve", "--config", config], { env, stdio: ["ignore", "pipe", "pipe"] });
let serverLog = "";
const base = await new Promise((resolveBase, reject) => {
  const timer = setTimeout(() => reject(new Error(`footfall serve did not say where it listens within 60 s:\n${serverLog}`)), 60_000);
  const onData = (chunk) => {
    serverLog += chunk.toString();
    const m = /listening on (https?:\/\/[0-9.]+:\d+)/.exec(serverLog);
    if (m) {
      clearTimeout(timer);
      resolveBase(m[1]);
    }
  };
  server.stdout.on("data", onData);
  server.stderr.on("data", onData);
  server.on("exit", (code) => reject(new Error(`footfall serve exited (${code}):\n${serverLog}`)));
}).catch((e) => fatal(e.message));
console.log(`# footfall serve at ${base}; screenshots in ${shots}`);

async function api(path, token = adminToken, init = {}) {
  const res = await fetch(`${base}/api/v1${path}`, { ...init, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) } });
  const type = res.headers.get("content-type") ?? "";
  const body = type.includes("json") ? await res.json() : Buffer.from(await res.arrayBuffer());
  return { status: res.status, body };
}

// The live state as the SSE stream sends it on connect: the latest "count" per camera and "occupancy" per store.
async function liveState(ms = 2_500) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/v1/live`, { headers: { Authorization: `Bearer ${adminToken}`, Accept: "text/event-stream" }, signal: controller.signal });
  const state = { count: {}, occupancy: {} };
  const timer = setTimeout(() => controller.abort(), ms);
  let text = "";
  try {
    for await (const chunk of res.body) text += Buffer.from(chunk).toString();
  } catch {
    // aborted: the stream stays open by design
  }
  clearTimeout(timer);
  for (const block of text.split("\n\n")) {
    const type = /^event: (\w+)$/m.exec(block)?.[1];
    const data = /^data: (.*)$/m.exec(block)?.[1];
    if (!type || !data) continue;
    const d = JSON.parse(data);
    state[type][d.camera ?? d.store] = d;
  }
  return state;
}

async function waitFor(what, fn, timeoutMs = 90_000) {
  const start = Date.now();
  let last;
  while (Date.now() - start < timeoutMs) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const fmt = (n) => new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 }).format(Math.round(n));

let browser;
let exitCode = 0;
try {
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });

  // ---- Open quick-start access: loopback and no token yet -> no login ----
  const openContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const openPage = await openContext.newPage();
  await openPage.goto(base);
  await openPage.getByTestId("user").waitFor({ timeout: 30_000 });
  check("open access (loopback, no token): the dashboard opens without a login", (await openPage.getByTestId("user").textContent()).includes("Open access"));
  check("open access: every caller is an admin (Settings shown)", await openPage.getByTestId("nav-settings").count() === 1);
  await openContext.close();

  adminToken = footfall(["token", "create", "--config", config, "--name", "e2e-admin", "--role", "admin"], "footfall token create").trim();
  check("footfall token create prints a token once", /^ff_[A-Za-z0-9_-]{20,}$/.test(adminToken), adminToken);
  await waitFor("the server to close open access once a token exists", async () => (await fetch(`${base}/api/v1/stores`)).status === 401, 15_000);
  check("a token closes open access", true);

  // The door camera analyses its file once; wait until it is done so that the numbers stand still.
  const cams = await waitFor("camera entrance to finish its file", async () => {
    const r = await api("/cameras");
    const e = r.status === 200 ? r.body.find((c) => c.name === ENTRANCE) : null;
    return e && ["finished", "failed"].includes(e.health.state) ? r.body : null;
  }, 180_000);
  check("camera entrance analysed vtest.avi", cams.find((c) => c.name === ENTRANCE).health.state === "finished",
    JSON.stringify(cams.find((c) => c.name === ENTRANCE).health));

  const desktop = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "en-GB", timezoneId: "America/New_York" });
  const page = await desktop.newPage();
  const consoleErrors = [];
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  page.on("dialog", (d) => d.accept());

  const shot = async (p, name) => {
    await p.waitForTimeout(700); // chart animations
    await p.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  };

  // ---- Login ----
  await page.goto(base);
  await page.getByTestId("login-token").waitFor();
  check("a server with tokens shows the login page", await page.getByTestId("login-token").isVisible());
  await shot(page, "desktop-login");
  await page.getByTestId("login-token").fill("ff_not_a_real_token");
  await page.getByTestId("login-submit").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=login-error]")?.textContent?.includes("not valid"));
  check("a bad token is refused with a message", true);
  await page.getByTestId("login-token").fill(adminToken);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("user").waitFor();
  check("login with the admin token opens the dashboard", (await page.getByTestId("user").textContent()).includes("e2e-admin"));
  const cookies = await desktop.cookies();
  const session = cookies.find((c) => c.httpOnly);
  check("the session cookie is HttpOnly and SameSite", !!session && session.sameSite !== "None", JSON.stringify(cookies));

  // ---- Now ----
  await page.goto(`${base}/#/now?store=${STORE}`);
  await page.getByTestId("kpi-entries").waitFor();
  await page.locator("[data-testid=camera-health] tbody tr").first().waitFor();
  const todayApi = (await api(`/stores/${STORE}/today`)).body;
  const entriesText = await page.locator("[data-testid=kpi-entries] .kpi-value").textContent();
  check("Now: entries today equal the API's", entriesText === fmt(todayApi.entries), `${entriesText} vs ${todayApi.entries}`);
  check("Now: vtest.avi crossings counted today", todayApi.entries + todayApi.exits > 0, JSON.stringify(todayApi));
  const healthText = await page.getByTestId("camera-health").textContent();
  check("Now: camera health lists both cameras and the file camera's state", healthText.includes("entrance") && healthText.includes("tills") && healthText.includes("finished"), healthText);
  await page.waitForFunction(() => document.querySelector("[data-testid=live-status]")?.textContent === "Live", null, { timeout: 15_000 });
  check("Now: the live feed is connected", true);
  await page.waitForFunction((camera) => !!document.querySelector(`[data-testid="live-count-${camera}"]`)?.getAttribute("data-value") &&
    document.querySelector("[data-testid=occupancy-now] + .hero-sub")?.textContent?.includes("since opening"), ENTRANCE, { timeout: 15_000 }).catch(() => {});
  const liveEntrance = await page.getByTestId(`live-count-${ENTRANCE}`).getAttribute("data-value");
  check("Now: the file camera's live count arrived over SSE", liveEntrance !== null && liveEntrance !== "", String(liveEntrance));
  const live = await liveState();
  const lawn = live.count[ENTRANCE]?.zones?.find((z) => z.zone === "lawn");
  const lawnTile = await page.locator(`[data-testid="zone-${ENTRANCE}-lawn"] .zone-count`).textContent();
  check("Now: the lawn zone shows the live zone occupancy", !!lawn && lawnTile === String(lawn.occupancy), `${lawnTile} vs ${JSON.stringify(lawn)}`);
  const occ = live.occupancy[STORE];
  const hero = await page.getByTestId("occupancy-now").getAttribute("data-value");
  check("Now: the store's occupancy is the live one", !!occ && hero === String(occ.occupancy), `${hero} vs ${JSON.stringify(occ)}`);
  const clock = await page.getByTestId("store-clock").textContent();
  check("Now: the clock is the store's (Berlin), not the browser's (New York)", /CES?T|GMT\+[12]/.test(clock), clock);
  await shot(page, "desktop-now");

  // ---- Day & week ----
  await page.goto(`${base}/#/day?store=${STORE}&from=${lastWeekFrom}&to=${yesterday}`);
  await page.locator("[data-chart=hourly][data-rendered=true]").waitFor({ timeout: 30_000 });
  const report = (await api(`/stores/${STORE}/report?from=${lastWeekFrom}&to=${yesterday}`)).body;
  const hourly = page.locator("[data-chart=hourly]");
  check("Day: the hourly chart shows the report's visitors", Number(await hourly.getAttribute("data-total")) === report.totals.visitors,
    `${await hourly.getAttribute("data-total")} vs ${report.totals.visitors}`);
  check("Day: the seeded range has visitors", report.totals.visitors > 1000, String(report.totals.visitors));
  const busiest = report.peaks.busiest[0];
  check("Day: the chart's tallest bar is the report's busiest hour", Number(await hourly.getAttribute("data-max")) === busiest.visitors,
    `${await hourly.getAttribute("data-max")} vs ${busiest.visitors}`);
  const firstPeak = page.locator("[data-testid=peaks-busiest] li").first();
  check("Day: the busiest hour is listed first with its visitors", (await firstPeak.getAttribute("data-visitors")) === String(busiest.visitors) &&
    (await firstPeak.getAttribute("data-local-time")) === busiest.local_time && (await firstPeak.textContent()).includes(busiest.local_time.slice(11, 16)));
  check("Day: visitors KPI", (await page.locator("[data-testid=kpi-visitors] .kpi-value").textContent()) === fmt(report.totals.visitors));
  const conv = await page.locator("[data-testid=kpi-conversion] .kpi-value").textContent();
  check("Day: conversion KPI from the simulated sales", conv === `${(report.totals.conversion * 100).toFixed(1)}%`, `${conv} vs ${report.totals.conversion}`);
  check("Day: SIMULATED DATA banner", report.simulated === true && (await page.getByTestId("simulated-banner").textContent()).includes("SIMULATED DATA"));
  check("Day: daily chart", Number(await page.locator("[data-chart=daily]").getAttribute("data-count")) === report.daily.length);
  const heatMax = Math.max(...report.weekday_hour.flat().filter((v) => v !== null));
  check("Day: weekday x hour heatmap", Number(await page.locator("[data-chart=weekday-hour]").getAttribute("data-max")) === heatMax);
  check("Day: occupancy over the day", (await page.locator("[data-chart=occupancy]").getAttribute("data-date")) === report.occupancy_day.date);
  // Hovering the busiest bar shows its store-local time (Berlin, while the browser is in New York) and visitors.
  const busiestIndex = report.hourly.findIndex((h) => h.local_time === busiest.local_time);
  const box = await hourly.boundingBox();
  const plotLeft = 44;
  const plotWidth = box.width - 44 - 12;
  await page.mouse.move(box.x + plotLeft + (busiestIndex + 0.5) * plotWidth / report.hourly.length, box.y + box.height - 60);
  const tip = await page.waitForFunction(() => {
    const el = [...document.querySelectorAll("[data-chart=hourly] div")].find((d) => d.textContent?.includes("visitors") && getComputedStyle(d).display !== "none");
    return el?.textContent ?? null;
  }, null, { timeout: 5_000 }).then((h) => h.jsonValue()).catch(() => "");
  check("Day: the busiest bar's tooltip shows its store-local time and visitors",
    tip.includes(`${fmt(busiest.visitors)} visitors`) && tip.includes(busiest.local_time.slice(11, 16)), `tooltip '${tip}' for ${JSON.stringify(busiest)}`);
  await shot(page, "desktop-day");

  // ---- Staffing ----
  await page.goto(`${base}/#/staffing?store=${STORE}&week=${week}`);
  await page.locator("[data-chart=staffing][data-rendered=true]").waitFor({ timeout: 30_000 });
  const staffing = (await api(`/stores/${STORE}/staffing?week=${week}`)).body;
  const overApi = staffing.hours.filter((x) => x.state === "over").length;
  const underApi = staffing.hours.filter((x) => x.state === "under").length;
  const overDom = await page.locator("[data-testid=staffing-grid] td[data-state=over]").count();
  const underDom = await page.locator("[data-testid=staffing-grid] td[data-state=under]").count();
  check("Staffing: the roster was compared", staffing.roster !== null && overApi + underApi > 0, JSON.stringify(staffing.roster));
  check("Staffing: overstaffed hours highlighted", overDom === overApi, `${overDom} vs ${overApi}`);
  check("Staffing: understaffed hours highlighted", underDom === underApi, `${underDom} vs ${underApi}`);
  check("Staffing: week label", (await page.getByTestId("week-label").textContent()).includes(week.slice(6)));
  await shot(page, "desktop-staffing");

  // ---- Heatmap ----
  await page.goto(`${base}/#/heatmap?store=${STORE}&camera=${ENTRANCE}&from=${today}&to=${today}`);
  const heat = await api(`/cameras/${ENTRANCE}/heatmap.png?from=${Date.now() - 86_400_000}&to=${Date.now() + 60_000}`);
  if (heat.status === 200) {
    await page.locator("[data-testid=heatmap-image][data-loaded=true]").waitFor({ timeout: 30_000 });
    const width = Number(await page.getByTestId("heatmap-image").getAttribute("data-width"));
    check("Heatmap: the camera's heatmap image is shown at the API's size", width === heat.body.readUInt32BE(16), `${width} vs ${heat.body.readUInt32BE(16)}`);
  } else {
    check("Heatmap: the API has a heatmap for the file camera", false, `${heat.status} ${JSON.stringify(heat.body)}`);
  }
  await shot(page, "desktop-heatmap");

  // ---- Settings: scenes, token creation ----
  await page.goto(`${base}/#/settings?store=${STORE}`);
  // (attached, not visible: a horizontal SVG line has an empty bounding box)
  await page.locator(`[data-testid="scene-${ENTRANCE}"] svg line[data-line=door]`).waitFor({ state: "attached", timeout: 30_000 });
  check("Settings: the door line is drawn on the entrance scene", true);
  check("Settings: the lawn zone is drawn", await page.locator(`[data-testid="scene-${ENTRANCE}"] polygon[data-zone=lawn]`).count() === 1);
  // The push camera has no background: its scene is drawn once the background request has been answered (404).
  await page.locator(`[data-testid="scene-${TILLS}"] polygon[data-zone=queue]`).waitFor({ state: "attached", timeout: 30_000 });
  check("Settings: the queue zone of the push camera is drawn on a blank frame", (await page.getByTestId(`scene-${TILLS}`).textContent()).includes("No background"));
  const bg = await api(`/cameras/${ENTRANCE}/background.png`);
  if (bg.status === 200) {
    await page.locator(`[data-testid="scene-${ENTRANCE}"] img.scene-img`).waitFor();
    check("Settings: the learned background is the scene", true);
  } else {
    check("Settings: no background yet is said so", (await page.getByTestId(`scene-${ENTRANCE}`).textContent()).includes("No background"));
  }
  await page.locator("[data-testid=tokens] tr[data-token=e2e-admin]").waitFor();
  await page.getByTestId("token-name").fill("e2e-camera");
  await page.getByTestId("token-role").selectOption("operator");
  await page.getByRole("button", { name: "Create token" }).click();
  await page.getByTestId("token-secret").waitFor();
  const operatorToken = (await page.getByTestId("token-secret").textContent()).trim();
  check("Settings: a new operator token is shown once", /^ff_/.test(operatorToken));
  await page.locator("[data-testid=tokens] tr[data-token=e2e-camera]").waitFor();
  check("Settings: the new token is listed with its role", (await page.locator("[data-testid=tokens] tr[data-token=e2e-camera]").textContent()).includes("operator"));
  await shot(page, "desktop-settings");

  // ---- Snapshot push -> live count on the Now page ----
  await page.goto(`${base}/#/now?store=${STORE}`);
  await page.getByTestId(`live-count-${TILLS}`).waitFor();
  await page.waitForFunction(() => document.querySelector("[data-testid=live-status]")?.textContent === "Live", null, { timeout: 15_000 });
  const before = await page.getByTestId(`live-count-${TILLS}`).getAttribute("data-value");
  // A camera can push to its plain name when no other camera of the box has it.
  const pushed = await api("/cameras/tills/snapshot", operatorToken, {
    method: "POST", headers: { "Content-Type": "image/jpeg" }, body: readFileSync(personJpeg),
  });
  check("Snapshot: the operator token may push a JPEG", pushed.status === 200 || pushed.status === 201, `${pushed.status} ${JSON.stringify(pushed.body)}`);
  const counted = pushed.body.count;
  check("Snapshot: the person in person.jpg is counted", counted >= 1, JSON.stringify(pushed.body));
  await page.waitForFunction(([camera, n]) => document.querySelector(`[data-testid="live-count-${camera}"]`)?.getAttribute("data-value") === String(n), [TILLS, counted], { timeout: 15_000 });
  check(`Now: the live count of the push camera changed (${before || "none"} -> ${counted})`, before !== String(counted));
  await shot(page, "desktop-now-after-snapshot");

  // ---- Revoke in Settings ----
  await page.goto(`${base}/#/settings?store=${STORE}`);
  await page.locator("[data-testid=tokens] tr[data-token=e2e-camera] button").click();
  await page.locator("[data-testid=tokens] tr[data-token=e2e-camera]").waitFor({ state: "detached" });
  const refused = await api("/cameras/tills/snapshot", operatorToken, { method: "POST", headers: { "Content-Type": "image/jpeg" }, body: readFileSync(personJpeg) });
  check("Settings: a revoked token is refused", refused.status === 401, String(refused.status));

  // ---- Phone ----
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "en-GB",
    storageState: await desktop.storageState(),
  });
  const mobile = await phone.newPage();
  mobile.on("pageerror", (e) => consoleErrors.push(String(e)));
  const pages = [
    ["now", `#/now?store=${STORE}`, "[data-testid=kpi-entries]"],
    ["day", `#/day?store=${STORE}&from=${lastWeekFrom}&to=${yesterday}`, "[data-chart=hourly][data-rendered=true]"],
    ["staffing", `#/staffing?store=${STORE}&week=${week}`, "[data-chart=staffing][data-rendered=true]"],
    ["heatmap", `#/heatmap?store=${STORE}&camera=${ENTRANCE}&from=${today}&to=${today}`, "[data-testid=heatmap-image], .state"],
    ["settings", `#/settings?store=${STORE}`, "[data-testid=tokens]"],
  ];
  for (const [name, hash, ready] of pages) {
    await mobile.goto(`${base}/${hash}`);
    await mobile.locator(ready).first().waitFor({ timeout: 30_000 });
    const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(`Phone: ${name} fits 390 px without sideways scrolling`, overflow <= 1, `${overflow}px too wide`);
    await shot(mobile, `phone-${name}`);
  }
  check("Phone: a reload keeps the session (cookie)", (await mobile.getByTestId("user").textContent()).includes("e2e-admin"));
  const mobileLogin = await phone.newPage();
  await mobileLogin.context().clearCookies();
  await mobileLogin.goto(base);
  await mobileLogin.getByTestId("login-token").waitFor();
  await shot(mobileLogin, "phone-login");

  // ---- Logout ----
  await page.goto(`${base}/#/now?store=${STORE}`);
  await page.getByTestId("logout").click();
  await page.getByTestId("login-token").waitFor();
  const after = await page.evaluate(async () => (await fetch("/api/v1/stores")).status);
  check("Logout ends the session", after === 401, String(after));

  // Refused requests (the bad login, a missing background) are logged by Chromium as "Failed to load resource".
  const scriptErrors = consoleErrors.filter((e) => !e.startsWith("Failed to load resource"));
  check("no script errors in the browser", scriptErrors.length === 0, scriptErrors.join(" | "));
} catch (e) {
  failed++;
  failures.push(String(e));
  console.log(`FAIL - ${e instanceof Error ? e.stack : e}`);
  exitCode = 1;
} finally {
  await browser?.close().catch(() => {});
  server.kill("SIGTERM");
  await new Promise((r) => {
    const t = setTimeout(() => { server.kill("SIGKILL"); r(); }, 15_000);
    server.on("exit", () => { clearTimeout(t); r(); });
  });
  if (failed > 0) console.log(`# server log (tail):\n${serverLog.split("\n").slice(-40).join("\n")}`);
  if (!process.env.FOOTFALL_E2E_KEEP) rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  else console.log(`# kept ${work}`);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || exitCode ? 1 : 0);

// Helpers for Stakemap's end-to-end tests: a throwaway home for each test, a display, tauri-driver,
// WebDriver sessions on the built app, the CLI, screenshots, and a clean quit.
//
// The chain is: this process -> tauri-driver -> WebKitWebDriver -> stakemap-app. Each process passes
// its environment on to the next, so the XDG folders (and DISPLAY) given to tauri-driver are the ones
// the app sees; `launch` checks that in the app process's /proc/<pid>/environ. WebKitWebDriver runs
// one session at a time, so every app instance gets its own tauri-driver on free ports.

import assert from "node:assert/strict";
import { execFile, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";
import { remote } from "webdriverio";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const targetDir = process.env.CARGO_TARGET_DIR
  ? path.resolve(repoRoot, process.env.CARGO_TARGET_DIR)
  : path.join(repoRoot, "target");
export const appBinary = path.join(targetDir, "debug", "stakemap-app");
export const cliBinary = path.join(targetDir, "debug", "stakemap");
export const artifactsDir = path.join(repoRoot, "tests", "e2e", "artifacts");

/** First load of WebKitGTK under Xvfb is slow; everything that waits for the UI uses this. */
export const UI_TIMEOUT = 30_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fails early and plainly when the binaries were not built. */
export function requireBinaries() {
  for (const binary of [appBinary, cliBinary]) {
    assert.ok(
      fs.existsSync(binary),
      `${binary} is missing: run \`npm --prefix ui run build && cargo build -p stakemap-app -p stakemap-cli\` first`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// (a) A temporary home per test

/**
 * A temporary folder with `config/`, `data/` and `cache/` for the app's XDG folders. `env` is what
 * every process of the test runs with. After the test, whatever was registered with `defer` runs
 * (last first: quit the apps, stop the drivers), then the folder is removed (kept with E2E_KEEP=1).
 */
export function workspace(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stakemap-e2e-"));
  const config = path.join(dir, "config");
  const data = path.join(dir, "data");
  const cache = path.join(dir, "cache");
  for (const d of [config, data, cache]) fs.mkdirSync(d);
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: config,
    XDG_DATA_HOME: data,
    XDG_CACHE_HOME: cache,
    // No accessibility bus under Xvfb; without this GTK looks for one and warns.
    NO_AT_BRIDGE: "1",
    // The app paints on the CPU by default on Linux (src-tauri/src/graphics.rs), but then
    // WebKitWebDriver's screenshot never answers under Xvfb (measured: every session, 200 s
    // timeouts). Tests run with WebKit's compositing unless the caller chooses otherwise.
    STAKEMAP_HARDWARE_ACCELERATION: process.env.STAKEMAP_HARDWARE_ACCELERATION ?? "on",
  };
  const deferred = [];
  const ws = {
    dir,
    config,
    data,
    env,
    /** A path inside the workspace. */
    file: (...parts) => path.join(dir, ...parts),
    /** The app's settings file in this workspace's config folder. */
    settingsFile: path.join(config, "io.stakemap.desktop", "settings.json"),
    /** Runs `fn` when the test ends, before the folder is removed. */
    defer: (fn) => deferred.push(fn),
    /** Runs the deferred clean-ups, waits for the workspace's processes to end, removes the folder. */
    cleanup: async () => {
      while (deferred.length > 0) {
        try {
          await deferred.pop()();
        } catch (error) {
          console.log(`# clean-up: ${error.message}`);
        }
      }
      await waitForNoProcesses(ws, 10_000);
      if (process.env.E2E_KEEP === "1") {
        console.log(`# kept ${dir}`);
      } else {
        fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      }
    },
  };
  t?.after?.(() => ws.cleanup());
  return ws;
}

/** Ids of all processes that run with this workspace's environment (apps, WebKit helpers, drivers). */
export function workspaceProcesses(ws) {
  const marker = `XDG_CONFIG_HOME=${ws.config}`;
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .map(Number)
    .filter((pid) => environ(pid).includes(marker));
}

async function waitForNoProcesses(ws, timeout) {
  const deadline = Date.now() + timeout;
  while (workspaceProcesses(ws).length > 0 && Date.now() < deadline) await sleep(100);
  const left = workspaceProcesses(ws);
  if (left.length > 0) console.log(`# processes still running in ${ws.dir}: ${left.join(" ")}`);
}

// ---------------------------------------------------------------------------------------------
// (b) A display and tauri-driver

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function waitForPort(port, child, what, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${what} exited (${child.exitCode ?? child.signalCode}) before listening on ${port}`,
      );
    }
    if (await canConnect(port)) return;
    await sleep(100);
  }
  throw new Error(`${what} did not listen on port ${port} within ${timeout} ms`);
}

function onPath(command) {
  return (
    spawnSync("sh", ["-c", `command -v "${command}"`], { encoding: "utf8" }).stdout.trim() || null
  );
}

let display = null;

// Children to stop if this process exits without cleaning up (a crash, an interrupted run).
const children = new Set();
const apps = new Set();
process.once("exit", () => {
  for (const pid of apps) {
    try {
      process.kill(pid);
    } catch {
      // gone
    }
  }
  for (const child of children) child.kill();
});
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
]) {
  process.once(signal, () => process.exit(code));
}

/**
 * Makes sure there is an X display: the one in DISPLAY, else a new Xvfb on a free display number
 * (stopped by `stopDisplay`). Returns the DISPLAY value and sets it for this process.
 */
export async function startDisplay() {
  if (process.env.DISPLAY) return process.env.DISPLAY;
  const xvfb = onPath("Xvfb");
  assert.ok(
    xvfb,
    "DISPLAY is not set and Xvfb is not installed (apt-get install xvfb, or run tests/bootstrap.sh)",
  );
  // -displayfd: Xvfb picks a free display number and writes it to fd 3 once it accepts clients.
  const child = spawn(
    xvfb,
    ["-displayfd", "3", "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
    {
      stdio: ["ignore", "ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const number = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(
      () => reject(new Error(`Xvfb did not start within 15 s: ${stderr}`)),
      15_000,
    );
    child.stdio[3].on("data", (d) => {
      out += d;
      if (out.includes("\n")) {
        clearTimeout(timer);
        resolve(out.trim());
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${code}: ${stderr}`));
    });
  });
  display = { child, value: `:${number}` };
  process.env.DISPLAY = display.value;
  children.add(child);
  return display.value;
}

/** Stops the Xvfb that `startDisplay` started, if any. */
export async function stopDisplay() {
  if (!display) return;
  const { child } = display;
  display = null;
  delete process.env.DISPLAY;
  await stopChild(child, 5_000);
}

async function stopChild(child, timeout) {
  children.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const done = await Promise.race([exited.then(() => true), sleep(timeout).then(() => false)]);
  if (!done) {
    child.kill("SIGKILL");
    await exited;
  }
}

function nativeDriver() {
  const candidate =
    process.env.WEBKIT_WEBDRIVER || onPath("WebKitWebDriver") || "/usr/bin/WebKitWebDriver";
  assert.ok(
    fs.existsSync(candidate),
    `WebKitWebDriver not found (apt-get install webkit2gtk-driver)`,
  );
  return candidate;
}

function tauriDriverBinary() {
  const cargoHome = process.env.CARGO_HOME || path.join(os.homedir(), ".cargo");
  const found = onPath("tauri-driver") || path.join(cargoHome, "bin", "tauri-driver");
  assert.ok(
    fs.existsSync(found),
    "tauri-driver not found (cargo install tauri-driver --version 2.1.0 --locked, or run tests/bootstrap.sh)",
  );
  return found;
}

/**
 * Starts tauri-driver (which starts WebKitWebDriver) with the workspace's environment, on free
 * ports; waits until both listen. Its output goes to `<workspace>/<name>.log`. Stopped after the test.
 */
export async function startDriver(ws, name = "tauri-driver") {
  assert.ok(process.env.DISPLAY, "no DISPLAY: call startDisplay() first");
  const port = await freePort();
  let nativePort = await freePort();
  while (nativePort === port) nativePort = await freePort();
  const logFile = ws.file(`${name}.log`);
  const log = fs.openSync(logFile, "a");
  const child = spawn(
    tauriDriverBinary(),
    [
      "--port",
      String(port),
      "--native-port",
      String(nativePort),
      "--native-driver",
      nativeDriver(),
    ],
    { env: { ...ws.env, DISPLAY: process.env.DISPLAY }, stdio: ["ignore", log, log] },
  );
  fs.closeSync(log);
  children.add(child);
  const driver = {
    port,
    nativePort,
    logFile,
    child,
    log: () => fs.readFileSync(logFile, "utf8"),
    stop: () => stopChild(child, 5_000),
  };
  try {
    await waitForPort(port, child, "tauri-driver");
    await waitForPort(nativePort, child, "WebKitWebDriver");
  } catch (error) {
    await driver.stop();
    error.message += `\n--- ${logFile}\n${driver.log()}`;
    throw error;
  }
  ws.defer(() => driver.stop());
  return driver;
}

// ---------------------------------------------------------------------------------------------
// (c) WebDriver sessions on the app

/** The running app processes of a workspace (found by their XDG_CONFIG_HOME). */
export function appProcesses(ws) {
  const marker = `XDG_CONFIG_HOME=${ws.config}`;
  return appPids().filter((pid) => environ(pid).includes(marker));
}

function appPids(binary = appBinary) {
  const pids = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readlinkSync(`/proc/${entry}/exe`).replace(/ \(deleted\)$/, "") === binary)
        pids.push(Number(entry));
    } catch {
      // ended while we looked, or not ours to read
    }
  }
  return pids;
}

function environ(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
  } catch {
    return [];
  }
}

function parentOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return 0;
  }
}

/**
 * The app processes started by one tauri-driver (children of its WebKitWebDriver), of the build
 * at `binary`.
 */
export function appProcessesOf(driver, binary = appBinary) {
  return appPids(binary).filter((pid) => {
    for (let p = parentOf(pid), hops = 0; p > 1 && hops < 10; p = parentOf(p), hops++) {
      if (p === driver.child.pid) return true;
    }
    return false;
  });
}

/**
 * Whether a process still runs, in any of its threads. Its open files (and so the map's lock) are
 * released only when its last thread has exited: the main thread can already be a zombie while
 * others are still exiting.
 */
export function isRunning(pid) {
  let tasks;
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return false;
  }
  return tasks.some((tid) => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const state = stat.slice(stat.lastIndexOf(")") + 2)[0];
      return state !== "Z" && state !== "X";
    } catch {
      return false;
    }
  });
}

async function waitUntilGone(pid, timeout) {
  const deadline = Date.now() + timeout;
  while (isRunning(pid) && Date.now() < deadline) await sleep(100);
  return !isRunning(pid);
}

/**
 * Opens a WebDriver session on the app through `driver` (the app, `application` or else the debug
 * build, is started with `args`) and returns the WebdriverIO browser once the page has loaded.
 * WebdriverIO is given tauri-driver's host and port, so it never sets up (or downloads) a driver or
 * browser of its own. Classic WebDriver only: tauri-driver forwards HTTP, not the WebSocket that
 * WebDriver BiDi needs.
 */
export async function openSession(driver, args = [], application = appBinary) {
  const browser = await remote({
    hostname: "127.0.0.1",
    port: driver.port,
    logLevel: process.env.E2E_WDIO_LOG ?? "error",
    connectionRetryTimeout: 90_000,
    connectionRetryCount: 0,
    waitforTimeout: UI_TIMEOUT,
    capabilities: {
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application, args },
    },
  });
  await browser.waitUntil(
    async () => (await browser.execute(() => document.readyState)) === "complete",
    {
      timeout: UI_TIMEOUT,
      timeoutMsg: "the app's page did not finish loading",
    },
  );
  return browser;
}

/**
 * Launches the app on `args` (the first one is the map) with its own tauri-driver (WebKitWebDriver
 * runs one session at a time), and checks that the app process got the workspace's XDG folders.
 * Returns `{ browser, driver, pid, quit, screenshot }`; anything still running is stopped after
 * the test.
 */
export async function launch(ws, args = [], name = "app") {
  const driver = await startDriver(ws, `tauri-driver-${name}`);
  let browser;
  try {
    browser = await openSession(driver, args);
  } catch (error) {
    await driver.stop();
    error.message += `\n--- ${driver.logFile}\n${driver.log().slice(-4000)}`;
    throw error;
  }
  const pids = appProcessesOf(driver);
  assert.equal(pids.length, 1, `expected one app process under tauri-driver, found ${pids}`);
  const env = environ(pids[0]);
  for (const key of ["XDG_CONFIG_HOME", "XDG_DATA_HOME"]) {
    assert.ok(env.includes(`${key}=${ws.env[key]}`), `the app did not get ${key}=${ws.env[key]}`);
  }
  let quitted = false;
  apps.add(pids[0]);
  const app = {
    browser,
    driver,
    pid: pids[0],
    /**
     * Quits the app: deletes the session (WebKitWebDriver closes the window, and the app exits with
     * its last window), waits until the app process is gone so the map's write lock is free again,
     * and stops tauri-driver. Returns true if the app exited by itself; one that lingers is killed
     * and the quit returns false.
     */
    quit: async (timeout = 15_000) => {
      if (quitted) return true;
      quitted = true;
      try {
        await browser.deleteSession();
      } catch (error) {
        console.log(`# deleteSession failed: ${error.message}`);
      }
      let clean = await waitUntilGone(app.pid, timeout);
      if (!clean) {
        for (const signal of ["SIGTERM", "SIGKILL"]) {
          try {
            process.kill(app.pid, signal);
          } catch {
            // already gone
          }
          if (await waitUntilGone(app.pid, 5_000)) break;
        }
        clean = false;
      }
      await driver.stop();
      apps.delete(app.pid);
      assert.ok(!isRunning(app.pid), `the app (process ${app.pid}) could not be stopped`);
      return clean;
    },
    screenshot: (shot) => screenshot(browser, shot),
  };
  ws.defer(async () => {
    // Still open when the test ends: the test failed on the way, so keep a picture of the window.
    if (!quitted) {
      try {
        fs.mkdirSync(artifactsDir, { recursive: true });
        const file = path.join(artifactsDir, `${name}-at-failure.png`);
        fs.writeFileSync(file, Buffer.from(await browser.takeScreenshot(), "base64"));
        console.log(`# the app was still open at the end of the test; its window: ${file}`);
      } catch {
        // the session may be gone already
      }
    }
    await app.quit();
  });
  return app;
}

// ---------------------------------------------------------------------------------------------
// (d) The CLI

/** Runs `stakemap --map <map> ...args` and returns its standard output; rejects on failure. */
export function cli(ws, map, ...args) {
  return new Promise((resolve, reject) => {
    execFile(
      cliBinary,
      ["--map", map, ...args],
      { env: ws.env, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error) {
          error.message += `\n${stderr}`;
          reject(error);
        } else {
          resolve(stdout);
        }
      },
    );
  });
}

/** `stakemap --map <map> summary --json`, parsed: counts per kind. */
export async function summary(ws, map) {
  return JSON.parse(await cli(ws, map, "summary", "--json"));
}

/** `stakemap --map <map> list <kind> --json`, parsed. */
export async function list(ws, map, kind) {
  return JSON.parse(await cli(ws, map, "list", kind, "--json"));
}

// ---------------------------------------------------------------------------------------------
// (e) Screenshots

/**
 * Colour statistics of a PNG: how many distinct colours, and the share of the most common one.
 */
export function pngStats(buffer) {
  const png = PNG.sync.read(buffer);
  const counts = new Map();
  const { data } = png;
  for (let i = 0; i < data.length; i += 4) {
    const rgb = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
  }
  const pixels = png.width * png.height;
  const top = Math.max(...counts.values());
  return { width: png.width, height: png.height, colours: counts.size, topShare: top / pixels };
}

/** Asserts that a PNG shows something: at least 50 colours, none covering more than 97% of it. */
export function assertNotBlank(buffer, what = "screenshot") {
  const stats = pngStats(buffer);
  assert.ok(
    stats.colours >= 50 && stats.topShare <= 0.97,
    `${what} looks blank: ${stats.colours} distinct colours, the commonest covers ${(stats.topShare * 100).toFixed(1)}%`,
  );
  return stats;
}

/**
 * Screenshots the app window through WebDriver into `artifacts/<name>.png` and checks that it is
 * not blank, retrying for a few seconds because WebKitGTK paints a little after the DOM changes.
 * Also saves the whole X screen as `artifacts/<name>-screen.png` (ImageMagick's `import`, for
 * humans; skipped if missing). Returns the PNG, its file and its colour statistics.
 */
export async function screenshot(browser, name, timeout = 10_000) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  const deadline = Date.now() + timeout;
  let png;
  let stats;
  do {
    png = Buffer.from(await browser.takeScreenshot(), "base64");
    stats = pngStats(png);
    if (stats.colours >= 50 && stats.topShare <= 0.97) break;
    await sleep(500);
  } while (Date.now() < deadline);
  fs.writeFileSync(file, png);
  if (onPath("import")) {
    const screen = path.join(artifactsDir, `${name}-screen.png`);
    const run = spawnSync("import", ["-window", "root", screen], {
      env: process.env,
      timeout: 20_000,
    });
    if (run.status !== 0) console.log(`# import -window root failed: ${run.stderr}`);
  }
  assertNotBlank(png, file);
  return { png, file, stats };
}

// ---------------------------------------------------------------------------------------------
// UI helpers. Selectors start from the whole page (CSS, or XPath when they start with "//"), and
// each step looks its element up again when React replaced it in the meantime (a stale element).

const isStale = (error) => /stale element/i.test(`${error?.name} ${error?.message}`);

/** Runs `step` again while it fails on a stale element, until `timeout`. */
async function retryStale(step, timeout = UI_TIMEOUT) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await step();
    } catch (error) {
      if (!isStale(error) || Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

/** Waits until `selector` matches a displayed element, and returns it. */
export function shown(browser, selector, timeout = UI_TIMEOUT) {
  return retryStale(async () => {
    const element = await browser.$(selector);
    await element.waitForDisplayed({
      timeout,
      timeoutMsg: `${selector} was not shown within ${timeout} ms`,
    });
    return element;
  }, timeout);
}

/** Waits until nothing displayed matches `selector` (hidden or removed). */
export async function hidden(browser, selector, message, timeout = UI_TIMEOUT) {
  await browser.waitUntil(
    async () => {
      try {
        for (const element of await browser.$$(selector)) {
          if (await element.isDisplayed()) return false;
        }
        return true;
      } catch (error) {
        if (isStale(error)) return false;
        throw error;
      }
    },
    { timeout, timeoutMsg: message ?? `${selector} was still shown after ${timeout} ms` },
  );
}

/** Waits until an element matching `selector` shows text containing `needle`; returns its text. */
export function textContaining(browser, selector, needle, message, timeout = UI_TIMEOUT) {
  return browser.waitUntil(
    async () => {
      try {
        for (const element of await browser.$$(selector)) {
          const text = await element.getText();
          if (text.includes(needle)) return text;
        }
        return false;
      } catch (error) {
        if (isStale(error)) return false;
        throw error;
      }
    },
    { timeout, timeoutMsg: message ?? `no ${selector} showed "${needle}" within ${timeout} ms` },
  );
}

/** Clicks an element once it is clickable. */
export function click(browser, selector, timeout = UI_TIMEOUT) {
  return retryStale(async () => {
    const element = await browser.$(selector);
    await element.waitForClickable({
      timeout,
      timeoutMsg: `${selector} was not clickable within ${timeout} ms`,
    });
    await element.click();
  }, timeout);
}

/** Types `text` at the end of a field's value, key by key. */
export function type(browser, selector, text, timeout = UI_TIMEOUT) {
  return retryStale(async () => {
    const element = await shown(browser, selector, timeout);
    await element.addValue(text);
  }, timeout);
}

/** Fills the fields of a form (CSS selector `form`) by their `name` attribute, key by key. */
export async function fill(browser, form, values, timeout = UI_TIMEOUT) {
  for (const [name, value] of Object.entries(values)) {
    await retryStale(async () => {
      const input = await shown(browser, `${form} [name="${name}"]`, timeout);
      await input.setValue(value);
    }, timeout);
  }
}

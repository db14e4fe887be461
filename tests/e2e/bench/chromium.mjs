// The canvas benchmark in headless Chromium (Debian's `chromium` and `chromium-driver`) against a
// fake IPC: the built UI (ui/dist) is served by a small static server that puts the UI's test
// fake of the Rust side in front of it, holding the benchmark map as JSON.

import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { remote } from "webdriverio";
import * as h from "../harness.mjs";
import { runScenarios } from "./scenarios.mjs";

const here = path.dirname(new URL(import.meta.url).pathname);
const CHROMIUM = process.env.BENCH_CHROMIUM || "/usr/bin/chromium";
const CHROMEDRIVER = process.env.BENCH_CHROMEDRIVER || "/usr/bin/chromedriver";

/** Bundles fake-ipc.js (and the UI's fakeBackend.ts) into one classic script with the UI's Vite. */
async function bundleFake(outDir) {
  const ui = path.join(h.repoRoot, "ui");
  const vitePath = createRequire(path.join(ui, "package.json")).resolve("vite");
  const { build } = await import(pathToFileURL(vitePath).href);
  await build({
    configFile: false,
    root: ui,
    logLevel: "warn",
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      lib: {
        entry: path.join(here, "fake-ipc.js"),
        formats: ["iife"],
        name: "StakemapBenchFake",
        fileName: () => "fake-ipc.js",
      },
    },
  });
  return fs.readFileSync(path.join(outDir, "fake-ipc.js"));
}

const TYPES = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
};

/** Serves `dist` with the fake first in index.html, and the map at /__bench/map.json. */
function serve(dist, fakeScript, mapJson) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    let body;
    let file = url.pathname;
    if (file === "/__bench/map.json") body = mapJson;
    else if (file === "/__bench/fake-ipc.js") body = fakeScript;
    else {
      if (file === "/") file = "/index.html";
      const full = path.join(dist, path.normalize(file));
      if (!full.startsWith(dist) || !fs.existsSync(full) || fs.statSync(full).isDirectory()) {
        res.writeHead(404).end();
        return;
      }
      body = fs.readFileSync(full);
      if (file === "/index.html") {
        body = String(body).replace("<head>", '<head><script src="/__bench/fake-ipc.js"></script>');
      }
    }
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
    });
    res.end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, port: server.address().port })),
  );
}

/**
 * Runs the scenarios in headless Chromium on the UI in `dist`, its fake IPC holding `snapshot`
 * (the map as `load_map` returns it, as JSON); returns the results.
 */
export async function benchChromium({ dist, snapshot, project, runs, steps, log }) {
  for (const file of [CHROMIUM, CHROMEDRIVER]) {
    if (!fs.existsSync(file)) {
      throw new Error(`${file} is missing: apt-get install chromium chromium-driver`);
    }
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stakemap-bench-fake-"));
  let server;
  let driver;
  let browser;
  try {
    const fake = await bundleFake(tmp);
    const served = await serve(path.resolve(dist), fake, snapshot);
    server = served.server;
    const pagePort = served.port;
    const port = await h.freePort();
    driver = spawn(CHROMEDRIVER, [`--port=${port}`], { stdio: "ignore" });
    browser = await remote({
      hostname: "127.0.0.1",
      port,
      logLevel: process.env.E2E_WDIO_LOG ?? "error",
      connectionRetryTimeout: 60_000,
      connectionRetryCount: 3,
      capabilities: {
        browserName: "chrome",
        "wdio:enforceWebDriverClassic": true,
        "goog:chromeOptions": {
          binary: CHROMIUM,
          args: ["--headless=new", "--no-sandbox", "--window-size=1280,800"],
        },
      },
    });
    await browser.url(`http://127.0.0.1:${pagePort}/`);
    const results = await runScenarios(browser, { project, runs, steps, log });
    return { browserVersion: browser.capabilities.browserVersion, ...results };
  } finally {
    if (browser) await browser.deleteSession().catch(() => {});
    driver?.kill();
    server?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// Measures the desktop app's start time and memory on a map, as a person would meet them:
// from launching the built app to the first contact being on screen, then the memory of the app
// and its WebKit processes. Not part of the test run (timings are not tests); run by hand:
//
//   node tests/e2e/measure-startup.mjs [--runs 5] [--app BINARY] [--big]
//
// Needs the CLI's debug build, and Xvfb or a display; --app measures another build of the app
// (target/release/stakemap-app); --big opens the benchmark's map of 2,000 cards across 200
// projects instead of the demo map, and waits for its frames. Prints one line per run and the
// medians.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { benchMap } from "./bench/map.mjs";
import * as h from "./harness.mjs";

const { values: opts } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    app: { type: "string", default: h.appBinary },
    big: { type: "boolean", default: false },
  },
});
const runs = Number(opts.runs);
// Absolute, as the kernel names a process's binary (found by it to measure its memory).
const app = path.resolve(opts.app);

/** The process and its descendants (the WebKit web and network processes). */
function tree(root) {
  const children = new Map();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone
    }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]) ?? []));
  return out;
}

/** Resident and proportional set sizes (KiB) summed over the processes. */
function memory(pids) {
  let rss = 0;
  let pss = 0;
  for (const pid of pids) {
    try {
      const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return { rss, pss };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

h.requireBinaries();
if (!fs.existsSync(app)) throw new Error(`${app} is missing: build it first`);
await h.startDisplay();
const results = [];
// The big map is generated once and copied for each run (the app changes nothing on opening).
const bigDir = opts.big ? fs.mkdtempSync(path.join(os.tmpdir(), "stakemap-startup-")) : null;
const big = bigDir ? benchMap(h.cliBinary).generate(bigDir, { frames: 200, cards: 2000 }) : null;
console.log(`${app}, ${big ? "2,000 cards across 200 projects" : "the demo map"}`);
try {
  for (let run = 1; run <= runs; run++) {
    const ws = h.workspace();
    try {
      const map = ws.file("map.stakemap");
      if (big) fs.copyFileSync(big.map, map);
      else await h.cli(ws, map, "demo");
      const driver = await h.startDriver(ws);
      const start = performance.now();
      const browser = await h.openSession(driver, [map], app);
      if (big) {
        await h.shown(browser, 'li[aria-label^="Contact: "]');
        await h.shown(browser, '.react-flow__node-frame [aria-label^="Project: "]');
      } else {
        await h.shown(browser, 'li[aria-label="Contact: Dana Ruiz"]');
        await h.shown(browser, '[aria-label="Stake: Dana Ruiz on Fleet Visibility Rollout"]');
      }
      const ready = performance.now() - start;
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const [pid] = h.appProcessesOf(driver, app);
      if (!pid) throw new Error(`no process of ${app} under this tauri-driver`);
      const mem = memory(tree(pid));
      results.push({ ready, ...mem });
      console.log(
        `run ${run}: ready in ${Math.round(ready)} ms; RSS ${Math.round(mem.rss / 1024)} MiB, ` +
          `PSS ${Math.round(mem.pss / 1024)} MiB (app and WebKit processes)`,
      );
      await browser.deleteSession();
    } finally {
      await ws.cleanup();
    }
  }
} finally {
  await h.stopDisplay();
  if (bigDir) fs.rmSync(bigDir, { recursive: true, force: true });
}
console.log(
  `median of ${runs}: ready ${Math.round(median(results.map((r) => r.ready)))} ms, ` +
    `RSS ${Math.round(median(results.map((r) => r.rss)) / 1024)} MiB, ` +
    `PSS ${Math.round(median(results.map((r) => r.pss)) / 1024)} MiB`,
);

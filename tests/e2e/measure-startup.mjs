// Measures the desktop app's start time and memory on a map, as a person would meet them:
// from launching the built app to the first contact being on screen, then the memory of the app
// and its WebKit processes. Not part of the test run (timings are not tests); run by hand:
//
//   node tests/e2e/measure-startup.mjs [runs]      (needs the debug build, and Xvfb or a display)
//
// Prints one line per run and the medians.
import fs from "node:fs";
import * as h from "./harness.mjs";

const runs = Number(process.argv[2] ?? 5);

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
await h.startDisplay();
const results = [];
try {
  for (let run = 1; run <= runs; run++) {
    const ws = h.workspace();
    try {
      const map = ws.file("demo.stakemap");
      await h.cli(ws, map, "demo");
      const driver = await h.startDriver(ws);
      const start = performance.now();
      const browser = await h.openSession(driver, [map]);
      await h.shown(browser, 'li[aria-label="Contact: Dana Ruiz"]');
      await h.shown(browser, '[aria-label="Stake: Dana Ruiz on Fleet Visibility Rollout"]');
      const ready = performance.now() - start;
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const [app] = h.appProcessesOf(driver);
      const mem = memory(tree(app));
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
}
console.log(
  `median of ${runs}: ready ${Math.round(median(results.map((r) => r.ready)))} ms, ` +
    `RSS ${Math.round(median(results.map((r) => r.rss)) / 1024)} MiB, ` +
    `PSS ${Math.round(median(results.map((r) => r.pss)) / 1024)} MiB`,
);

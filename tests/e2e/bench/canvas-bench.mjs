// The canvas benchmark (issue 4, "Speed"): generates a map of 2,000 stake cards across 200
// project frames with the CLI, then drags a card and pans at working zoom, and pans and zooms
// the whole map, recording frame times in the page; in the real app (WebKitGTK under Xvfb, with
// WebKit's compositing on and off, where the X screen's updates are recorded too) and in headless
// Chromium against a fake IPC.
// Not a test (timings are not pass/fail); run by hand, best through tests/bench/run.sh:
//
//   node tests/e2e/bench/canvas-bench.mjs [--targets webkit-off,webkit-on,chromium]
//       [--frames 200] [--cards 2000] [--runs 3] [--steps 60] [--label NAME]
//       [--map FILE] [--app BINARY] [--dist DIR] [--out FILE]
//
// Prints each run's figures and a table of medians; writes everything to
// tests/e2e/artifacts/bench-<label>.json (or --out).

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import * as h from "../harness.mjs";
import { benchChromium } from "./chromium.mjs";
import { benchMap } from "./map.mjs";
import { SLOW_FRAME_MS, summarise } from "./scenarios.mjs";
import { benchWebKit } from "./webkit.mjs";

const { values: opts } = parseArgs({
  options: {
    targets: { type: "string", default: "webkit-off,webkit-on,chromium" },
    frames: { type: "string", default: "200" },
    cards: { type: "string", default: "2000" },
    runs: { type: "string", default: "3" },
    steps: { type: "string", default: "60" },
    seed: { type: "string", default: "1" },
    label: { type: "string", default: "current" },
    map: { type: "string" },
    app: { type: "string", default: h.appBinary },
    cli: { type: "string", default: h.cliBinary },
    dist: { type: "string", default: path.join(h.repoRoot, "ui", "dist") },
    out: { type: "string" },
  },
});

const log = (line) => console.log(`# ${line}`);

function loadNow() {
  return fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}

/**
 * Rate, p95 and share over the line of a scenario's new scenes (scenarios.frameStats) or screen
 * updates (scenarios.screenStats).
 */
const rateOf = (figures) =>
  figures ? `${figures.fps} fps, ${figures.p95} ms, ${figures.slow} %` : "";
const pooledOf = (figures) =>
  figures ? `${figures.p95} ms, ${figures.slow} % of ${figures.frames}` : "";

function table(all) {
  const rows = [];
  for (const [target, result] of Object.entries(all)) {
    if (result.error) {
      rows.push(`| ${target} | failed: ${result.error.split("\n")[0]} | | | | | | |`);
      continue;
    }
    for (const [scenario, s] of Object.entries(result.summary)) {
      if (!s) continue;
      if (scenario.startsWith("drop")) {
        rows.push(
          `| ${target} | ${scenario} | sent ${s.sent}, stored ${s.stored} | on screen ${s.painted} | | | | | ${s.runs} |`,
        );
      } else {
        rows.push(
          `| ${target} | ${scenario} | ${s.fps} fps | p95 ${s.p95} ms (worst ${s.max}) | ${s.slow} % | ${rateOf(s.view)} | ${rateOf(s.screen)} | ${pooledOf(s.screenAll)} | ${s.runs} |`,
        );
      }
    }
  }
  return [
    `| target | scenario | fps / stored | p95 frame / on screen | frames over ${SLOW_FRAME_MS} ms | new scenes: fps, p95, over ${SLOW_FRAME_MS} ms | screen updates: fps, p95, over ${SLOW_FRAME_MS} ms | screen, all runs: p95, over ${SLOW_FRAME_MS} ms | runs |`,
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stakemap-bench-"));
const report = {
  label: opts.label,
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  },
  size: { frames: Number(opts.frames), cards: Number(opts.cards) },
  targets: {},
};
try {
  const maps = benchMap(opts.cli);
  let map = opts.map;
  if (!map) {
    const made = maps.generate(tmp, { frames: opts.frames, cards: opts.cards, seed: opts.seed });
    log(made.said);
    map = made.map;
  }
  const project = maps.middleProject(map);
  log(`map ${map}; working zoom on "${project}"`);
  const common = {
    map,
    project,
    runs: Number(opts.runs),
    steps: Number(opts.steps),
    log,
  };
  for (const target of opts.targets.split(",").filter(Boolean)) {
    const before = loadNow();
    log(`${target}: starting (load ${before})`);
    const entry = { loadBefore: before };
    try {
      let result;
      if (target.startsWith("webkit-")) {
        result = await benchWebKit({
          ...common,
          app: opts.app,
          mode: target.slice("webkit-".length),
        });
      } else if (target === "chromium") {
        result = await benchChromium({
          ...common,
          dist: opts.dist,
          snapshot: maps.snapshot(map),
        });
      } else {
        throw new Error(`unknown target ${target}`);
      }
      Object.assign(entry, result, { summary: summarise(result) });
    } catch (error) {
      entry.error = error.stack ?? String(error);
      log(`${target} failed: ${entry.error}`);
    }
    entry.loadAfter = loadNow();
    report.targets[target] = entry;
  }
} finally {
  await h.stopDisplay();
  fs.rmSync(tmp, { recursive: true, force: true });
}

const out = opts.out ?? path.join(h.artifactsDir, `bench-${opts.label}.json`);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(
  `\n${opts.label}: ${opts.cards} cards in ${opts.frames} frames; ${report.machine.cpus} cores; load ${loadNow()}\n`,
);
console.log(table(report.targets));
console.log(`\nfigures: ${out}`);

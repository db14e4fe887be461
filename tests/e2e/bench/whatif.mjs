// What costs frame time on the canvas: in the real app (WebKitGTK under Xvfb), pans the canvas
// with parts of it hidden, one variant after another, and prints the frame rate of each. A tool
// for finding what to make cheaper, not part of the benchmark's figures:
//
//   node tests/e2e/bench/whatif.mjs [--mode off|on] [--zoom working|whole] [--how paint|pan]
//        [--variants NAME,NAME] [--runs N] [--step-ms MS] [--pointer webdriver|x]
//        [--app BINARY] [--cli BINARY]
//
// --how paint (the default) moves React Flow's viewport element directly on every animation
// frame, so only style and painting are measured, no JavaScript of the app. Besides the frame
// rate (capped at the display's 60 Hz) it prints the render time: from each animation frame to
// the next task, which is WebKit's style, layout and paint of that frame, and shows what a change
// saves even when frames are already on time. --how pan drags the empty canvas with WebDriver
// pointer actions, through React Flow, as the benchmark's pan at working zoom does, and also
// prints the screen's updates (screen.mjs) of all its runs together; --step-ms sets how often
// the pointer moves (16 ms as in the benchmark; 8 ms as a 125 Hz mouse), by MS/4 pixels across
// and MS/8 up each time, so the pan covers the same ground (WebKitWebDriver sends 8 ms moves 8 to
// 18 ms apart, so such a pan takes about 1.3 s instead of 1), and --pointer x moves the mouse
// through the X server instead of WebDriver (xpointer.mjs). Variants are injected as a
// constructed style sheet: the app's content security policy refuses <style> elements, which is
// why an earlier version of this tool measured nothing but noise.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import * as h from "../harness.mjs";
import { benchMap } from "./map.mjs";
import * as probe from "./probe.mjs";
import { chooseProject, frameStats, recordedDrag, screenTogether } from "./scenarios.mjs";
import { watchScreen } from "./screen.mjs";
import { compositingEnv } from "./webkit.mjs";

const { values: opts } = parseArgs({
  options: {
    app: { type: "string", default: h.appBinary },
    cli: { type: "string", default: h.cliBinary },
    mode: { type: "string", default: "off" },
    zoom: { type: "string", default: "working" },
    how: { type: "string", default: "paint" },
    runs: { type: "string", default: "2" },
    "step-ms": { type: "string", default: "16" },
    pointer: { type: "string", default: "webdriver" },
    variants: { type: "string" },
  },
});

const VARIANTS = {
  "as it is": "",
  "no background": ".react-flow__background{display:none}",
  "no minimap": ".react-flow__minimap{display:none}",
  "no panels": ".react-flow__panel{display:none}",
  "no edges": ".react-flow__edges{display:none}",
  "no frames": ".react-flow__node-frame{display:none}",
  "no cards": ".react-flow__node-card{display:none}",
  "no card picture": ".card-picture{display:none}",
  "no handles": ".react-flow__handle{visibility:hidden}",
  "no text": ".react-flow__node *{visibility:hidden}",
  "no card stripes": ".card::before{content:none}",
  "no shadows": "*{box-shadow:none!important}",
  "no rounded corners": "*{border-radius:0!important}",
  "no inspector": ".inspector{display:none}",
  "square frames": ".frame{border-radius:0!important}",
  "frames without border": ".frame{border:0!important}",
  "opaque frames": ".frame{background:var(--frame-far-bg)!important}",
  "plain frames":
    ".frame{border:0!important;border-radius:0!important;background:var(--frame-far-bg)!important}",
  // The cheapest picture that still moves with a pan: the best the screen can show.
  "only the background":
    ".react-flow__minimap,.react-flow__panel,.react-flow__edges,.react-flow__nodes,.card-picture{display:none}",
  "nothing on the canvas":
    ".react-flow__background,.react-flow__minimap,.react-flow__panel,.react-flow__edges,.react-flow__nodes,.card-picture{display:none}",
};
const chosen = opts.variants
  ? opts.variants.split(",").map((name) => {
      if (!(name in VARIANTS)) throw new Error(`unknown variant ${name}: ${Object.keys(VARIANTS)}`);
      return name;
    })
  : Object.keys(VARIANTS);

/** In the page: moves the viewport element itself for `count` frames; returns the frame times. */
function paintOnly(count) {
  return new Promise((resolve) => {
    const viewport = document.querySelector(".react-flow__viewport");
    const base = viewport.style.transform;
    const frames = [];
    const renders = [];
    let last = performance.now();
    let i = 0;
    const tick = (now) => {
      frames.push(now - last);
      last = now;
      i += 1;
      viewport.style.transform = `translate(${(i % 40) * 3}px, ${i % 40}px) ${base}`;
      const start = performance.now();
      setTimeout(() => renders.push(performance.now() - start), 0);
      if (i < count) requestAnimationFrame(tick);
      else
        setTimeout(() => {
          viewport.style.transform = base;
          resolve({ frames, renders, duration: 0 });
        }, 50);
    };
    requestAnimationFrame(tick);
  });
}

/** In the page: replaces the injected variant with `rules` (a constructed sheet, allowed by the CSP). */
function useRules(rules) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(rules);
  document.adoptedStyleSheets = [sheet];
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
await h.startDisplay();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stakemap-whatif-"));
const ws = h.workspace();
Object.assign(ws.env, compositingEnv(opts.mode));
try {
  const maps = benchMap(opts.cli);
  const { map } = maps.generate(dir, { frames: 200, cards: 2000 });
  const project = maps.middleProject(map);
  const driver = await h.startDriver(ws);
  const browser = await h.openSession(driver, [map], opts.app);
  await browser.waitUntil(async () => (await browser.execute(probe.canvasState)).frames > 0, {
    timeout: 120_000,
  });
  await browser.execute(probe.installProbe);
  await sleep(2000);
  await chooseProject(browser, project);
  await sleep(3000);
  if (opts.zoom === "whole") {
    await (await browser.$(".react-flow__controls-fitview")).click();
    await sleep(3000);
  }
  console.log(
    `${opts.how}, ${opts.zoom} zoom: ${JSON.stringify(await browser.execute(probe.canvasState))}`,
  );
  const stepMs = Number(opts["step-ms"]);
  const moves = { steps: Math.round(960 / stepMs), dx: -stepMs / 4, dy: -stepMs / 8, stepMs };
  for (const name of chosen) {
    await browser.execute(useRules, VARIANTS[name]);
    await sleep(800);
    const figures = [];
    for (let run = 0; run < Number(opts.runs); run++) {
      if (opts.how === "paint") {
        const painted = await browser.execute(paintOnly, 120);
        const mean = painted.renders.reduce((a, b) => a + b, 0) / painted.renders.length;
        figures.push({ ...frameStats(painted), render: Math.round(mean * 10) / 10 });
        continue;
      }
      const at = await browser.execute(probe.panePoint);
      if (!at) throw new Error("no empty canvas to pan from");
      figures.push(await recordedDrag(browser, at, moves, watchScreen, opts.pointer));
      await sleep(300);
    }
    // With nothing that moves on the canvas, nothing reaches the screen to be counted.
    const all = screenTogether(figures);
    if (all?.frames) {
      console.log(
        `${name.padEnd(24)} screen, all ${figures.length} runs: ${all.fps} fps, p95 ${all.p95} ms, ${all.slow} % over 20 ms of ${all.frames}`,
      );
    }
    console.log(
      `${name.padEnd(24)} ${figures
        .map(
          (f) =>
            `${f.fps} fps, p50 ${f.p50} ms, p95 ${f.p95} ms${f.render === undefined ? "" : `, render ${f.render} ms`}${f.view ? `; new scenes ${f.view.fps} fps, p95 ${f.view.p95} ms` : ""}`,
        )
        .join(" | ")}`,
    );
  }
  await browser.deleteSession();
} finally {
  await ws.cleanup();
  await h.stopDisplay();
  fs.rmSync(dir, { recursive: true, force: true });
}

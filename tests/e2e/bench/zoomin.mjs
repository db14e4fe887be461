// Zooming in from the whole map to working zoom, in the real app (WebKitGTK under Xvfb, CPU
// painting), on a map just opened: where the cards stop being one picture (cardPicture.tsx, below
// zoom 0.25) and become React Flow nodes again, and then show their text (0.5). The benchmark
// runs the same gesture after its other scenarios ("zoom in"); this one starts cold. A tool:
//
//   node tests/e2e/bench/zoomin.mjs [--runs 3] [--app BINARY] [--cli BINARY]
//
// Each run opens the map fitted whole, turns the wheel in at the canvas's centre (a tick of 40
// every 16 ms, sent in the page: see probe.wheelGesture) until the zoom reaches 0.575, waits for
// the view to settle, and prints the frame rate, the p95 and worst frame, and every frame over
// 20 ms.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import * as h from "../harness.mjs";
import { benchMap } from "./map.mjs";
import * as probe from "./probe.mjs";
import { frameStats } from "./scenarios.mjs";
import { compositingEnv } from "./webkit.mjs";

const { values: opts } = parseArgs({
  options: {
    app: { type: "string", default: h.appBinary },
    cli: { type: "string", default: h.cliBinary },
    runs: { type: "string", default: "3" },
  },
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const opened = async (browser) => {
  await browser.waitUntil(async () => (await browser.execute(probe.canvasState)).frames > 0, {
    timeout: 120_000,
  });
  await browser.execute(probe.installProbe);
  await sleep(3000);
};

await h.startDisplay();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stakemap-zoomin-"));
const ws = h.workspace();
Object.assign(ws.env, compositingEnv("off"));
try {
  const { map } = benchMap(opts.cli).generate(dir, { frames: 200, cards: 2000 });
  const driver = await h.startDriver(ws);
  const browser = await h.openSession(driver, [map], opts.app);
  await opened(browser);
  for (let run = 0; run < Number(opts.runs); run++) {
    if (run > 0) {
      // Opened again, so that each run starts from the map fitted whole, as a user would.
      await browser.execute(() => window.location.reload());
      await sleep(2000);
      await opened(browser);
    }
    const centre = await browser.execute(probe.paneCentre);
    const before = await browser.execute(probe.canvasState);
    await browser.execute(probe.startFrames);
    await browser.executeAsync(probe.wheelGesture, {
      ...centre,
      deltaY: -40,
      ticks: 200,
      stepMs: 16,
      untilZoom: 0.575,
    });
    await sleep(800);
    const frames = await browser.execute(probe.stopFrames);
    const after = await browser.execute(probe.canvasState);
    const stats = frameStats(frames);
    const slow = frames.frames
      .slice(1)
      .filter((f) => f > 20)
      .map(Math.round);
    console.log(
      `zoom ${before.zoom.toFixed(3)} → ${after.zoom.toFixed(3)} (${after.cards} cards in view): ` +
        `${stats.fps} fps, p95 ${stats.p95} ms, worst ${stats.max} ms; frames over 20 ms: ${slow.join(" ") || "none"}`,
    );
  }
  await browser.deleteSession();
} finally {
  await ws.cleanup();
  await h.stopDisplay();
  fs.rmSync(dir, { recursive: true, force: true });
}

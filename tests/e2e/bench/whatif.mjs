// What costs frame time at working zoom: pans the canvas with parts of it hidden by injected CSS,
// one variant after another, in the real app (WebKitGTK under Xvfb). A tool for finding what to
// make cheaper, not part of the benchmark's figures:
//
//   node tests/e2e/bench/whatif.mjs [--app BINARY] [--cli BINARY] [--mode off|on] [--zoom working|whole]

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
    mode: { type: "string", default: "off" },
    zoom: { type: "string", default: "working" },
  },
});

const VARIANTS = {
  "as it is": "",
  "no background": ".react-flow__background{display:none}",
  "no minimap": ".react-flow__minimap{display:none}",
  "no edges": ".react-flow__edges{display:none}",
  "no card shadows": ".card{box-shadow:none!important}",
  "no text": ".card *,.frame-header *{visibility:hidden}",
  "no controls or panels": ".react-flow__panel{display:none}",
  "only the canvas":
    ".react-flow__background,.react-flow__minimap,.react-flow__panel,.react-flow__edges{display:none}.card{box-shadow:none!important}",
};

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
  const { remote } = await import("webdriverio");
  const browser = await remote({
    hostname: "127.0.0.1",
    port: driver.port,
    logLevel: "error",
    connectionRetryTimeout: 120_000,
    capabilities: {
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application: opts.app, args: [map] },
    },
  });
  await browser.waitUntil(async () => (await browser.execute(probe.canvasState)).frames > 0, {
    timeout: 120_000,
  });
  await browser.execute(probe.installProbe);
  await sleep(2000);
  if (opts.zoom === "working") {
    await (
      await browser.$(
        `//ul[@aria-label="Projects"]//button[.//span[contains(@class, "list-title") and normalize-space()="${project}"]]`,
      )
    ).click();
  } else {
    await (await browser.$(".react-flow__controls-fitview")).click();
  }
  await sleep(4000);
  console.log(JSON.stringify(await browser.execute(probe.canvasState)));
  for (const [name, css] of Object.entries(VARIANTS)) {
    await browser.execute((rules) => {
      let style = document.getElementById("whatif");
      if (!style) {
        style = document.createElement("style");
        style.id = "whatif";
        document.head.append(style);
      }
      style.textContent = rules;
    }, css);
    await sleep(800);
    const figures = [];
    for (let run = 0; run < 2; run++) {
      const at = await browser.execute(probe.panePoint);
      await browser.execute(probe.startFrames);
      const action = browser.action("pointer", { parameters: { pointerType: "mouse" } });
      action.move({ x: at.x, y: at.y, origin: "viewport" }).down({ button: 0 });
      for (let i = 0; i < 40; i++) {
        const sign = i < 20 ? -1 : 1;
        action.move({ x: at.x + sign * 4 * (i % 20), y: at.y, origin: "viewport", duration: 16 });
      }
      await action.up({ button: 0 }).perform();
      await sleep(100);
      figures.push(frameStats(await browser.execute(probe.stopFrames)));
    }
    console.log(
      `${name.padEnd(24)} ${figures.map((f) => `${f.fps} fps, p95 ${f.p95} ms`).join(" | ")}`,
    );
  }
  await browser.deleteSession();
} finally {
  await ws.cleanup();
  await h.stopDisplay();
  fs.rmSync(dir, { recursive: true, force: true });
}

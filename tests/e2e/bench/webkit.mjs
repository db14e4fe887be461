// The canvas benchmark in the real app: the built Stakemap app (WebKitGTK) under Xvfb, driven
// through tauri-driver and WebKitWebDriver, on a copy of the benchmark map, with the updates of the
// X screen watched as well as the page's frames.

import fs from "node:fs";
import * as h from "../harness.mjs";
import { runScenarios } from "./scenarios.mjs";
import { watchScreen } from "./screen.mjs";

/**
 * The environment that sets WebKitGTK's hardware-acceleration policy. "off": the "never" policy,
 * everything painted on the CPU (WEBKIT_DISABLE_COMPOSITING_MODE=1, and the app's own setting);
 * "on": WebKit's default, accelerated compositing through OpenGL (Mesa's software renderer when
 * there is no GPU); "app": whatever the app chooses by itself.
 */
export function compositingEnv(mode) {
  if (mode === "off") {
    return { WEBKIT_DISABLE_COMPOSITING_MODE: "1", STAKEMAP_HARDWARE_ACCELERATION: "off" };
  }
  if (mode === "on") return { STAKEMAP_HARDWARE_ACCELERATION: "on" };
  if (mode === "app") return {};
  throw new Error(`unknown compositing mode ${mode}: use off, on or app`);
}

/**
 * Runs the scenarios in the app `app` on a copy of `map` with the compositing `mode`; returns the
 * results. Starts Xvfb if there is no DISPLAY (and leaves it for the caller to stop).
 */
export async function benchWebKit({ app = h.appBinary, map, mode, project, runs, steps, log }) {
  await h.startDisplay();
  const ws = h.workspace();
  delete ws.env.WEBKIT_DISABLE_COMPOSITING_MODE;
  delete ws.env.STAKEMAP_HARDWARE_ACCELERATION;
  Object.assign(ws.env, compositingEnv(mode));
  try {
    const copy = ws.file("bench.stakemap");
    fs.copyFileSync(map, copy);
    const driver = await h.startDriver(ws);
    const browser = await h.openSession(driver, [copy], app);
    try {
      const size = await browser.getWindowSize();
      const results = await runScenarios(browser, {
        project,
        runs,
        steps,
        log,
        watchScreen,
      });
      return { window: size, ...results };
    } catch (error) {
      try {
        fs.mkdirSync(h.artifactsDir, { recursive: true });
        const file = `${h.artifactsDir}/bench-webkit-${mode}-at-failure.png`;
        fs.writeFileSync(file, Buffer.from(await browser.takeScreenshot(), "base64"));
        log(`the window at the failure: ${file}`);
      } catch {
        // the session may be gone
      }
      throw error;
    } finally {
      try {
        await browser.deleteSession();
      } catch (error) {
        log(`deleteSession failed: ${error.message}`);
      }
    }
  } finally {
    await ws.cleanup();
  }
}

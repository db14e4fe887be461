// What reaches the X screen while a scenario runs: the times at which the X server was drawn on
// (screen_updates.py, through the X DAMAGE extension), grouped into updates of the canvas. Measured
// outside the app, so it needs nothing in the page and counts only pictures that were shown; the in-page
// recorder (probe.startFrames) says which frames the page ran. Only where there is an X server
// (the real app under Xvfb), not in headless Chromium.

import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "screen_updates.py");
/** Debian's python3 (with python3-xlib), not a python3 of a virtual environment earlier on PATH. */
export const python = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

/** Rectangles drawn within this many milliseconds of each other are one update of the screen. */
export const SAME_UPDATE_MS = 2;
/**
 * Updates smaller than this (square pixels) are left out: a text caret, not a picture of the
 * canvas (a card alone is over 10,000).
 */
export const SMALLEST_UPDATE = 1024;

/**
 * Starts watching the screen of $DISPLAY. Resolves, once the watcher is ready, to `stop()`, which
 * resolves to the rectangles drawn since: [X server time (ms), x, y, width, height] each.
 */
export async function watchScreen() {
  const child = spawn(python, [script], { stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk) => {
    out += chunk;
  });
  child.stderr.on("data", (chunk) => {
    err += chunk;
  });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("screen_updates.py did not start in 10 s")),
      10_000,
    );
    const check = () => {
      if (out.includes("\n")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", check);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`screen_updates.py stopped (exit ${code}): ${err.trim()}`));
    });
  });
  return async () => {
    child.stdin.end();
    const code = await exited;
    if (code !== 0) throw new Error(`screen_updates.py failed (exit ${code}): ${err.trim()}`);
    return out
      .trim()
      .split("\n")
      .slice(1) // after "ready"
      .map((line) => JSON.parse(line));
  };
}

/**
 * The updates of the screen in `rects` (as `stop()` gives them) within `box` ({x, y, width,
 * height}, screen pixels; the whole screen when null): rectangles are cut to the box, and those
 * drawn within SAME_UPDATE_MS of the previous one are one update; updates under SMALLEST_UPDATE
 * square pixels are left out. Returns each update's time (ms) and area (square pixels).
 */
export function screenUpdates(rects, box = null) {
  const updates = [];
  let last = null;
  for (const [time, x, y, width, height] of rects) {
    const area = box ? overlap({ x, y, width, height }, box) : width * height;
    if (area === 0) continue;
    if (last && time - last.end <= SAME_UPDATE_MS) {
      last.area += area;
      last.end = time;
    } else {
      last = { time, end: time, area };
      updates.push(last);
    }
  }
  return updates
    .filter((update) => update.area >= SMALLEST_UPDATE)
    .map(({ time, area }) => ({ time, area }));
}

/** The area two rectangles share, in square pixels. */
function overlap(a, b) {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/** The times between one update of the screen and the next. */
export function updateIntervals(updates) {
  return updates.slice(1).map((update, i) => update.time - updates[i].time);
}

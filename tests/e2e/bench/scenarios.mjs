// The canvas benchmark's scenarios, for any WebdriverIO session on the Stakemap UI (the real app
// through tauri-driver, or headless Chromium against the fake IPC): drag a card and pan at
// working zoom, then fit the whole map and pan and zoom. Frame times are recorded in the page.

import * as probe from "./probe.mjs";
import { screenUpdates, updateIntervals } from "./screen.mjs";
import { xDrag, xPress } from "./xpointer.mjs";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The frame time the working-zoom targets are set by (a p95 frame under 20 ms). */
export const SLOW_FRAME_MS = 20;

/**
 * fps, p50, p95 and worst frame (ms) from a list of frame times, and `slow`, the share of frames
 * over SLOW_FRAME_MS in percent: the p95 is under the line when fewer than 5 % are over it, and
 * the share says how far from the line a run is, which the p95 (a frame time) does not.
 *
 * With `moved` (whether each frame showed a new scene: see probe.startFrames), also `view`: the
 * same figures for the time between one new scene and the next, from the first to the last. That
 * is what a user sees move; frames that show nothing new make `fps` higher and the p95 lower.
 */
export function frameStats({ frames, moved, duration }) {
  // The first interval runs from the start call to the first frame: not a frame of its own.
  const list = frames.slice(1);
  if (list.length === 0) {
    return { fps: 0, p95: null, max: null, slow: null, frames: 0, ms: duration };
  }
  const stats = intervalStats(list);
  if (moved) stats.view = intervalStats(sceneIntervals(list, moved.slice(1)));
  return stats;
}

/** The times between frames that showed a new scene (`moved[i]` for the frame ending `list[i]`). */
export function sceneIntervals(list, moved) {
  const out = [];
  let since = null;
  list.forEach((ms, i) => {
    if (since !== null) since += ms;
    if (!moved[i]) return;
    if (since !== null) out.push(since);
    since = 0;
  });
  return out;
}

function intervalStats(list) {
  if (list.length === 0) return { fps: 0, p95: null, p50: null, max: null, slow: null, frames: 0 };
  const sorted = [...list].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const total = list.reduce((a, b) => a + b, 0);
  return {
    fps: round((list.length * 1000) / total, 1),
    p95: round(at(0.95), 1),
    p50: round(at(0.5), 1),
    max: round(sorted[sorted.length - 1], 1),
    slow: round((100 * list.filter((ms) => ms > SLOW_FRAME_MS).length) / list.length, 1),
    frames: list.length,
    ms: Math.round(total),
  };
}

/**
 * The same figures for the updates of the X screen drawn during a recording (rectangles as
 * screen.mjs's watcher gives them) within `box` (the canvas on the screen; the whole screen when
 * null), the median update's area in square pixels, and the `intervals` themselves (ms), so
 * that a scenario's runs can also be taken together (`summarise`).
 */
export function screenStats(rects, box = null) {
  const updates = screenUpdates(rects, box);
  // The last interval spans the release, not a move (a drop is drawn once it is stored). The
  // first is left out too: the press is made and drawn before the recording starts (`press`),
  // but a last update of it can still reach the screen just before the first move's.
  const intervals = updateIntervals(updates).slice(1, -1);
  return {
    ...intervalStats(intervals),
    area: median(updates.map((update) => update.area)),
    intervals,
  };
}

const round = (x, digits) => Math.round(x * 10 ** digits) / 10 ** digits;

export const median = (xs) => {
  const sorted = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.floor((sorted.length - 1) / 2)];
};

/**
 * Records frames while `action` runs; returns the frame statistics and the action's wall time,
 * and with `watchScreen` (screen.mjs) the statistics of the canvas's updates on the screen as
 * `screen`.
 */
async function recorded(browser, action, watchScreen) {
  // Only the canvas's part of the screen counts: the rest of the window changes by itself.
  const screen = watchScreen
    ? { pane: await browser.execute(probe.paneOnScreen), stop: await watchScreen() }
    : null;
  await browser.execute(probe.startFrames);
  const start = performance.now();
  await action();
  const wall = performance.now() - start;
  // Let the last frames land.
  await sleep(100);
  const recording = await browser.execute(probe.stopFrames);
  // How many pointer moves reached the page: every one sent, unless something merged them.
  const stats = { ...frameStats(recording), moves: recording.moves };
  if (screen) stats.screen = screenStats(await screen.stop(), screen.pane);
  return { ...stats, wallMs: Math.round(wall) };
}

/** The pointer whose button `press` leaves down for `moveAndRelease`. */
const POINTER = "bench-mouse";

/** Moves WebDriver's pointer to `from` and presses its button, leaving it down. */
async function press(browser, from) {
  const action = browser.action("pointer", { id: POINTER, parameters: { pointerType: "mouse" } });
  action.move({ x: from.x, y: from.y, origin: "viewport" }).down({ button: 0 });
  await action.perform(true);
}

/**
 * The rest of a pointer drag pressed at `from`: `steps` moves of `dx`/`dy` each (viewport
 * pixels), each taking `stepMs` as a pointer would, then back most of the way, ending `end`
 * pixels right of the start, and the release.
 */
async function moveAndRelease(browser, from, { steps, dx, dy, stepMs, end = 0 }) {
  const action = browser.action("pointer", { id: POINTER, parameters: { pointerType: "mouse" } });
  let { x, y } = from;
  const half = Math.floor(steps / 2);
  for (let i = 0; i < steps; i++) {
    const sign = i < half ? 1 : -1;
    x += sign * dx;
    y += sign * dy;
    action.move({
      x: Math.round(x),
      y: Math.round(y),
      origin: "viewport",
      duration: stepMs,
    });
  }
  action.move({
    x: from.x + end,
    y: from.y,
    origin: "viewport",
    duration: stepMs,
  });
  action.pause(30).up({ button: 0 });
  await action.perform();
}

/**
 * A pointer drag from `from` (viewport pixels; `moves` as for `moveAndRelease`), recorded as
 * `recorded` does from the first move on: the press is made and drawn first, apart. With
 * `pointer` "x" the mouse is moved through the X server (xpointer.mjs) instead of WebDriver.
 */
export async function recordedDrag(browser, from, moves, watchScreen, pointer = "webdriver") {
  let rest;
  if (pointer === "x") {
    const page = await browser.execute(probe.pageOnScreen);
    const at = { x: page.left + from.x, y: page.top + from.y };
    await xPress(at);
    rest = () => xDrag(at, moves);
  } else {
    await press(browser, from);
    rest = () => moveAndRelease(browser, from, moves);
  }
  // Measured apart from the moves: a card pointed at or pressed for the first time is drawn
  // hovered and selected (and the inspector shows it) before anything moves, and those updates,
  // 100 to 200 ms before the first move, are not frames of a drag.
  await browser.executeAsync(probe.afterFrames, 2);
  await sleep(150);
  return recorded(browser, rest, watchScreen);
}

/**
 * The screen's updates of all `runs` taken together (`recorded`'s figures, each with `screen`),
 * or null when a run has none.
 */
export function screenTogether(runs) {
  if (!runs.every((r) => r.screen?.intervals)) return null;
  return intervalStats(runs.flatMap((r) => r.screen.intervals));
}

/** Wheel ticks at `at`, one every `stepMs`: `ticks` zooming in, then as many zooming out. */
async function wheelZoom(browser, at, { ticks, delta, stepMs }) {
  for (const deltaY of [-delta, delta]) {
    await browser.executeAsync(probe.wheelGesture, { ...at, deltaY, ticks, stepMs });
  }
}

/** Zooms with the canvas's zoom buttons when the driver has no wheel: `ticks` in, then out. */
async function buttonZoom(browser, ticks) {
  for (const selector of [".react-flow__controls-zoomin", ".react-flow__controls-zoomout"]) {
    const button = await browser.$(selector);
    for (let i = 0; i < ticks; i++) {
      await button.click();
    }
  }
}

/** Waits until the zoom meets `wanted` and has stopped changing (animations end); returns it. */
async function settledZoom(browser, wanted, message, timeout = 60_000) {
  let last = null;
  await browser.waitUntil(
    async () => {
      const { zoom } = await browser.execute(probe.canvasState);
      const settled = zoom !== null && zoom === last && wanted(zoom);
      last = zoom;
      return settled;
    },
    { timeout, interval: 700, timeoutMsg: `${message} within ${timeout} ms (zoom ${last})` },
  );
  return last;
}

async function waitForCanvas(browser, cards, timeout = 120_000) {
  await browser.waitUntil(async () => (await browser.execute(probe.canvasState)).frames > 0, {
    timeout,
    interval: 250,
    timeoutMsg: "the canvas showed no project frame",
  });
  // Let start-up work (coverage, fonts) settle before measuring.
  await sleep(2000);
  return cards;
}

/** Clicks the project named `project` in the project list, scrolling the list to it first. */
export async function chooseProject(browser, project) {
  if (!(await browser.executeAsync(probe.scrollListTo, { list: "Projects", name: project }))) {
    throw new Error(`no project "${project}" in the project list`);
  }
  const button = await browser.$(
    `//ul[@aria-label="Projects"]//button[.//span[contains(@class, "list-title") and normalize-space()="${project}"]]`,
  );
  await button.click();
}

/**
 * Runs every scenario `runs` times on a session whose page shows the map. `project` is the name
 * of the project to bring into view for working zoom; `watchScreen` (screen.mjs's, where there is
 * an X screen) adds the screen's updates to each run's figures. Returns the figures per scenario.
 */
export async function runScenarios(
  browser,
  { project, runs = 3, steps = 60, log = () => {}, watchScreen = null },
) {
  await waitForCanvas(browser);
  const watchesIpc = await browser.execute(probe.installProbe);
  const results = { watchesIpc, scenarios: {}, drops: [] };
  const add = (name, figures) => {
    results.scenarios[name] ??= [];
    results.scenarios[name].push(figures);
    log(
      `${name}: ${JSON.stringify(figures, (key, value) => (key === "intervals" ? undefined : value))}`,
    );
  };

  // Working zoom: bring one project's frame into view through the project list.
  await chooseProject(browser, project);
  await settledZoom(
    browser,
    (zoom) => zoom >= 0.5,
    "the project list did not bring a frame into view",
  );
  results.working = await browser.execute(probe.canvasState);
  log(`working zoom: ${JSON.stringify(results.working)}`);

  /**
   * A gesture's moves for `pointer`: WebDriver's pointer moves every 16 ms, `steps` times by
   * `dx`/`dy`. The X server's moves as a mouse reporting at 125 Hz does: every 8 ms, twice as many
   * by half as much, so over the same ground at the same speed. (A pointer moving every 16 ms,
   * a little faster than the display's 16.7 ms, drifts against its frames, and mice report more
   * often than that. See docs/benchmarks.md, "A mouse through the X server".)
   */
  const gesture = (pointer, dx, dy) =>
    pointer === "x"
      ? { steps: steps * 2, dx: dx / 2, dy: dy / 2, stepMs: 8 }
      : { steps, dx, dy, stepMs: 16 };

  /**
   * Drags a card `runs` times, with WebDriver's pointer or the X server's (`pointer`); the drops
   * of WebDriver's drags are timed.
   */
  const drags = async (name, pointer) => {
    for (let run = 0; run < runs; run++) {
      const card = await browser.execute(probe.visibleCard);
      if (!card) throw new Error("no card fully in view at working zoom");
      const timed = watchesIpc && pointer === "webdriver";
      if (timed) await browser.execute(probe.clearDrops);
      const moves = { ...gesture(pointer, 2, 1), end: run % 2 === 0 ? 8 : -8 };
      add(name, await recordedDrag(browser, card, moves, watchScreen, pointer));
      if (timed) {
        const drop = await browser.execute(probe.dropTiming, 5000);
        results.drops.push(drop);
        log(`drop: ${JSON.stringify(drop)}`);
      }
      await sleep(500);
    }
  };

  /** Pans `runs` times by dragging the empty canvas, `dx`/`dy` every 16 ms (see `gesture`). */
  const pan = async (name, dx, dy, pointer = "webdriver") => {
    for (let run = 0; run < runs; run++) {
      const at = await browser.execute(probe.panePoint);
      if (!at) {
        log(`${name}: no empty canvas in view; skipped`);
        return;
      }
      add(name, await recordedDrag(browser, at, gesture(pointer, dx, dy), watchScreen, pointer));
      await sleep(300);
    }
  };
  await drags("drag card (working zoom)", "webdriver");
  await pan("pan (working zoom)", -4, -2);
  // The same with a mouse moved through the X server, the way a real mouse's moves come
  // (xpointer.mjs); only where there is an X screen.
  if (watchScreen) {
    await drags("drag card (working zoom, X mouse)", "x");
    await pan("pan (working zoom, X mouse)", -4, -2, "x");
  }

  // The whole map: the canvas's own "fit view" button.
  await (await browser.$(".react-flow__controls-fitview")).click();
  await settledZoom(browser, (zoom) => zoom < 0.5, "fit view did not zoom out");
  results.fit = await browser.execute(probe.canvasState);
  log(`whole map: ${JSON.stringify(results.fit)}`);

  await pan("pan (whole map)", -3, -2);

  // Zoom with the mouse wheel (events sent in the page: see probe.wheelGesture), one tick first
  // to see that it zooms, else with the canvas's zoom buttons.
  const centre = await browser.execute(probe.paneCentre);
  let wheel = false;
  try {
    const start = results.fit.zoom;
    const tick = { ...centre, ticks: 1, stepMs: 16 };
    await browser.executeAsync(probe.wheelGesture, { ...tick, deltaY: -40 });
    await sleep(500);
    wheel = (await browser.execute(probe.canvasState)).zoom > start;
    await browser.executeAsync(probe.wheelGesture, { ...tick, deltaY: 40 });
    await sleep(500);
  } catch (error) {
    log(`wheel events failed (${error.message.split("\n")[0]})`);
  }
  if (!wheel) log("wheel events do not zoom the canvas; using the zoom buttons");
  const ticks = Math.round(steps / 4);
  for (let run = 0; run < runs; run++) {
    const figures = await recorded(
      browser,
      async () => {
        if (wheel) await wheelZoom(browser, centre, { ticks, delta: 40, stepMs: 16 });
        else await buttonZoom(browser, Math.round(ticks / 3));
      },
      watchScreen,
    );
    add(wheel ? "zoom (whole map, wheel)" : "zoom (whole map, buttons)", figures);
    await sleep(300);
  }

  // From the whole map in to working zoom with the wheel, and the frames after it until the
  // cards, their text and the frame headers are back (they come when the view rests: lod.tsx).
  if (wheel) {
    for (let run = 0; run < runs; run++) {
      await (await browser.$(".react-flow__controls-fitview")).click();
      await settledZoom(browser, (zoom) => zoom < 0.5, "fit view did not zoom out");
      const gesture = { ...centre, deltaY: -40, ticks: 200, stepMs: 16, untilZoom: 0.8 };
      const start = await browser.execute(probe.canvasState);
      let reached = null;
      const figures = await recorded(
        browser,
        async () => {
          reached = await browser.executeAsync(probe.wheelGesture, gesture);
          await sleep(600);
        },
        watchScreen,
      );
      const after = await browser.execute(probe.canvasState);
      // What a user would see go wrong: the view moving by itself, or the cards not coming back.
      if (reached && after.zoom < reached.zoom * 0.9) {
        throw new Error(
          `the view moved by itself after zooming in: ${reached.zoom} → ${after.zoom}`,
        );
      }
      if (after.cards === 0) throw new Error(`no card came back after zooming in to ${after.zoom}`);
      add("zoom in (whole map to working zoom)", {
        ...figures,
        from: start.zoom,
        ticks: reached?.sent,
        zoom: after.zoom,
        cards: after.cards,
      });
    }
  }
  results.afterZoom = await browser.execute(probe.canvasState);
  return results;
}

/** The median of each of the figures `keys` over `runs`. */
const medians = (runs, keys) =>
  Object.fromEntries(keys.map((key) => [key, median(runs.map((r) => r[key]))]));

/**
 * The median figures of each scenario, and of the drops. A run's p95 from the screen is its
 * third-slowest update of about sixty, so one update more or less over the line moves it; the
 * screen's updates of all the runs taken together (`screenAll`) give a steadier p95.
 */
export function summarise(results) {
  const out = {};
  for (const [name, list] of Object.entries(results.scenarios)) {
    const pooled = screenTogether(list);
    out[name] = {
      ...medians(list, ["fps", "p95", "max", "slow"]),
      // Pointer moves that reached the page, in a gesture's runs (a wheel zoom has none).
      ...(list.some((r) => r.moves > 0) ? medians(list, ["moves"]) : {}),
      view: list.every((r) => r.view)
        ? medians(
            list.map((r) => r.view),
            ["fps", "p95", "slow"],
          )
        : null,
      screen: list.every((r) => r.screen)
        ? medians(
            list.map((r) => r.screen),
            ["fps", "p95", "slow", "area"],
          )
        : null,
      screenAll: pooled && { p95: pooled.p95, slow: pooled.slow, frames: pooled.frames },
      runs: list.length,
    };
  }
  const drops = results.drops.filter(Boolean);
  out["drop to stored (ms)"] = drops.length
    ? {
        sent: drops.every((d) => "sent" in d) ? round(median(drops.map((d) => d.sent)), 1) : null,
        stored: round(median(drops.map((d) => d.stored)), 1),
        painted: round(median(drops.map((d) => d.painted)), 1),
        runs: drops.length,
      }
    : null;
  return out;
}

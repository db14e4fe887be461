// The benchmark's arithmetic: what a run's frame times become in docs/benchmarks.md.

import assert from "node:assert/strict";
import test from "node:test";
import { frameStats, sceneIntervals, screenStats, summarise } from "./scenarios.mjs";
import { screenUpdates, updateIntervals } from "./screen.mjs";

/** A run's screen figures made from its intervals, as screenStats gives them. */
const screenStatsOf = (intervals) => {
  // Updates at the times the intervals add up to, with a press before and a release after.
  let time = 0;
  const times = [0, 50];
  for (const ms of intervals) {
    time = times.at(-1) + ms;
    times.push(time);
  }
  times.push(time + 80);
  return screenStats(times.map((at) => [at, 0, 0, 620, 688]));
};

test("frame statistics leave out the first interval and count the frames over 20 ms", () => {
  // 500 ms from the start call to the first frame, then 20 frames: 18 of 10 ms, one of 20 and
  // one of 40.
  const frames = [500, ...Array(18).fill(10), 20, 40];
  const stats = frameStats({ frames, duration: 1000 });
  assert.equal(stats.frames, 20);
  assert.equal(stats.ms, 240);
  assert.equal(stats.fps, 83.3);
  assert.equal(stats.p50, 10);
  assert.equal(stats.p95, 20, "the 19th of 20 sorted frames");
  assert.equal(stats.max, 40);
  assert.equal(stats.slow, 5, "one frame in 20 is over 20 ms; one of exactly 20 ms is not");
});

test("a run without frames has no statistics rather than zeros that read as fast", () => {
  const stats = frameStats({ frames: [16], duration: 300 });
  assert.deepEqual(stats, {
    fps: 0,
    p95: null,
    max: null,
    slow: null,
    frames: 0,
    ms: 300,
  });
});

test("a scenario's summary is the median of its runs", () => {
  const run = (fps, p95, slow) => ({ fps, p95, max: p95 + 5, slow });
  const summary = summarise({
    scenarios: { pan: [run(60, 22, 8), run(90, 17, 2), run(80, 18, 4)] },
    drops: [],
  });
  assert.deepEqual(summary.pan, {
    fps: 80,
    p95: 18,
    max: 23,
    slow: 4,
    view: null,
    screen: null,
    screenAll: null,
    runs: 3,
  });
  assert.equal(summary["drop to stored (ms)"], null);
});

test("the screen's updates of all the runs are also taken together", () => {
  // Three runs of 58 updates, as a working-zoom pan has. A run's p95 is its 56th update: 30 ms
  // in the two runs with three updates of 30 ms, so the median run says 30 ms. Taken together,
  // 6 of the 174 updates are 30 ms, and the p95 (the 166th) is 16 ms.
  const run = (slow) => {
    const intervals = [...Array(58 - slow).fill(16), ...Array(slow).fill(30)];
    return { fps: 60, p95: 16, max: 30, slow: 0, screen: screenStatsOf(intervals) };
  };
  const summary = summarise({ scenarios: { pan: [run(3), run(3), run(0)] }, drops: [] });
  assert.equal(summary.pan.screen.p95, 30, "the median of the runs' p95");
  assert.deepEqual(summary.pan.screenAll, { p95: 16, slow: 3.4, frames: 174 });
});

test("the time between new scenes adds up the frames that showed nothing new", () => {
  // Frames of 10 ms; the scene moves on the 1st, 2nd, 4th and 7th: 10, 20 and 30 ms apart.
  const list = Array(8).fill(10);
  const moved = [true, true, false, true, false, false, true, false];
  assert.deepEqual(sceneIntervals(list, moved), [10, 20, 30]);
  assert.deepEqual(sceneIntervals(list, Array(8).fill(false)), []);

  const stats = frameStats({ frames: [100, ...list], moved: [false, ...moved], duration: 200 });
  assert.equal(stats.fps, 100, "every frame counts for the frame rate");
  assert.equal(stats.view.fps, 50, "three new scenes in 60 ms");
  assert.equal(stats.view.p95, 30);
  assert.equal(stats.view.slow, 33.3, "one of the three intervals is over 20 ms");
});

test("rectangles drawn together are one update of the screen; specks and what is off the canvas are left out", () => {
  const rects = [
    [1000, 320, 112, 620, 688], // the canvas
    [1001, 298, 112, 21, 688], // and a strip beside it, in the same update
    [1017, 320, 112, 620, 688],
    [1020, 5, 5, 2, 16], // a text caret blinking: not a picture of the canvas
    [1040, 320, 112, 620, 688],
  ];
  assert.deepEqual(screenUpdates(rects), [
    { time: 1000, area: 620 * 688 + 21 * 688 },
    { time: 1017, area: 620 * 688 },
    { time: 1040, area: 620 * 688 },
  ]);
  assert.deepEqual(updateIntervals(screenUpdates(rects)), [17, 23]);

  // Cut to the canvas (x from 320): the strip beside it is left out, and so is the caret.
  const canvas = { x: 320, y: 100, width: 700, height: 700 };
  assert.deepEqual(
    screenUpdates(rects, canvas).map((update) => update.area),
    Array(3).fill(620 * 688),
  );
  assert.deepEqual(screenUpdates([[1000, 0, 0, 300, 900]], canvas), []);
});

test("the screen's figures leave out the press and the release around the moves", () => {
  // Pressed at 0 (the card is selected), moved from 50 ms every 16 or 24 ms, dropped and drawn
  // 80 ms after the last move.
  const times = [0, 50, 66, 82, 106, 122, 138, 218];
  const rects = times.map((time) => [time, 320, 112, 620, 688]);
  const stats = screenStats(rects);
  assert.equal(stats.frames, 5, "the intervals between the six moves");
  assert.equal(stats.fps, 56.8, "five intervals in 88 ms");
  assert.equal(stats.p95, 24);
  assert.equal(stats.slow, 20, "one of the five intervals is over 20 ms");
  assert.equal(stats.area, 620 * 688);
});

test("a scenario that drew nothing has no screen figures", () => {
  assert.deepEqual(screenStats([]), {
    fps: 0,
    p95: null,
    p50: null,
    max: null,
    slow: null,
    frames: 0,
    area: null,
    intervals: [],
  });
});

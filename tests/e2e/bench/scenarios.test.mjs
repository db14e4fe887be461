// The benchmark's arithmetic: what a run's frame times become in docs/benchmarks.md.

import assert from "node:assert/strict";
import test from "node:test";
import { frameStats, sceneIntervals, summarise } from "./scenarios.mjs";

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
    runs: 3,
  });
  assert.equal(summary["drop to stored (ms)"], null);
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

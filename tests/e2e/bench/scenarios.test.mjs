// The benchmark's arithmetic: what a run's frame times become in docs/benchmarks.md.

import assert from "node:assert/strict";
import test from "node:test";
import { frameStats, summarise } from "./scenarios.mjs";

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
    runs: 3,
  });
  assert.equal(summary["drop to stored (ms)"], null);
});

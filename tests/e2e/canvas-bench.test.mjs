// A small run of the canvas benchmark (tests/e2e/bench/), so that the harness keeps working as the
// canvas changes: a map of 40 cards in 6 frames, one run of each scenario in the real app.
// Checks that it produces figures, not how fast they are (timings are not pass/fail here).

import assert from "node:assert/strict";
import test, { after, before } from "node:test";
import { benchMap } from "./bench/map.mjs";
import { summarise } from "./bench/scenarios.mjs";
import { benchWebKit } from "./bench/webkit.mjs";
import * as h from "./harness.mjs";

before(async () => {
  h.requireBinaries();
  await h.startDisplay();
});
after(() => h.stopDisplay());

test("the canvas benchmark measures drag, pan, zoom and drop in the real app", async (t) => {
  const ws = h.workspace(t);
  const maps = benchMap(h.cliBinary);
  const { map } = maps.generate(ws.dir, { frames: 6, cards: 40 });
  const results = await benchWebKit({
    map,
    mode: "off",
    project: maps.middleProject(map),
    runs: 1,
    steps: 12,
    log: (line) => t.diagnostic(line),
  });
  const figures = summarise(results);
  // WebDriver's pointer, and the mouse moved through the X server (bench/xpointer.mjs).
  for (const scenario of [
    "drag card (working zoom)",
    "pan (whole map)",
    "pan (working zoom, X mouse)",
  ]) {
    assert.ok(figures[scenario]?.fps > 0, `${scenario}: ${JSON.stringify(figures[scenario])}`);
    assert.ok(figures[scenario].p95 > 0, `${scenario}: ${JSON.stringify(figures[scenario])}`);
    const { slow, view } = figures[scenario];
    assert.ok(slow >= 0 && slow <= 100, `${scenario}: ${slow} % of frames over 20 ms`);
    assert.ok(view?.fps > 0 && view.p95 > 0, `${scenario}: new scenes ${JSON.stringify(view)}`);
    // The X screen's updates, watched outside the app: a pan redraws the canvas, not specks.
    const { screen } = figures[scenario];
    assert.ok(screen?.fps > 0 && screen.p95 > 0, `${scenario}: screen ${JSON.stringify(screen)}`);
    assert.ok(screen.area > 100 * 100, `${scenario}: screen updates of ${screen.area} px²`);
  }
  // Pointer moves reach the page: every one of WebDriver's (a drag's twelve and the drop's, eight
  // pixels aside), and most of the X mouse's twice as many. GTK merged about half of those until
  // the app told it not to (src-tauri/src/input.rs: 14 of 25 arrived before); WebKit may still
  // merge a few while the page is busy (22 of a pan's 24 arrived in one run).
  const moves = (scenario) => results.scenarios[scenario].map((run) => run.moves);
  assert.deepEqual(
    moves("drag card (working zoom)"),
    [13],
    "WebDriver moves that reached the page",
  );
  const [viaX] = moves("drag card (working zoom, X mouse)");
  assert.ok(viaX >= 20 && viaX <= 25, `${viaX} of the X mouse's 25 moves reached the page`);
  assert.ok(Object.keys(figures).some((name) => name.startsWith("zoom (whole map")));
  const drop = figures["drop to stored (ms)"];
  assert.ok(drop && drop.stored > 0 && drop.painted >= drop.stored, JSON.stringify(drop));
  assert.ok(results.working.zoom >= 0.5 && results.fit.zoom < 0.5, JSON.stringify(results));
});

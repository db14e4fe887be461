// Checks the harness itself, independently of the UI: the app runs in the test's own XDG folders
// (never the user's), holds the map's write lock while open, and releases it when it quits.

import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import * as h from "./harness.mjs";

before(async () => {
  h.requireBinaries();
  await h.startDisplay();
});
after(() => h.stopDisplay());

const realConfig = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), ".config");
const realSettings = path.join(realConfig, "io.stakemap.desktop", "settings.json");
const stamp = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : null);

test("the app runs in a private home, locks its map while open and releases it on quit", async (t) => {
  const before = stamp(realSettings);
  const ws = h.workspace(t);
  const map = ws.file("harness.stakemap");
  await h.cli(ws, map, "demo", "--today", "2026-01-15");
  const demo = await h.summary(ws, map);
  assert.equal(demo.contacts, 30);

  const app = await h.launch(ws, [map], "harness");
  assert.deepEqual(
    h.appProcesses(ws),
    [app.pid],
    "the app process should carry the workspace's XDG folders",
  );
  assert.equal(JSON.parse(fs.readFileSync(ws.settingsFile, "utf8")).last_map, map);
  assert.equal(await app.browser.getTitle(), "Stakemap");

  // Reading works while the app has the map open; writing is refused, saying why.
  assert.deepEqual(await h.summary(ws, map), demo);
  await assert.rejects(h.cli(ws, map, "add", "organization", "--name", "Acme"), /already open/);

  const shot = h.pngStats(Buffer.from(await app.browser.takeScreenshot(), "base64"));
  assert.ok(shot.width > 0 && shot.height > 0);
  t.diagnostic(`screenshot ${shot.width}x${shot.height}: ${shot.colours} colours`);

  assert.equal(await app.quit(), true, "the app did not exit by itself when its session ended");
  assert.deepEqual(h.appProcesses(ws), []);
  await h.cli(ws, map, "add", "organization", "--name", "Acme");
  assert.equal((await h.summary(ws, map)).organizations, demo.organizations + 1);

  // The lock is free again, so the same map opens in a new instance.
  const again = await h.launch(ws, [map], "harness-again");
  assert.equal(await again.quit(), true);

  assert.equal(stamp(realSettings), before, `${realSettings} was touched`);
});

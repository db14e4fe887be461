// The mapping exercise in the real window, with WebDriver pointer actions (mouse events through
// WebKitWebDriver, the same path as a user's mouse): drag a contact onto a project, check the stake
// with the CLI, undo and redo it, move the card to another project, draw a "reports to"
// relationship, delete a card with the Delete key, relaunch and find the map as it was left. Then a
// screenshot of the demo map compared with a committed reference, with a tolerance.
//
// UI contract used here: contacts are ul[aria-label="Contacts"] li[aria-label="Contact: <name>"]
// (only the rows in view and a few around them are rendered: a contact further down is reached by
// searching or scrolling the list); frames [aria-label="Project: <name>"]; cards [aria-label="Stake: <contact> on <project>"], each
// with a `.link-handle` to draw relationships from; the relationship picker is
// form[aria-label="New relationship"] with select[name="kind"] and an "Add relationship" button.
//
// The reference screenshot is tests/e2e/reference/canvas-demo.png. E2E_UPDATE_REFERENCE=1 writes
// it from this run (after an intended change of the canvas's look); without a reference the test
// writes one and says so.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { PNG } from "pngjs";
import { Key } from "webdriverio";
import * as h from "./harness.mjs";

before(async () => {
  h.requireBinaries();
  await h.startDisplay();
});
after(() => h.stopDisplay());

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const contactItem = (name) => `ul[aria-label="Contacts"] li[aria-label="Contact: ${name}"]`;
const frame = (name) => `[aria-label="Project: ${name}"]`;
const card = (contact, project) => `[aria-label="Stake: ${contact} on ${project}"]`;

const DANA = "Dana Ruiz";
const LEE = "Lee Chen";
const WAREHOUSE = "Warehouse Automation";
const FLEET = "Fleet Renewal";

/** The rectangle of the first element matching `selector`, in window (viewport) pixels. */
async function rect(browser, selector) {
  // Present is enough: a card's link handle is transparent until the pointer is over the card.
  await (await browser.$(selector)).waitForExist({ timeout: h.UI_TIMEOUT });
  const read = () =>
    browser.execute((css) => {
      const r = document.querySelector(css)?.getBoundingClientRect();
      return r ? { x: r.left, y: r.top, width: r.width, height: r.height } : null;
    }, selector);
  // Until it stays put: the view may still be fitting itself to the map.
  let last = await read();
  for (let i = 0; i < 20; i++) {
    await sleep(150);
    const now = await read();
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  return last;
}

/**
 * Drags with the mouse from the centre of `from` to a point of `to`: `at` is relative to its top
 * left corner (its centre when absent). Moves in small steps, as a hand does. Points are in
 * window pixels: what is under the pointer is whatever a user would hit there. With `modifier`
 * (a WebDriver key), that key is held from just after the press until after the release. With
 * `pointerType` "pen" the page sees pen pointer events (WebKitWebDriver on GTK sends "touch" as a
 * mouse, so touch cannot be driven here).
 */
async function drag(browser, from, to, at, modifier, pointerType = "mouse") {
  const a = await rect(browser, from);
  const b = await rect(browser, to);
  const start = {
    x: Math.round(a.x + a.width / 2),
    y: Math.round(a.y + a.height / 2),
  };
  const end = at
    ? { x: Math.round(b.x + at.x), y: Math.round(b.y + at.y) }
    : { x: Math.round(b.x + b.width / 2), y: Math.round(b.y + b.height / 2) };
  const mid = {
    x: Math.round((start.x + end.x) / 2),
    y: Math.round((start.y + end.y) / 2),
  };
  const pointer = browser
    .action("pointer", { parameters: { pointerType } })
    .move({ origin: "viewport", ...start })
    .down({ button: 0 })
    .pause(50)
    .move({
      origin: "viewport",
      x: start.x + 12,
      y: start.y + 6,
      duration: 100,
    })
    .move({ origin: "viewport", ...mid, duration: 250 })
    .move({ origin: "viewport", ...end, duration: 250 })
    .pause(50)
    .up({ button: 0 })
    .pause(50);
  if (!modifier) return pointer.perform();
  // One tick per pointer step: the key goes down on the third (after the press), up on the last.
  const key = browser.action("key").pause(0).pause(0).down(modifier);
  for (let i = 0; i < 6; i++) key.pause(0);
  key.up(modifier);
  await browser.actions([pointer, key]);
}

/** Presses a key chord (Ctrl+Z...) on the page. */
async function chord(browser, ...keys) {
  await browser.keys(keys);
}

/** Clicks an empty spot of the canvas (below the frames), so that nothing is selected and the
 * keyboard goes to the map, not to a field. */
async function focusCanvas(browser) {
  const pane = await rect(browser, ".react-flow__pane");
  await browser
    .action("pointer", { parameters: { pointerType: "mouse" } })
    .move({
      origin: "viewport",
      x: Math.round(pane.x + pane.width * 0.45),
      y: Math.round(pane.y + pane.height * 0.8),
    })
    .down({ button: 0 })
    .up({ button: 0 })
    .perform();
}

/** Waits until the card shows `name` as its name (its text in the DOM). */
function nameShown(browser, cardSelector, name) {
  return browser.waitUntil(
    () =>
      browser.execute(
        (css, wanted) => document.querySelector(css)?.textContent?.trim() === wanted,
        `${cardSelector} .card-name`,
        name,
      ),
    {
      timeout: h.UI_TIMEOUT,
      timeoutMsg: `${cardSelector} did not show the name "${name}"`,
    },
  );
}

async function until(what, check, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await check();
    if (last.ok) return last.value;
    if (Date.now() > deadline) assert.fail(`${what}: ${JSON.stringify(last.value)}`);
    await sleep(250);
  }
}

/** Waits until `stakemap list stakes` satisfies `check` (the app writes as the UI shows). */
function stakesUntil(ws, map, what, check) {
  return until(what, async () => {
    const stakes = await h.list(ws, map, "stakes");
    return { ok: check(stakes), value: stakes };
  });
}

test("the mapping exercise: drop, undo, redo, move, relate, delete, relaunch", async (t) => {
  const ws = h.workspace(t);
  const map = ws.file("mapping.stakemap");
  await h.cli(ws, map, "add", "contact", "--name", DANA, "--title", "CFO");
  await h.cli(ws, map, "add", "contact", "--name", LEE, "--title", "IT Director");
  await h.cli(ws, map, "add", "project", "--name", WAREHOUSE);
  await h.cli(ws, map, "add", "project", "--name", FLEET);
  const contacts = await h.list(ws, map, "contacts");
  const projects = await h.list(ws, map, "projects");
  const id = (list, name) => list.find((x) => x.name === name)?.id;

  const app = await h.launch(ws, [map], "mapping");
  const { browser } = app;
  await h.shown(browser, frame(FLEET));

  // 1. Drag Dana from the list onto the Warehouse Automation frame.
  await drag(browser, contactItem(DANA), frame(WAREHOUSE));
  await h.shown(browser, card(DANA, WAREHOUSE));
  let stakes = await stakesUntil(ws, map, "Dana's stake is stored", (s) => s.length === 1);
  assert.equal(stakes[0].contact, id(contacts, DANA));
  assert.equal(stakes[0].project, id(projects, WAREHOUSE));
  assert.equal(stakes[0].stance, 0);

  // 2. Undo and redo it with the keyboard.
  await focusCanvas(browser);
  await chord(browser, Key.Ctrl, "z");
  await h.hidden(browser, card(DANA, WAREHOUSE), "Ctrl+Z left Dana's card on the canvas");
  await stakesUntil(ws, map, "undo removed the stake", (s) => s.length === 0);
  await chord(browser, Key.Ctrl, Key.Shift, "z");
  await h.shown(browser, card(DANA, WAREHOUSE));
  await stakesUntil(ws, map, "redo stored the stake again", (s) => s.length === 1);

  // 3. Drag the card onto the other project: the stake moves there.
  await drag(browser, card(DANA, WAREHOUSE), frame(FLEET), { x: 110, y: 90 });
  await h.shown(browser, card(DANA, FLEET));
  stakes = await stakesUntil(
    ws,
    map,
    "the stake moved to Fleet Renewal",
    (s) => s.length === 1 && s[0].project === id(projects, FLEET),
  );
  await app.screenshot("canvas-moved");

  // 4. Lee joins Fleet Renewal; draw "Dana reports to Lee" from Dana's handle to Lee's card.
  await focusCanvas(browser); // Nothing selected: no inspector over the frames.
  await drag(browser, contactItem(LEE), frame(FLEET), { x: 110, y: 250 });
  await h.shown(browser, card(LEE, FLEET));
  await drag(browser, `${card(DANA, FLEET)} .link-handle`, card(LEE, FLEET));
  await h.shown(browser, 'form[aria-label="New relationship"]');
  await h.click(
    browser,
    '//form[@aria-label="New relationship"]//button[normalize-space()="Add relationship"]',
  );
  const relationships = await until("the relationship is stored", async () => {
    const list = await h.list(ws, map, "relationships");
    return { ok: list.length === 1, value: list };
  });
  assert.equal(relationships[0].kind, "reports_to");
  assert.equal(relationships[0].from, id(contacts, DANA));
  assert.equal(relationships[0].to, id(contacts, LEE));
  // On screen: a line from the centre of Dana's card to the centre of Lee's (the legend shows
  // the same classes, so the edge is looked for among the canvas's edges).
  await until("the edge runs from Dana's card to Lee's", async () => {
    const seen = await browser.execute(
      (from, to) => {
        const centre = (selector) => {
          const r = document.querySelector(selector)?.getBoundingClientRect();
          return r && [r.left + r.width / 2, r.top + r.height / 2];
        };
        const path = document.querySelector(".react-flow__edges .edge-reports path");
        const r = path?.getBoundingClientRect();
        return { from: centre(from), to: centre(to), line: r && [r.left, r.top, r.right, r.bottom] };
      },
      card(DANA, FLEET),
      card(LEE, FLEET),
    );
    const { from, to, line } = seen;
    const near = (a, b) => Math.abs(a - b) <= 3;
    const ok =
      !!(from && to && line) &&
      near(line[0], Math.min(from[0], to[0])) &&
      near(line[2], Math.max(from[0], to[0])) &&
      near(line[1], Math.min(from[1], to[1])) &&
      near(line[3], Math.max(from[1], to[1]));
    return { ok, value: seen };
  });
  await app.screenshot("canvas-related");

  // 5. Select Lee's card and press Delete.
  await h.click(browser, card(LEE, FLEET));
  await chord(browser, Key.Delete);
  await h.hidden(browser, card(LEE, FLEET), "Delete left Lee's card on the canvas");
  await stakesUntil(ws, map, "Lee's stake is deleted", (s) => s.length === 1);

  assert.equal(await app.quit(), true, "the app did not exit by itself");

  // 6. Relaunch: the map is as it was left.
  const again = await h.launch(ws, [map], "mapping-relaunch");
  await h.shown(again.browser, card(DANA, FLEET));
  await h.hidden(again.browser, card(DANA, WAREHOUSE), "Dana is back on Warehouse Automation");
  await h.hidden(again.browser, card(LEE, FLEET), "Lee's deleted card came back");
  assert.equal((await h.list(ws, map, "relationships")).length, 1);
  assert.equal(await again.quit(), true, "the relaunched app did not exit by itself");
});

// --- Screenshot regression -------------------------------------------------------------------

const REFERENCE = path.join(h.repoRoot, "tests", "e2e", "reference", "canvas-demo.png");
/** A pixel differs when one channel differs by more than this (anti-aliasing, font hinting). */
const CHANNEL_TOLERANCE = 48;
/** The share of differing pixels allowed (dates on cards age, the caret blinks...). */
const ALLOWED_SHARE = 0.02;

/** The share of pixels that differ between two PNGs of the same size. */
function differingShare(a, b) {
  const x = PNG.sync.read(a);
  const y = PNG.sync.read(b);
  assert.deepEqual(
    [x.width, x.height],
    [y.width, y.height],
    "the screenshot's size differs from the reference's",
  );
  let differing = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      if (Math.abs(x.data[i + c] - y.data[i + c]) > CHANNEL_TOLERANCE) {
        differing++;
        break;
      }
    }
  }
  return differing / (x.width * x.height);
}

/** Takes screenshots until two in a row are alike (fit-to-view animations have ended). */
async function steadyScreenshot(app, name) {
  let previous = (await app.screenshot(name)).png;
  for (let i = 0; i < 10; i++) {
    await sleep(500);
    const { png } = await app.screenshot(name);
    if (differingShare(previous, png) === 0) return png;
    previous = png;
  }
  return previous;
}

test("the demo map looks like the reference screenshot", async (t) => {
  const ws = h.workspace(t);
  const map = ws.file("demo.stakemap");
  await h.cli(ws, map, "demo");
  const app = await h.launch(ws, [map], "demo");
  await h.shown(app.browser, ".react-flow__node-card");
  // The mouse away from the canvas: no hover effects in the picture.
  await app.browser.action("pointer").move({ x: 2, y: 2 }).perform();
  const png = await steadyScreenshot(app, "canvas-demo");
  assert.equal(await app.quit(), true, "the app did not exit by itself");

  if (process.env.E2E_UPDATE_REFERENCE === "1" || !fs.existsSync(REFERENCE)) {
    fs.mkdirSync(path.dirname(REFERENCE), { recursive: true });
    fs.writeFileSync(REFERENCE, png);
    t.diagnostic(`wrote the reference screenshot ${REFERENCE}`);
    return;
  }
  const share = differingShare(fs.readFileSync(REFERENCE), png);
  t.diagnostic(`${(share * 100).toFixed(2)}% of pixels differ from the reference`);
  assert.ok(
    share <= ALLOWED_SHARE,
    `${(share * 100).toFixed(2)}% of pixels differ from ${REFERENCE} (allowed ${ALLOWED_SHARE * 100}%); ` +
      "see tests/e2e/artifacts/canvas-demo.png, and refresh with E2E_UPDATE_REFERENCE=1 if the change is intended",
  );
});

/**
 * A map with Dana Ruiz and two empty projects (Warehouse and Fleet Renewal), opened in the app;
 * `id` gives a project's id by name.
 */
async function danaAndTwoProjects(t, name) {
  const ws = h.workspace(t);
  const map = ws.file(`${name}.stakemap`);
  await h.cli(ws, map, "add", "contact", "--name", DANA, "--title", "CFO");
  await h.cli(ws, map, "add", "project", "--name", WAREHOUSE);
  await h.cli(ws, map, "add", "project", "--name", FLEET);
  const projects = await h.list(ws, map, "projects");
  const id = (project) => projects.find((x) => x.name === project)?.id;
  const app = await h.launch(ws, [map], name);
  return { ws, map, id, app, browser: app.browser };
}

test("Ctrl-drop puts a contact on a second project; a third time is refused; arrange; present", async (t) => {
  const { ws, map, id, app, browser } = await danaAndTwoProjects(t, "copy");
  await drag(browser, contactItem(DANA), frame(WAREHOUSE), { x: 120, y: 120 });
  await h.shown(browser, card(DANA, WAREHOUSE));
  await focusCanvas(browser);

  // Ctrl while dropping on Fleet Renewal: Dana is on both projects, each card says so.
  await drag(browser, card(DANA, WAREHOUSE), frame(FLEET), { x: 120, y: 120 }, Key.Ctrl);
  await h.shown(browser, card(DANA, FLEET));
  await h.shown(browser, card(DANA, WAREHOUSE));
  const stakes = await stakesUntil(ws, map, "Dana is on both projects", (s) => s.length === 2);
  assert.deepEqual(stakes.map((s) => s.project).sort(), [id(WAREHOUSE), id(FLEET)].sort());
  await h.textContaining(browser, card(DANA, FLEET), "+1 project");

  // Dropping her from the list on Fleet Renewal again is refused, with a message.
  await focusCanvas(browser);
  await drag(browser, contactItem(DANA), frame(FLEET), { x: 120, y: 250 });
  const refusal = await h.textContaining(browser, '[role="alert"]', "already on Fleet Renewal");
  t.diagnostic(`refused: ${refusal}`);
  assert.equal((await h.list(ws, map, "stakes")).length, 2);

  // A frame dragged over another one goes back where it was, with a message.
  const framesBefore = await h.list(ws, map, "projects");
  await drag(browser, `${frame(WAREHOUSE)} .frame-header`, frame(FLEET), { x: 60, y: 20 });
  await h.textContaining(browser, '[role="alert"]', "Frames cannot overlap");
  assert.deepEqual(
    (await h.list(ws, map, "projects")).map((p) => p.frame),
    framesBefore.map((p) => p.frame),
  );
  await focusCanvas(browser); // The frame's inspector goes away.

  // Arrange Fleet Renewal's cards from its inspector: one step, stored.
  await h.click(browser, `${frame(FLEET)} .frame-header`);
  await h.click(
    browser,
    '//section[@aria-label="Inspector"]//button[normalize-space()="Arrange cards"]',
  );
  await stakesUntil(ws, map, "the card was arranged", (s) => {
    const fleet = s.find((x) => x.project === id(FLEET));
    return fleet?.x === 24 && fleet?.y === 64;
  });

  // Presentation: initials instead of names, Escape leaves. (Full screen is asked of the window;
  // under Xvfb without a window manager there is no screen edge to check it against.)
  await h.click(browser, '//button[normalize-space()="Present"]');
  await h.shown(browser, '[role="toolbar"][aria-label="Presentation"]');
  await h.click(browser, '[role="switch"]');
  await nameShown(browser, card(DANA, WAREHOUSE), "DR");
  await app.screenshot("canvas-presenting");
  await focusCanvas(browser);
  await chord(browser, Key.Escape);
  await h.hidden(browser, '[role="toolbar"][aria-label="Presentation"]', "Escape did not leave");
  await nameShown(browser, card(DANA, WAREHOUSE), DANA);
  assert.equal(await app.quit(), true, "the app did not exit by itself");
});

test("with a pen: a contact placed from the list, its card moved to another project", async (t) => {
  const { ws, map, id, app, browser } = await danaAndTwoProjects(t, "pen");
  // The page must see a pen, or this test proves nothing more than the mouse tests.
  await browser.execute(() => {
    window.__pointerTypes = new Set();
    window.addEventListener("pointerdown", (e) => window.__pointerTypes.add(e.pointerType), true);
  });
  await drag(browser, contactItem(DANA), frame(WAREHOUSE), { x: 120, y: 120 }, undefined, "pen");
  await h.shown(browser, card(DANA, WAREHOUSE));
  await stakesUntil(ws, map, "the pen's drop was stored", (s) => s.length === 1);

  await focusCanvas(browser);
  await drag(browser, card(DANA, WAREHOUSE), frame(FLEET), { x: 120, y: 120 }, undefined, "pen");
  await h.shown(browser, card(DANA, FLEET));
  const stakes = await stakesUntil(
    ws,
    map,
    "the pen moved the card to Fleet Renewal",
    (s) => s.length === 1 && s[0].project === id(FLEET),
  );
  assert.equal(stakes.length, 1);
  const seen = await browser.execute(() => [...window.__pointerTypes]);
  t.diagnostic(`pointer types seen: ${seen.join(", ")}`);
  assert.ok(seen.includes("pen"), `the page saw no pen (${seen.join(", ")})`);
  assert.equal(await app.quit(), true, "the app did not exit by itself");
});

test("a box selection moves together and is deleted and restored together", async (t) => {
  const ws = h.workspace(t);
  const map = ws.file("box.stakemap");
  await h.cli(ws, map, "add", "contact", "--name", DANA);
  await h.cli(ws, map, "add", "contact", "--name", LEE);
  await h.cli(ws, map, "add", "project", "--name", WAREHOUSE);
  const app = await h.launch(ws, [map], "box");
  const { browser } = app;
  await drag(browser, contactItem(DANA), frame(WAREHOUSE), { x: 110, y: 100 });
  await h.shown(browser, card(DANA, WAREHOUSE));
  await drag(browser, contactItem(LEE), frame(WAREHOUSE), { x: 330, y: 100 });
  await h.shown(browser, card(LEE, WAREHOUSE));
  await focusCanvas(browser);

  // Shift-drag a box around both cards (it must hold them whole).
  const a = await rect(browser, card(DANA, WAREHOUSE));
  const b = await rect(browser, card(LEE, WAREHOUSE));
  const corner = (x, y) => ({
    origin: "viewport",
    x: Math.round(x),
    y: Math.round(y),
  });
  await browser.actions([
    browser
      .action("pointer", { parameters: { pointerType: "mouse" } })
      .move(corner(a.x - 6, a.y - 6))
      .down({ button: 0 })
      .move({ ...corner(a.x + 40, a.y + 20), duration: 200 })
      .move({ ...corner(b.x + b.width + 6, b.y + b.height + 6), duration: 200 })
      .up({ button: 0 })
      .pause(0),
    browser.action("key").down(Key.Shift).pause(0).pause(0).pause(0).pause(0).up(Key.Shift),
  ]);
  await browser.waitUntil(
    async () => (await browser.$$(".react-flow__node-card.selected")).length === 2,
    { timeout: 10_000, timeoutMsg: "the box did not select both cards" },
  );

  // Drag one of them: both move, in one step.
  const before = await h.list(ws, map, "stakes");
  await drag(browser, card(DANA, WAREHOUSE), frame(WAREHOUSE), {
    x: 100,
    y: 160,
  });
  const moved = await stakesUntil(ws, map, "both cards moved down", (s) =>
    s.every((x) => x.y > (before.find((b) => b.id === x.id)?.y ?? 0)),
  );
  t.diagnostic(`moved: ${JSON.stringify(moved.map((s) => [s.x, s.y]))}`);

  // Delete both with one key, then bring both back with one undo.
  await chord(browser, Key.Delete);
  await h.hidden(browser, card(DANA, WAREHOUSE), "Delete left Dana's card");
  await h.hidden(browser, card(LEE, WAREHOUSE), "Delete left Lee's card");
  await stakesUntil(ws, map, "both stakes deleted", (s) => s.length === 0);
  await focusCanvas(browser);
  await chord(browser, Key.Ctrl, "z");
  await stakesUntil(ws, map, "one undo restored both", (s) => s.length === 2);
  await h.shown(browser, card(DANA, WAREHOUSE));
  await h.shown(browser, card(LEE, WAREHOUSE));
  assert.equal(await app.quit(), true, "the app did not exit by itself");
});

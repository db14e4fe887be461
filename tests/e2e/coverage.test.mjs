// The coverage scenario: on the demo map (written with the CLI before launch), log an interaction
// in the real app and see the project's coverage badge and the coverage panel change at once;
// then find the interaction in the map file with `stakemap list interactions --json`.
//
// UI contract used here: each project frame [aria-label="Project: <name>"] carries a coverage
// badge button named "Coverage <score> of 100, <band>", which opens aside[aria-label="Coverage"];
// its components are li elements named "<Component> <value> of 100"; its "Log interaction" button
// opens dialog[aria-label="Log interaction"] whose people pickers are comboboxes named
// "Add to contacts present" / "Add to teammates present" (Enter picks the typed name, Enter again
// saves); "Interactions" opens the project's timeline, an ol named "Interactions, newest first";
// "Power/interest grid" and "Org chart" open svg images of those names, people as buttons.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Key } from "webdriverio";
import * as h from "./harness.mjs";

before(async () => {
  h.requireBinaries();
  await h.startDisplay();
});
after(() => h.stopDisplay());

const PROJECT = "Warehouse Analytics Pilot";
const frame = `[aria-label="Project: ${PROJECT}"]`;
const badge = `${frame} button.coverage-badge`;
const panel = 'aside[aria-label="Coverage"]';
const logDialog = 'dialog[aria-label="Log interaction"]';
const panelButton = (text) => `//aside[@aria-label="Coverage"]//button[normalize-space()="${text}"]`;

/** The accessible name of a displayed element. */
async function nameOf(browser, selector) {
  const element = await h.shown(browser, selector);
  return element.getAttribute("aria-label");
}

/** The "<Component> <value> of 100" names of the panel's components, in order. */
async function components(browser) {
  await h.shown(browser, `${panel} ul[aria-label="Components"] li`);
  const items = await browser.$$(`${panel} ul[aria-label="Components"] li`);
  const names = [];
  for (const item of items) names.push(await item.getAttribute("aria-label"));
  return names;
}

/** Picks a person in a people picker by typing part of the name and pressing Enter. */
async function pick(browser, picker, typed, name) {
  const input = `${logDialog} input[aria-label="${picker}"]`;
  await h.click(browser, input);
  await h.type(browser, input, typed);
  await h.shown(browser, `${logDialog} [role="option"]`);
  await browser.keys(Key.Enter);
  await h.textContaining(browser, `${logDialog} .chip`, name, `${name} was not picked`);
}

test("logging an interaction in the app changes the project's coverage badge and panel", async (t) => {
  const ws = h.workspace(t);
  const map = ws.file("demo.stakemap");
  await h.cli(ws, map, "demo");
  const contacts = await h.list(ws, map, "contacts");
  const teammates = await h.list(ws, map, "teammates");
  const projects = await h.list(ws, map, "projects");
  const ben = contacts.find((c) => c.name === "Ben Carter");
  const priya = teammates.find((m) => m.name === "Priya Shah");
  const pilot = projects.find((p) => p.name === PROJECT);
  assert.ok(ben && priya && pilot, "the demo map lacks Ben Carter, Priya Shah or the pilot");
  const before = (await h.list(ws, map, "interactions")).length;

  const app = await h.launch(ws, [map], "coverage");
  const { browser } = app;
  const badgeBefore = await nameOf(browser, badge);
  t.diagnostic(`before: ${badgeBefore}`);
  await h.click(browser, badge);
  await h.shown(browser, panel);
  const componentsBefore = await components(browser);

  // Log an in-person meeting with Ben Carter, with Priya Shah: a second teammate on the project
  // and a first face-to-face contact with Ben.
  await h.click(browser, panelButton("Log interaction"));
  await h.shown(browser, logDialog);
  await pick(browser, "Add to contacts present", "Ben Car", "Ben Carter");
  await pick(browser, "Add to teammates present", "Priya", "Priya Shah");
  const sentiment = await h.shown(browser, `${logDialog} select[name="sentiment"]`);
  await sentiment.selectByAttribute("value", "1");
  await h.click(browser, `${logDialog} textarea[name="notes"]`);
  await h.type(browser, `${logDialog} textarea[name="notes"]`, "Walked the pilot floor together");
  await browser.keys(Key.Enter); // Enter saves.
  await h.hidden(browser, logDialog, "the Log interaction dialog stayed open after Enter");

  await browser.waitUntil(async () => (await nameOf(browser, badge)) !== badgeBefore, {
    timeout: h.UI_TIMEOUT,
    timeoutMsg: `the badge still reads "${badgeBefore}" after logging the interaction`,
  });
  const badgeAfter = await nameOf(browser, badge);
  t.diagnostic(`after: ${badgeAfter}`);
  const score = (name) => Number(/Coverage (\d+) of 100/.exec(name)?.[1]);
  assert.ok(score(badgeAfter) > score(badgeBefore), `${badgeBefore} -> ${badgeAfter}`);
  const componentsAfter = await components(browser);
  assert.notDeepEqual(componentsAfter, componentsBefore, "the panel's components did not change");
  const threading = (list) => list.find((c) => c.startsWith("Threading"));
  assert.notEqual(threading(componentsAfter), threading(componentsBefore));
  await h.textContaining(browser, panel, "Priya Shah", "the panel does not name Priya Shah");

  // The project's timeline shows it, newest first.
  await h.click(browser, panelButton("Interactions"));
  const first = await h.shown(
    browser,
    'ol[aria-label="Interactions, newest first"] li:first-child',
  );
  assert.match(await first.getText(), /Walked the pilot floor together/);
  await app.screenshot("coverage-after-logging");
  await browser.keys(Key.Escape);
  await h.hidden(browser, 'dialog[aria-label^="Interactions on"]', "the timeline stayed open");

  // The people views of the project: the grid places Ben, the org chart draws reporting lines.
  await h.click(browser, panelButton("Power/interest grid"));
  await h.shown(browser, 'svg[aria-label="Power/interest grid"] [role="button"][aria-label^="Ben Carter:"]');
  await app.screenshot("coverage-power-grid");
  await h.click(browser, '//button[@role="tab"][normalize-space()="Org chart"]');
  await h.shown(browser, 'svg[aria-label="Org chart"] [role="button"][aria-label^="Ben Carter"]');
  await app.screenshot("coverage-org-chart");
  assert.equal(await app.quit(), true, "the app did not exit by itself when its session ended");

  const interactions = await h.list(ws, map, "interactions");
  assert.equal(interactions.length, before + 1);
  const logged = interactions.find((i) => i.notes === "Walked the pilot floor together");
  assert.ok(logged, JSON.stringify(interactions.slice(0, 3)));
  assert.deepEqual(logged.contacts, [ben.id]);
  assert.deepEqual(logged.teammates, [priya.id]);
  assert.equal(logged.project, pilot.id);
  assert.equal(logged.channel, "in_person");
  assert.equal(logged.sentiment, 1);
  const today = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  assert.equal(
    logged.date,
    `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`,
  );
});

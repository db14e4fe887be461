// The foundation scenario: the built app under Xvfb, driven through tauri-driver and WebKitWebDriver
// on a temporary map. Contacts and a project added through the UI must reach the map file (checked
// with the CLI) and come back after a relaunch; a second instance on the same map is refused; the
// contact list renders only the rows in view, and the keyboard still reaches every contact.
//
// UI contract used here: buttons "Add contact" / "Add project" open the dialogs "New contact" /
// "New project" (inputs by `name`, a "Save" submit button); contacts are listed in
// ul[aria-label="Contacts"] as li[aria-label="Contact: <name>"] (the rows in view and a few around
// them), inside the list's scrolling element; projects are frames
// [aria-label="Project: <name>"] on the canvas; input[aria-label="Search contacts"] filters the list;
// errors such as a map that is already open are shown in an element with role="alert".

import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, test } from "node:test";
import { Key } from "webdriverio";
import * as h from "./harness.mjs";

before(async () => {
  h.requireBinaries();
  await h.startDisplay();
});
after(() => h.stopDisplay());

const DANA = {
  name: "Dana Ruiz",
  title: "Chief Financial Officer",
  organization: "Northwind Traders",
  email: "dana.ruiz@northwind.example",
};
const LEE = {
  name: "Lee Chen",
  title: "IT Director",
  organization: "Northwind Traders",
  email: "lee.chen@northwind.example",
};
const PROJECT = { name: "Warehouse Automation", stage: "Discovery" };

const contactItem = (name) => `ul[aria-label="Contacts"] li[aria-label="Contact: ${name}"]`;
const projectFrame = (name) => `[aria-label="Project: ${name}"]`;

const dialog = (label) => `dialog[aria-label="${label}"]`;
const saveButton = (label) => `//dialog[@aria-label="${label}"]//button[normalize-space()="Save"]`;

/** Opens "New contact", types the contact, saves, and waits for it in the contact list. */
async function addContact(browser, contact) {
  await h.click(browser, 'button[aria-label="Add contact"]');
  await h.shown(browser, dialog("New contact"));
  await h.fill(browser, dialog("New contact"), contact);
  await h.click(browser, saveButton("New contact"));
  await h.hidden(
    browser,
    dialog("New contact"),
    `the New contact dialog stayed open after saving ${contact.name}`,
  );
  await h.shown(browser, contactItem(contact.name));
}

/** Opens "New project", types the project, saves, and waits for its frame on the canvas. */
async function addProject(browser, project) {
  await h.click(browser, 'button[aria-label="Add project"]');
  await h.shown(browser, dialog("New project"));
  await h.fill(browser, dialog("New project"), project);
  await h.click(browser, saveButton("New project"));
  await h.hidden(
    browser,
    dialog("New project"),
    `the New project dialog stayed open after saving ${project.name}`,
  );
  await h.shown(browser, projectFrame(project.name));
}

/** Types into the search box and checks that only the matching contact stays listed. */
async function checkSearch(browser) {
  const search = 'input[aria-label="Search contacts"]';
  await h.click(browser, search);
  await h.type(browser, search, "ruiz");
  await h.hidden(browser, contactItem(LEE.name), `searching "ruiz" still lists ${LEE.name}`);
  await h.shown(browser, contactItem(DANA.name));
  await h.type(browser, search, Key.Backspace.repeat("ruiz".length));
  await h.shown(browser, contactItem(LEE.name));
  await h.shown(browser, contactItem(DANA.name));
}

test("contacts and a project added in the app are in the map file and come back after a relaunch", async (t) => {
  const ws = h.workspace(t);
  const map = ws.file("accounts.stakemap");

  const first = await h.launch(ws, [map], "first-run");
  const { browser } = first;
  await addContact(browser, DANA);
  await addContact(browser, LEE);
  await addProject(browser, PROJECT);
  await checkSearch(browser);
  await first.screenshot("foundation-first-run");
  assert.equal(await first.quit(), true, "the app did not exit by itself when its session ended");

  const counts = await h.summary(ws, map);
  assert.equal(counts.contacts, 2, JSON.stringify(counts));
  assert.equal(counts.projects, 1, JSON.stringify(counts));
  const contacts = await h.list(ws, map, "contacts");
  const organizations = await h.list(ws, map, "organizations");
  for (const expected of [DANA, LEE]) {
    const found = contacts.find((c) => c.name === expected.name);
    assert.ok(found, `${expected.name} is not in the map: ${JSON.stringify(contacts)}`);
    assert.equal(found.title, expected.title);
    assert.equal(found.email, expected.email);
    const organization = organizations.find((o) => o.id === found.organization);
    assert.equal(organization?.name, expected.organization, JSON.stringify(organizations));
  }
  const [project] = await h.list(ws, map, "projects");
  assert.equal(project.name, PROJECT.name);
  assert.equal(project.stage, PROJECT.stage);

  // The app remembers the map in the test's own config folder.
  assert.equal(JSON.parse(fs.readFileSync(ws.settingsFile, "utf8")).last_map, map);

  const again = await h.launch(ws, [map], "relaunch");
  await h.shown(again.browser, contactItem(DANA.name));
  await h.shown(again.browser, contactItem(LEE.name));
  await h.shown(again.browser, projectFrame(PROJECT.name));
  const { stats } = await again.screenshot("foundation-relaunch");
  t.diagnostic(
    `relaunch screenshot: ${stats.colours} colours, commonest ${(stats.topShare * 100).toFixed(1)}%`,
  );
  assert.equal(await again.quit(), true, "the app did not exit by itself when its session ended");
});

test("a second app instance on the same map is refused with a message", async (t) => {
  const ws = h.workspace(t);
  const map = ws.file("shared.stakemap");

  const first = await h.launch(ws, [map], "first-instance");
  assert.ok(fs.existsSync(map), "the first instance did not create the map");

  const second = await h.launch(ws, [map], "second-instance");
  const message = await h.textContaining(
    second.browser,
    '[role="alert"]',
    "already open",
    'the second instance shows no role="alert" saying the map is "already open"',
  );
  t.diagnostic(`second instance says: ${message}`);

  // The first instance keeps the map; reading it still works meanwhile.
  assert.equal((await h.summary(ws, map)).contacts, 0);
  assert.equal(await second.quit(), true, "the second instance did not exit by itself");
  assert.equal(await first.quit(), true, "the first instance did not exit by itself");
});

test("the contact list renders the rows in view, and Tab and Shift+Tab still walk every contact", async (t) => {
  const ws = h.workspace(t);
  const map = ws.file("demo.stakemap");
  await h.cli(ws, map, "demo");
  const { contacts } = await h.summary(ws, map);
  const app = await h.launch(ws, [map], "contact-list");
  const { browser } = app;
  await h.shown(browser, contactItem(DANA.name));

  const rendered = await browser.execute(
    () => document.querySelectorAll('ul[aria-label="Contacts"] li').length,
  );
  t.diagnostic(`${rendered} of ${contacts} contacts rendered`);
  assert.ok(rendered < contacts, `all ${contacts} contacts are rendered, not the rows in view`);

  // Every contact a Tab reaches, from the search box down to the first control past the list.
  await browser.execute(() => {
    window.__visited = new Set();
    document.addEventListener("focusin", (event) => {
      const row = event.target.closest?.('ul[aria-label="Contacts"] li');
      if (row) window.__visited.add(row.getAttribute("aria-label"));
    });
  });
  /**
   * Presses Tab (`back`: Shift+Tab) ten at a time until the focus has been in the list and left it
   * at its other end (after it going forward, before it going back).
   */
  async function walk(back, label) {
    await browser.execute(() => window.__visited.clear());
    const past = () =>
      browser.execute((back) => {
        const list = document.querySelector('ul[aria-label="Contacts"]');
        const focus = document.activeElement;
        if (window.__visited.size === 0 || !focus || list.contains(focus)) return false;
        const side = back ? Node.DOCUMENT_POSITION_PRECEDING : Node.DOCUMENT_POSITION_FOLLOWING;
        return (list.compareDocumentPosition(focus) & side) !== 0;
      }, back);
    for (let presses = 0; !(await past()); presses += 10) {
      assert.ok(presses < contacts * 10, `${presses} presses of ${label} did not leave the list`);
      const keys = browser.action("key");
      for (let i = 0; i < 10; i++) {
        if (back) keys.down(Key.Shift).down(Key.Tab).up(Key.Tab).up(Key.Shift);
        else keys.down(Key.Tab).up(Key.Tab);
      }
      await keys.perform();
    }
    const visited = await browser.execute(() => window.__visited.size);
    assert.equal(visited, contacts, `${label} reached ${visited} of ${contacts} contacts`);
  }
  const scrollTop = () =>
    browser.execute(
      () => document.querySelector('ul[aria-label="Contacts"]').parentElement.scrollTop,
    );

  await h.click(browser, 'input[aria-label="Search contacts"]');
  await walk(false, "Tab");
  assert.ok((await scrollTop()) > 0, "the list did not scroll along with the focus");
  await walk(true, "Shift+Tab");
  assert.equal(await scrollTop(), 0, "the list did not scroll back up with the focus");
  assert.equal(await app.quit(), true, "the app did not exit by itself");
});

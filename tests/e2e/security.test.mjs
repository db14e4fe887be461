// Hostile input in the real app: contacts whose names and notes are HTML and script, imported into a
// map with the CLI (`stakemap --map FILE import PATH`, the same core import the app's Import uses),
// must show as literal text in the contact list, on the cards and in the contact dialog; none of
// their markup may become an element, and none of their script may run.
//
// UI contract used here: ul[aria-label="Contacts"] > li[aria-label="Contact: <name>"] with the name
// in .list-title and an "Edit <name>" button that opens dialog[aria-label="Edit contact"] (inputs by
// `name`); cards are article.card on the canvas, frames [aria-label="Project: <name>"].

import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, test } from "node:test";
import * as h from "./harness.mjs";

before(async () => {
  h.requireBinaries();
  await h.startDisplay();
});
after(() => h.stopDisplay());

const IMG = `<img src=x onerror="window.__pwned=1">`;
const SCRIPT = "<script>window.__pwned=2</script>";
const BOLD = "<b>bold</b> Ruiz";
const PROJECT = `<svg onload="window.__pwned=3">Pilot`;

const CONTACTS = [
  { id: "c-img", name: IMG, notes: SCRIPT, title: "<i>CFO</i>" },
  { id: "c-script", name: SCRIPT, notes: `<img src=x onerror="window.__pwned=4">` },
  { id: "c-bold", name: BOLD, notes: "<b>bold</b>", title: "<b>bold</b>" },
];

/** A Stakemap JSON map: the hostile contacts, an organization and a project with a card each. */
function hostileMap() {
  return {
    format: "stakemap",
    version: 1,
    organizations: [{ id: "o1", name: `<img src=x onerror="window.__pwned=5">Corp` }],
    contacts: CONTACTS.map((c) => ({ ...c, organization: "o1" })),
    projects: [
      {
        id: "p1",
        name: PROJECT,
        organization: "o1",
        notes: SCRIPT,
        frame: { x: 0, y: 0, width: 900, height: 420 },
      },
    ],
    stakes: CONTACTS.map((c, i) => ({
      id: `s${i}`,
      project: "p1",
      contact: c.id,
      role: "champion",
      stance: 1,
      influence: 3,
      interest: 3,
      notes: SCRIPT,
      x: 24 + i * 280,
      y: 90,
    })),
  };
}

/** What the page holds that hostile input could have created, and whether any script ran. */
function injected(browser) {
  return browser.execute(() => ({
    pwned: typeof window.__pwned === "undefined" ? null : String(window.__pwned),
    // Elements the markup would have made: the app itself uses no <img src="x">, no inline
    // <script>, no <b>, and no on* attributes.
    images: document.querySelectorAll('img[src="x"]').length,
    inlineScripts: [...document.querySelectorAll("script")].filter((s) => !s.src).length,
    bold: document.querySelectorAll("b").length,
    handlers: [...document.querySelectorAll("*")].filter((e) =>
      [...e.attributes].some((a) => a.name.startsWith("on")),
    ).length,
  }));
}

const CLEAN = { pwned: null, images: 0, inlineScripts: 0, bold: 0, handlers: 0 };

test("contacts named with HTML and script are shown as text and run nothing", async (t) => {
  const ws = h.workspace(t);
  const file = ws.file("hostile.json");
  fs.writeFileSync(file, JSON.stringify(hostileMap(), null, 2));
  const map = ws.file("hostile.stakemap");
  const out = await h.cli(ws, map, "import", file);
  t.diagnostic(out.split("\n")[0]);
  const stored = await h.list(ws, map, "contacts");
  assert.deepEqual(stored.map((c) => c.name).sort(), CONTACTS.map((c) => c.name).sort());

  const app = await h.launch(ws, [map], "security");
  const { browser } = app;
  await h.shown(browser, 'ul[aria-label="Contacts"]');
  await browser.waitUntil(
    async () =>
      (await browser.execute(() => document.querySelectorAll("article.card").length)) === 3,
    { timeoutMsg: "the three cards were not drawn" },
  );

  // The list: each name is the text of its row, exactly.
  const rows = await browser.execute(() =>
    [...document.querySelectorAll('ul[aria-label="Contacts"] li')].map((li) => ({
      label: li.getAttribute("aria-label"),
      title: li.querySelector(".list-title")?.textContent,
      sub: li.querySelector(".list-sub")?.textContent,
    })),
  );
  for (const contact of CONTACTS) {
    const row = rows.find((r) => r.label === `Contact: ${contact.name}`);
    assert.ok(row, `no list row for ${contact.name}: ${JSON.stringify(rows)}`);
    assert.equal(row.title, contact.name);
  }
  assert.ok(
    rows.some((r) => r.sub?.includes(`<img src=x onerror="window.__pwned=5">Corp`)),
    `the organization's name is not shown as text: ${JSON.stringify(rows)}`,
  );

  // The cards and the frame: the names as text.
  const canvas = await browser.execute(() => ({
    cards: [...document.querySelectorAll("article.card")].map((a) => a.textContent),
    frames: [...document.querySelectorAll('[aria-label^="Project: "]')].map((f) =>
      f.getAttribute("aria-label"),
    ),
  }));
  for (const contact of CONTACTS) {
    assert.ok(
      canvas.cards.some((text) => text.includes(contact.name)),
      `no card shows ${contact.name} as text: ${JSON.stringify(canvas.cards)}`,
    );
  }
  assert.deepEqual(canvas.frames, [`Project: ${PROJECT}`]);
  assert.deepEqual(await injected(browser), CLEAN, "markup became elements or script ran");

  // The contact dialog: the fields hold the literal text.
  for (const contact of CONTACTS) {
    const opened = await browser.execute((name) => {
      const row = [...document.querySelectorAll('ul[aria-label="Contacts"] li')].find(
        (li) => li.getAttribute("aria-label") === `Contact: ${name}`,
      );
      const edit = row?.querySelector('button[aria-label^="Edit "]');
      edit?.click();
      return !!edit;
    }, contact.name);
    assert.ok(opened, `no Edit button for ${contact.name}`);
    const dialog = 'dialog[aria-label="Edit contact"]';
    await h.shown(browser, dialog);
    const fields = await browser.execute((selector) => {
      const d = document.querySelector(selector);
      const value = (n) => d?.querySelector(`[name="${n}"]`)?.value;
      return { name: value("name"), notes: value("notes"), title: value("title") };
    }, dialog);
    assert.equal(fields.name, contact.name);
    assert.equal(fields.notes, contact.notes);
    assert.equal(fields.title, contact.title ?? "");
    assert.deepEqual(await injected(browser), CLEAN, `the dialog of ${contact.name} ran markup`);
    await h.click(browser, `${dialog} button[aria-label="Close"]`);
    await h.hidden(browser, dialog);
  }
  assert.equal(await app.quit(), true, "the app did not exit by itself");
});

// The mouse moved through the X server (x_pointer.py, XTest): the way a real mouse's moves reach
// the app, through GTK's event handling, where WebDriver's pointer actions are handed to WebKit
// directly. Only where there is an X server (the real app under Xvfb).

import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { python } from "./screen.mjs";

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "x_pointer.py");
const run = promisify(execFile);

/** Moves the mouse to `at` (screen pixels) and presses its left button, leaving it down. */
export async function xPress(at) {
  await run(python, [script, "press", at.x, at.y].map(String));
}

/**
 * From `at` (screen pixels, the button down): `steps` moves of `dx`/`dy`, then back, ending `end`
 * pixels right of `at`, one every `stepMs`, and the release (as scenarios.mjs's moveAndRelease).
 */
export async function xDrag(at, { steps, dx, dy, stepMs, end = 0 }) {
  await run(python, [script, "drag", at.x, at.y, steps, dx, dy, stepMs, end].map(String));
}

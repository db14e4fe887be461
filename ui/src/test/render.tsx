/** Rendering the app against a fake backend, the way a user meets it. */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../App";
import type { Snapshot } from "../ipc/backend";
import { type FakeBackend, installFakeBackend } from "./fakeBackend";

/**
 * Installs a fake backend holding `seed`, lets `prepare` adjust it (make a command fail...),
 * and renders the app.
 */
export function startApp(seed: Partial<Snapshot> = {}, prepare?: (fake: FakeBackend) => void) {
  const fake = installFakeBackend(seed);
  prepare?.(fake);
  const user = userEvent.setup();
  const view = render(<App />);
  return { fake, user, ...view };
}

/** `startApp`, then waits until the map is open and its lists are shown. */
export async function renderApp(
  seed: Partial<Snapshot> = {},
  prepare?: (fake: FakeBackend) => void,
) {
  const started = startApp(seed, prepare);
  await screen.findByRole("list", { name: "Contacts" });
  return started;
}

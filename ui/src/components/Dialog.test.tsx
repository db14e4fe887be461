import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Dialog } from "./Dialog";

describe("a dialog opening", () => {
  it("puts the focus in its first field, not on its close button", () => {
    render(
      <Dialog label="New contact" onClose={() => {}}>
        <input aria-label="Name" />
        <input aria-label="Title" />
      </Dialog>,
    );
    expect(screen.getByRole("textbox", { name: "Name" })).toHaveFocus();
  });

  it("puts the focus in the field marked for it", () => {
    render(
      <Dialog label="Log interaction" onClose={() => {}}>
        <input aria-label="Date" />
        <textarea aria-label="Notes" data-autofocus />
      </Dialog>,
    );
    expect(screen.getByRole("textbox", { name: "Notes" })).toHaveFocus();
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Frame, Project } from "../ipc/backend";
import { box } from "../model/records";
import { ORG_GLOBEX, RENEWAL, sampleMap } from "../test/fixtures";
import { renderApp } from "../test/render";

function overlaps(a: Frame, b: Frame): boolean {
  const p = box(a);
  const q = box(b);
  return p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
}

describe("adding a project", () => {
  it("requires decision maker, economic buyer and champion by default", async () => {
    const { user } = await renderApp(sampleMap());
    await user.click(screen.getByRole("button", { name: "Add project" }));
    const dialog = screen.getByRole("dialog", { name: "New project" });
    const roles = within(dialog).getByRole("group", { name: "Roles this project needs covered" });

    const checked = within(roles)
      .getAllByRole("checkbox")
      .filter((box) => (box as HTMLInputElement).checked)
      .map((box) => box.closest("label")?.textContent);
    expect(checked).toEqual(["Decision maker", "Economic buyer", "Champion"]);
    expect(within(roles).getByRole("checkbox", { name: "Coach" })).not.toBeChecked();
    expect(within(dialog).getByLabelText("Status")).toHaveValue("active");
  });

  it("saves it in a frame clear of the other projects' frames", async () => {
    const { fake, user } = await renderApp(sampleMap());
    const existing = fake.snapshot().projects.map((p) => p.frame);
    await user.click(screen.getByRole("button", { name: "Add project" }));
    const dialog = screen.getByRole("dialog", { name: "New project" });

    await user.type(within(dialog).getByLabelText("Name"), "Data platform");
    await user.type(within(dialog).getByLabelText("Stage"), "Proposal");
    await user.click(within(dialog).getByRole("checkbox", { name: "Champion" }));
    await user.click(within(dialog).getByRole("checkbox", { name: "Technical evaluator" }));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const ops = fake.applied();
    expect(ops).toHaveLength(1);
    const op = ops[0];
    if (op?.op !== "put" || op.record.kind !== "project") throw new Error("expected a project put");
    const project: Project = op.record.item;
    expect(project).toMatchObject({
      id: "",
      name: "Data platform",
      stage: "Proposal",
      status: "active",
      organization: null,
      required_roles: ["decision_maker", "economic_buyer", "technical_evaluator"],
    });
    expect(box(project.frame).width).toBeGreaterThan(0);
    expect(box(project.frame).height).toBeGreaterThan(0);
    for (const frame of existing) expect(overlaps(project.frame, frame)).toBe(false);

    const list = screen.getByRole("list", { name: "Projects" });
    expect(within(list).getByText("Data platform")).toBeInTheDocument();
    expect(await screen.findByLabelText("Project: Data platform")).toBeInTheDocument();
  });

  it("refuses an empty name without calling the core", async () => {
    const { fake, user } = await renderApp(sampleMap());
    await user.click(screen.getByRole("button", { name: "Add project" }));
    const dialog = screen.getByRole("dialog", { name: "New project" });

    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    expect(within(dialog).getByRole("alert")).toHaveTextContent("A project needs a name.");
    expect(fake.applied()).toHaveLength(0);
  });
});

describe("editing a project", () => {
  it("keeps its frame and id, and reuses its organization", async () => {
    const { fake, user } = await renderApp(sampleMap());
    await user.click(screen.getByRole("button", { name: "Edit project Annual renewal" }));
    const dialog = screen.getByRole("dialog", { name: "Edit project" });
    expect(within(dialog).getByLabelText("Organization")).toHaveValue("Globex");

    await user.selectOptions(within(dialog).getByLabelText("Status"), "Won");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const before = sampleMap().projects.find((p) => p.id === RENEWAL);
    expect(fake.applied()).toEqual([
      {
        op: "put",
        record: {
          kind: "project",
          item: { ...before, status: "won", organization: ORG_GLOBEX },
        },
      },
    ]);
    const list = screen.getByRole("list", { name: "Projects" });
    expect(within(list).getByText("Globex · Won")).toBeInTheDocument();
  });
});

describe("errors from the core", () => {
  it("shows an error about a field the dialog has no place for above the buttons", async () => {
    const { user } = await renderApp(sampleMap(), (f) =>
      f.fail("apply", {
        kind: "invalid",
        message: "project.frame.width: 99999 is not between 200 and 20000",
        field: "project.frame.width",
      }),
    );
    await user.click(screen.getByRole("button", { name: "Edit project Annual renewal" }));
    const dialog = screen.getByRole("dialog", { name: "Edit project" });

    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "99999 is not between 200 and 20000",
    );
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Contact, Op, Organization } from "../ipc/backend";
import { ELENA, ORG_ACME, sampleMap } from "../test/fixtures";
import { renderApp } from "../test/render";

function contactNames(): string[] {
  const list = screen.getByRole("list", { name: "Contacts" });
  return within(list)
    .queryAllByRole("listitem")
    .map((item) => item.getAttribute("aria-label") ?? "");
}

async function openNewContact(user: UserEvent) {
  await user.click(screen.getByRole("button", { name: "Add contact" }));
  return screen.getByRole("dialog", { name: "New contact" });
}

/** The records an operation puts, in order. */
function puts(op: Op | undefined): { kind: string; item: unknown }[] {
  if (!op) return [];
  if (op.op === "put") return [op.record];
  if (op.op === "batch") return op.ops.flatMap(puts);
  return [];
}

describe("adding a contact", () => {
  it("creates a new organization and the contact in one step", async () => {
    const { fake, user } = await renderApp(sampleMap());
    const dialog = await openNewContact(user);

    await user.type(within(dialog).getByLabelText("Name"), "Dana Ruiz");
    await user.type(within(dialog).getByLabelText("Title"), "VP Engineering");
    await user.type(within(dialog).getByLabelText("Organization"), "Initech");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const ops = fake.applied();
    expect(ops).toHaveLength(1);
    const op = ops[0];
    expect(op).toMatchObject({ op: "batch", label: "Add contact Dana Ruiz" });
    const [org, contact] = puts(op);
    expect(org?.kind).toBe("organization");
    expect(contact?.kind).toBe("contact");
    const organization = org?.item as Organization;
    expect(organization.name).toBe("Initech");
    expect(organization.id).not.toBe("");
    expect(contact?.item).toMatchObject({
      id: "",
      name: "Dana Ruiz",
      title: "VP Engineering",
      organization: organization.id,
    } satisfies Partial<Contact>);

    expect(contactNames()).toEqual([
      "Contact: Bruno Keller",
      "Contact: Dana Ruiz",
      "Contact: Eléna Duval",
      "Contact: Zoé Martin",
    ]);
    expect(screen.getByRole("listitem", { name: "Contact: Dana Ruiz" })).toHaveTextContent(
      "VP Engineering · Initech",
    );
    expect(screen.getByRole("status")).toHaveTextContent("Contact added");
    expect(fake.snapshot().organizations.map((o) => o.name)).toContain("Initech");
  });

  it("reuses an existing organization typed in another case", async () => {
    const { fake, user } = await renderApp(sampleMap());
    const dialog = await openNewContact(user);

    await user.type(within(dialog).getByLabelText("Name"), "Sam Lee");
    await user.type(within(dialog).getByLabelText("Organization"), "  acme CORP ");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const ops = fake.applied();
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({
      op: "put",
      record: { kind: "contact", item: { name: "Sam Lee", organization: ORG_ACME } },
    });
    expect(fake.snapshot().organizations).toHaveLength(2);
    expect(screen.getByRole("listitem", { name: "Contact: Sam Lee" })).toHaveTextContent(
      "Acme Corp",
    );
  });

  it("saves the email and the comma-separated tags as typed", async () => {
    const { fake, user } = await renderApp(sampleMap());
    const dialog = await openNewContact(user);

    await user.type(within(dialog).getByLabelText("Name"), "Kim Novak");
    await user.type(within(dialog).getByLabelText("Email"), "kim@example.test");
    await user.type(within(dialog).getByLabelText("Tags"), "budget,  it , ,security");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    await waitFor(() => expect(fake.applied()).toHaveLength(1));
    expect(puts(fake.applied()[0])[0]?.item).toMatchObject({
      email: "kim@example.test",
      tags: ["budget", "it", "security"],
      organization: null,
    });
  });

  it("shows the core's validation error at the field and keeps the dialog open", async () => {
    const { fake, user } = await renderApp(sampleMap(), (f) =>
      f.fail("apply", {
        kind: "invalid",
        message: 'contact.email: "x" is not an email address',
        field: "contact.email",
      }),
    );
    const dialog = await openNewContact(user);

    await user.type(within(dialog).getByLabelText("Name"), "Dana Ruiz");
    await user.type(within(dialog).getByLabelText("Email"), "x");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent(/^.x. is not an email address$/);
    // Next to the Email field, not the form's general error place.
    const email = within(dialog).getByLabelText("Email");
    expect(email.closest("label")?.parentElement).toContainElement(alert);
    expect(
      within(dialog).getByLabelText("Name").closest("label")?.parentElement,
    ).not.toContainElement(alert);

    expect(screen.getByRole("dialog", { name: "New contact" })).toBeInTheDocument();
    expect(within(dialog).getByLabelText("Email")).toHaveValue("x");
    expect(fake.applied()).toHaveLength(1);
    expect(contactNames()).toHaveLength(3);
    expect(fake.snapshot().contacts).toHaveLength(3);
  });

  it("shows an error without a field above the buttons", async () => {
    const { user } = await renderApp(sampleMap(), (f) =>
      f.fail("apply", { kind: "storage", message: "The disk is full.", field: null }),
    );
    const dialog = await openNewContact(user);

    await user.type(within(dialog).getByLabelText("Name"), "Dana Ruiz");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent("The disk is full.");
    expect(contactNames()).toHaveLength(3);
  });

  it("refuses an empty name without calling the core", async () => {
    const { fake, user } = await renderApp(sampleMap());
    const dialog = await openNewContact(user);

    await user.type(within(dialog).getByLabelText("Title"), "Analyst");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(within(dialog).getByRole("alert")).toHaveTextContent("A contact needs a name.");
    expect(within(dialog).getByLabelText("Name")).toHaveAttribute("aria-invalid", "true");

    await user.type(within(dialog).getByLabelText("Name"), "   ");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    expect(within(dialog).getByRole("alert")).toHaveTextContent("A contact needs a name.");
    expect(fake.applied()).toHaveLength(0);
    expect(screen.getByRole("dialog", { name: "New contact" })).toBeInTheDocument();
  });

  it("Cancel closes the dialog without saving", async () => {
    const { fake, user } = await renderApp(sampleMap());
    const dialog = await openNewContact(user);
    await user.type(within(dialog).getByLabelText("Name"), "Dana Ruiz");

    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));

    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(fake.applied()).toHaveLength(0);
    expect(contactNames()).toHaveLength(3);
  });
});

describe("editing a contact", () => {
  it("shows the contact's details and saves the change under the same id", async () => {
    const { fake, user } = await renderApp(sampleMap());
    await user.click(screen.getByRole("button", { name: "Edit Eléna Duval" }));
    const dialog = screen.getByRole("dialog", { name: "Edit contact" });
    expect(within(dialog).getByLabelText("Name")).toHaveValue("Eléna Duval");
    expect(within(dialog).getByLabelText("Organization")).toHaveValue("Acme Corp");
    expect(within(dialog).getByLabelText("Tags")).toHaveValue("technical, sponsor");

    const title = within(dialog).getByLabelText("Title");
    await user.clear(title);
    await user.type(title, "Chief Technology Officer");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(fake.applied()).toEqual([
      {
        op: "put",
        record: {
          kind: "contact",
          item: expect.objectContaining({
            id: ELENA,
            title: "Chief Technology Officer",
            organization: ORG_ACME,
          }),
        },
      },
    ]);
    expect(screen.getByRole("listitem", { name: "Contact: Eléna Duval" })).toHaveTextContent(
      "Chief Technology Officer · Acme Corp",
    );
  });
});

describe("errors about a new organization", () => {
  it("show at the Organization field, not at the contact's name", async () => {
    const { user } = await renderApp(sampleMap(), (f) =>
      f.fail("apply", {
        kind: "invalid",
        message: "organization.name: is longer than 200 characters",
        field: "organization.name",
      }),
    );
    const dialog = await openNewContact(user);
    await user.type(within(dialog).getByLabelText("Name"), "Dana Ruiz");
    await user.type(within(dialog).getByLabelText("Organization"), "Initech");

    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("Is longer than 200 characters");
    const organization = within(dialog).getByLabelText("Organization");
    expect(organization.closest("label")?.parentElement).toContainElement(alert);
  });
});

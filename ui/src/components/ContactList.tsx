/** The contact list: search, add, edit and delete the people on the customer side. */
import { useMemo, useState } from "react";
import type { Contact } from "../ipc/backend";
import { initials } from "../model/labels";
import { byName, folded, projectCounts } from "../model/selectors";
import { useMap } from "../store/mapStore";
import { ContactDialog } from "./ContactDialog";
import { PlaceMenu, useContactDrag } from "./ContactPlacing";
import { Icon } from "./Icon";
import { InteractionButtons } from "./interactions/InteractionButtons";
import { InteractionDialog } from "./interactions/InteractionDialog";
import { TimelineDialog } from "./interactions/Timeline";
import { PanelHeader } from "./PanelHeader";

export function ContactList() {
  const contacts = useMap((s) => s.contacts);
  const organizations = useMap((s) => s.organizations);
  const stakes = useMap((s) => s.stakes);
  const removeItem = useMap((s) => s.remove);
  const [query, setQuery] = useState("");
  const [editing, setEditing] = useState<Contact | "new" | null>(null);
  const [logging, setLogging] = useState<Contact | null>(null);
  const [history, setHistory] = useState<Contact | null>(null);
  const drag = useContactDrag();

  const counts = useMemo(() => projectCounts(stakes), [stakes]);
  const all = useMemo(() => byName(Object.values(contacts)), [contacts]);
  const shown = useMemo(() => {
    const q = folded(query.trim());
    if (!q) return all;
    return all.filter((c) => {
      const org = c.organization ? (organizations[c.organization]?.name ?? "") : "";
      return folded(`${c.name} ${c.title} ${org} ${c.email} ${c.tags.join(" ")}`).includes(q);
    });
  }, [all, organizations, query]);

  const remove = (contact: Contact) => removeItem("contact", contact.id, contact.name);

  return (
    <section className="panel contacts-panel" aria-labelledby="contacts-heading">
      <PanelHeader
        id="contacts-heading"
        title="Contacts"
        count={all.length}
        addLabel="Add contact"
        onAdd={() => setEditing("new")}
      />
      <div className="search">
        <Icon name="search" />
        <input
          type="search"
          aria-label="Search contacts"
          placeholder="Search name, title, organization, tag"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <ul className="list" aria-label="Contacts">
        {shown.map((contact) => {
          const org = contact.organization ? organizations[contact.organization]?.name : undefined;
          const count = counts.get(contact.id) ?? 0;
          return (
            <li
              key={contact.id}
              className={`list-item draggable${drag.dragging?.id === contact.id ? " dragging" : ""}`}
              aria-label={`Contact: ${contact.name}`}
              title="Drag onto a project to place"
              onPointerDown={drag.start(contact)}
              onDoubleClick={() => setEditing(contact)}
            >
              <span className="avatar" aria-hidden="true">
                {initials(contact.name)}
              </span>
              <span className="list-text">
                <span className="list-title">{contact.name}</span>
                <span className="list-sub">
                  {[contact.title, org].filter(Boolean).join(" · ") || "No title"}
                </span>
              </span>
              {count > 0 ? (
                <span className="badge" title={`On ${count} project${count === 1 ? "" : "s"}`}>
                  {count}
                </span>
              ) : null}
              <span className="list-actions">
                <PlaceMenu contact={contact} />
                <InteractionButtons
                  about={`with ${contact.name}`}
                  onLog={() => setLogging(contact)}
                  onHistory={() => setHistory(contact)}
                />
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Edit ${contact.name}`}
                  title="Edit"
                  onClick={() => setEditing(contact)}
                >
                  <Icon name="edit" />
                </button>
                <button
                  type="button"
                  className="icon-button danger"
                  aria-label={`Delete ${contact.name}`}
                  title="Delete (undo with Ctrl+Z)"
                  onClick={() => remove(contact)}
                >
                  <Icon name="trash" />
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      {all.length === 0 ? (
        <p className="empty">No contacts yet. Add the people you work with at your accounts.</p>
      ) : shown.length === 0 ? (
        <p className="empty">No contact matches “{query}”.</p>
      ) : null}
      {drag.ghost}
      {logging ? (
        <InteractionDialog preset={{ contacts: [logging.id] }} onClose={() => setLogging(null)} />
      ) : null}
      {history ? (
        <TimelineDialog
          of={{ contact: history.id }}
          title={`Interactions with ${history.name}`}
          onClose={() => setHistory(null)}
        />
      ) : null}
      {editing ? (
        <ContactDialog
          contact={editing === "new" ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </section>
  );
}

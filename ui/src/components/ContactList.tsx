/** The contact list: search, add, edit and delete the people on the customer side. */
import { memo, type PointerEvent, useCallback, useMemo, useState } from "react";
import { type RowPlace, rowAttributes, useListWindow } from "../hooks/useListWindow";
import type { Contact } from "../ipc/backend";
import { initials } from "../model/labels";
import { byName, folded, projectCounts } from "../model/selectors";
import { useMap } from "../store/mapStore";
import { ContactDialog } from "./ContactDialog";
import { PlaceMenu, useContactDrag } from "./ContactPlacing";
import { EditDeleteButtons, type RowHandlers } from "./EditDeleteButtons";
import { Icon } from "./Icon";
import { InteractionButtons } from "./interactions/InteractionButtons";
import { InteractionDialog } from "./interactions/InteractionDialog";
import { TimelineDialog } from "./interactions/Timeline";
import { PanelHeader } from "./PanelHeader";
import { WindowedList } from "./WindowedList";

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

  const remove = useCallback(
    (contact: Contact) => removeItem("contact", contact.id, contact.name),
    [removeItem],
  );

  const keyOf = useCallback((index: number) => shown[index]?.id ?? String(index), [shown]);
  const dragged = drag.dragging?.id;
  const list = useListWindow({
    count: shown.length,
    keyOf,
    keep: dragged === undefined ? -1 : shown.findIndex((c) => c.id === dragged),
  });

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
          onChange={(e) => {
            setQuery(e.target.value);
            // A new search starts at its first match.
            list.toTop();
          }}
        />
      </div>
      <WindowedList label="Contacts" list={list} items={shown}>
        {(contact, place) => (
          <ContactRow
            key={contact.id}
            contact={contact}
            organization={
              contact.organization ? organizations[contact.organization]?.name : undefined
            }
            count={counts.get(contact.id) ?? 0}
            dragging={dragged === contact.id}
            {...place}
            onPointerDown={drag.start}
            onEdit={setEditing}
            onLog={setLogging}
            onHistory={setHistory}
            onRemove={remove}
          />
        )}
      </WindowedList>
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

interface RowProps extends RowHandlers<Contact>, RowPlace {
  contact: Contact;
  organization: string | undefined;
  /** How many projects the contact is on. */
  count: number;
  dragging: boolean;
  onPointerDown: (contact: Contact) => (event: PointerEvent<HTMLElement>) => void;
}

/**
 * One contact in the list. Memoised with stable callbacks: only the rows whose contact,
 * organization, project count or place changed re-render.
 */
const ContactRow = memo(function ContactRow({
  contact,
  organization,
  count,
  dragging,
  onPointerDown,
  onEdit,
  onLog,
  onHistory,
  onRemove,
  ...place
}: RowProps) {
  return (
    <li
      {...rowAttributes(place, contact.id)}
      className={`list-item draggable${dragging ? " dragging" : ""}`}
      aria-label={`Contact: ${contact.name}`}
      title="Drag onto a project to place"
      onPointerDown={onPointerDown(contact)}
      onDoubleClick={() => onEdit(contact)}
    >
      <span className="avatar" aria-hidden="true">
        {initials(contact.name)}
      </span>
      <span className="list-text">
        <span className="list-title">{contact.name}</span>
        <span className="list-sub">
          {[contact.title, organization].filter(Boolean).join(" · ") || "No title"}
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
          onLog={() => onLog(contact)}
          onHistory={() => onHistory(contact)}
        />
        <EditDeleteButtons
          what={contact.name}
          onEdit={() => onEdit(contact)}
          onDelete={() => onRemove(contact)}
        />
      </span>
    </li>
  );
});

/**
 * Picks several people by typing: the chosen ones show as chips (each removable), the box below
 * suggests matching names as you type. Arrow keys move through the suggestions, Enter adds the
 * highlighted one (with nothing typed, Enter goes on to the form, which saves), Backspace in an
 * empty box removes the last chip.
 */
import { type KeyboardEvent, useId, useMemo, useState } from "react";
import { folded } from "../../model/selectors";

export interface Person {
  id: string;
  name: string;
  /** A second line: title and organization. */
  detail?: string;
}

interface Props {
  label: string;
  people: Person[];
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
  autoFocus?: boolean;
}

/** How many suggestions show at once. */
const SHOWN = 6;

export function PeoplePicker({ label, people, value, onChange, error, autoFocus }: Props) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const byId = useMemo(() => new Map(people.map((p) => [p.id, p])), [people]);
  const matches = useMemo(() => {
    const q = folded(query.trim());
    if (!q) return [];
    return people
      .filter((p) => !value.includes(p.id) && folded(`${p.name} ${p.detail ?? ""}`).includes(q))
      .slice(0, SHOWN);
  }, [people, query, value]);

  const add = (person: Person) => {
    onChange([...value, person.id]);
    setQuery("");
    setActive(0);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" && matches.length > 0) {
      event.preventDefault();
      setActive((a) => (a + 1) % matches.length);
    } else if (event.key === "ArrowUp" && matches.length > 0) {
      event.preventDefault();
      setActive((a) => (a - 1 + matches.length) % matches.length);
    } else if (event.key === "Enter" && query.trim()) {
      // With a name typed, Enter picks it; the form is saved by the next Enter.
      event.preventDefault();
      const chosen = matches[active] ?? matches[0];
      if (chosen) add(chosen);
    } else if (event.key === "Escape" && query) {
      event.preventDefault();
      event.stopPropagation();
      setQuery("");
    } else if (event.key === "Backspace" && !query && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  };

  const listId = `${id}-list`;
  return (
    <fieldset className={`field field-wide picker${error ? " field-invalid" : ""}`}>
      <legend className="field-label">{label}</legend>
      <div className="picker-box">
        {value.map((personId) => {
          const name = byId.get(personId)?.name ?? "Unknown";
          return (
            <span key={personId} className="chip">
              {name}
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove ${name}`}
                onClick={() => onChange(value.filter((v) => v !== personId))}
              >
                ×
              </button>
            </span>
          );
        })}
        <input
          role="combobox"
          aria-label={`Add to ${label.toLowerCase()}`}
          aria-expanded={matches.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={matches.length > 0 ? `${id}-opt-${active}` : undefined}
          placeholder={value.length === 0 ? "Type a name" : ""}
          value={query}
          autoComplete="off"
          data-autofocus={autoFocus || undefined}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      {matches.length > 0 ? (
        <div className="picker-list" role="listbox" id={listId} aria-label={`${label} matches`}>
          {matches.map((person, n) => (
            <div
              key={person.id}
              id={`${id}-opt-${n}`}
              role="option"
              tabIndex={-1}
              aria-selected={n === active}
              className={n === active ? "active" : undefined}
              // Keeps the focus in the box while choosing with the mouse.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => add(person)}
              onKeyDown={(e) => {
                if (e.key === "Enter") add(person);
              }}
            >
              <span>{person.name}</span>
              {person.detail ? <span className="picker-detail">{person.detail}</span> : null}
            </div>
          ))}
        </div>
      ) : null}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}

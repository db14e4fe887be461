/** A side list that renders only the rows in view: the scrolling box, the list and its rows. */
import type { ReactNode } from "react";
import type { ListWindow, RowPlace } from "../hooks/useListWindow";

interface Props<T> {
  /** The list's accessible name ("Contacts"). */
  label: string;
  /** The window of rows (`useListWindow`) over `items`. */
  list: ListWindow;
  items: readonly T[];
  /** Renders one item's row, given its place (spread it on the row: `rowAttributes`). */
  children: (item: T, place: RowPlace) => ReactNode;
}

export function WindowedList<T>({ label, list, items, children }: Props<T>) {
  return (
    <div className="list" ref={list.scroller}>
      <ul
        className="list-window"
        aria-label={label}
        style={{ height: list.height }}
        onFocus={list.onFocus}
        onBlur={list.onBlur}
      >
        {list.rows.map((row) => {
          const item = items[row.index];
          return item === undefined
            ? null
            : children(item, {
                index: row.index,
                of: items.length,
                start: row.start,
                measure: list.measure,
              });
        })}
      </ul>
    </div>
  );
}

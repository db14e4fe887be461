/**
 * A long list that renders only the rows in view (and a few around them), so that a list of
 * thousands stays as quick to search, scroll and update as a short one. Built on TanStack
 * Virtual: the rows are measured as they render, so a row of another height (larger type, a
 * wrapped line) is placed right.
 */
import { defaultRangeExtractor, type Range, useVirtualizer } from "@tanstack/react-virtual";
import { type FocusEvent, useCallback, useRef, useState } from "react";

/** Rows rendered beyond each edge of the view. */
const OVERSCAN = 8;

/** A side list's row height (px) before it is measured: a name and a line under it (WebKitGTK). */
const ROW_ESTIMATE = 47;

export interface ListWindowOptions {
  /** How many rows the list has. */
  count: number;
  /** The row's key (stable across renders; its height is remembered by it). */
  keyOf: (index: number) => string;
  /** A row's height (px) before it has been measured; a side list's row by default. */
  estimate?: number;
  /** A row to keep rendered wherever the list is scrolled (one being dragged), or -1. */
  keep?: number;
}

/** Where a rendered row is: its index (from 0) in a list of `of`, and its top (px) in the list. */
export interface RowPlace {
  index: number;
  of: number;
  start: number;
  /** The list window's `measure`. */
  measure: (element: HTMLElement | null) => void;
}

/** The attributes a rendered row's element takes: its place, its measuring, its position. */
export function rowAttributes({ index, of, start, measure }: RowPlace, key: string) {
  return {
    ref: measure,
    "data-index": index,
    "data-key": key,
    style: { top: start },
    "aria-posinset": index + 1,
    "aria-setsize": of,
  };
}

/** What `useListWindow` returns. */
export type ListWindow = ReturnType<typeof useListWindow>;

/**
 * The window of rows to render (`WindowedList` puts it on the page). The row holding the keyboard
 * focus stays rendered when scrolled away, so the focus is not lost, and so do the rows either
 * side of it, so that Tab and Shift+Tab walk the whole list. `keyOf` should keep its identity
 * while the rows do (a `useCallback`): a new one places every row again.
 */
export function useListWindow({
  count,
  keyOf,
  estimate = ROW_ESTIMATE,
  keep = -1,
}: ListWindowOptions) {
  const scroller = useRef<HTMLDivElement>(null);
  const [focused, setFocused] = useState<string | null>(null);

  // Where the focused row is now (rows move as the list is searched or changes).
  let focusedIndex = -1;
  if (focused !== null) {
    for (let i = 0; i < count; i++) {
      if (keyOf(i) === focused) {
        focusedIndex = i;
        break;
      }
    }
  }

  const rangeExtractor = useCallback(
    (range: Range) => {
      const rows = defaultRangeExtractor(range);
      // With its neighbours: Tab and Shift+Tab move on before the list has seen itself scroll.
      const around = focusedIndex < 0 ? [] : [focusedIndex - 1, focusedIndex, focusedIndex + 1];
      const extra = [...around, keep].filter((i) => i >= 0 && i < range.count);
      if (extra.every((i) => rows.includes(i))) return rows;
      return [...new Set([...rows, ...extra])].sort((a, b) => a - b);
    },
    [focusedIndex, keep],
  );

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimate,
    getItemKey: keyOf,
    overscan: OVERSCAN,
    rangeExtractor,
  });

  const onFocus = useCallback((event: FocusEvent<HTMLElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>("[data-key]");
    setFocused(row?.dataset.key ?? null);
  }, []);
  const onBlur = useCallback((event: FocusEvent<HTMLElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(null);
  }, []);

  return {
    scroller,
    rows: virtualizer.getVirtualItems(),
    height: virtualizer.getTotalSize(),
    measure: virtualizer.measureElement,
    onFocus,
    onBlur,
    /** Scrolls back to the first row (after a new search). */
    toTop: useCallback(() => {
      if (scroller.current) scroller.current.scrollTop = 0;
    }, []),
  };
}

import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";
import { useCanvas } from "../store/canvasStore";
import { useMap } from "../store/mapStore";
import { uninstallFakeBackend } from "./fakeBackend";

// React Flow measures the DOM, which jsdom does not lay out. These stand-ins follow the testing
// guide of React Flow (reactflow.dev, "Testing"): a ResizeObserver that reports right away, a
// DOMMatrixReadOnly that reads the zoom, and sizes taken from inline styles.

class ResizeObserverStub {
  private readonly callback: ResizeObserverCallback;
  constructor(callback: ResizeObserverCallback) {
    this.callback = callback;
  }
  // Like a browser, which reports after layout, not from within `observe`.
  observe(target: Element) {
    queueMicrotask(() => this.callback([{ target } as ResizeObserverEntry], this));
  }
  unobserve() {}
  disconnect() {}
}

class DOMMatrixReadOnlyStub {
  m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([0-9.]+)\)/)?.[1];
    this.m22 = scale !== undefined ? Number(scale) : 1;
  }
}

/** Size of the canvas pane (its wrapper is sized by CSS, which jsdom does not apply). */
const PANE = { width: 1600, height: 1000 };

/** Height of a side list's scrolling area, and of one of its rows (useListWindow measures both). */
const LIST_HEIGHT = 600;
const ROW_HEIGHT = 40;

function size(element: HTMLElement, axis: "width" | "height"): number {
  const inline = Number.parseFloat(element.style[axis]);
  if (Number.isFinite(inline) && !element.style[axis].endsWith("%")) return inline;
  // React Flow measures its renderer, which fills the wrapper.
  if (
    element.classList.contains("react-flow") ||
    element.classList.contains("react-flow__renderer")
  ) {
    return PANE[axis];
  }
  if (axis === "height" && element.classList.contains("list")) return LIST_HEIGHT;
  if (axis === "height" && element.classList.contains("list-item")) return ROW_HEIGHT;
  return 1;
}

globalThis.ResizeObserver = ResizeObserverStub as unknown as typeof ResizeObserver;
globalThis.DOMMatrixReadOnly = DOMMatrixReadOnlyStub as unknown as typeof DOMMatrixReadOnly;
Object.defineProperties(HTMLElement.prototype, {
  offsetWidth: {
    configurable: true,
    get(this: HTMLElement) {
      return size(this, "width");
    },
  },
  offsetHeight: {
    configurable: true,
    get(this: HTMLElement) {
      return size(this, "height");
    },
  },
  // d3-zoom's animated moves (fit view with a duration) take the pane's size from these.
  clientWidth: {
    configurable: true,
    get(this: HTMLElement) {
      return size(this, "width");
    },
  },
  clientHeight: {
    configurable: true,
    get(this: HTMLElement) {
      return size(this, "height");
    },
  },
});
(SVGElement.prototype as unknown as { getBBox: () => DOMRect }).getBBox = () =>
  ({ x: 0, y: 0, width: 0, height: 0 }) as DOMRect;

if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      // Tests run as with "reduce motion" on: moves of the view are not animated.
      matches: query === "(prefers-reduced-motion: reduce)",
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

afterEach(() => {
  cleanup();
  uninstallFakeBackend();
  // The store is a module-wide singleton: give each test a fresh window's store.
  useMap.setState(useMap.getInitialState(), true);
  useCanvas.setState(useCanvas.getInitialState(), true);
});

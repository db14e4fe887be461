// What the canvas benchmark runs inside the page (sent with WebDriver's executeScript, so each
// function must stand alone: no closures over this module).

/**
 * Installs `window.__bench`: a frame recorder (requestAnimationFrame), a count of the pointer
 * moves that reach the page while it records, the time of every pointerup, and the start and end
 * of every `apply` sent to the Rust side. In the real app Tauri's `invoke` cannot be replaced, so
 * the IPC request (a `fetch` to the `ipc:` protocol, which Tauri looks up on each call) is
 * watched; against the fake, its `invoke` is. Returns how the IPC is watched, or null when it
 * cannot be.
 */
export function installProbe() {
  if (window.__bench) return window.__bench.watchesIpc;
  const bench = {
    recording: false,
    frames: [],
    moves: 0,
    pointerUps: [],
    applies: [],
    watchesIpc: null,
  };
  window.__bench = bench;
  window.addEventListener("pointerup", () => bench.pointerUps.push(performance.now()), true);
  window.addEventListener(
    "pointermove",
    () => {
      if (bench.recording) bench.moves += 1;
    },
    true,
  );
  const track = (promise) => {
    const start = performance.now();
    const done = (ok) => () => {
      const stored = performance.now();
      // The next frame after the answer came back: the store has taken it and React rendered.
      requestAnimationFrame(() =>
        bench.applies.push({ start, stored, painted: performance.now(), ok }),
      );
    };
    promise.then(done(true), done(false));
    return promise;
  };
  const internals = window.__TAURI_INTERNALS__;
  if (internals && typeof internals.invoke === "function") {
    const original = internals.invoke;
    const watched = function (cmd, args, options) {
      const promise = original.call(this, cmd, args, options);
      return cmd === "apply" ? track(promise) : promise;
    };
    try {
      internals.invoke = watched;
    } catch {
      // read-only, as in the real app
    }
    if (internals.invoke === watched) bench.watchesIpc = "invoke";
  }
  if (!bench.watchesIpc) {
    const original = window.fetch;
    window.fetch = function (input, init) {
      const promise = original.call(this, input, init);
      const url = String(input?.url ?? input);
      return /^(ipc:\/\/localhost|http:\/\/ipc\.localhost)\/apply\b/.test(url)
        ? track(promise)
        : promise;
    };
    bench.watchesIpc = "fetch";
  }
  return bench.watchesIpc;
}

/**
 * Starts recording the time between animation frames, and for each frame whether it shows a new
 * scene: the view moved (React Flow's viewport transform) or the card being dragged did. WebKit
 * also runs frames that show nothing new (the recorder's own requests, between two pointer moves).
 */
export function startFrames() {
  const bench = window.__bench;
  bench.frames = [];
  bench.moved = [];
  bench.moves = 0;
  bench.recording = true;
  bench.started = performance.now();
  let last = bench.started;
  // Looked up once: the page has tens of thousands of elements (the side lists), and a
  // document-wide query on every frame cost the recorder itself about 1.7 ms a frame. The live
  // collection is searched again only after the nodes change.
  const viewport = document.querySelector(".react-flow__viewport");
  const dragging = viewport?.getElementsByClassName("react-flow__node dragging");
  const scene = () => `${viewport?.style.transform ?? ""}|${dragging?.[0]?.style.transform ?? ""}`;
  let shown = scene();
  const tick = (now) => {
    if (!bench.recording) return;
    bench.frames.push(now - last);
    last = now;
    const next = scene();
    bench.moved.push(next !== shown);
    shown = next;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Calls `done` after `count` animation frames. */
export function afterFrames(count, done) {
  const next = (left) => (left === 0 ? done() : requestAnimationFrame(() => next(left - 1)));
  next(count);
}

/**
 * Stops recording; returns the frame times (ms), whether each frame showed a new scene, the
 * recording's length and how many pointer moves reached the page.
 */
export function stopFrames() {
  const bench = window.__bench;
  bench.recording = false;
  return {
    frames: bench.frames,
    moved: bench.moved,
    duration: performance.now() - bench.started,
    moves: bench.moves,
  };
}

/** Forgets the pointerups and applies seen so far. */
export function clearDrops() {
  window.__bench.pointerUps = [];
  window.__bench.applies = [];
}

/**
 * Waits (up to `timeout` ms) for the `apply` that follows the last pointerup; returns the times
 * from that pointerup to the operation sent, to it stored (the answer back from the Rust side)
 * and to the next frame after that.
 */
export function dropTiming(timeout) {
  const bench = window.__bench;
  const deadline = performance.now() + timeout;
  return new Promise((resolve) => {
    const check = () => {
      const up = bench.pointerUps[bench.pointerUps.length - 1];
      const apply = up === undefined ? undefined : bench.applies.find((a) => a.start >= up);
      if (apply) {
        resolve({
          sent: apply.start - up,
          stored: apply.stored - up,
          painted: apply.painted - up,
          ok: apply.ok,
        });
      } else if (performance.now() > deadline) {
        resolve(null);
      } else {
        setTimeout(check, 10);
      }
    };
    check();
  });
}

/**
 * Scrolls the side list labelled `list` until the row titled `name` is rendered (the side lists
 * render only the rows in view) and brings it to the list's middle; calls `done` with whether it
 * was found. For `executeAsync`.
 */
export function scrollListTo({ list, name }, done) {
  const ul = document.querySelector(`ul[aria-label="${list}"]`);
  const scroller = ul?.parentElement;
  if (!ul || !scroller) {
    done(false);
    return;
  }
  const row = () => [...ul.querySelectorAll(".list-title")].find((t) => t.textContent === name);
  scroller.scrollTop = 0;
  const look = () => {
    const title = row();
    if (title) {
      title.scrollIntoView({ block: "center" });
      requestAnimationFrame(() => done(true));
    } else if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) {
      done(false);
    } else {
      scroller.scrollTop += scroller.clientHeight;
      // The list renders its new rows in the frame after it sees itself scroll.
      requestAnimationFrame(() => requestAnimationFrame(look));
    }
  };
  requestAnimationFrame(look);
}

/**
 * A point (viewport coordinates) on the empty canvas, away from frames and controls, scanning
 * from the canvas's middle outwards; null when there is none.
 */
export function panePoint() {
  const pane = document.querySelector(".react-flow__pane");
  if (!pane) return null;
  const box = pane.getBoundingClientRect();
  const cx = box.left + box.width / 2;
  const cy = box.top + box.height / 2;
  for (let r = 0; r < Math.max(box.width, box.height) / 2; r += 6) {
    for (let a = 0; a < 16; a++) {
      const x = Math.round(cx + r * Math.cos((a * Math.PI) / 8));
      const y = Math.round(cy + r * Math.sin((a * Math.PI) / 8));
      if (x < box.left + 40 || x > box.right - 40 || y < box.top + 40 || y > box.bottom - 40) {
        continue;
      }
      if (document.elementFromPoint(x, y) === pane) return { x, y };
    }
  }
  return null;
}

/** The centre (viewport coordinates) of the first card fully on screen in the canvas, and its id. */
export function visibleCard() {
  const pane = document.querySelector(".react-flow__pane");
  if (!pane) return null;
  const view = pane.getBoundingClientRect();
  for (const node of document.querySelectorAll(".react-flow__node-card")) {
    const box = node.getBoundingClientRect();
    if (
      box.left > view.left + 20 &&
      box.right < view.right - 200 &&
      box.top > view.top + 20 &&
      box.bottom < view.bottom - 20
    ) {
      return {
        id: node.getAttribute("data-id"),
        x: Math.round(box.left + box.width / 2),
        y: Math.round(box.top + box.height / 2),
        width: box.width,
        height: box.height,
      };
    }
  }
  return null;
}

/** The canvas's zoom, and how many cards and frames are in the DOM. */
export function canvasState() {
  const viewport = document.querySelector(".react-flow__viewport");
  const match = viewport ? /scale\(([\d.]+)\)/.exec(viewport.style.transform) : null;
  return {
    zoom: match ? Number(match[1]) : null,
    cards: document.querySelectorAll(".react-flow__node-card").length,
    frames: document.querySelectorAll(".react-flow__node-frame").length,
    edges: document.querySelectorAll(".react-flow__edge").length,
  };
}

/** Where the page's top left corner is on the X screen (pixels). */
export function pageOnScreen() {
  return {
    left: window.screenX + window.outerWidth - window.innerWidth,
    top: window.screenY + window.outerHeight - window.innerHeight,
  };
}

/**
 * The canvas's pane on the screen (X screen pixels): its box in the page moved by where the page
 * is in the window and the window on the screen.
 */
export function paneOnScreen() {
  const r = document.querySelector(".react-flow__pane").getBoundingClientRect();
  const left = window.screenX + window.outerWidth - window.innerWidth;
  const top = window.screenY + window.outerHeight - window.innerHeight;
  return {
    x: Math.round(left + r.left),
    y: Math.round(top + r.top),
    width: Math.round(r.width),
    height: Math.round(r.height),
  };
}

/** The centre of the canvas's pane (viewport pixels): where the wheel is turned. */
export function paneCentre() {
  const r = document.querySelector(".react-flow__pane").getBoundingClientRect();
  return { x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) };
}

/**
 * Turns the mouse wheel at `x`, `y` (viewport pixels) from inside the page: one wheel event of
 * `deltaY` every `stepMs`, `ticks` of them, or fewer once the canvas's zoom is at least `untilZoom`
 * (when given). WebKitWebDriver merges wheel actions that follow each other (twelve 16 ms scroll
 * actions reached the page as three events 100 ms apart), so a gesture of many small steps has to
 * be sent this way. The canvas's zoom handling (d3-zoom under React Flow) takes these events as
 * it takes the wheel's. Calls `done` with the number of events sent and the zoom reached.
 */
export function wheelGesture({ x, y, deltaY, ticks, stepMs, untilZoom }, done) {
  const zoom = () => {
    const viewport = document.querySelector(".react-flow__viewport");
    const match = viewport ? /scale\(([\d.]+)\)/.exec(viewport.style.transform) : null;
    return match ? Number(match[1]) : null;
  };
  let sent = 0;
  const tick = () => {
    const reached = untilZoom !== undefined && (zoom() ?? 0) >= untilZoom;
    if (sent >= ticks || reached) {
      done({ sent, zoom: zoom() });
      return;
    }
    const target = document.elementFromPoint(x, y) ?? document.body;
    target.dispatchEvent(
      new WheelEvent("wheel", {
        deltaY,
        deltaMode: 0,
        clientX: x,
        clientY: y,
        bubbles: true,
        cancelable: true,
      }),
    );
    sent++;
    setTimeout(tick, stepMs);
  };
  tick();
}

#!/usr/bin/python3
"""Moves the mouse through the X server, as a real mouse does, for the canvas benchmark.

WebDriver's pointer actions reach the page through WebKit's automation, past GTK's event
handling; a real mouse's moves come from the X server to the window. This sends the same kind of
gesture through the X server's XTest extension, so that it takes the real mouse's way:

  x_pointer.py press X Y
      moves the pointer to X, Y (screen pixels) and presses the left button, leaving it down;
  x_pointer.py drag X Y STEPS DX DY STEP_MS END
      from X, Y: STEPS moves, the first half by DX, DY each and the rest back, one every STEP_MS
      milliseconds (on a steady clock, not after each other), then to END pixels right of X, Y,
      and after 30 ms releases the button (as scenarios.mjs's moveAndRelease does).
"""

import sys
import time

try:
    from Xlib import X, display
    from Xlib.ext import xtest
except ImportError:
    sys.exit("x_pointer.py needs python3-xlib (apt-get install python3-xlib)")


def move(screen, x: float, y: float) -> None:
    xtest.fake_input(screen, X.MotionNotify, x=round(x), y=round(y))
    screen.sync()


def wait_until(deadline: float) -> None:
    while (left := deadline - time.perf_counter()) > 0:
        time.sleep(min(left, 0.001))


def main() -> None:
    screen = display.Display()
    if not screen.has_extension("XTEST"):
        sys.exit(f"the X server on {screen.get_display_name()} has no XTEST extension")
    command, *args = sys.argv[1:] or ["?"]
    if command == "press" and len(args) == 2:
        x, y = (float(a) for a in args)
        move(screen, x, y)
        time.sleep(0.05)
        xtest.fake_input(screen, X.ButtonPress, 1)
        screen.sync()
    elif command == "drag" and len(args) == 7:
        x0, y0, steps, dx, dy, step_ms, end = (float(a) for a in args)
        x, y = x0, y0
        half = int(steps) // 2
        start = time.perf_counter()
        for i in range(int(steps) + 1):
            if i < int(steps):
                sign = 1 if i < half else -1
                x, y = x + sign * dx, y + sign * dy
            else:
                x, y = x0 + end, y0
            wait_until(start + (i + 1) * step_ms / 1000)
            move(screen, x, y)
        time.sleep(0.03)
        xtest.fake_input(screen, X.ButtonRelease, 1)
        screen.sync()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Reports every update of the X screen, for the canvas benchmark (screen.mjs).

Watches the root window of $DISPLAY with the X DAMAGE extension, which the X server notifies
whenever anything is drawn on the screen, the app's window included. Prints "ready" once it
watches, then one JSON line per damaged rectangle:
[server time in ms, x, y, width, height]. Stops when its standard input closes.

The times are the X server's, so they say when a picture reached the screen, whatever the page
inside the app was doing; nothing is added to the page to get them.
"""

import json
import select
import sys

try:
    from Xlib import display
    from Xlib.ext import damage
except ImportError:
    sys.exit("screen_updates.py needs python3-xlib (apt-get install python3-xlib)")


def main() -> None:
    screen = display.Display()
    if not screen.has_extension("DAMAGE"):
        sys.exit(f"the X server on {screen.get_display_name()} has no DAMAGE extension")
    screen.damage_query_version()
    root = screen.screen().root
    # Raw rectangles: one event per drawing, never merged, so that no update is left out.
    root.damage_create(damage.DamageReportRawRectangles)
    screen.flush()
    print("ready", flush=True)
    notify = screen.extension_event.DamageNotify
    while True:
        ready, _, _ = select.select([screen.fileno(), sys.stdin], [], [])
        if sys.stdin in ready and not sys.stdin.readline():
            return
        while screen.pending_events():
            event = screen.next_event()
            if event.type == notify:
                area = event.area
                line = [event.timestamp, area.x, area.y, area.width, area.height]
                print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()

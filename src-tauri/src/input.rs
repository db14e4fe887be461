//! Pointer input on Linux: every pointer move reaches the webview as it comes.
//!
//! GTK 3 normally compresses pointer motion: when several moves are waiting, only the last one is
//! delivered. The page then misses moves, and a pan or drag of the canvas shows some pictures late
//! or skips them. Measured with a mouse driven through the X server (XTest) on the canvas
//! benchmark's map (docs/benchmarks.md): with compression, 46 to 59 of a pan's 61 moves reached the
//! page and it showed about 52 pictures a second; without, all 61 and about 57. MyPaint works
//! around the same compression for its strokes. WebKit itself still coalesces moves while the page
//! is busy, so a fast mouse does not flood the page.

/// Turns GTK's motion compression off for a window's webview (and the window around it).
#[cfg(target_os = "linux")]
pub fn deliver_every_move(window: &tauri::WebviewWindow) -> tauri::Result<()> {
    use gtk::prelude::{Cast, WidgetExt};
    window.with_webview(|webview| {
        // The webview draws into its own GDK window once realized; the window around it gets
        // the events that land outside it.
        let uncompressed = |widget: &gtk::Widget| {
            let around = widget.toplevel();
            for part in [Some(widget), around.as_ref()].into_iter().flatten() {
                if let Some(gdk_window) = part.window() {
                    gdk_window.set_event_compression(false);
                }
            }
        };
        let view: gtk::Widget = webview.inner().upcast();
        uncompressed(&view);
        view.connect_realize(uncompressed);
    })
}

/// Other systems deliver pointer moves to their webviews themselves.
#[cfg(not(target_os = "linux"))]
pub fn deliver_every_move(_window: &tauri::WebviewWindow) -> tauri::Result<()> {
    Ok(())
}

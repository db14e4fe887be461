//! The PNG canvas: paints the drawing with tiny-skia (the rasteriser under resvg), text as the
//! outlines of the embedded Inter glyphs, then encodes it as PNG.
//!
//! A whole large map at 2x is hundreds of megapixels, so the image is painted in horizontal
//! strips, on as many threads as there are cores, while the PNG encoder takes the finished
//! strips in order: memory stays at a few strips, and painting overlaps encoding.

use std::io::Write;
use std::sync::mpsc;

use tiny_skia::{
    FillRule, LineCap, Paint as SkPaint, Path, PathBuilder, Pixmap, Rect as SkRect, Stroke,
    StrokeDash, Transform,
};

use crate::error::{Error, Result};

use super::RenderOptions;
use super::draw::{self, Anchor, Canvas, Paint, Rgb, Seg, Text};
use super::fonts::Measure;
use super::scene::{Rect, Scene};

/// The widest or tallest image an export makes, in pixels.
pub const MAX_SIDE: u32 = 32_000;
/// The most pixels an export makes.
pub const MAX_PIXELS: u64 = 400_000_000;

/// Rows painted at a time.
const STRIP: u32 = 256;
/// Columns painted at a time: tiny-skia splits anything wider than 8,191 pixels into tiles of
/// its own on every fill, which makes a wide image several times slower.
const TILE: u32 = 2048;
/// Pixels above which the encoder trades file size for speed.
const LARGE: u64 = 100_000_000;

/// The pixel size of a view of `width` × `height` canvas units at `scale`.
pub fn pixel_size(width: f64, height: f64, scale: f32) -> (u32, u32) {
    let side = |v: f64| {
        (v * f64::from(scale))
            .ceil()
            .clamp(1.0, f64::from(u32::MAX)) as u32
    };
    (side(width), side(height))
}

/// Refuses an image too large to make.
pub fn check_size(width: f64, height: f64, scale: f32) -> Result<(u32, u32)> {
    let (w, h) = pixel_size(width, height, scale);
    if w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(Error::invalid(
            "scale",
            format!(
                "the image would be {w} × {h} pixels, over the limit ({MAX_SIDE} pixels a side, \
                 {} million pixels); choose a smaller scale, one project or the current view",
                MAX_PIXELS / 1_000_000
            ),
        ));
    }
    Ok((w, h))
}

/// One shape to fill, in canvas units.
struct Item {
    path: Path,
    paint: SkPaint<'static>,
    /// Its bounds, to skip tiles it does not touch.
    left: f32,
    top: f32,
    right: f32,
    bottom: f32,
}

/// Collects the drawing as tiny-skia shapes.
struct Painter {
    /// Pixels per canvas unit, for the precision of strokes.
    scale: f32,
    background: Option<Rgb>,
    items: Vec<Item>,
    measure: Measure,
}

fn sk_paint(paint: Paint) -> (SkPaint<'static>, Option<Stroke>) {
    let (color, opacity, stroke) = match paint {
        Paint::Fill { color, opacity } => (color, opacity, None),
        Paint::Stroke {
            color,
            opacity,
            width,
            dash,
        } => {
            let stroke = Stroke {
                width: width as f32,
                line_cap: LineCap::Butt,
                dash: dash.and_then(|[on, off]| StrokeDash::new(vec![on as f32, off as f32], 0.0)),
                ..Stroke::default()
            };
            (color, opacity, Some(stroke))
        }
    };
    let mut sk = SkPaint::default();
    sk.set_color_rgba8(
        color.0,
        color.1,
        color.2,
        (opacity.clamp(0.0, 1.0) * 255.0).round() as u8,
    );
    sk.anti_alias = true;
    (sk, stroke)
}

impl Painter {
    /// Adds a shape; a stroke is turned into the outline it paints here, once, rather than on
    /// every tile it crosses.
    fn push(&mut self, path: Option<Path>, paint: Paint) {
        let Some(path) = path else { return };
        let (paint, stroke) = sk_paint(paint);
        let path = match &stroke {
            None => path,
            Some(stroke) => {
                let dashed = match &stroke.dash {
                    Some(dash) => path.dash(dash, self.scale),
                    None => Some(path),
                };
                let plain = Stroke {
                    dash: None,
                    ..stroke.clone()
                };
                let Some(outline) = dashed.and_then(|p| p.stroke(&plain, self.scale)) else {
                    return;
                };
                outline
            }
        };
        let b = path.bounds();
        self.items.push(Item {
            left: b.left() - 1.0,
            top: b.top() - 1.0,
            right: b.right() + 1.0,
            bottom: b.bottom() + 1.0,
            path,
            paint,
        });
    }
}

fn rounded(r: Rect, radius: f64) -> Option<Path> {
    let (x, y, w, h) = (r.x as f32, r.y as f32, r.width as f32, r.height as f32);
    if radius <= 0.0 {
        return Some(PathBuilder::from_rect(SkRect::from_xywh(x, y, w, h)?));
    }
    let k = draw::KAPPA as f32;
    let rad = (radius as f32).min(w / 2.0).min(h / 2.0);
    let c = rad * (1.0 - k);
    let (r, b) = (x + w, y + h);
    let mut pb = PathBuilder::new();
    pb.move_to(x + rad, y);
    pb.line_to(r - rad, y);
    pb.cubic_to(r - c, y, r, y + c, r, y + rad);
    pb.line_to(r, b - rad);
    pb.cubic_to(r, b - c, r - c, b, r - rad, b);
    pb.line_to(x + rad, b);
    pb.cubic_to(x + c, b, x, b - c, x, b - rad);
    pb.line_to(x, y + rad);
    pb.cubic_to(x, y + c, x + c, y, x + rad, y);
    pb.close();
    pb.finish()
}

impl Canvas for Painter {
    fn background(&mut self, _view: Rect, color: Rgb) {
        self.background = Some(color);
    }

    fn rect(&mut self, r: Rect, radius: f64, paint: Paint) {
        self.push(rounded(r, radius), paint);
    }

    fn circle(&mut self, cx: f64, cy: f64, r: f64, paint: Paint) {
        self.push(
            PathBuilder::from_circle(cx as f32, cy as f32, r as f32),
            paint,
        );
    }

    fn line(&mut self, from: (f64, f64), to: (f64, f64), paint: Paint) {
        let mut pb = PathBuilder::new();
        pb.move_to(from.0 as f32, from.1 as f32);
        pb.line_to(to.0 as f32, to.1 as f32);
        self.push(pb.finish(), paint);
    }

    fn path(&mut self, segs: &[Seg], paint: Paint) {
        let mut pb = PathBuilder::new();
        for seg in segs {
            match *seg {
                Seg::Move(x, y) => pb.move_to(x as f32, y as f32),
                Seg::Line(x, y) => pb.line_to(x as f32, y as f32),
                Seg::Cubic(a, b, c, d, x, y) => {
                    pb.cubic_to(a as f32, b as f32, c as f32, d as f32, x as f32, y as f32)
                }
                Seg::Close => pb.close(),
            }
        }
        self.push(pb.finish(), paint);
    }

    fn text(&mut self, t: Text) {
        let width = self.measure.width(&t.text, t.weight, t.size);
        let x = match t.anchor {
            Anchor::Start => t.x,
            Anchor::Middle => t.x - width / 2.0,
            Anchor::End => t.x - width,
        };
        if let Some(path) = self.measure.outline(&t.text, t.weight, t.size, x, t.y) {
            self.push(
                Some(path),
                Paint::Fill {
                    color: t.color,
                    opacity: 1.0,
                },
            );
        }
    }
}

/// Paints `scene` at `options.scale` and encodes it as PNG.
pub fn render(scene: &Scene<'_>, options: &RenderOptions) -> Result<Vec<u8>> {
    let (width, height) = check_size(scene.view.width, scene.view.height, options.scale)?;
    let mut painter = Painter {
        scale: options.scale,
        background: None,
        items: Vec::with_capacity(20 * scene.cards.len() + 10 * scene.frames.len() + 1),
        measure: Measure::new(),
    };
    draw::draw(scene, options, &mut painter);
    let background = painter.background;
    let items = painter.items;
    let scale = options.scale;
    let (vx, vy) = (scene.view.x as f32, scene.view.y as f32);

    // Paints rows top..top+rows into straight (not premultiplied) RGBA bytes, tile by tile.
    let paint_strip = |top: u32| -> Result<Vec<u8>> {
        let rows = STRIP.min(height - top);
        let row_bytes = width as usize * 4;
        let mut bytes = vec![0u8; row_bytes * rows as usize];
        let (from, to) = (vy + top as f32 / scale, vy + (top + rows) as f32 / scale);
        for left in (0..width).step_by(TILE as usize) {
            let columns = TILE.min(width - left);
            let mut tile = Pixmap::new(columns, rows).ok_or_else(|| {
                Error::invalid("scale", format!("cannot make a {columns} × {rows} image"))
            })?;
            if let Some(Rgb(r, g, b)) = background {
                tile.fill(tiny_skia::Color::from_rgba8(r, g, b, 255));
            }
            let transform = Transform::from_row(
                scale,
                0.0,
                0.0,
                scale,
                -vx * scale - left as f32,
                -vy * scale - top as f32,
            );
            let (west, east) = (
                vx + left as f32 / scale,
                vx + (left + columns) as f32 / scale,
            );
            for item in &items {
                if item.bottom < from || item.top > to || item.right < west || item.left > east {
                    continue;
                }
                tile.fill_path(&item.path, &item.paint, FillRule::Winding, transform, None);
            }
            let tile_row = columns as usize * 4;
            for (y, row) in tile.data().chunks_exact(tile_row).enumerate() {
                let at = y * row_bytes + left as usize * 4;
                let dest = &mut bytes[at..at + tile_row];
                if background.is_some() {
                    // Every pixel is opaque: premultiplied and straight colours are the same.
                    dest.copy_from_slice(row);
                } else {
                    for (d, p) in dest.chunks_exact_mut(4).zip(row.chunks_exact(4)) {
                        let c = tiny_skia::PremultipliedColorU8::from_rgba(p[0], p[1], p[2], p[3])
                            .map_or([0; 4], |c| {
                                let c = c.demultiply();
                                [c.red(), c.green(), c.blue(), c.alpha()]
                            });
                        d.copy_from_slice(&c);
                    }
                }
            }
        }
        Ok(bytes)
    };

    let mut out = Vec::new();
    let failed = |e: png::EncodingError| Error::invalid("png", format!("encoding the image: {e}"));
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    // Fast deflate, with the filter chosen per row; for very large images only the "up" filter
    // (twice the file size, but it keeps the encoder up with the painters).
    encoder.set_compression(if u64::from(width) * u64::from(height) > LARGE {
        png::Compression::Fastest
    } else {
        png::Compression::Fast
    });
    let mut writer = encoder.write_header().map_err(failed)?;
    let mut stream = writer.stream_writer().map_err(failed)?;
    let strips: Vec<u32> = (0..height).step_by(STRIP as usize).collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
        .min(strips.len());
    std::thread::scope(|s| -> Result<()> {
        let mut inboxes = Vec::with_capacity(workers);
        for k in 0..workers {
            let (tx, rx) = mpsc::sync_channel::<Result<Vec<u8>>>(1);
            inboxes.push(rx);
            let strips = &strips;
            let paint_strip = &paint_strip;
            s.spawn(move || {
                for &top in strips.iter().skip(k).step_by(workers) {
                    // A closed inbox means the encoder gave up: stop painting.
                    if tx.send(paint_strip(top)).is_err() {
                        break;
                    }
                }
            });
        }
        for n in 0..strips.len() {
            let bytes = inboxes[n % workers]
                .recv()
                .map_err(|e| Error::invalid("png", format!("painting the image: {e}")))??;
            stream
                .write_all(&bytes)
                .map_err(|e| Error::invalid("png", format!("encoding the image: {e}")))?;
        }
        Ok(())
    })?;
    stream.finish().map_err(failed)?;
    writer.finish().map_err(failed)?;
    Ok(out)
}

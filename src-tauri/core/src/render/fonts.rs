//! The type of exports: Inter, from the very files the UI ships (`ui/src/assets/fonts/`),
//! embedded in the binary. No system font is loaded, so an export is the same on every machine.
//!
//! Text is measured by shaping it with the same shaper resvg uses (harfrust), so long names are
//! cut with an ellipsis where they would overflow.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use harfrust::{FontRef, ShapeOptions, Shaper, ShaperData, UnicodeBuffer};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use tiny_skia::{Path, PathBuilder};

/// The family name written in SVG.
pub const FAMILY: &str = "Inter";

const REGULAR: &[u8] = include_bytes!("../../../../ui/src/assets/fonts/Inter-Regular.ttf");
const SEMIBOLD: &[u8] = include_bytes!("../../../../ui/src/assets/fonts/Inter-SemiBold.ttf");
const BOLD: &[u8] = include_bytes!("../../../../ui/src/assets/fonts/Inter-Bold.ttf");

/// The weights the canvas uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    Regular,
    SemiBold,
    Bold,
}

impl Weight {
    /// The TrueType file of this weight.
    pub fn data(self) -> &'static [u8] {
        match self {
            Weight::Regular => REGULAR,
            Weight::SemiBold => SEMIBOLD,
            Weight::Bold => BOLD,
        }
    }
}

/// Inter's ascender and descender (hhea), in ems: where the baseline sits in a line box.
const ASCENT: f64 = 0.96875;
const DESCENT: f64 = 0.2421875;

/// The baseline of text of `size` px centred vertically on `centre` (as CSS centres a line box).
pub fn centred_baseline(centre: f64, size: f64) -> f64 {
    centre + (ASCENT - DESCENT) / 2.0 * size
}

/// The baseline of a line box of `line_height` px starting at `top`, for text of `size` px.
pub fn baseline(top: f64, size: f64, line_height: f64) -> f64 {
    top + (line_height - (ASCENT + DESCENT) * size) / 2.0 + ASCENT * size
}

struct Face {
    font: FontRef<'static>,
    data: ShaperData,
}

fn faces() -> Option<&'static [Face; 3]> {
    static FACES: OnceLock<Option<[Face; 3]>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            let face = |weight: Weight| {
                let font = FontRef::new(weight.data()).ok()?;
                let data = ShaperData::new(&font);
                Some(Face { font, data })
            };
            Some([
                face(Weight::Regular)?,
                face(Weight::SemiBold)?,
                face(Weight::Bold)?,
            ])
        })
        .as_ref()
}

/// Shaped text: each glyph's id and position (x, y), the advance width, units per em.
type Shaped = (Vec<(u32, f64, f64)>, f64, f64);

/// Measures text in the embedded faces.
pub struct Measure {
    shapers: Option<[(Shaper<'static>, f64); 3]>,
    /// Advance widths in font units, by weight and text (labels, titles and names repeat).
    widths: RefCell<HashMap<(Weight, String), f64>>,
    glyphs: HashMap<(Weight, u32), Option<Path>>,
    /// Whole lines at a size, at the origin.
    lines: HashMap<(Weight, u64, String), Option<Path>>,
}

/// Collects a glyph's outline into a tiny-skia path.
struct Pen(PathBuilder);

impl OutlinePen for Pen {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }

    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.0.quad_to(cx0, cy0, x, y);
    }

    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.0.cubic_to(cx0, cy0, cx1, cy1, x, y);
    }

    fn close(&mut self) {
        self.0.close();
    }
}

impl Default for Measure {
    fn default() -> Self {
        Self::new()
    }
}

impl Measure {
    /// A measurer for one render (shapers are built once and reused).
    pub fn new() -> Measure {
        let shapers = faces().map(|faces| {
            faces.each_ref().map(|face| {
                let shaper = face.data.shaper(&face.font).build();
                let upem = f64::from(shaper.units_per_em().max(1));
                (shaper, upem)
            })
        });
        Measure {
            shapers,
            widths: RefCell::new(HashMap::new()),
            glyphs: HashMap::new(),
            lines: HashMap::new(),
        }
    }

    /// Shapes `text`: each glyph's id and its position (x, y) in font units from the start of
    /// the line (y up), and the line's advance width in font units; `None` only if the embedded
    /// fonts failed to load.
    fn shape(&self, text: &str, weight: Weight) -> Option<Shaped> {
        let (shaper, upem) = &self.shapers.as_ref()?[weight as usize];
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let shaped = shaper.shape(buffer, ShapeOptions::new());
        let mut pen = 0i64;
        let glyphs = shaped
            .glyph_infos()
            .iter()
            .zip(shaped.glyph_positions())
            .map(|(info, pos)| {
                let at = (
                    info.glyph_id,
                    (pen + i64::from(pos.x_offset)) as f64,
                    f64::from(pos.y_offset),
                );
                pen += i64::from(pos.x_advance);
                at
            })
            .collect();
        Some((glyphs, pen as f64, *upem))
    }

    /// The advance width of `text` at `size` px, kerning included.
    pub fn width(&self, text: &str, weight: Weight, size: f64) -> f64 {
        if text.is_empty() {
            return 0.0;
        }
        let key = (weight, text.to_string());
        if let Some(units) = self.widths.borrow().get(&key) {
            return units * size / self.upem(weight);
        }
        match self.shape(text, weight) {
            Some((_, units, upem)) => {
                self.widths.borrow_mut().insert(key, units);
                units * size / upem
            }
            // The embedded fonts always parse; this only keeps a bad build from panicking.
            None => text.chars().count() as f64 * size * 0.6,
        }
    }

    fn upem(&self, weight: Weight) -> f64 {
        self.shapers
            .as_ref()
            .map_or(2048.0, |s| s[weight as usize].1)
    }

    /// The outline of `text` at `size` px starting at (x, baseline), in canvas units (y down).
    /// Glyph outlines and whole lines are kept, as the same labels come back on every card.
    pub fn outline(
        &mut self,
        text: &str,
        weight: Weight,
        size: f64,
        x: f64,
        baseline: f64,
    ) -> Option<Path> {
        let key = (weight, size.to_bits(), text.to_string());
        if !self.lines.contains_key(&key) {
            let line = self.line(text, weight, size);
            self.lines.insert(key.clone(), line);
        }
        let line = self.lines.get(&key)?.as_ref()?;
        line.clone().transform(tiny_skia::Transform::from_translate(
            x as f32,
            baseline as f32,
        ))
    }

    /// A line of text at the origin (its baseline on y = 0).
    fn line(&mut self, text: &str, weight: Weight, size: f64) -> Option<Path> {
        let (glyphs, _, upem) = self.shape(text, weight)?;
        let k = (size / upem) as f32;
        let mut builder = PathBuilder::new();
        for (id, gx, gy) in glyphs {
            let Some(glyph) = self.glyph(weight, id) else {
                continue;
            };
            let at =
                tiny_skia::Transform::from_row(k, 0.0, 0.0, -k, gx as f32 * k, -(gy as f32) * k);
            if let Some(placed) = glyph.clone().transform(at) {
                builder.push_path(&placed);
            }
        }
        builder.finish()
    }

    /// A glyph's outline in font units (y up); `None` for glyphs without one (spaces).
    fn glyph(&mut self, weight: Weight, id: u32) -> Option<&Path> {
        self.glyphs
            .entry((weight, id))
            .or_insert_with(|| {
                let font = skrifa::FontRef::new(weight.data()).ok()?;
                let outline = font.outline_glyphs().get(id.into())?;
                let mut pen = Pen(PathBuilder::new());
                let settings = DrawSettings::unhinted(Size::unscaled(), LocationRef::default());
                outline.draw(settings, &mut pen).ok()?;
                pen.0.finish()
            })
            .as_ref()
    }

    /// `text` as it fits in `max` px: whole, or cut with an ellipsis (as CSS `text-overflow:
    /// ellipsis` does); empty when not even the ellipsis fits.
    pub fn fit(&self, text: &str, weight: Weight, size: f64, max: f64) -> String {
        if self.width(text, weight, size) <= max {
            return text.to_string();
        }
        let ends: Vec<usize> = text.char_indices().map(|(i, _)| i).skip(1).collect();
        let cut = |n: usize| -> String {
            let end = if n == 0 { 0 } else { ends[n - 1] };
            format!("{}…", text[..end].trim_end())
        };
        // The longest prefix (in characters) that fits with its ellipsis.
        let (mut lo, mut hi) = (0usize, ends.len());
        if self.width(&cut(0), weight, size) > max {
            return String::new();
        }
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if self.width(&cut(mid), weight, size) <= max {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        cut(lo)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_outlines_sit_on_the_baseline_and_advance_as_measured() {
        let mut m = Measure::new();
        let width = m.width("Hx", Weight::Regular, 20.0);
        let path = m.outline("Hx", Weight::Regular, 20.0, 100.0, 50.0).unwrap();
        let b = path.bounds();
        // Cap height of Inter is about 0.73 em; nothing of "Hx" goes below the baseline.
        assert!((b.top() - (50.0 - 0.727 * 20.0)).abs() < 0.5, "{b:?}");
        assert!((b.bottom() - 50.0).abs() < 0.1, "{b:?}");
        assert!(
            b.left() >= 100.0 && b.right() <= 100.0 + width as f32 + 0.5,
            "{b:?}"
        );
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis_and_short_text_is_kept() {
        let m = Measure::new();
        let wide = m.width(
            "Alexandria Konstantinopoulou-Wetherspoon",
            Weight::SemiBold,
            14.0,
        );
        assert!(wide > 200.0, "{wide}");
        assert!(m.width("Mm", Weight::Bold, 14.0) > m.width("Mm", Weight::Regular, 14.0));
        let cut = m.fit(
            "Alexandria Konstantinopoulou-Wetherspoon",
            Weight::SemiBold,
            14.0,
            120.0,
        );
        assert!(cut.ends_with('…') && cut.starts_with("Alexandria"), "{cut}");
        assert!(m.width(&cut, Weight::SemiBold, 14.0) <= 120.0);
        assert_eq!(
            m.fit("Dana Ruiz", Weight::SemiBold, 14.0, 120.0),
            "Dana Ruiz"
        );
        assert_eq!(m.fit("Dana Ruiz", Weight::SemiBold, 14.0, 2.0), "");
    }
}

//! The SVG canvas: writes the drawing as plain SVG (rectangles, circles, lines, paths and text;
//! no `foreignObject`, scripts or external references), every text escaped.

use std::fmt::{self, Write};

use super::RenderOptions;
use super::draw::{self, Anchor, Canvas, Paint, Rgb, Seg, Text};
use super::fonts::{FAMILY, Weight};
use super::scene::{Rect, Scene};

/// The SVG document of a scene.
pub fn write(scene: &Scene<'_>, options: &RenderOptions) -> String {
    let view = scene.view;
    let scale = f64::from(options.scale);
    let mut svg = Svg(String::with_capacity(
        4096 + 2500 * scene.cards.len() + 1200 * scene.frames.len(),
    ));
    // Writing to a String cannot fail; here and below the results are ignored on that ground.
    let _ = write!(
        svg.0,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="{} {} {} {}" font-family="{FAMILY}, sans-serif">"#,
        N(view.width * scale),
        N(view.height * scale),
        N(view.x),
        N(view.y),
        N(view.width),
        N(view.height),
    );
    draw::draw(scene, options, &mut svg);
    svg.0.push_str("</svg>\n");
    svg.0
}

struct Svg(String);

/// A number as SVG wants it: at most two decimals, no trailing zeros.
struct N(f64);

impl fmt::Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = (self.0 * 100.0).round() / 100.0;
        if v == v.trunc() {
            write!(f, "{}", v as i64)
        } else {
            let text = format!("{v:.2}");
            f.write_str(text.trim_end_matches('0'))
        }
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// Text made safe for XML: characters XML cannot hold become spaces, markup is escaped.
struct Escaped<'a>(&'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            match c {
                '&' => f.write_str("&amp;")?,
                '<' => f.write_str("&lt;")?,
                '>' => f.write_str("&gt;")?,
                '"' => f.write_str("&quot;")?,
                '\'' => f.write_str("&apos;")?,
                c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => f.write_char(' ')?,
                c => f.write_char(c)?,
            }
        }
        Ok(())
    }
}

/// The paint's attributes.
struct Attrs(Paint);

impl fmt::Display for Attrs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Paint::Fill { color, opacity } => {
                write!(f, r#" fill="{color}""#)?;
                if opacity < 1.0 {
                    write!(f, r#" fill-opacity="{}""#, N(opacity))?;
                }
            }
            Paint::Stroke {
                color,
                opacity,
                width,
                dash,
            } => {
                write!(
                    f,
                    r#" fill="none" stroke="{color}" stroke-width="{}""#,
                    N(width)
                )?;
                if opacity < 1.0 {
                    write!(f, r#" stroke-opacity="{}""#, N(opacity))?;
                }
                if let Some([on, off]) = dash {
                    write!(f, r#" stroke-dasharray="{} {}""#, N(on), N(off))?;
                }
            }
        }
        Ok(())
    }
}

impl Canvas for Svg {
    fn background(&mut self, view: Rect, color: Rgb) {
        self.rect(
            view,
            0.0,
            Paint::Fill {
                color,
                opacity: 1.0,
            },
        );
    }

    fn rect(&mut self, r: Rect, radius: f64, paint: Paint) {
        let _ = write!(
            self.0,
            r#"<rect x="{}" y="{}" width="{}" height="{}""#,
            N(r.x),
            N(r.y),
            N(r.width),
            N(r.height)
        );
        if radius > 0.0 {
            let _ = write!(self.0, r#" rx="{}""#, N(radius));
        }
        let _ = write!(self.0, "{}/>", Attrs(paint));
    }

    fn circle(&mut self, cx: f64, cy: f64, r: f64, paint: Paint) {
        let _ = write!(
            self.0,
            r#"<circle cx="{}" cy="{}" r="{}"{}/>"#,
            N(cx),
            N(cy),
            N(r),
            Attrs(paint)
        );
    }

    fn line(&mut self, from: (f64, f64), to: (f64, f64), paint: Paint) {
        let _ = write!(
            self.0,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}"{}/>"#,
            N(from.0),
            N(from.1),
            N(to.0),
            N(to.1),
            Attrs(paint)
        );
    }

    fn path(&mut self, segs: &[Seg], paint: Paint) {
        self.0.push_str(r#"<path d=""#);
        for seg in segs {
            let _ = match *seg {
                Seg::Move(x, y) => write!(self.0, "M{} {}", N(x), N(y)),
                Seg::Line(x, y) => write!(self.0, "L{} {}", N(x), N(y)),
                Seg::Cubic(a, b, c, d, x, y) => write!(
                    self.0,
                    "C{} {} {} {} {} {}",
                    N(a),
                    N(b),
                    N(c),
                    N(d),
                    N(x),
                    N(y)
                ),
                Seg::Close => write!(self.0, "Z"),
            };
        }
        let _ = write!(self.0, "\"{}/>", Attrs(paint));
    }

    fn text(&mut self, t: Text) {
        let _ = write!(
            self.0,
            r#"<text x="{}" y="{}" font-size="{}"{}{}{}>{}</text>"#,
            N(t.x),
            N(t.y),
            N(t.size),
            match t.weight {
                Weight::Regular => "",
                Weight::SemiBold => r#" font-weight="600""#,
                Weight::Bold => r#" font-weight="700""#,
            },
            Attrs(Paint::Fill {
                color: t.color,
                opacity: 1.0
            }),
            match t.anchor {
                Anchor::Start => "",
                Anchor::Middle => r#" text-anchor="middle""#,
                Anchor::End => r#" text-anchor="end""#,
            },
            Escaped(&t.text),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_text_is_escaped() {
        assert_eq!(N(12.0).to_string(), "12");
        assert_eq!(N(-3.5).to_string(), "-3.5");
        assert_eq!(N(1.0 / 3.0).to_string(), "0.33");
        assert_eq!(Rgb(79, 70, 229).to_string(), "#4f46e5");
        assert_eq!(
            Escaped("<b a=\"1\">Tom & 'Jerry'\u{1}</b>").to_string(),
            "&lt;b a=&quot;1&quot;&gt;Tom &amp; &apos;Jerry&apos; &lt;/b&gt;"
        );
    }
}

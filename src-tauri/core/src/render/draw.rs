//! Draws a scene with a handful of primitives (rectangles, circles, lines, paths, single lines of
//! text) on a [`Canvas`]. The SVG writer and the PNG painter are two canvases, so both exports
//! come from this one description of the canvas's look (`.frame`, `.card`, `.edge-*` in
//! `ui/src/styles.css`, `nodes.tsx` for what each shows).

use super::fonts::{self, Measure, Weight};
use super::scene::{CardItem, EdgeItem, FrameItem, Rect, Scene};
use super::style::{CARD_HEIGHT, CARD_WIDTH, Palette};
use super::{Background, RenderOptions};

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#rrggbb` (the palette's colours); anything else is black.
    pub fn hex(text: &str) -> Rgb {
        let channel = |at: usize| {
            text.get(at..at + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .unwrap_or(0)
        };
        Rgb(channel(1), channel(3), channel(5))
    }

    /// `self` at `opacity` over the opaque `under`.
    fn over(self, opacity: f64, under: Rgb) -> Rgb {
        let mix =
            |a: u8, b: u8| (f64::from(a) * opacity + f64::from(b) * (1.0 - opacity)).round() as u8;
        Rgb(
            mix(self.0, under.0),
            mix(self.1, under.1),
            mix(self.2, under.2),
        )
    }
}

/// How a shape is painted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Paint {
    Fill {
        color: Rgb,
        opacity: f64,
    },
    Stroke {
        color: Rgb,
        opacity: f64,
        width: f64,
        /// Dash and gap lengths.
        dash: Option<[f64; 2]>,
    },
}

fn fill(color: &str) -> Paint {
    Paint::Fill {
        color: Rgb::hex(color),
        opacity: 1.0,
    }
}

/// One piece of a path outline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Seg {
    Move(f64, f64),
    Line(f64, f64),
    /// A cubic Bézier curve: two control points and the end.
    Cubic(f64, f64, f64, f64, f64, f64),
    Close,
}

/// Where a line of text is anchored on its `x`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// One line of text, already cut to fit.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub x: f64,
    /// The baseline.
    pub y: f64,
    pub size: f64,
    pub weight: Weight,
    pub color: Rgb,
    pub anchor: Anchor,
    pub text: String,
}

/// What the drawing is painted on.
pub trait Canvas {
    /// Paints the whole view in one colour (called first, if at all).
    fn background(&mut self, view: Rect, color: Rgb);
    fn rect(&mut self, rect: Rect, radius: f64, paint: Paint);
    fn circle(&mut self, cx: f64, cy: f64, r: f64, paint: Paint);
    fn line(&mut self, from: (f64, f64), to: (f64, f64), paint: Paint);
    fn path(&mut self, segs: &[Seg], paint: Paint);
    fn text(&mut self, text: Text);
}

/// The share of a quarter circle's radius at which a cubic's control points sit.
pub const KAPPA: f64 = 0.552_284_75;

/// A quarter-ellipse corner from `from` to `to` around the box corner `corner`.
fn corner(from: (f64, f64), corner: (f64, f64), to: (f64, f64)) -> Seg {
    Seg::Cubic(
        from.0 + KAPPA * (corner.0 - from.0),
        from.1 + KAPPA * (corner.1 - from.1),
        to.0 + KAPPA * (corner.0 - to.0),
        to.1 + KAPPA * (corner.1 - to.1),
        to.0,
        to.1,
    )
}

/// Draws `scene` on `canvas`.
pub fn draw(scene: &Scene<'_>, options: &RenderOptions, canvas: &mut impl Canvas) {
    let palette = Palette::of(options.theme);
    let opaque = options.background == Background::White;
    if opaque {
        canvas.background(scene.view, Rgb::hex(palette.bg));
    }
    // Over an opaque background the frames' faint tint is one opaque colour (faster to paint,
    // the same to see).
    let frame_fill = if opaque {
        Paint::Fill {
            color: Rgb::hex(palette.frame_fill)
                .over(palette.frame_fill_opacity, Rgb::hex(palette.bg)),
            opacity: 1.0,
        }
    } else {
        Paint::Fill {
            color: Rgb::hex(palette.frame_fill),
            opacity: palette.frame_fill_opacity,
        }
    };
    let mut d = Drawer {
        canvas,
        palette,
        measure: Measure::new(),
    };
    for frame in &scene.frames {
        d.frame(frame, frame_fill);
    }
    for edge in &scene.edges {
        d.edge(edge);
    }
    for card in &scene.cards {
        d.card(card);
    }
}

struct Drawer<'c, C> {
    canvas: &'c mut C,
    palette: &'static Palette,
    measure: Measure,
}

impl<C: Canvas> Drawer<'_, C> {
    /// Writes `text` (nothing when empty) at `at` with its baseline there.
    fn text(
        &mut self,
        at: (f64, f64),
        font: (f64, Weight),
        color: &str,
        anchor: Anchor,
        text: String,
    ) {
        if !text.is_empty() {
            self.canvas.text(Text {
                x: at.0,
                y: at.1,
                size: font.0,
                weight: font.1,
                color: Rgb::hex(color),
                anchor,
                text,
            });
        }
    }

    /// `text` without control characters, cut with an ellipsis to `max` px.
    fn fit(&self, text: &str, weight: Weight, size: f64, max: f64) -> String {
        let clean: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        self.measure.fit(clean.trim(), weight, size, max)
    }

    /// `.frame` and `.frame-header`.
    fn frame(&mut self, frame: &FrameItem<'_>, tint: Paint) {
        let p = self.palette;
        let r = frame.rect;
        let (x, y) = (r.x, r.y);
        // The 1.5 px border lies inside the box (`box-sizing: border-box`).
        let inner = Rect {
            x: x + 0.75,
            y: y + 0.75,
            width: (r.width - 1.5).max(0.0),
            height: (r.height - 1.5).max(0.0),
        };
        self.canvas.rect(inner, 11.25, tint);
        self.canvas.rect(
            inner,
            11.25,
            Paint::Stroke {
                color: Rgb::hex(p.frame_border),
                opacity: 1.0,
                width: 1.5,
                dash: None,
            },
        );
        let base = y + fonts::baseline(10.0, 16.0, 22.4);
        let status = frame.project.status;
        self.canvas
            .circle(x + 18.0, base - 4.0, 4.0, fill(p.status(status)));
        // From the right: the coverage badge, then the number of stakeholders.
        let mut right = x + r.width - 14.0;
        if let Some((score, band)) = frame.coverage {
            let label = score.to_string();
            let width = (self.measure.width(&label, Weight::Bold, 12.0) + 14.0).max(32.0);
            let centre = y + 10.0 + 11.2;
            let badge = Rect {
                x: right - width,
                y: centre - 11.0,
                width,
                height: 22.0,
            };
            self.canvas.rect(badge, 11.0, fill(p.band(band)));
            let baseline = fonts::centred_baseline(centre, 12.0);
            self.text(
                (right - width / 2.0, baseline),
                (12.0, Weight::Bold),
                p.band_text,
                Anchor::Middle,
                label,
            );
            right -= width + 8.0;
        }
        let count = frame.stakes.to_string();
        let count_width = self.measure.width(&count, Weight::Regular, 12.0);
        self.text(
            (right, base),
            (12.0, Weight::Regular),
            p.muted,
            Anchor::End,
            count,
        );
        right -= count_width + 8.0;
        let title_x = x + 30.0;
        let title = self.fit(
            &frame.project.name,
            Weight::SemiBold,
            16.0,
            (right - title_x).max(0.0),
        );
        let meta_x = title_x + self.measure.width(&title, Weight::SemiBold, 16.0) + 8.0;
        self.text(
            (title_x, base),
            (16.0, Weight::SemiBold),
            p.text,
            Anchor::Start,
            title,
        );
        let parts: Vec<&str> = [
            frame.organization.unwrap_or(""),
            status.label(),
            frame.project.stage.as_str(),
        ]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect();
        let meta = self.fit(&parts.join(" · "), Weight::Regular, 12.0, right - meta_x);
        self.text(
            (meta_x, base),
            (12.0, Weight::Regular),
            p.muted,
            Anchor::Start,
            meta,
        );
        if frame.stakes == 0 {
            let empty = self.fit(
                "No stakeholders mapped yet.",
                Weight::Regular,
                14.0,
                r.width - 32.0,
            );
            let baseline = y + 42.4 + 24.0 + fonts::baseline(0.0, 14.0, 19.6);
            self.text(
                (x + 16.0, baseline),
                (14.0, Weight::Regular),
                p.muted,
                Anchor::Start,
                empty,
            );
        }
    }

    /// `.react-flow__edge.edge-*`: a straight line between card centres.
    fn edge(&mut self, edge: &EdgeItem) {
        let (stroke, width, dash) = self.palette.edge(edge.kind);
        self.canvas.line(
            edge.from,
            edge.to,
            Paint::Stroke {
                color: Rgb::hex(stroke),
                opacity: 1.0,
                width,
                dash,
            },
        );
    }

    /// `.card` and its parts.
    fn card(&mut self, card: &CardItem) {
        let p = self.palette;
        let (x, y) = (card.rect.x, card.rect.y);
        let (w, h) = (CARD_WIDTH, CARD_HEIGHT);
        // `--shadow`, without blur: two faint rings just outside the card, lower at the bottom.
        let shadow = |opacity: f64, width: f64| Paint::Stroke {
            color: Rgb::hex(p.shadow),
            opacity,
            width,
            dash: None,
        };
        let ring = |grow: f64, down: f64| Rect {
            x: x - grow,
            y: y - grow + down,
            width: w + 2.0 * grow,
            height: h + 2.0 * grow,
        };
        self.canvas
            .rect(ring(1.0, 1.5), 9.0, shadow(p.shadow_opacity[1], 2.0));
        self.canvas
            .rect(ring(0.25, 0.75), 8.25, shadow(p.shadow_opacity[0], 1.0));
        // The border box (1 px border), the padding box inside it, and the 4 px stance border
        // on the left, whose inner edge curves like the padding box's corners.
        self.canvas.rect(card.rect, 8.0, fill(p.border));
        let (l, t, r, b) = (x + 4.0, y + 1.0, x + w - 1.0, y + h - 1.0);
        self.canvas.path(
            &[
                Seg::Move(l + 4.0, t),
                Seg::Line(r - 7.0, t),
                corner((r - 7.0, t), (r, t), (r, t + 7.0)),
                Seg::Line(r, b - 7.0),
                corner((r, b - 7.0), (r, b), (r - 7.0, b)),
                Seg::Line(l + 4.0, b),
                corner((l + 4.0, b), (l, b), (l, b - 7.0)),
                Seg::Line(l, t + 7.0),
                corner((l, t + 7.0), (l, t), (l + 4.0, t)),
                Seg::Close,
            ],
            fill(p.card_bg),
        );
        self.canvas.path(
            &[
                Seg::Move(x + 8.0, y),
                corner((x + 8.0, y), (x, y), (x, y + 8.0)),
                Seg::Line(x, y + h - 8.0),
                corner((x, y + h - 8.0), (x, y + h), (x + 8.0, y + h)),
                Seg::Line(x + 8.0, b),
                corner((l + 4.0, b), (l, b), (l, b - 7.0)),
                Seg::Line(l, t + 7.0),
                corner((l, t + 7.0), (l, t), (l + 4.0, t)),
                Seg::Line(x + 8.0, t),
                Seg::Close,
            ],
            fill(p.stance(card.stance)),
        );

        // The content box: x + 16 .. x + 177, from y + 8.
        let left = x + 16.0;
        let right = x + w - 11.0;
        let mut name_room = right - left;
        if !card.owner_initials.is_empty() {
            let (cx, cy) = (right - 11.0, y + 19.0);
            self.canvas.circle(cx, cy, 11.0, fill(p.accent));
            let baseline = fonts::centred_baseline(cy, 10.0);
            let initials = card.owner_initials.clone();
            self.text(
                (cx, baseline),
                (10.0, Weight::SemiBold),
                p.accent_text,
                Anchor::Middle,
                initials,
            );
            name_room -= 22.0 + 6.0;
        }
        let name = self.fit(&card.name, Weight::SemiBold, 14.0, name_room);
        let baseline = fonts::centred_baseline(y + 19.0, 14.0);
        self.text(
            (left, baseline),
            (14.0, Weight::SemiBold),
            p.text,
            Anchor::Start,
            name,
        );
        let title = self.fit(&card.title, Weight::Regular, 12.0, right - left);
        let baseline = y + fonts::baseline(30.0, 12.0, 16.8);
        self.text(
            (left, baseline),
            (12.0, Weight::Regular),
            p.muted,
            Anchor::Start,
            title,
        );

        // The bottom row: role, ×N when on several projects, time since the last contact.
        let top = y + 49.8;
        let base = fonts::baseline(top, 11.0, 15.4);
        let last = card.last_contact.clone();
        let mut room = right - left - self.measure.width(&last, Weight::Regular, 11.0) - 6.0;
        self.text(
            (right, base),
            (11.0, Weight::Regular),
            p.muted,
            Anchor::End,
            last,
        );
        let multi = (card.projects > 1).then(|| format!("×{}", card.projects));
        if let Some(m) = &multi {
            room -= self.measure.width(m, Weight::SemiBold, 11.0) + 6.0;
        }
        let role = self.fit(card.role.label(), Weight::Regular, 11.0, room - 12.0);
        let role_width = if role.is_empty() {
            0.0
        } else {
            self.measure.width(&role, Weight::Regular, 11.0) + 12.0
        };
        if role_width > 0.0 {
            let pill = Rect {
                x: left,
                y: top,
                width: role_width,
                height: 15.4,
            };
            self.canvas.rect(pill, 4.0, fill(p.surface_2));
        }
        self.text(
            (left + 6.0, base),
            (11.0, Weight::Regular),
            p.text,
            Anchor::Start,
            role,
        );
        if let Some(m) = multi {
            self.text(
                (left + role_width + 6.0, base),
                (11.0, Weight::SemiBold),
                p.accent,
                Anchor::Start,
                m,
            );
        }
    }
}

//! Exports of a map as PNG and SVG, drawn from the model (not from the webview) so the app and
//! the command line give the same image.
//!
//! [`svg`] builds plain SVG that looks like the canvas: project frames with their header
//! (status, name, organization, stage, stakeholder count, coverage badge), stake cards (name,
//! title, owner's initials, role, projects count, time since the last contact, stance colour)
//! and relationship edges between card centres. [`png`] paints the same drawing with tiny-skia
//! (resvg's rasteriser), text as outlines of the Inter files the UI ships
//! (`ui/src/assets/fonts/`, embedded), never system fonts. Both come from one description of the
//! look (`draw.rs`), so the SVG and the PNG show the same picture.
//!
//! ```no_run
//! use chrono::NaiveDate;
//! use stakemap_core::render::{self, RenderOptions};
//! # let snapshot = stakemap_core::Snapshot::default();
//! let today = NaiveDate::from_ymd_opt(2025, 3, 15).unwrap_or_default();
//! let image: Vec<u8> = render::png(&snapshot, &RenderOptions::default(), today)?;
//! # Ok::<(), stakemap_core::Error>(())
//! ```

mod draw;
mod fonts;
mod png;
mod scene;
mod style;
mod svg;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{Error, Result};
use crate::model::{Id, Snapshot};

pub use fonts::FAMILY;
pub use png::{MAX_PIXELS, MAX_SIDE};
pub use scene::{initials, since};

/// What part of the map to export.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Scope {
    /// Every project, whole, with a margin around them.
    #[default]
    Map,
    /// One project's frame and its cards.
    Project { id: Id },
    /// A rectangle of the canvas (canvas coordinates, as the app's viewport shows them).
    View {
        x: f64,
        y: f64,
        width: f64,
        height: f64,
    },
}

/// The image's background.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Background {
    /// Opaque: white in the light theme, the canvas's dark colour in the dark theme.
    #[default]
    White,
    /// No background: only frames, cards and edges are painted.
    Transparent,
}

/// The canvas's colours to draw with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

/// How contacts are named on the cards.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Names {
    /// Full names, as on the canvas.
    #[default]
    Full,
    /// Initials only, for sharing a map without naming people.
    Initials,
}

/// How to export: scope, size and look.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(default)]
pub struct RenderOptions {
    pub scope: Scope,
    /// Pixels per canvas unit: 1, 2 or 4 in the app (any value from 0.25 to 8 is accepted).
    /// An SVG's width and height are multiplied by it too.
    pub scale: f32,
    pub background: Background,
    pub theme: Theme,
    /// Show each project's coverage badge.
    pub coverage: bool,
    pub names: Names,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            scope: Scope::Map,
            scale: 1.0,
            background: Background::White,
            theme: Theme::Light,
            coverage: true,
            names: Names::Full,
        }
    }
}

/// The smallest and largest accepted scale.
pub const SCALE_RANGE: std::ops::RangeInclusive<f32> = 0.25..=8.0;

fn check(options: &RenderOptions) -> Result<()> {
    if !options.scale.is_finite() || !SCALE_RANGE.contains(&options.scale) {
        return Err(Error::invalid(
            "scale",
            format!(
                "must be from {} to {}; got {}",
                SCALE_RANGE.start(),
                SCALE_RANGE.end(),
                options.scale
            ),
        ));
    }
    Ok(())
}

/// The map (or the part `options.scope` names) as an SVG document. `today` dates the "time
/// since the last contact" on the cards and the coverage badges.
///
/// Errors: `NotFound` for an unknown project, `Invalid` for a bad scale or view, or a map
/// without projects.
pub fn svg(snapshot: &Snapshot, options: &RenderOptions, today: NaiveDate) -> Result<String> {
    check(options)?;
    let scene = scene::build(snapshot, options, today)?;
    Ok(svg::write(&scene, options))
}

/// The map (or the part `options.scope` names) as a PNG image of the canvas's size times
/// `options.scale`. Errors as [`svg`], and `Invalid` when the image would exceed
/// [`MAX_SIDE`] or [`MAX_PIXELS`].
pub fn png(snapshot: &Snapshot, options: &RenderOptions, today: NaiveDate) -> Result<Vec<u8>> {
    check(options)?;
    let scene = scene::build(snapshot, options, today)?;
    png::render(&scene, options)
}

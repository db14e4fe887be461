//! Colours and sizes of the canvas, taken from the UI (`ui/src/styles.css`, its CSS variables for
//! the light and dark themes, and `ui/src/model/records.ts` for the card size), so an export looks
//! like the canvas.

use crate::coverage::Band;
use crate::model::{ProjectStatus, RelationshipKind};

use super::Theme;

/// A stake card's size (`CARD` in `records.ts`, `.card` in the stylesheet).
pub const CARD_WIDTH: f64 = 188.0;
pub const CARD_HEIGHT: f64 = 76.0;
/// Space left around the whole map or a project.
pub const MARGIN: f64 = 24.0;

/// The colours of one theme (the stylesheet's variables of the same names).
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub bg: &'static str,
    pub surface_2: &'static str,
    pub border: &'static str,
    pub text: &'static str,
    pub muted: &'static str,
    pub accent: &'static str,
    pub accent_2: &'static str,
    pub accent_text: &'static str,
    /// `--frame-bg` is the accent at this opacity.
    pub frame_fill: &'static str,
    pub frame_fill_opacity: f64,
    pub frame_border: &'static str,
    pub card_bg: &'static str,
    /// Shadow colour and the opacities of its two layers (`--shadow`).
    pub shadow: &'static str,
    pub shadow_opacity: [f64; 2],
    /// Opponent, skeptic, neutral, supporter, champion.
    pub stance: [&'static str; 5],
    pub edge: &'static str,
    pub band_green: &'static str,
    pub band_amber: &'static str,
    pub band_red: &'static str,
    pub band_text: &'static str,
}

/// `:root` in `styles.css`.
pub const LIGHT: Palette = Palette {
    bg: "#ffffff",
    surface_2: "#f0f2f8",
    border: "#dde1ec",
    text: "#1b2033",
    muted: "#606881",
    accent: "#4f46e5",
    accent_2: "#0f9f96",
    accent_text: "#ffffff",
    frame_fill: "#4f46e5",
    frame_fill_opacity: 0.04,
    frame_border: "#c7cbe0",
    card_bg: "#ffffff",
    shadow: "#141828",
    shadow_opacity: [0.08, 0.05],
    stance: ["#d0364c", "#e98a2b", "#9aa1b5", "#3aa76d", "#0f7f4f"],
    edge: "#6b7391",
    band_green: "#1f8a55",
    band_amber: "#b86e00",
    band_red: "#c8283f",
    band_text: "#ffffff",
};

/// `@media (prefers-color-scheme: dark)` in `styles.css`.
pub const DARK: Palette = Palette {
    bg: "#12141c",
    surface_2: "#222634",
    border: "#2e3345",
    text: "#e6e8f0",
    muted: "#9aa1b8",
    accent: "#8b85ff",
    accent_2: "#2cc4b8",
    accent_text: "#0d0f16",
    frame_fill: "#8b85ff",
    frame_fill_opacity: 0.06,
    frame_border: "#3a4058",
    card_bg: "#222634",
    shadow: "#000000",
    shadow_opacity: [0.4, 0.25],
    stance: ["#d0364c", "#e98a2b", "#9aa1b5", "#3aa76d", "#0f7f4f"],
    edge: "#8d95b3",
    band_green: "#3fbf7f",
    band_amber: "#f0a630",
    band_red: "#ff6b7f",
    band_text: "#0d0f16",
};

impl Palette {
    /// The palette of a theme.
    pub fn of(theme: Theme) -> &'static Palette {
        match theme {
            Theme::Light => &LIGHT,
            Theme::Dark => &DARK,
        }
    }

    /// The colour of a stance -2..+2 (`stanceClass` in `labels.ts`).
    pub fn stance(&self, stance: i8) -> &'static str {
        let index = match stance {
            i8::MIN..=-2 => 0,
            -1 => 1,
            0 => 2,
            1 => 3,
            _ => 4,
        };
        self.stance[index]
    }

    /// The dot before a project's name (`.status-*`).
    pub fn status(&self, status: ProjectStatus) -> &'static str {
        match status {
            ProjectStatus::Active => self.accent_2,
            ProjectStatus::OnHold => self.stance[1],
            ProjectStatus::Won | ProjectStatus::Done => self.stance[4],
            ProjectStatus::Lost => self.stance[0],
        }
    }

    /// A coverage badge's colour (`.coverage-badge.band-*`).
    pub fn band(&self, band: Band) -> &'static str {
        match band {
            Band::Green => self.band_green,
            Band::Amber => self.band_amber,
            Band::Red => self.band_red,
        }
    }

    /// A relationship edge's stroke: colour, width and dash pattern (`.edge-*`).
    pub fn edge(&self, kind: RelationshipKind) -> (&'static str, f64, Option<[f64; 2]>) {
        match kind {
            RelationshipKind::ReportsTo => (self.edge, 1.6, None),
            RelationshipKind::Influences => (self.accent, 1.6, Some([6.0, 4.0])),
            RelationshipKind::AlliesWith => (self.stance[3], 1.6, None),
            RelationshipKind::ConflictsWith => (self.stance[0], 1.8, None),
        }
    }
}

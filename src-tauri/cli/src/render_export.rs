//! `stakemap export --format png|svg`: the map drawn as on the canvas, by the same core code as
//! the app's export (`stakemap_core::render`), so the command line gives the same image.

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use stakemap_core::Snapshot;
use stakemap_core::interchange::export::find_project;
use stakemap_core::render::{self, Background, Names, RenderOptions, Scope, Theme};

use crate::failure::Failure;

/// The options of image exports (PNG and SVG; JSON and CSV ignore them).
#[derive(Debug, Args)]
pub struct ImageArgs {
    /// PNG and SVG: pixels per canvas unit.
    #[arg(long, value_name = "1|2|4", default_value = "1", value_parser = parse_scale)]
    pub scale: f32,
    /// PNG and SVG: the background.
    #[arg(long, value_enum, default_value_t = ImageBackground::White)]
    pub background: ImageBackground,
    /// PNG and SVG: the canvas's colours.
    #[arg(long, value_enum, default_value_t = ImageTheme::Light)]
    pub theme: ImageTheme,
    /// PNG and SVG: only this rectangle of the canvas, in canvas units (as the app's view).
    #[arg(long, value_name = "X,Y,WIDTH,HEIGHT", value_parser = parse_view, conflicts_with = "project")]
    pub view: Option<[f64; 4]>,
    /// PNG and SVG: contacts' initials instead of their names.
    #[arg(long)]
    pub initials: bool,
    /// PNG and SVG: the day "time since the last contact" and coverage are counted to
    /// (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,
}

/// `--background`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImageBackground {
    White,
    Transparent,
}

/// `--theme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImageTheme {
    Light,
    Dark,
}

fn parse_scale(text: &str) -> Result<f32, String> {
    match text.trim() {
        "1" => Ok(1.0),
        "2" => Ok(2.0),
        "4" => Ok(4.0),
        _ => Err("the scale is 1, 2 or 4".to_string()),
    }
}

fn parse_view(text: &str) -> Result<[f64; 4], String> {
    let numbers: Vec<f64> = text
        .split(',')
        .map(|n| n.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| format!("\"{text}\" is not four numbers X,Y,WIDTH,HEIGHT"))?;
    match numbers[..] {
        [x, y, width, height] => Ok([x, y, width, height]),
        _ => Err(format!("\"{text}\" is not four numbers X,Y,WIDTH,HEIGHT")),
    }
}

/// The export options the arguments ask for; `project` is a project's name or id.
pub fn options(
    snapshot: &Snapshot,
    project: Option<&str>,
    args: &ImageArgs,
) -> Result<RenderOptions, Failure> {
    let scope = match (project, args.view) {
        (Some(project), _) => Scope::Project {
            id: find_project(snapshot, project)?,
        },
        (None, Some([x, y, width, height])) => Scope::View {
            x,
            y,
            width,
            height,
        },
        (None, None) => Scope::Map,
    };
    Ok(RenderOptions {
        scope,
        scale: args.scale,
        background: match args.background {
            ImageBackground::White => Background::White,
            ImageBackground::Transparent => Background::Transparent,
        },
        theme: match args.theme {
            ImageTheme::Light => Theme::Light,
            ImageTheme::Dark => Theme::Dark,
        },
        names: if args.initials {
            Names::Initials
        } else {
            Names::Full
        },
        ..RenderOptions::default()
    })
}

/// The image's bytes: PNG when `png`, SVG otherwise.
pub fn render(
    snapshot: &Snapshot,
    project: Option<&str>,
    args: &ImageArgs,
    png: bool,
) -> Result<Vec<u8>, Failure> {
    let options = options(snapshot, project, args)?;
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    Ok(if png {
        render::png(snapshot, &options, today)?
    } else {
        render::svg(snapshot, &options, today)?.into_bytes()
    })
}

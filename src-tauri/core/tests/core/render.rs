//! PNG and SVG exports: a golden image of the demo map, well-formed and escaped SVG, scopes,
//! scales and backgrounds.
//!
//! `UPDATE_GOLDEN=1 cargo test -p stakemap-core --test core render` rewrites the golden image
//! after an intended change of the drawing; look at it before committing it.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use resvg::tiny_skia::Pixmap;
use stakemap_core::model::{Contact, Project, Relationship, RelationshipKind, Stake};
use stakemap_core::render::{self, Background, Names, RenderOptions, Scope, Theme};
use stakemap_core::{ErrorKind, Snapshot, demo};

use crate::support::new_map;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 15).unwrap()
}

fn demo_snapshot() -> Snapshot {
    let (_dir, mut map) = new_map();
    map.apply(demo::op(today())).unwrap();
    map.snapshot().unwrap()
}

fn options(scope: Scope, scale: f32, background: Background) -> RenderOptions {
    RenderOptions {
        scope,
        scale,
        background,
        ..RenderOptions::default()
    }
}

/// Width and height from a PNG's header, after checking its signature.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&png[12..16], b"IHDR");
    let be = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
    (be(16), be(20))
}

/// A map with one project holding `names` as cards in a row, at (100, 50).
fn one_project(names: &[&str]) -> Snapshot {
    let mut snapshot = Snapshot::default();
    let mut project = Project::named("p1", "Pilot");
    project.frame.x = 100.0;
    project.frame.y = 50.0;
    project.frame.width = 240.0 * names.len() as f64 + 40.0;
    project.frame.height = 180.0;
    snapshot.projects.push(project);
    for (n, name) in names.iter().enumerate() {
        let contact = format!("c{n}");
        snapshot
            .contacts
            .push(Contact::named(contact.clone(), *name));
        snapshot.stakes.push(Stake {
            id: format!("s{n}"),
            project: "p1".into(),
            contact,
            role: stakemap_core::model::Role::Champion,
            stance: 1,
            influence: 3,
            interest: 3,
            owner: None,
            health: None,
            notes: String::new(),
            x: 24.0 + 240.0 * n as f64,
            y: 64.0,
        });
    }
    snapshot
}

/// Every `<text>` element's content, as an XML reader sees it.
fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

/// The `viewBox` of an SVG document.
fn view_box(svg: &str) -> [f64; 4] {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let values: Vec<f64> = doc
        .root_element()
        .attribute("viewBox")
        .unwrap()
        .split_whitespace()
        .map(|v| v.parse().unwrap())
        .collect();
    [values[0], values[1], values[2], values[3]]
}

/// Compares `actual` with the golden PNG at `golden`: each pixel may differ by a little, and a
/// very few may differ more (anti-aliasing on another CPU). On failure the actual image and a
/// diff (differing pixels in red) are written to the test's temporary folder.
fn assert_matches_golden(actual: &[u8], golden: &Path) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(golden, actual).unwrap();
        eprintln!("updated {}", golden.display());
        return;
    }
    let artifacts = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("render");
    std::fs::create_dir_all(&artifacts).unwrap();
    let name = golden.file_name().unwrap().to_string_lossy().to_string();
    let actual_path = artifacts.join(format!("actual-{name}"));
    let expected = std::fs::read(golden).unwrap_or_else(|e| {
        std::fs::write(&actual_path, actual).unwrap();
        panic!(
            "{}: {e}; the image made is {} (UPDATE_GOLDEN=1 writes it)",
            golden.display(),
            actual_path.display()
        )
    });
    let a = Pixmap::decode_png(actual).unwrap();
    let e = Pixmap::decode_png(&expected).unwrap();
    let fail = |why: String, diff: Option<Pixmap>| {
        std::fs::write(&actual_path, actual).unwrap();
        let mut note = format!("actual: {}", actual_path.display());
        if let Some(diff) = diff {
            let diff_path = artifacts.join(format!("diff-{name}"));
            diff.save_png(&diff_path).unwrap();
            note += &format!(", diff: {}", diff_path.display());
        }
        panic!("{why} against {} ({note})", golden.display());
    };
    if (a.width(), a.height()) != (e.width(), e.height()) {
        fail(
            format!(
                "size {}×{} instead of {}×{}",
                a.width(),
                a.height(),
                e.width(),
                e.height()
            ),
            None,
        );
    }
    const TOLERANCE: u8 = 12;
    let mut diff = Pixmap::new(a.width(), a.height()).unwrap();
    let mut off = 0usize;
    let mut worst = 0u8;
    for ((pa, pe), pd) in a
        .data()
        .chunks_exact(4)
        .zip(e.data().chunks_exact(4))
        .zip(diff.data_mut().chunks_exact_mut(4))
    {
        let d = pa
            .iter()
            .zip(pe)
            .map(|(x, y)| x.abs_diff(*y))
            .max()
            .unwrap();
        worst = worst.max(d);
        if d > TOLERANCE {
            off += 1;
            pd.copy_from_slice(&[255, 0, 0, 255]);
        } else {
            let grey = 255 - pe[3] / 4;
            pd.copy_from_slice(&[grey, grey, grey, 255]);
        }
    }
    let allowed = (a.width() * a.height()) as usize / 2000;
    if off > allowed {
        fail(
            format!(
                "{off} pixels differ by more than {TOLERANCE} (at most {allowed} may; worst {worst})"
            ),
            Some(diff),
        );
    }
}

#[test]
fn the_demo_map_renders_like_its_golden_image() {
    let png = render::png(&demo_snapshot(), &RenderOptions::default(), today()).unwrap();
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/core/golden/demo-map.png");
    assert_matches_golden(&png, &golden);
}

/// The SVG export drawn by resvg, with the same embedded fonts and nothing else.
fn rasterise_with_resvg(svg: &str) -> Pixmap {
    use resvg::usvg;
    let mut db = usvg::fontdb::Database::new();
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/assets/fonts");
    for file in ["Inter-Regular.ttf", "Inter-SemiBold.ttf", "Inter-Bold.ttf"] {
        db.load_font_data(std::fs::read(fonts.join(file)).unwrap());
    }
    let options = usvg::Options {
        fontdb: std::sync::Arc::new(db),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).unwrap();
    let size = tree.size().to_int_size();
    let mut pixmap = Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    pixmap
}

#[test]
fn the_svg_shows_the_same_picture_as_the_png() {
    // Drawn by resvg, the SVG export matches the PNG export pixel for pixel but for
    // anti-aliasing (both come from one drawing; this catches the two drifting apart).
    let snapshot = demo_snapshot();
    for theme in [Theme::Light, Theme::Dark] {
        let options = RenderOptions {
            theme,
            ..RenderOptions::default()
        };
        let svg = render::svg(&snapshot, &options, today()).unwrap();
        let png = render::png(&snapshot, &options, today()).unwrap();
        let from_svg = rasterise_with_resvg(&svg);
        let ours = Pixmap::decode_png(&png).unwrap();
        assert_eq!(
            (from_svg.width(), from_svg.height()),
            (ours.width(), ours.height())
        );
        let off = from_svg
            .data()
            .chunks_exact(4)
            .zip(ours.data().chunks_exact(4))
            .filter(|(a, b)| a.iter().zip(*b).any(|(x, y)| x.abs_diff(*y) > 40))
            .count();
        let total = (ours.width() * ours.height()) as usize;
        assert!(
            off * 200 < total,
            "{theme:?}: {off} of {total} pixels differ"
        );
    }
}

#[test]
fn the_whole_map_svg_is_plain_well_formed_and_holds_every_card_and_frame() {
    let snapshot = demo_snapshot();
    let svg = render::svg(&snapshot, &RenderOptions::default(), today()).unwrap();
    assert!(!svg.contains("foreignObject") && !svg.contains("<script"));
    let texts = texts(&svg);
    for contact in ["Dana Ruiz", "Elena Petrova", "Lucas Rossi"] {
        assert!(texts.iter().any(|t| t == contact), "{contact} missing");
    }
    for project in &snapshot.projects {
        assert!(texts.contains(&project.name), "{} missing", project.name);
    }
    // Never cropped: the view holds every frame and card, with room to spare.
    let [x, y, w, h] = view_box(&svg);
    for project in &snapshot.projects {
        let f = project.frame;
        assert!(f.x > x && f.y > y && f.x + f.width < x + w && f.y + f.height < y + h);
        for stake in snapshot.stakes.iter().filter(|s| s.project == project.id) {
            let (cx, cy) = (f.x + stake.x, f.y + stake.y);
            assert!(cx > x && cy > y && cx + 188.0 < x + w && cy + 76.0 < y + h);
        }
    }
    // Edges: one line per relationship between two cards of the same project (the demo has
    // 16 such pairs), drawn before (under) the cards.
    assert_eq!(svg.matches("<line ").count(), 16);
    assert!(svg.rfind("<line ").unwrap() < svg.find(r#"rx="8""#).unwrap());
}

#[test]
fn hostile_and_long_names_are_escaped_and_cut_to_fit() {
    let hostile = r#"<img src=x onerror=alert(1)> & "Tom" 'O'Brien' 🎉"#;
    let long = "Maximiliana Konstantinopoulou-Wetherspoon-Abernathy";
    let svg = render::svg(
        &one_project(&[hostile, long]),
        &RenderOptions::default(),
        today(),
    )
    .unwrap();
    assert!(!svg.contains("<img"), "markup in a name reached the SVG");
    let texts = texts(&svg);
    let shown: Vec<&String> = texts.iter().filter(|t| t.starts_with("<img")).collect();
    assert_eq!(shown.len(), 1, "{texts:?}");
    // The hostile name is wider than a card, so it is cut, but what is shown is its start.
    assert!(hostile.starts_with(shown[0].trim_end_matches('…')));
    let cut = texts.iter().find(|t| t.starts_with("Maximiliana")).unwrap();
    assert!(cut.ends_with('…') && cut.len() < long.len(), "{cut}");
    // The PNG renders too.
    let png = render::png(
        &one_project(&[hostile, long]),
        &RenderOptions::default(),
        today(),
    )
    .unwrap();
    assert_eq!(png_size(&png), (520 + 48, 180 + 48));
}

#[test]
fn each_kind_of_relationship_has_the_canvas_stroke() {
    let mut snapshot = one_project(&["A", "B", "C", "D", "E"]);
    let kinds = [
        RelationshipKind::ReportsTo,
        RelationshipKind::Influences,
        RelationshipKind::AlliesWith,
        RelationshipKind::ConflictsWith,
    ];
    for (n, kind) in kinds.into_iter().enumerate() {
        snapshot.relationships.push(Relationship {
            id: format!("r{n}"),
            from: format!("c{n}"),
            to: format!("c{}", n + 1),
            kind,
            strength: 3,
            notes: String::new(),
        });
    }
    let svg = render::svg(&snapshot, &RenderOptions::default(), today()).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let lines: Vec<(String, String, Option<String>)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("line"))
        .map(|n| {
            (
                n.attribute("stroke").unwrap().to_string(),
                n.attribute("stroke-width").unwrap().to_string(),
                n.attribute("stroke-dasharray").map(str::to_string),
            )
        })
        .collect();
    let line = |stroke: &str, width: &str, dash: Option<&str>| {
        (
            stroke.to_string(),
            width.to_string(),
            dash.map(str::to_string),
        )
    };
    assert_eq!(
        lines,
        vec![
            line("#6b7391", "1.6", None),
            line("#4f46e5", "1.6", Some("6 4")),
            line("#3aa76d", "1.6", None),
            line("#d0364c", "1.8", None),
        ]
    );
}

#[test]
fn names_can_be_shown_as_initials() {
    let snapshot = demo_snapshot();
    let options = RenderOptions {
        names: Names::Initials,
        ..RenderOptions::default()
    };
    let svg = render::svg(&snapshot, &options, today()).unwrap();
    let texts = texts(&svg);
    assert!(!texts.iter().any(|t| t == "Dana Ruiz"));
    assert!(texts.iter().any(|t| t == "DR"));
}

#[test]
fn a_project_export_shows_that_project_only() {
    let snapshot = demo_snapshot();
    let project = snapshot
        .projects
        .iter()
        .find(|p| p.name == "LIMS Integration")
        .unwrap();
    let scope = Scope::Project {
        id: project.id.clone(),
    };
    let svg = render::svg(
        &snapshot,
        &options(scope.clone(), 1.0, Background::White),
        today(),
    )
    .unwrap();
    let texts = texts(&svg);
    assert!(texts.iter().any(|t| t == "LIMS Integration"));
    assert!(texts.iter().any(|t| t == "Peter Novak"));
    assert!(!texts.iter().any(|t| t == "Fleet Visibility Rollout"));
    assert!(!texts.iter().any(|t| t == "Dana Ruiz"));
    let f = project.frame;
    assert_eq!(
        view_box(&svg),
        [f.x - 24.0, f.y - 24.0, f.width + 48.0, f.height + 48.0]
    );
    let png = render::png(&snapshot, &options(scope, 2.0, Background::White), today()).unwrap();
    assert_eq!(
        png_size(&png),
        (2 * (f.width as u32 + 48), 2 * (f.height as u32 + 48))
    );

    let missing = Scope::Project {
        id: "no-such-project".into(),
    };
    let err = render::png(
        &snapshot,
        &options(missing, 1.0, Background::White),
        today(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(err.to_string().contains("no-such-project"), "{err}");
}

#[test]
fn a_view_export_shows_exactly_that_rectangle() {
    let snapshot = demo_snapshot();
    // The top left of the first frame: two of its cards and part of a third.
    let view = Scope::View {
        x: 0.0,
        y: 0.0,
        width: 400.0,
        height: 200.0,
    };
    let svg = render::svg(
        &snapshot,
        &options(view.clone(), 1.0, Background::White),
        today(),
    )
    .unwrap();
    assert_eq!(view_box(&svg), [0.0, 0.0, 400.0, 200.0]);
    let texts = texts(&svg);
    assert!(texts.iter().any(|t| t == "Elena Petrova"));
    assert!(!texts.iter().any(|t| t == "Mei Tanaka"), "a card far away");
    let png = render::png(&snapshot, &options(view, 4.0, Background::White), today()).unwrap();
    assert_eq!(png_size(&png), (1600, 800));

    let empty = Scope::View {
        x: 0.0,
        y: 0.0,
        width: 0.0,
        height: 10.0,
    };
    let err = render::svg(&snapshot, &options(empty, 1.0, Background::White), today()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
}

#[test]
fn transparent_backgrounds_are_transparent_and_white_ones_white() {
    let snapshot = demo_snapshot();
    let corner = |background| {
        let png = render::png(&snapshot, &options(Scope::Map, 1.0, background), today()).unwrap();
        let pixmap = Pixmap::decode_png(&png).unwrap();
        let p = pixmap.pixel(2, 2).unwrap();
        (p.red(), p.green(), p.blue(), p.alpha())
    };
    assert_eq!(corner(Background::Transparent), (0, 0, 0, 0));
    assert_eq!(corner(Background::White), (255, 255, 255, 255));
    // Inside a card it is opaque either way.
    let png = render::png(
        &snapshot,
        &options(Scope::Map, 1.0, Background::Transparent),
        today(),
    )
    .unwrap();
    let pixmap = Pixmap::decode_png(&png).unwrap();
    let first = &snapshot.stakes[0];
    let frame = snapshot
        .projects
        .iter()
        .find(|p| p.id == first.project)
        .unwrap()
        .frame;
    let [x, y, ..] = view_box(&render::svg(&snapshot, &RenderOptions::default(), today()).unwrap());
    let inside = pixmap
        .pixel(
            (frame.x + first.x + 100.0 - x) as u32,
            (frame.y + first.y + 70.0 - y) as u32,
        )
        .unwrap();
    assert_eq!(inside.alpha(), 255);
}

#[test]
fn scale_multiplies_the_pixel_size() {
    let snapshot = demo_snapshot();
    let size = |scale| {
        png_size(
            &render::png(
                &snapshot,
                &options(Scope::Map, scale, Background::White),
                today(),
            )
            .unwrap(),
        )
    };
    let one = size(1.0);
    assert_eq!(size(2.0), (one.0 * 2, one.1 * 2));
    assert_eq!(one, (660 * 2 + 60 + 48, 280 * 3 + 60 * 2 + 48));
}

#[test]
fn bad_options_and_empty_maps_are_refused_with_the_field_named() {
    let snapshot = demo_snapshot();
    let err = render::png(
        &snapshot,
        &options(Scope::Map, 0.0, Background::White),
        today(),
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("scale"));
    let err = render::svg(&Snapshot::default(), &RenderOptions::default(), today()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert!(err.to_string().contains("no projects"), "{err}");
    // Far too large: refused before anything is drawn.
    let huge = Scope::View {
        x: 0.0,
        y: 0.0,
        width: 20_000.0,
        height: 20_000.0,
    };
    let err = render::png(&snapshot, &options(huge, 2.0, Background::White), today()).unwrap_err();
    assert_eq!(err.field(), Some("scale"));
    assert!(err.to_string().contains("40000 × 40000"), "{err}");
}

#[test]
fn options_travel_as_json_the_way_the_app_sends_them() {
    let options: RenderOptions = serde_json::from_str(
        r#"{"scope":{"kind":"view","x":1,"y":2,"width":3,"height":4},"scale":2,"background":"transparent","theme":"dark"}"#,
    )
    .unwrap();
    assert_eq!(
        options.scope,
        Scope::View {
            x: 1.0,
            y: 2.0,
            width: 3.0,
            height: 4.0
        }
    );
    assert_eq!(options.scale, 2.0);
    assert_eq!(options.theme, Theme::Dark);
    assert!(options.coverage, "absent fields take their defaults");
}

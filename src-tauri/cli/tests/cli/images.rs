//! `export --format png|svg`: the demo map as an image, whole, one project or a view.

use crate::{TODAY, bytes, demo_map, stakemap};

/// Width and height from a PNG's header, after checking its signature.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&png[12..16], b"IHDR");
    let be = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
    (be(16), be(20))
}

#[test]
fn the_demo_map_exports_to_png_and_svg() {
    let (dir, map) = demo_map();
    let png = dir.path().join("map.png");
    let out = stakemap(
        &map,
        &[
            "export",
            "--format",
            "png",
            "--today",
            TODAY,
            "--out",
            png.to_str().unwrap(),
        ],
    )
    .ok();
    assert!(out.contains("PNG"), "{out}");
    // Five 660×280 frames in two columns, 60 apart, with a 24 margin.
    let one = png_size(&bytes(&png));
    assert_eq!(one, (660 * 2 + 60 + 48, 280 * 3 + 60 * 2 + 48));

    let args = [
        "export",
        "--format",
        "png",
        "--scale",
        "2",
        "--background",
        "transparent",
    ];
    let two = dir.path().join("map@2x.png");
    stakemap(
        &map,
        &[&args[..], &["--out", two.to_str().unwrap()]].concat(),
    )
    .ok();
    assert_eq!(png_size(&bytes(&two)), (one.0 * 2, one.1 * 2));

    let svg = dir.path().join("lims.svg");
    let project = [
        "--project",
        "lims integration",
        "--out",
        svg.to_str().unwrap(),
    ];
    stakemap(
        &map,
        &[&["export", "--format", "svg"][..], &project].concat(),
    )
    .ok();
    let svg = String::from_utf8(bytes(&svg)).unwrap();
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg:.80}"
    );
    assert!(svg.contains(">LIMS Integration</text>") && svg.contains(">Peter Novak</text>"));
    assert!(!svg.contains("Fleet Visibility Rollout"));

    // SVG can go to standard output; a view is a rectangle of the canvas.
    let view = stakemap(
        &map,
        &["export", "--format", "svg", "--view", "0,0,400,200"],
    )
    .ok();
    assert!(view.contains(r#"viewBox="0 0 400 200""#), "{view:.200}");
}

#[test]
fn bad_image_options_are_refused() {
    let (dir, map) = demo_map();
    let out = dir.path().join("x.png");
    let out = out.to_str().unwrap();
    let run = stakemap(
        &map,
        &["export", "--format", "png", "--scale", "3", "--out", out],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("1, 2 or 4"), "{}", run.stderr);
    let run = stakemap(
        &map,
        &[
            "export",
            "--format",
            "png",
            "--project",
            "Nope",
            "--out",
            out,
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("Nope"), "{}", run.stderr);
    // PNG is binary: it needs a file.
    let run = stakemap(&map, &["export", "--format", "png"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("--out"), "{}", run.stderr);
    assert!(!dir.path().join("x.png").exists());
}

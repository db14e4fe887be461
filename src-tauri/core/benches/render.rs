//! PNG and SVG exports: the demo map (5 projects, 25 cards) and a generated map of 2,000 cards in
//! 200 project frames (`large_map::LargeMap::CANVAS_BENCHMARK`), rendered whole. Target (from the
//! issue): the 2,000-card map to PNG at 2x in under 3 s. Results: docs/benchmarks.md.
//!
//! `cargo bench -p stakemap-core --bench render`

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use stakemap_core::large_map::LargeMap;
use stakemap_core::render::{self, RenderOptions};
use stakemap_core::{Map, Snapshot, demo};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 15).unwrap_or_default()
}

fn demo_map() -> Snapshot {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut map = Map::open(dir.path().join("demo.stakemap")).expect("a new map");
    map.apply(demo::op(today())).expect("the demo map");
    map.snapshot().expect("its snapshot")
}

fn at(scale: f32) -> RenderOptions {
    RenderOptions {
        scale,
        ..RenderOptions::default()
    }
}

fn render(c: &mut Criterion) {
    let maps = [
        ("demo map", demo_map()),
        (
            "2,000 cards",
            LargeMap::CANVAS_BENCHMARK.generate(2025, today()),
        ),
    ];
    let mut group = c.benchmark_group("render");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    for (name, map) in &maps {
        let svg = render::svg(map, &at(1.0), today()).expect("svg");
        eprintln!("{name}: SVG {} KB", svg.len() / 1024);
        group.bench_function(format!("{name}: SVG"), |b| {
            b.iter(|| render::svg(black_box(map), &at(1.0), today()))
        });
        let scales: &[f32] = if name.starts_with("demo") {
            &[1.0, 2.0, 4.0]
        } else {
            &[1.0, 2.0]
        };
        for &scale in scales {
            let png = render::png(map, &at(scale), today()).expect("png");
            let (w, h) = (
                u32::from_be_bytes([png[16], png[17], png[18], png[19]]),
                u32::from_be_bytes([png[20], png[21], png[22], png[23]]),
            );
            eprintln!("{name}: PNG {scale}x {w} × {h} px, {} KB", png.len() / 1024);
            group.bench_function(format!("{name}: PNG {scale}x"), |b| {
                b.iter(|| render::png(black_box(map), &at(scale), today()))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);

//! Stakemap JSON import: any bytes are either planned or refused with an error; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stakemap_core::Snapshot;
use stakemap_core::interchange::{self, ImportFormat, ImportOptions};

fuzz_target!(|data: &[u8]| {
    let options = ImportOptions {
        format: Some(ImportFormat::Json),
        ..ImportOptions::default()
    };
    let _ = interchange::plan(
        &Snapshot::default(),
        "fuzz.json",
        data,
        &options,
        &mut |_| {},
    );
});

//! vCard import: unfolding, parameters, escapes, charsets and planning.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stakemap_core::Snapshot;
use stakemap_core::interchange::{self, ImportFormat, ImportOptions, vcard};

fuzz_target!(|data: &[u8]| {
    let _ = vcard::parse(data);
    let options = ImportOptions {
        format: Some(ImportFormat::Vcard),
        ..ImportOptions::default()
    };
    let _ = interchange::plan(
        &Snapshot::default(),
        "fuzz.vcf",
        data,
        &options,
        &mut |_| {},
    );
});

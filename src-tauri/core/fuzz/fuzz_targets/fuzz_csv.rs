//! Contacts CSV import: header sniffing and recognition, and planning with a column mapping.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stakemap_core::Snapshot;
use stakemap_core::interchange::csv::{self, ColumnAssignment, ColumnMapping, ContactField};
use stakemap_core::interchange::{self, ImportFormat, ImportOptions};

fuzz_target!(|data: &[u8]| {
    let _ = csv::inspect(data);
    let recognised = ImportOptions {
        format: Some(ImportFormat::Csv),
        ..ImportOptions::default()
    };
    let _ = interchange::plan(
        &Snapshot::default(),
        "fuzz.csv",
        data,
        &recognised,
        &mut |_| {},
    );
    let fields = [
        ContactField::Name,
        ContactField::Email,
        ContactField::Organization,
        ContactField::Tags,
    ];
    let mapped = ImportOptions {
        mapping: Some(ColumnMapping {
            columns: (0..4)
                .map(|n| ColumnAssignment {
                    column: n,
                    field: fields[n as usize],
                })
                .collect(),
        }),
        ..recognised
    };
    let _ = interchange::plan(&Snapshot::default(), "fuzz.csv", data, &mapped, &mut |_| {});
});

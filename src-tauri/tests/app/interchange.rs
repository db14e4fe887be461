//! Import and export as the app runs them, without a window: the file a native dialog would have
//! chosen is given directly.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use stakemap_app::interchange::{ExportFormat, ExportRequest, write_export};
use stakemap_app::state::{AppState, Folders};
use stakemap_core::interchange::csv::{ColumnAssignment, ColumnMapping, ContactField};
use stakemap_core::interchange::{Duplicates, ImportFormat, JsonTarget, PlanAction};
use stakemap_core::model::Contact;
use stakemap_core::render::{Background, Scope};
use stakemap_core::{ErrorKind, Op, Record};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn open(dir: &Path, name: &str) -> AppState {
    let app = AppState::new(Folders {
        config: dir.join(format!("config-{name}")),
        data: dir.join("data"),
    });
    app.open_at_startup(Some(dir.join(format!("{name}.stakemap"))));
    app.map_info().unwrap();
    app
}

fn demo(dir: &Path, name: &str) -> AppState {
    let app = open(dir, name);
    app.apply(stakemap_core::demo::op(today())).unwrap();
    app
}

fn request(format: ExportFormat, scope: Scope) -> ExportRequest {
    ExportRequest {
        format,
        scope,
        scale: 1.0,
        background: Background::White,
    }
}

/// The demo map exported as Stakemap JSON to `dir/<file>`.
fn demo_json(dir: &Path, file: &str) -> (PathBuf, String) {
    let source = demo(dir, "source");
    let prepared = source
        .prepare_export(&request(ExportFormat::Json, Scope::Map), today())
        .unwrap();
    let path = dir.join(file);
    write_export(&prepared, path.clone()).unwrap();
    (path, String::from_utf8(prepared.bytes).unwrap())
}

fn no_dialog() -> Result<Option<PathBuf>, stakemap_app::error::AppError> {
    panic!("no new-map dialog was expected")
}

#[test]
fn the_preview_writes_nothing_and_apply_writes_one_undoable_step() {
    let dir = tempfile::tempdir().unwrap();
    let (file, json) = demo_json(dir.path(), "demo.json");
    let app = open(dir.path(), "empty");
    let mut progress = Vec::new();

    let preview = app
        .choose_import(&file, None, &mut |p| progress.push(p))
        .unwrap();
    assert_eq!(preview.format, ImportFormat::Json);
    assert_eq!(preview.source, "demo.json");
    // An empty map takes the file as it is.
    assert_eq!(preview.options.target, JsonTarget::NewMap);
    assert!(!preview.asks_new_map);
    let c = preview.counts;
    assert!(c.created > 10, "{c:?}");
    assert_eq!(
        (c.created + c.merged + c.skipped) as usize,
        preview.items.len()
    );
    assert_eq!(preview.total as usize, preview.items.len());
    let contacts = preview
        .items
        .iter()
        .filter(|i| i.kind == stakemap_core::EntityKind::Contact);
    assert!(contacts.clone().count() > 5);
    assert!(contacts.clone().all(|i| i.action == PlanAction::Create));
    assert!(
        preview
            .items
            .iter()
            .any(|i| i.location.starts_with("$.contacts[")),
        "{:?}",
        preview.items.first()
    );
    assert_eq!(progress.last().map(|p| p.done), Some(preview.total));
    assert!(
        app.load_map().unwrap().contacts.is_empty(),
        "the preview wrote"
    );
    assert!(app.backups().unwrap().is_empty());

    let done = app.apply_import(no_dialog).unwrap().unwrap();
    assert_eq!(done.label, "Import demo.json");
    assert!(done.map.is_none());
    assert!(done.backup.is_some());
    assert_eq!(
        app.map_info().unwrap().history.undo.as_deref(),
        Some("Import demo.json")
    );
    let again = app
        .prepare_export(&request(ExportFormat::Json, Scope::Map), today())
        .unwrap();
    assert_eq!(
        String::from_utf8(again.bytes).unwrap(),
        json,
        "not the same map"
    );
    assert!(
        !app.coverage().unwrap().is_empty(),
        "coverage was not rescored"
    );

    // Applied once: the import is gone, and one undo removes all of it.
    let error = app.apply_import(no_dialog).unwrap_err();
    assert_eq!(error.field.as_deref(), Some("import"));
    app.undo().unwrap();
    assert!(app.load_map().unwrap().contacts.is_empty());
}

#[test]
fn replanning_switches_duplicates_between_skip_and_merge() {
    let dir = tempfile::tempdir().unwrap();
    let (file, _) = demo_json(dir.path(), "demo.json");
    let app = open(dir.path(), "target");
    app.choose_import(&file, None, &mut |_| {}).unwrap();
    app.apply_import(no_dialog).unwrap();
    // Someone edits one contact; importing the file again skips or merges it.
    let mut contact = app.load_map().unwrap().contacts[0].clone();
    let title = contact.title.clone();
    contact.title = "Edited since".into();
    app.apply(Op::Put {
        record: Record::Contact(contact.clone()),
    })
    .unwrap();

    let skip = app.choose_import(&file, None, &mut |_| {}).unwrap();
    assert_eq!(skip.options.target, JsonTarget::Merge);
    assert_eq!(skip.options.duplicates, Duplicates::Skip);
    assert_eq!((skip.counts.created, skip.counts.merged), (0, 0));
    let row = skip.items.iter().find(|i| i.name == contact.name).unwrap();
    assert_eq!(row.action, PlanAction::Skip);
    assert!(row.reason.contains("already has"), "{}", row.reason);

    let merge = app
        .replan_import(
            stakemap_core::interchange::ImportOptions {
                duplicates: Duplicates::Merge,
                ..skip.options.clone()
            },
            &mut |_| {},
        )
        .unwrap();
    assert_eq!(merge.counts.merged, 1, "{:?}", merge.counts);
    app.apply_import(no_dialog).unwrap().unwrap();
    let now = app.load_map().unwrap();
    let merged = now.contacts.iter().find(|c| c.id == contact.id).unwrap();
    assert_eq!(merged.title, title);
}

#[test]
fn a_json_map_into_a_new_map_asks_for_its_file_and_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let (file, _) = demo_json(dir.path(), "demo.json");
    let app = open(dir.path(), "busy");
    app.apply(Op::Put {
        record: Record::Contact(Contact::named("", "Already here")),
    })
    .unwrap();
    let first = app.choose_import(&file, None, &mut |_| {}).unwrap();
    let preview = app
        .replan_import(
            stakemap_core::interchange::ImportOptions {
                target: JsonTarget::NewMap,
                ..first.options
            },
            &mut |_| {},
        )
        .unwrap();
    assert!(preview.asks_new_map);
    // Planned for the empty new map: nothing in the open map makes a contact a duplicate.
    assert!(
        preview
            .items
            .iter()
            .filter(|i| i.kind == stakemap_core::EntityKind::Contact)
            .all(|i| i.action == PlanAction::Create)
    );

    // Cancelling the save dialog changes nothing and keeps the import.
    assert_eq!(app.apply_import(|| Ok(None)).unwrap(), None);
    assert_eq!(app.load_map().unwrap().contacts.len(), 1);

    let new_map = dir.path().join("imported.stakemap");
    let target = new_map.clone();
    let done = app.apply_import(move || Ok(Some(target))).unwrap().unwrap();
    let info = done.map.expect("the new map");
    assert_eq!(Path::new(&info.path), new_map);
    assert_eq!(app.map_info().unwrap().path, info.path);
    assert_eq!(
        app.load_map().unwrap().contacts.len() as u32,
        preview
            .items
            .iter()
            .filter(|i| i.kind == stakemap_core::EntityKind::Contact)
            .count() as u32
    );
    // The map that was open is untouched.
    let old = stakemap_core::Map::open(dir.path().join("busy.stakemap")).unwrap();
    assert_eq!(old.snapshot().unwrap().contacts.len(), 1);
}

#[test]
fn a_refused_file_names_the_place_and_other_options_can_be_tried() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(dir.path(), "m");
    let bad = dir.path().join("broken.json");
    std::fs::write(
        &bad,
        r#"{"format": "stakemap", "version": 1, "contacts": [{"id": "c1", "name": 5}]}"#,
    )
    .unwrap();
    let refused = app.choose_import(&bad, None, &mut |_| {}).unwrap();
    assert_eq!(refused.format, ImportFormat::Json);
    assert_eq!(refused.total, 0);
    let error = refused.problem.unwrap();
    assert_eq!(error.kind, ErrorKind::Invalid);
    assert!(error.message.contains("contacts[0]"), "{}", error.message);
    assert!(app.load_map().unwrap().contacts.is_empty());
    // Nothing can be applied, but the file is still the pending one.
    assert!(app.apply_import(no_dialog).is_err());
    let again = app
        .replan_import(Default::default(), &mut |_| {})
        .unwrap_err();
    assert!(again.message.contains("contacts[0]"), "{}", again.message);

    app.cancel_import();
    let error = app
        .replan_import(Default::default(), &mut |_| {})
        .unwrap_err();
    assert!(error.message.contains("no import"), "{}", error.message);
}

#[test]
fn an_import_planned_for_another_map_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (file, _) = demo_json(dir.path(), "demo.json");
    let app = open(dir.path(), "first");
    app.choose_import(&file, None, &mut |_| {}).unwrap();
    app.switch_to(&dir.path().join("second.stakemap")).unwrap();
    let error = app.apply_import(no_dialog).unwrap_err();
    assert!(error.message.contains("another map"), "{}", error.message);
    assert!(app.load_map().unwrap().contacts.is_empty());
}

#[test]
fn exports_are_rendered_in_the_core_and_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo(dir.path(), "Acme");
    let project = app.load_map().unwrap().projects[0].clone();

    let png = app
        .prepare_export(
            &ExportRequest {
                scale: 2.0,
                ..request(
                    ExportFormat::Png,
                    Scope::Project {
                        id: project.id.clone(),
                    },
                )
            },
            today(),
        )
        .unwrap();
    assert!(png.bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert_eq!(png.file_name, format!("Acme - {}.png", project.name));
    // An existing file is replaced whole; the extension is added; no temporary file is left.
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("picture.png"), b"old").unwrap();
    let written = write_export(&png, out.join("picture")).unwrap();
    assert_eq!(written, "picture.png");
    assert_eq!(std::fs::read(out.join("picture.png")).unwrap(), png.bytes);
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);

    let svg = app
        .prepare_export(&request(ExportFormat::Svg, Scope::Map), today())
        .unwrap();
    assert!(String::from_utf8(svg.bytes).unwrap().contains("<svg"));
    assert_eq!(svg.file_name, "Acme.svg");
    let view = app
        .prepare_export(
            &request(
                ExportFormat::Png,
                Scope::View {
                    x: project.frame.x,
                    y: project.frame.y,
                    width: 300.0,
                    height: 200.0,
                },
            ),
            today(),
        )
        .unwrap();
    assert!(view.bytes.starts_with(b"\x89PNG"));

    let contacts = app
        .prepare_export(&request(ExportFormat::ContactsCsv, Scope::Map), today())
        .unwrap();
    assert_eq!(contacts.file_name, "Acme contacts.csv");
    let text = String::from_utf8(contacts.bytes).unwrap();
    assert!(text.starts_with("Id,Name,"), "{text}");
    assert_eq!(
        text.lines().count(),
        app.load_map().unwrap().contacts.len() + 1
    );
    let stakes = app
        .prepare_export(
            &request(
                ExportFormat::StakesCsv,
                Scope::Project {
                    id: project.id.clone(),
                },
            ),
            today(),
        )
        .unwrap();
    let rows = String::from_utf8(stakes.bytes).unwrap().lines().count() - 1;
    let on_project = app
        .load_map()
        .unwrap()
        .stakes
        .iter()
        .filter(|s| s.project == project.id)
        .count();
    assert_eq!(rows, on_project);
}

#[test]
fn a_bad_export_is_refused_before_any_file_is_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo(dir.path(), "m");
    let unknown = app
        .prepare_export(
            &request(
                ExportFormat::Png,
                Scope::Project {
                    id: "no-such-project".into(),
                },
            ),
            today(),
        )
        .unwrap_err();
    assert_eq!(unknown.field.as_deref(), Some("project"));
    let view_as_csv = app
        .prepare_export(
            &request(
                ExportFormat::ContactsCsv,
                Scope::View {
                    x: 0.0,
                    y: 0.0,
                    width: 10.0,
                    height: 10.0,
                },
            ),
            today(),
        )
        .unwrap_err();
    assert_eq!(view_as_csv.field.as_deref(), Some("scope"));
    let huge = app
        .prepare_export(
            &ExportRequest {
                scale: 100.0,
                ..request(ExportFormat::Png, Scope::Map)
            },
            today(),
        )
        .unwrap_err();
    assert_eq!(huge.field.as_deref(), Some("scale"));
}

#[test]
fn an_unrecognised_csv_is_mapped_column_by_column() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(dir.path(), "m");
    let file = dir.path().join("people.csv");
    std::fs::write(
        &file,
        "Who;Mail;Firm\nDana Ruiz;dana@northwind.test;Northwind\nLee Chen;lee@northwind.test;Northwind\n",
    )
    .unwrap();
    let refused = app.choose_import(&file, None, &mut |_| {}).unwrap();
    assert_eq!(refused.format, ImportFormat::Csv);
    let error = refused.problem.unwrap();
    assert!(
        error.message.contains("column mapping"),
        "{}",
        error.message
    );

    let csv = app.inspect_import().unwrap();
    assert_eq!(csv.headers, ["Who", "Mail", "Firm"]);
    assert_eq!(csv.delimiter, ";");
    assert_eq!(
        csv.sample[0],
        ["Dana Ruiz", "dana@northwind.test", "Northwind"]
    );

    let column = |column, field| ColumnAssignment { column, field };
    let preview = app
        .replan_import(
            stakemap_core::interchange::ImportOptions {
                format: Some(ImportFormat::Csv),
                mapping: Some(ColumnMapping {
                    columns: vec![
                        column(0, ContactField::Name),
                        column(1, ContactField::Email),
                        column(2, ContactField::Organization),
                    ],
                }),
                ..Default::default()
            },
            &mut |_| {},
        )
        .unwrap();
    assert_eq!(preview.counts.created, 3, "{:?}", preview.items); // two contacts, one organization
    app.apply_import(no_dialog).unwrap().unwrap();
    let map = app.load_map().unwrap();
    assert_eq!(map.contacts.len(), 2);
    assert_eq!(map.organizations[0].name, "Northwind");
}

//! The UI's TypeScript bindings must match the commands: regenerate and compare.

use std::path::Path;

#[test]
fn bindings_are_up_to_date() {
    let committed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join(stakemap_app::BINDINGS_PATH);
    let dir = tempfile::tempdir().unwrap();
    let fresh_path = dir.path().join("bindings.gen.ts");
    stakemap_app::export_bindings(&fresh_path).unwrap();
    let fresh = std::fs::read_to_string(&fresh_path).unwrap();
    assert!(
        fresh.starts_with("// Generated"),
        "the bindings must say they are generated"
    );
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&committed_path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: run `UPDATE_BINDINGS=1 cargo test -p stakemap-app --test app bindings` \
         and commit the result",
        committed_path.display()
    );
}

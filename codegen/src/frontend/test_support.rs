//! Test support shared by the frontends' unit tests: reading the vendored corpus and seeds.
//!
//! Compiled only under `cfg(test)`; re-exported as `crate::frontend::read_shared`.

/// Test helper: the text of `rel` under the repository's sibling `shared/` (vendor copies of the
/// corpus and seeds), or `None` with a note when it cannot be read (the test is skipped).
pub(crate) fn read_shared(rel: &str) -> Option<String> {
    let path = format!("{}/../../shared/{rel}", env!("CARGO_MANIFEST_DIR"));
    match std::fs::read_to_string(&path) {
        Ok(t) => Some(t),
        Err(e) => {
            eprintln!("note: {path} cannot be read ({e}); test skipped");
            None
        }
    }
}

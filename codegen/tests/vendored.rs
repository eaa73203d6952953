//! The vendored copies the tests read instead of the shared corpus are what they claim to be:
//! the seeds in `specs/` and the pages under `codegen/tests/fixtures/corpus/` are byte for byte
//! the shared corpus's files (checked where the shared folder is present).

#[path = "support/shared.rs"]
mod shared;

use std::path::Path;

/// Every file under `dir`, as paths relative to `base`.
fn files(base: &Path, dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(base, &p, out);
        } else {
            out.push(p.strip_prefix(base).unwrap().to_path_buf());
        }
    }
}

#[test]
fn vendored_pages_and_seeds_are_the_shared_corpus_bytes() {
    let root = shared::workspace_root();
    let fixtures = root.join("codegen/tests/fixtures");
    let mut pages = Vec::new();
    files(&fixtures, &fixtures.join("corpus/pages"), &mut pages);
    assert!(pages.len() >= 6, "{pages:?}");
    let shared_root = shared::shared_root();
    if !shared_root.is_dir() {
        // Reported (or failed, under CI) by the mechanism itself.
        let _ = shared::shared_or_skip("seeds");
        return;
    }
    for rel in pages {
        let ours = std::fs::read(fixtures.join(&rel)).unwrap();
        let theirs = std::fs::read(shared_root.join(&rel))
            .unwrap_or_else(|e| panic!("{}: {e}", rel.display()));
        assert!(
            ours == theirs,
            "{} differs from the shared corpus",
            rel.display()
        );
    }
    let mut seeds = 0;
    for e in std::fs::read_dir(shared_root.join("seeds")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        let vendored = std::fs::read(shared::seed_path(&name)).unwrap();
        assert!(
            vendored == std::fs::read(&p).unwrap(),
            "{name} differs in specs/"
        );
        seeds += 1;
    }
    assert_eq!(seeds, 5);
}

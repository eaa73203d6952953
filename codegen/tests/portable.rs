//! `cpaas generate`'s portable crates ([`generate_portable`]): a crate generated from a file
//! in a temporary folder tree carries no absolute path, takes its names from the options
//! (never from folders, never a keyword), and still builds once it and a copy of the runtime
//! are moved together to another place.

#[path = "support/generated_crate.rs"]
mod generated_crate;

use std::path::{Path, PathBuf};

use generated_crate::workspace;

use cpaas_codegen::standalone::{CrateOptions, RuntimeDep, generate_portable};

/// A small OpenAPI document (the Telnyx seed page) copied to `dir/name`.
fn spec_in(dir: &Path, name: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let to = dir.join(name);
    std::fs::copy(
        workspace().join("specs/telnyx/v2/002_1ffeaa7590c6150a.txt"),
        &to,
    )
    .unwrap();
    to
}

/// Every file under `dir` (recursively), with its text.
fn files_of(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_of(&p));
        } else {
            out.push((p.clone(), std::fs::read_to_string(&p).unwrap_or_default()));
        }
    }
    out
}

/// Copies the folder `from` into `to` (target folders left out).
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n != "target") {
                copy_dir(&p, &dest);
            }
        } else {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

/// The values of the `[table]` section of the workspace's `Cargo.toml`, as `key = value` lines.
fn workspace_table(table: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(workspace().join("Cargo.toml")).unwrap();
    let header = format!("[{table}]");
    text.lines()
        .skip_while(|l| l.trim() != header)
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// A copy of the runtime at `to` that builds on its own: its `Cargo.toml` inherits from the
/// workspace (`version.workspace = true`, `serde = { workspace = true }`), so the inherited
/// values are written in.
fn copy_runtime(to: &Path) {
    copy_dir(&workspace().join("runtime"), to);
    let manifest = to.join("Cargo.toml");
    let (package, deps) = (
        workspace_table("workspace.package"),
        workspace_table("workspace.dependencies"),
    );
    let text: String = std::fs::read_to_string(&manifest)
        .unwrap()
        .lines()
        .map(|line| {
            let inherited = package
                .iter()
                .find(|(k, _)| line == format!("{k}.workspace = true"))
                .or_else(|| {
                    deps.iter()
                        .find(|(k, _)| line == format!("{k} = {{ workspace = true }}"))
                });
            match inherited {
                Some((k, v)) => format!("{k} = {v}\n"),
                None => format!("{line}\n"),
            }
        })
        .collect();
    assert!(!text.contains("workspace"), "inheritance left:\n{text}");
    std::fs::write(manifest, text).unwrap();
}

fn options(runtime: RuntimeDep) -> CrateOptions {
    CrateOptions {
        crate_name: None,
        provider: None,
        api: None,
        runtime,
        bundle_root: None,
        selection: Default::default(),
    }
}

#[test]
fn a_crate_and_its_runtime_moved_together_still_build_and_hold_no_absolute_path() {
    let tmp = tempfile::tempdir().unwrap();
    let here = tmp.path().join("here");
    let spec = spec_in(&here.join("acme").join("v1"), "tokens.yaml");
    copy_runtime(&here.join("cpaas-runtime"));
    let out = here.join("gen").join("client");
    let opts = CrateOptions {
        crate_name: Some("My Client".into()),
        provider: Some("acme corp".into()),
        api: Some("auth".into()),
        ..options(RuntimeDep::Path(here.join("cpaas-runtime")))
    };
    let report =
        generate_portable(&out, &[spec], &opts).unwrap_or_else(|e| panic!("generation:\n{e}"));
    assert_eq!(report.operations, 1);

    let files = files_of(&out);
    let prefix = tmp.path().to_string_lossy().into_owned();
    for (path, text) in &files {
        assert!(
            !text.contains(&prefix),
            "{} holds the absolute path {prefix}",
            path.display()
        );
    }
    let cargo = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(cargo.contains("name = \"my-client\""), "{cargo}");
    assert!(
        cargo.contains("cpaas-runtime = { path = \"../../cpaas-runtime\" }"),
        "{cargo}"
    );
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(lib.contains("pub mod acme_corp {"), "provider module");
    assert!(lib.contains("pub mod auth {"), "API module");
    assert!(!lib.contains("pub mod acme {") && !lib.contains("pub mod v1 {"));
    assert!(
        lib.contains("`tokens.yaml`"),
        "source named by its file name"
    );

    let there = tmp.path().join("elsewhere").join("deeper");
    std::fs::create_dir_all(there.parent().unwrap()).unwrap();
    std::fs::rename(&here, &there).unwrap();
    let status = generated_crate::cargo_in(
        &there.join("gen").join("client"),
        &workspace(),
        &Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-target"),
        &["build"],
    );
    assert!(status.success(), "the moved crate does not build");
}

#[test]
fn keyword_inputs_give_valid_names_and_a_version_gives_a_registry_dependency() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = spec_in(&tmp.path().join("specs").join("try"), "gen.yaml");
    let out = tmp.path().join("out");
    let mut opts = options(RuntimeDep::Version("0.1".into()));
    opts.crate_name = Some("gen".into());
    generate_portable(&out, std::slice::from_ref(&spec), &opts).unwrap();
    let cargo = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(cargo.contains("name = \"gen-client\""), "{cargo}");
    assert!(cargo.contains("cpaas-runtime = \"0.1\""), "{cargo}");
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(
        lib.contains("pub mod gen_ {"),
        "the API module from the stem, not a keyword"
    );
    assert!(!lib.contains("pub mod try"), "never a folder name");

    // Without a crate name: the document's title.
    let out2 = tmp.path().join("out2");
    generate_portable(&out2, &[spec], &options(RuntimeDep::Version("0.1".into()))).unwrap();
    let cargo = std::fs::read_to_string(out2.join("Cargo.toml")).unwrap();
    let name = cargo.lines().nth(1).unwrap();
    assert!(name.starts_with("name = \"telnyx"), "{name}");
}

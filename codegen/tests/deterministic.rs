//! Generation is deterministic: the same inputs give the same bytes, run after run.

#[path = "../benches/common/mod.rs"]
mod common;
#[path = "support/shared.rs"]
mod shared;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use cpaas_codegen::Config;
use cpaas_codegen::standalone::generate_crate;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The shared corpus's specs, or `None` when the corpus is missing (a visible skip).
fn corpus() -> Option<PathBuf> {
    shared::shared_or_skip("corpus/specs")
}

fn tmp() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("cpaas-determinism-")
        .tempdir()
        .expect("temp dir")
}

/// Every file under `dir` by relative path, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    common::files_largest_first(dir)
        .into_iter()
        .map(|(p, _)| {
            let rel = p.strip_prefix(dir).expect("under dir").to_path_buf();
            let bytes = std::fs::read(&p).expect("read");
            (rel, bytes)
        })
        .collect()
}

/// The vendored specs plus corpus documents laid out as `<provider>/<api>/<file>`.
fn inputs(into: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in cpaas_codegen::config::scan_specs(&root().join("specs")).expect("specs") {
        for f in entry.2 {
            let rel = f.strip_prefix(root().join("specs")).expect("under specs");
            let dest = into.join(rel);
            std::fs::create_dir_all(dest.parent().expect("parent")).expect("mkdir");
            std::fs::copy(&f, &dest).expect("copy");
            files.push(dest);
        }
    }
    if let Some(c) = corpus() {
        for (provider, api, file) in [
            ("twilio", "conversations_v1", "twilio_conversations_v1.json"),
            (
                "oai",
                "petstore",
                "oai-examples/v3.0/petstore-expanded.yaml",
            ),
            ("oai", "uspto", "oai-examples/v3.0/uspto.json"),
            ("oai", "webhooks", "oai-examples/v3.1/webhook-example.yaml"),
            ("oxide", "nexus", "progenitor/nexus.json"),
            ("oxide", "buildomat", "progenitor/buildomat.json"),
        ] {
            let dest = into
                .join(provider)
                .join(api)
                .join(Path::new(file).file_name().expect("file name"));
            std::fs::create_dir_all(dest.parent().expect("parent")).expect("mkdir");
            std::fs::copy(c.join(file), &dest).expect("copy");
            files.push(dest);
        }
    }
    files.sort();
    files
}

#[test]
fn generate_crate_twice_gives_identical_trees() {
    let input = tmp();
    let files = inputs(input.path());
    let runtime = root().join("runtime");
    let (a, b) = (tmp(), tmp());
    let (a, b) = (a.path().join("out"), b.path().join("out"));
    let started = Instant::now();
    let ra = generate_crate(&a, "det-client", &files, &runtime).expect("first run");
    let rb = generate_crate(&b, "det-client", &files, &runtime).expect("second run");
    eprintln!(
        "2 x {} operation(s) in {} API(s) ({} lines) in {:?}",
        ra.operations,
        ra.apis,
        ra.lines,
        started.elapsed()
    );
    assert_eq!((ra.operations, ra.lines), (rb.operations, rb.lines));
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(
            tb.get(path) == Some(bytes),
            "{} differs between two runs",
            path.display()
        );
    }
    assert!(ta.contains_key(Path::new("src/lib.rs")) && ta.contains_key(Path::new("Cargo.toml")));
}

#[test]
fn config_run_twice_gives_identical_code() {
    let run = |dir: &Path| {
        Config::new()
            .specs_dir(dir)
            .templates_dir(root().join("templates"))
            .crate_name("cpaas_tokens")
            .cargo_directives(false)
            .run()
            .expect("generation")
    };
    // The crate's own specs, then the larger corpus layout.
    let own = root().join("specs");
    let (a, b) = (run(&own), run(&own));
    assert!(!a.code.is_empty());
    assert!(
        a.code == b.code,
        "Config::run differs between two runs on {}",
        own.display()
    );
    let input = tmp();
    inputs(input.path());
    let (a, b) = (run(input.path()), run(input.path()));
    assert!(
        a.code == b.code,
        "Config::run differs between two runs on the corpus layout"
    );
    assert_eq!(
        a.diagnostics
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        b.diagnostics
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    );
}

/// The file is formatted in parts on several threads; it must be byte for byte what
/// prettyplease prints for the whole file at once, for APIs large enough to be split.
#[test]
fn formatting_in_parallel_parts_prints_what_the_whole_file_prints() {
    let Some(dir) = corpus() else { return };
    let api = |provider: &str, name: &str, file: PathBuf| {
        let (report, rec, _) = cpaas_codegen::config::recover_file(&file).expect("recovers");
        let input = cpaas_codegen::lower::Input {
            path: file,
            format: report.format.to_string(),
            recovered: rec.expect("a frontend reads it"),
        };
        cpaas_codegen::lower::lower(provider, name, &[input])
            .expect("lowers")
            .0
    };
    let mut apis = vec![
        api("oxide", "nexus", dir.join("progenitor/nexus.json")),
        api(
            "twilio",
            "conversations_v1",
            dir.join("twilio_conversations_v1.json"),
        ),
    ];
    // Each module in several parts: more types than one part holds (`TYPES_PER_PIECE`, 64, in
    // emit.rs) and more operations than one builder or CLI part holds (`BUILDERS_PER_PIECE`, 32).
    for a in &apis {
        assert!(
            a.types.len() > 64 && a.operations.len() > 32,
            "{}: {} types, {} operations: one part per module",
            a.name,
            a.types.len(),
            a.operations.len()
        );
    }
    // And a small API with empty modules (no types, no errors): printed `pub mod types {}`.
    let small = serde_json::json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/ping": {"get": {"operationId": "ping", "responses": {"204": {"description": "ok"}}}}}
    });
    let small = cpaas_codegen::lower::Input {
        path: "small.json".into(),
        format: "openapi".into(),
        recovered: cpaas_codegen::frontend::Recovered::new(small),
    };
    let small = cpaas_codegen::lower::lower("small", "ping", &[small]).expect("lowers");
    apis.push(small.0);
    for cli in [
        cpaas_codegen::CliTables::Off,
        cpaas_codegen::CliTables::Feature("cli".into()),
    ] {
        let opts = cpaas_codegen::emit::EmitOptions {
            cli,
            warnings: vec![("a.json".to_string(), "a warning".to_string())],
            ..Default::default()
        };
        let parts = cpaas_codegen::emit::emit(&apis, &opts).expect("emits");
        let tokens = cpaas_codegen::emit::tokens(&apis, &opts).expect("emits");
        let whole = prettyplease::unparse(&syn::parse2(tokens).expect("parses"));
        assert!(parts.lines().count() > 20_000);
        assert!(parts.contains("pub mod types {}"));
        assert!(
            parts == whole,
            "the parallel print differs from the whole-file print"
        );
    }
}

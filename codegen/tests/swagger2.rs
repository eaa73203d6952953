//! Swagger 2.0 input end to end: every 2.0 document of the shared corpus
//! (`../shared/corpus/swagger2/`, OAI's v2.0 examples, YAML and JSON, one split over several
//! files that refers to `../common/Error.yaml`) generates a crate that builds with
//! `-D warnings`; and a small 2.0 fixture's generated client, run against a loopback server,
//! sends form parameters form-encoded, a body parameter as JSON and query arrays as their
//! `collectionFormat` says.
//!
//! Without the shared corpus the corpus test fails when `CI` or `CPAAS_REQUIRE_SHARED` is set,
//! and otherwise says visibly that it was skipped (`support/shared.rs`).

#[path = "support/generated_crate.rs"]
mod generated_crate;
#[path = "../../runtime/tests/support/mod.rs"]
mod mock;
#[path = "support/shared.rs"]
mod shared;

use std::path::{Path, PathBuf};

use generated_crate::workspace;

use cpaas_codegen::config::recover_file_within;
use cpaas_codegen::detect::{Format, detect};

fn target() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-target")
}

/// Every file under `dir` whose content is a Swagger 2.0 document (the split example's parts,
/// `Pet.yaml` and the like, are schemas, not documents).
fn swagger2_documents(dir: &Path) -> Vec<PathBuf> {
    generated_crate::files_under(dir)
        .into_iter()
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| detect(&t).format == Format::Swagger2))
        .collect()
}

#[test]
fn every_swagger2_corpus_document_generates_a_crate_that_builds_warning_free() {
    let Some(root) = shared::shared_or_skip("corpus/swagger2") else {
        return;
    };
    let docs = swagger2_documents(&root);
    assert!(docs.len() >= 16, "{docs:#?}");
    for flavour in ["yaml", "json"] {
        let files: Vec<PathBuf> = docs
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == flavour))
            .cloned()
            .collect();
        assert!(files.len() >= 8, "{flavour}: {files:#?}");
        let mut operations = 0;
        for f in &files {
            let (report, rec, diags) = recover_file_within(f, Some(&root))
                .unwrap_or_else(|e| panic!("{}: {e:#?}", f.display()));
            assert_eq!(report.format, Format::Swagger2, "{}", f.display());
            let rec = rec.unwrap_or_else(|| panic!("{}: not recovered", f.display()));
            assert!(!diags.iter().any(|d| d.is_error()), "{diags:#?}");
            assert!(rec.doc.get("swagger").is_none(), "{}", f.display());
            assert!(rec.doc["openapi"].as_str().unwrap().starts_with("3."));
            operations += rec.doc["paths"].as_object().map_or(0, |p| {
                p.values()
                    .map(|i| i.as_object().map_or(0, |o| o.len()))
                    .sum()
            });
        }
        assert!(operations >= 15, "{flavour}: {operations} operations");
        let name = format!("swagger2_corpus_{flavour}");
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(&name);
        let _ = std::fs::remove_dir_all(&out);
        let report = cpaas_codegen::standalone::generate_crate_within(
            &out,
            &name,
            &files,
            &workspace().join("runtime"),
            Some(&root),
        )
        .unwrap_or_else(|e| panic!("generation failed:\n{e}"));
        for d in &report.diagnostics {
            eprintln!("{d}");
        }
        assert!(report.operations >= 15, "{}", report.operations);
        let status = generated_crate::cargo_in(
            &out,
            &workspace(),
            &target(),
            &["build", "--features", "cli"],
        );
        assert!(
            status.success(),
            "the crate generated from {files:#?} does not build"
        );
    }
}

/// The example program run against the loopback server: one call of each operation.
const EXAMPLE: &str = r#"
use swagger2_loopback::demo::loopback::Client;

fn main() {
    let url = std::env::args().nth(1).expect("the server's URL");
    let client = Client::builder().base_url(url).build().expect("a client");
    cpaas_runtime::blocking::block_on(async {
        client
            .create_token()
            .ttl(600)
            .label("a b&c")
            .scopes(vec!["chat".to_string(), "voice".to_string()])
            .send()
            .await
            .expect("create_token");
        client.create_key().name("k1").send().await.expect("create_key");
        client
            .search()
            .tag(vec!["a".to_string(), "b".to_string()])
            .ids(vec![1, 2])
            .words(vec!["x".to_string(), "y".to_string()])
            .send()
            .await
            .expect("search");
    });
}
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_swagger2_client_sends_form_json_and_query_arrays_as_the_document_says() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/swagger2_loopback.yaml");
    // The client is `demo::loopback::Client`.
    let (out, _) = generated_crate::loopback_crate(
        Path::new(env!("CARGO_TARGET_TMPDIR")),
        &workspace().join("runtime"),
        &fixture,
        "swagger2_loopback",
        "demo/loopback/swagger.yaml",
        EXAMPLE,
    );

    let server = mock::MockServer::start(vec![
        mock::Reply::json(200, r#"{"token": "t"}"#).into(),
        mock::Reply::json(200, r#"{"sid": "K1", "name": "k1"}"#).into(),
        mock::Reply::json(200, "[]").into(),
    ])
    .await;
    let url = server.url();
    let status = tokio::task::spawn_blocking(move || {
        generated_crate::cargo_in(
            &out,
            &workspace(),
            &target(),
            &["run", "--example", "loopback", "--", &url],
        )
    })
    .await
    .unwrap();
    assert!(
        status.success(),
        "the example against the loopback server failed"
    );
    let reqs = server.requests();
    assert_eq!(reqs.len(), 3, "{reqs:#?}");

    // formData parameters: one form-encoded body, an array (`multi`) as repeated fields.
    let form = &reqs[0];
    assert_eq!((form.method.as_str(), form.path()), ("POST", "/tokens"));
    assert_eq!(
        form.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let mut fields: Vec<&str> = form.body_str().split('&').collect();
    fields.sort();
    assert_eq!(
        fields,
        ["Label=a+b%26c", "Scopes=chat", "Scopes=voice", "Ttl=600"],
        "{}",
        form.body_str()
    );

    // A `$ref` to a global body parameter: the schema's object as JSON.
    let json = &reqs[1];
    assert_eq!((json.method.as_str(), json.path()), ("POST", "/keys"));
    assert_eq!(json.header("content-type"), Some("application/json"));
    let body: serde_json::Value = serde_json::from_slice(&json.body).unwrap();
    assert_eq!(body, serde_json::json!({"name": "k1"}));

    // Query arrays: `multi` repeats the name, `csv` (the default) joins with commas, `pipes`
    // with `|` (percent-encoded).
    let q = &reqs[2];
    assert_eq!((q.method.as_str(), q.path()), ("GET", "/search"));
    let mut pairs: Vec<&str> = q.query().unwrap_or("").split('&').collect();
    pairs.sort();
    assert_eq!(
        pairs,
        ["ids=1%2C2", "tag=a", "tag=b", "words=x%7Cy"],
        "{}",
        q.target
    );
}

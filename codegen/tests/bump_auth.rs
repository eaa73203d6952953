//! Auth on Bump.sh text pages (`frontend::bump::text`), measured: every operation of specs
//! with basic, bearer, OAuth 2 and API-key (header and query) schemes is rendered as a text
//! page whose only statement of auth is its curl sample (`--user`, `--header "Authorization:
//! Bearer …"`, `--header "X-Key: $API_KEY"`, `?key=$API_KEY`), read back, and its security
//! compared with the original's by what reaches the wire. Specs: `tests/fixtures/
//! auth_schemes.yaml` (one operation per scheme type, one with alternatives), the corpus's
//! (skipped when `shared/` is absent) and any `*.json`/`*.yaml` in the folder `CPAAS_WIDER_SPECS` names
//! (public specs kept out of the repository).

#[path = "support/bump_facts.rs"]
mod bump_facts;
#[path = "support/bump_render.rs"]
mod bump_render;
#[path = "support/shared.rs"]
mod shared;

use bump_facts::Fmt;
use bump_render::render_text_dump;
use cpaas_codegen::frontend::bump::text;
use serde_json::Value;

/// The security facts of a fact list.
fn security(facts: Vec<String>) -> Vec<String> {
    facts
        .into_iter()
        .filter(|f| f.starts_with("security-"))
        .collect()
}

/// (pages, pages whose export has the right security, pages with neither the right security
/// nor an auth warning, pages not read, samples of misses).
fn measure(spec: &Value) -> (usize, usize, usize, usize, Vec<String>) {
    let (mut pages, mut right, mut silent, mut unread, mut samples) = (0, 0, 0, 0, Vec::new());
    for (path, pi) in spec["paths"].as_object().into_iter().flatten() {
        for (m, op) in pi.as_object().into_iter().flatten() {
            if op.get("responses").is_none() {
                continue;
            }
            let page = render_text_dump(spec, path, m, None);
            pages += 1;
            let Ok(rec) = text::recover(&page) else {
                unread += 1;
                continue;
            };
            let want = security(bump_facts::original(spec, path, m, Fmt::TextDump));
            let got = security(bump_facts::recovered(&rec.doc, Fmt::TextDump));
            if want == got {
                right += 1;
                continue;
            }
            if !rec.diagnostics.iter().any(|d| d.code.contains("auth")) {
                silent += 1;
            }
            if samples.len() < 4 {
                samples.push(format!("  {m} {path}: want {want:?} got {got:?}"));
            }
        }
    }
    (pages, right, silent, unread, samples)
}

fn load(path: &std::path::Path) -> Option<Value> {
    let t = std::fs::read_to_string(path).ok()?;
    cpaas_codegen::frontend::yaml::parse(&t).ok()
}

#[test]
fn text_pages_carry_every_auth_statement_of_their_curl_sample() {
    let mut specs: Vec<std::path::PathBuf> = vec![
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/auth_schemes.yaml"),
    ];
    specs.extend(
        [
            "corpus/specs/twilio_conversations_v1.json",
            "corpus/specs/signalwire_rest_openapi.yaml",
            "corpus/specs/telnyx_spec3_2026-02-26.json",
        ]
        .iter()
        .filter_map(|r| shared::shared_or_skip(r)),
    );
    if let Ok(dir) = std::env::var("CPAAS_WIDER_SPECS") {
        for e in std::fs::read_dir(dir).expect("CPAAS_WIDER_SPECS is a folder") {
            specs.push(e.unwrap().path());
        }
    }
    let mut report = String::from("\ntext_dump auth round trip (pages with the right security)\n");
    let mut all = true;
    for p in specs {
        let Some(spec) = load(&p) else { continue };
        let (pages, right, silent, unread, samples) = measure(&spec);
        report += &format!(
            "{:48} {right}/{pages} right, {silent} wrong without a warning, {unread} not read\n",
            p.file_name().unwrap().to_string_lossy()
        );
        for s in samples {
            report += &s;
            report.push('\n');
        }
        // Pages the reader refuses (for reasons of their own, located) are not this test's.
        all &= right + unread == pages && silent == 0;
    }
    println!("{report}");
    assert!(all, "{report}");
}

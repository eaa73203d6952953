//! Bump.sh page frontends (`frontend::bump::md` for `bump_md`, `frontend::bump::text` for
//! `text_dump`) against pages rendered from real OpenAPI operations: the seeds byte for byte, the
//! corpus text page byte for byte, and every operation of the Twilio Conversations spec rendered
//! and read back.

#[path = "support/bump_facts.rs"]
mod bump_facts;
#[path = "support/bump_render.rs"]
mod bump_render;
#[path = "support/shared.rs"]
mod shared;

use std::collections::BTreeMap;
use std::path::Path;

use bump_facts::{Fmt, diff};
use bump_render::{collapse, render_bump_md, render_text_dump};
use cpaas_codegen::detect::{Format, detect};
use cpaas_codegen::frontend::bump::{md, text};
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn fixture(name: &str) -> Value {
    let t = std::fs::read_to_string(Path::new(FIXTURES).join(name)).expect("fixture");
    serde_json::from_str(&t).expect("fixture JSON")
}

fn assert_same_text(rendered: &str, expected: &str) {
    if rendered != expected {
        let at = rendered
            .bytes()
            .zip(expected.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(rendered.len().min(expected.len()));
        let lo = at.saturating_sub(80);
        panic!(
            "differs at byte {at}:\n rendered: {:?}\n expected: {:?}",
            rendered.get(lo..(at + 80).min(rendered.len())),
            expected.get(lo..(at + 80).min(expected.len()))
        );
    }
}

#[test]
fn seed_003_renders_byte_for_byte_and_reads_back() {
    let seed = shared::seed("003_");
    let spec = fixture("twilio_api_v2010_create_new_key.json");
    let path = "/2010-04-01/Accounts/{AccountSid}/Keys.json";
    let page = render_bump_md(&spec, path, "post");
    assert_same_text(&collapse(&page), &seed);
    assert_eq!(detect(&seed).format, Format::BumpMd);
    let rec = md::recover(&seed).expect("seed 003 reads");
    assert_eq!(
        bump_facts::recovered(&rec.doc, Fmt::BumpCollapsed),
        bump_facts::original(&spec, path, "post", Fmt::BumpCollapsed)
    );
}

#[test]
fn seed_004_renders_byte_for_byte_and_reads_back() {
    let seed = shared::seed("004_");
    let spec = fixture("twilio_ip_messaging_v2_create_credential.json");
    let page = render_text_dump(&spec, "/v2/Credentials", "post", None);
    assert_same_text(&page, &seed);
    assert_eq!(detect(&seed).format, Format::TextDump);
    let rec = text::recover(&seed).expect("seed 004 reads");
    assert_eq!(
        bump_facts::recovered(&rec.doc, Fmt::TextDump),
        bump_facts::original(&spec, "/v2/Credentials", "post", Fmt::TextDump)
    );
}

#[test]
fn corpus_text_page_renders_byte_for_byte_from_the_corpus_spec() {
    let Some(page) = shared::read_or_skip(
        "corpus/pages/text_dump/twilio_conversations_deleteServiceConversationMessage.txt",
    ) else {
        return;
    };
    let Some(spec) = shared::read_or_skip("corpus/specs/twilio_conversations_v1.json") else {
        return;
    };
    let spec: Value = serde_json::from_str(&spec).expect("spec");
    let path = "/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Messages/{Sid}";
    let chrome = Some((
        "Conversations",
        "https://twilio.demo.bump-doc.com/doc/conversations/mcp",
    ));
    assert_same_text(&render_text_dump(&spec, path, "delete", chrome), &page);
    let rec = text::recover(&page).expect("corpus page reads");
    assert_eq!(
        bump_facts::recovered(&rec.doc, Fmt::TextDump),
        bump_facts::original(&spec, path, "delete", Fmt::TextDump)
    );
}

struct Tally {
    ops: usize,
    exact: usize,
    facts: usize,
    matched: usize,
    extra: usize,
    samples: Vec<String>,
    warnings: BTreeMap<&'static str, usize>,
}

#[test]
fn conversations_round_trip_through_both_formats() {
    let Some(spec) = shared::read_or_skip("corpus/specs/twilio_conversations_v1.json") else {
        return;
    };
    let spec: Value = serde_json::from_str(&spec).expect("spec");
    let mut ops = Vec::new();
    for (path, pi) in spec["paths"].as_object().into_iter().flatten() {
        for (m, op) in pi.as_object().into_iter().flatten() {
            if op.get("responses").is_some() {
                ops.push((path.clone(), m.clone()));
            }
        }
    }
    assert_eq!(ops.len(), 103);
    let mut report = String::from("\nBump.sh round trip over twilio_conversations_v1.json\n");
    let mut all_exact = true;
    for fmt in [Fmt::BumpCollapsed, Fmt::BumpLines, Fmt::TextDump] {
        let mut t = Tally {
            ops: 0,
            exact: 0,
            facts: 0,
            matched: 0,
            extra: 0,
            samples: Vec::new(),
            warnings: BTreeMap::new(),
        };
        for (path, m) in &ops {
            let (page, expected_format) = match fmt {
                Fmt::BumpCollapsed => (collapse(&render_bump_md(&spec, path, m)), Format::BumpMd),
                Fmt::BumpLines => (render_bump_md(&spec, path, m), Format::BumpMd),
                Fmt::TextDump => (render_text_dump(&spec, path, m, None), Format::TextDump),
            };
            assert_eq!(detect(&page).format, expected_format, "{m} {path}");
            let rec = match fmt {
                Fmt::TextDump => text::recover(&page),
                _ => md::recover(&page),
            };
            let rec = match rec {
                Ok(r) => r,
                Err(e) => panic!("{fmt:?} {m} {path}: {e}"),
            };
            for d in &rec.diagnostics {
                *t.warnings.entry(d.code).or_default() += 1;
            }
            let want = bump_facts::original(&spec, path, m, fmt);
            let got = bump_facts::recovered(&rec.doc, fmt);
            let (matched, missing, extra) = diff(&want, &got);
            t.ops += 1;
            t.facts += want.len();
            t.matched += matched;
            t.extra += extra.len();
            if missing.is_empty() && extra.is_empty() {
                t.exact += 1;
            } else if t.samples.len() < 6 {
                t.samples.push(format!(
                    "  {m} {path}: missing {:?} extra {:?}",
                    missing.iter().take(3).collect::<Vec<_>>(),
                    extra.iter().take(3).collect::<Vec<_>>()
                ));
            }
        }
        let label = match fmt {
            Fmt::BumpCollapsed => "bump_md (collapsed)",
            Fmt::BumpLines => "bump_md (line breaks kept)",
            Fmt::TextDump => "text_dump",
        };
        report += &format!(
            "{label:28} operations exact {}/{} ({:.1}%), facts {}/{} ({:.2}%), extra {}\n",
            t.exact,
            t.ops,
            100.0 * t.exact as f64 / t.ops as f64,
            t.matched,
            t.facts,
            100.0 * t.matched as f64 / t.facts.max(1) as f64,
            t.extra
        );
        report += &format!("  warnings: {:?}\n", t.warnings);
        for s in &t.samples {
            report += s;
            report.push('\n');
        }
        all_exact &= t.exact == t.ops;
    }
    report += &format!(
        "Not carried (so not compared): {}\n",
        bump_facts::NOT_CARRIED
    );
    println!("{report}");
    assert!(all_exact, "{report}");
}

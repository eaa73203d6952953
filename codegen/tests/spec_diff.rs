//! `spec diff` on two real versions of the Telnyx API (February and July 2026): the summary,
//! counts by kind and a sample of lines are pinned.

#[path = "support/shared.rs"]
mod shared;

use std::time::Instant;

use cpaas_codegen::diff::{diff_files, line};

#[test]
fn telnyx_february_to_july() {
    let Some(old) = shared::shared_or_skip("corpus/specs/telnyx_spec3_2026-02-26.json") else {
        return;
    };
    let Some(new) = shared::shared_or_skip("corpus/specs/telnyx_spec3.yml") else {
        return;
    };
    let started = Instant::now();
    let (diff, _warnings) = diff_files(&old, &new).expect("both versions lower");
    eprintln!("spec diff of 2 x 4 MB took {:?}", started.elapsed());
    let mut report = String::new();
    report.push_str(&diff.summary());
    report.push_str("\n\nby kind:\n");
    for (kind, breaking, n) in diff.counts() {
        report.push_str(&format!(
            "  {kind:<30} {:<12} {n}\n",
            if breaking { "breaking" } else { "non-breaking" }
        ));
    }
    // A sample: every 97th change, in the report's order.
    report.push_str("\nsample:\n");
    for c in diff.changes.iter().step_by(97) {
        report.push_str(&format!(
            "  [{}] {}\n",
            if c.breaking { "B" } else { "-" },
            line(c)
        ));
    }
    insta::assert_snapshot!(report);
    // JSON agrees with the text.
    let j = diff.to_json();
    assert_eq!(j["summary"]["breaking"], diff.breaking());
    assert_eq!(
        j["changes"].as_array().map(Vec::len),
        Some(diff.changes.len())
    );
}

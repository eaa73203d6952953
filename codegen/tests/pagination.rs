//! Pagination end to end: a small spec's generated client (`tests/fixtures/
//! pagination_loopback.yaml`) walks three pages of a next-page-URI list, a page-number list
//! and a `has_more` + `starting_after` cursor list against a loopback server, through the
//! generated `stream()` and `pages()` (async and blocking), and stops after the third page
//! of each: the server's script holds nothing more, so a fourth request would fail the walk.
//! And on three large corpus specs, how many list operations are recognised as paginated, by
//! pattern, and how many look paginated but are not (pinned as floors and ceilings).

#[path = "support/generated_crate.rs"]
mod generated_crate;
#[path = "../../runtime/tests/support/mod.rs"]
mod mock;
#[path = "support/shared.rs"]
mod shared;

use std::collections::BTreeMap;

/// The example program run against the loopback server: it prints what it walked.
const EXAMPLE: &str = r#"
use pagination_loopback::demo::lists::Client;

fn main() {
    let url = std::env::args().nth(1).expect("the server's URL");
    let client = Client::builder().base_url(format!("{url}/v2")).build().expect("a client");
    // Next-page URI: items across pages.
    let sids: Vec<String> = cpaas_runtime::blocking::block_on(async {
        let mut stream = client.list_calls().page_size(2).stream();
        let mut out = Vec::new();
        while let Some(call) = stream.next_item().await {
            out.push(call.expect("a call").sid.unwrap_or_default());
        }
        out
    });
    assert_eq!(sids, ["c1", "c2", "c3", "c4", "c5"]);
    // Page number: whole pages, walked by the blocking iterator.
    let pages: Vec<usize> = client
        .list_numbers()
        .page_size(2)
        .pages()
        .blocking()
        .map(|p| p.expect("a page").data.as_ref().map_or(0, Vec::len))
        .collect();
    assert_eq!(pages, [2, 2, 1]);
    // Cursor: items, blocking.
    let ids: Vec<String> = client
        .list_events()
        .limit(2)
        .stream()
        .blocking()
        .map(|e| e.expect("an event").id)
        .collect();
    assert_eq!(ids, ["e1", "e2", "e3", "e4", "e5"]);
    println!("walked");
}
"#;

fn page(body: &str) -> mock::Action {
    mock::Reply::json(200, body.to_string()).into()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cursor_page_number_and_next_uri_lists_walk_three_pages_and_stop() {
    let (out, report) = generated_crate::fixture_crate(
        "pagination_loopback.yaml",
        "pagination_loopback",
        "demo/lists/openapi.yaml",
        EXAMPLE,
    );
    assert!(!report.contains("lower.pagination"), "{report}");
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    for pattern in [
        "Paginated (recognised): next-page URI",
        "Paginated (recognised): page number",
        "Paginated (recognised): cursor",
    ] {
        assert!(lib.contains(pattern), "the docs say `{pattern}`");
    }

    let server = mock::MockServer::start(vec![
        // next_page_uri: relative, then absolute on another host (sent to the client's own).
        page(r#"{"calls": [{"sid": "c1"}, {"sid": "c2"}], "page": 0, "next_page_uri": "/v2/calls?PageSize=2&Page=1&PageToken=PT1"}"#),
        page(r#"{"calls": [{"sid": "c3"}, {"sid": "c4"}], "page": 1, "next_page_uri": "https://elsewhere.example/v2/calls?PageSize=2&Page=2&PageToken=PT2"}"#),
        page(r#"{"calls": [{"sid": "c5"}], "page": 2, "next_page_uri": null}"#),
        // page[number] up to meta.total_pages.
        page(r#"{"data": [{"phone_number": "+1"}, {"phone_number": "+2"}], "meta": {"page_number": 1, "total_pages": 3}}"#),
        page(r#"{"data": [{"phone_number": "+3"}, {"phone_number": "+4"}], "meta": {"page_number": 2, "total_pages": 3}}"#),
        page(r#"{"data": [{"phone_number": "+5"}], "meta": {"page_number": 3, "total_pages": 3}}"#),
        // starting_after = the last id, while has_more.
        page(r#"{"data": [{"id": "e1"}, {"id": "e2"}], "has_more": true}"#),
        page(r#"{"data": [{"id": "e3"}, {"id": "e4"}], "has_more": true}"#),
        page(r#"{"data": [{"id": "e5"}], "has_more": false}"#),
    ])
    .await;
    generated_crate::run_loopback_example(out, &["--all-features"], vec![server.url()]).await;
    let targets: Vec<String> = server.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(
        targets,
        [
            "/v2/calls?PageSize=2",
            "/v2/calls?PageSize=2&Page=1&PageToken=PT1",
            "/v2/calls?PageSize=2&Page=2&PageToken=PT2",
            "/v2/numbers?page%5Bsize%5D=2",
            "/v2/numbers?page%5Bsize%5D=2&page%5Bnumber%5D=2",
            "/v2/numbers?page%5Bsize%5D=2&page%5Bnumber%5D=3",
            "/v2/events?limit=2",
            "/v2/events?limit=2&starting_after=e2",
            "/v2/events?limit=2&starting_after=e4",
        ],
        "three pages of each list, then nothing more"
    );
}

/// `(pattern -> operations, operations that looked paginated but were not recognised)` of
/// one corpus spec.
fn corpus_counts(file: &str) -> Option<(BTreeMap<&'static str, usize>, usize)> {
    let path = shared::shared_or_skip(&format!("corpus/specs/{file}"))?;
    let (report, recovered, _) =
        cpaas_codegen::config::recover_file(&path).unwrap_or_else(|e| panic!("{file}: {e:?}"));
    let input = cpaas_codegen::lower::Input {
        path: path.clone(),
        format: report.format.id().to_string(),
        recovered: recovered.expect("recovered"),
    };
    let (api, diags) = cpaas_codegen::lower::lower("p", "a", &[input]).expect("lowers");
    let mut by_pattern = BTreeMap::new();
    for op in &api.operations {
        if let Some(p) = &op.pagination {
            *by_pattern.entry(p.pattern.name()).or_insert(0) += 1;
        }
    }
    let unrecognised = diags
        .iter()
        .filter(|d| d.code == "lower.pagination")
        .count();
    println!("{file}: {by_pattern:?}, looked paginated but unrecognised: {unrecognised}");
    if std::env::var_os("CPAAS_PAGINATION_VERBOSE").is_some() {
        let mut how: BTreeMap<String, usize> = BTreeMap::new();
        for p in api.operations.iter().filter_map(|o| o.pagination.as_ref()) {
            *how.entry(p.pattern.describe()).or_insert(0) += 1;
        }
        for (h, n) in how {
            println!("  {n} × {h}");
        }
        for d in diags
            .iter()
            .filter(|d| d.code.starts_with("lower.pagination"))
        {
            println!("  {d}");
        }
    }
    Some((by_pattern, unrecognised))
}

#[test]
fn corpus_lists_are_recognised_by_pattern() {
    // Measured 2026-12-03: Telnyx 11 next-URI (TeXML `next_page_uri`), 184 page-number
    // (`page[number]`, `page`), 1 cursor, 4 unrecognised (`page_size` only); Twilio
    // Conversations 22 next-URI (`meta.next_page_url`); SignalWire 66 next-URI (`links.next`).
    for (file, floors, most_unrecognised) in [
        (
            "telnyx_spec3.yml",
            [("next-uri", 11), ("page-number", 184), ("cursor", 1)],
            4,
        ),
        (
            "twilio_conversations_v1.json",
            [("next-uri", 22), ("page-number", 0), ("cursor", 0)],
            0,
        ),
        (
            "signalwire_rest_openapi.yaml",
            [("next-uri", 66), ("page-number", 0), ("cursor", 0)],
            0,
        ),
    ] {
        let Some((by_pattern, unrecognised)) = corpus_counts(file) else {
            return;
        };
        for (pattern, floor) in floors {
            let n = by_pattern.get(pattern).copied().unwrap_or(0);
            assert!(
                n >= floor,
                "{file}: {n} `{pattern}` lists, expected at least {floor}"
            );
        }
        assert!(
            unrecognised <= most_unrecognised,
            "{file}: {unrecognised} unrecognised"
        );
    }
}

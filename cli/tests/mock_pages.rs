//! The mock provider pages its paginated lists: for each recognised pattern (next-page URI,
//! page number + total pages, cursor from the last item + `has_more`), a walk over the mock
//! fetches exactly three pages and stops, both through the runtime's untyped walker
//! (`json_pages`) and through the `call` command with `--all-pages`. No vendored API pages its
//! lists, so the table rows here are written as `emit/cli.rs` writes them.

use cpaas_cli::mock::{MockOptions, MockProvider};
use cpaas_runtime::cli::{ApiEntry, MockResponse, OperationInfo, Program, ResponseInfo, run_call};
use cpaas_runtime::pagination::{Pagination, Pattern, json_pages};
use cpaas_runtime::{ApiInfo, Client, Request};
use serde_json::Value;

static API: ApiInfo = ApiInfo {
    provider: "local",
    api: "lists",
    base_url: "https://api.example.com/v2",
    server_variables: &[],
};

const fn op(
    name: &'static str,
    path: &'static str,
    body: &'static str,
    pagination: &'static Pagination,
) -> OperationInfo {
    OperationInfo {
        name,
        method: "GET",
        path,
        summary: "A page of the list.",
        rust_path: "local::lists::Client::list",
        source: "lists.yaml",
        format: "openapi-3.0",
        flags: &[],
        mock: MockResponse {
            status: 200,
            covers: "200",
            content_type: "application/json",
            body,
            source: "example",
        },
        mock_errors: &[],
        auth: &[],
        id: "list",
        body: None,
        responses: &[ResponseInfo {
            status: "200",
            variant: "",
        }],
        pagination: Some(pagination),
        events: false,
    }
}

static OPERATIONS: &[OperationInfo] = &[
    op(
        "list-calls",
        "/calls",
        r#"{"calls":[{"sid":"CA1"},{"sid":"CA2"}],"next_page_uri":null}"#,
        &Pagination {
            items: &["calls"],
            pattern: Pattern::NextUri {
                next: &["next_page_uri"],
            },
        },
    ),
    op(
        "list-numbers",
        "/numbers",
        r#"{"data":[{"phone_number":"+15550001"},{"phone_number":"+15550002"}],"meta":{}}"#,
        &Pagination {
            items: &["data"],
            pattern: Pattern::PageNumber {
                param: "page[number]",
                number: Some(&["meta", "page_number"]),
                total: Some(&["meta", "total_pages"]),
            },
        },
    ),
    op(
        "list-events",
        "/events",
        r#"{"data":[{"id":"ev1"},{"id":"ev2"}],"has_more":false}"#,
        &Pagination {
            items: &["data"],
            pattern: Pattern::Cursor {
                param: "starting_after",
                next: None,
                last_item: Some("id"),
                has_more: Some(&["has_more"]),
            },
        },
    ),
];

static APIS: &[ApiEntry] = &[ApiEntry {
    info: &API,
    operations: OPERATIONS,
}];

#[tokio::test]
async fn each_pattern_walks_three_mock_pages_and_stops() {
    let mock = MockProvider::start_with(MockOptions {
        apis: APIS,
        ..MockOptions::default()
    })
    .await
    .expect("mock starts");
    let base = mock.base_url_for(&API);
    let client = Client::builder(&API)
        .base_url(base.clone())
        .build()
        .unwrap();
    let mut sent = 0;
    for op in OPERATIONS {
        let first = Request::new(
            op.id,
            cpaas_runtime::http::Method::GET,
            op.path,
            op.path.to_string(),
        );
        let mut items = json_pages(&client, op.pagination.unwrap(), first).items::<Value>();
        let mut got = Vec::new();
        while let Some(item) = items.next_item().await {
            got.push(item.unwrap_or_else(|e| panic!("{}: {e}", op.name)));
        }
        assert_eq!(
            got.len(),
            6,
            "{}: two items on each of three pages",
            op.name
        );
        let targets: Vec<String> = mock.requests()[sent..]
            .iter()
            .map(|r| r.target.clone())
            .collect();
        assert_eq!(targets.len(), 3, "{}: {targets:?}", op.name);
        sent += 3;
    }
    let targets: Vec<String> = mock.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(
        &targets[..],
        &[
            "/local/lists/calls",
            "/local/lists/calls?cpaas_mock_page=2",
            "/local/lists/calls?cpaas_mock_page=3",
            "/local/lists/numbers",
            "/local/lists/numbers?page%5Bnumber%5D=2",
            "/local/lists/numbers?page%5Bnumber%5D=3",
            "/local/lists/events",
            "/local/lists/events?starting_after=mock-page-2",
            "/local/lists/events?starting_after=mock-page-3",
        ]
    );

    // The `call` command walks them the same way.
    let program = Program {
        usage: "cpaas call lists".into(),
        title: "lists".into(),
        apis: vec![&APIS[0]],
        credentials: &|b, _, _| Ok(b),
    };
    for op in OPERATIONS {
        let rest = ["--all-pages".to_string(), "--base-url".into(), base.clone()];
        let code = run_call(&program, Some(op.name), &rest).await.unwrap();
        assert_eq!(code, std::process::ExitCode::SUCCESS, "{}", op.name);
    }
    assert_eq!(mock.requests().len(), 18, "three pages per list again");
    mock.shutdown().await;
}

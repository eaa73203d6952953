//! Page walks against a scripted loopback server: every page goes through the client's one
//! send (auth on each, a retried 503 in the middle), a next-page URI naming another host is
//! sent to the client's own origin, the walk is lazy, and an error status ends it.

mod support;

use std::time::Duration;

use cpaas_runtime::http::Method;
use cpaas_runtime::pagination::{Pagination, Pattern, json_pages};
use cpaas_runtime::{ApiInfo, Auth, Client, Error, Request, RetryPolicy};
use support::{MockServer, Reply};

static API: ApiInfo = ApiInfo {
    provider: "test",
    api: "pages",
    base_url: "http://127.0.0.1:1",
    server_variables: &[],
};

static NEXT_URI: Pagination = Pagination {
    items: &["items"],
    pattern: Pattern::NextUri {
        next: &["links", "next"],
    },
};

fn client(server: &MockServer) -> Client {
    Client::builder(&API)
        .base_url(format!("{}/v1", server.url()))
        .auth(Auth::Bearer("page-token-secret".into()))
        .retry_policy(RetryPolicy {
            base_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(20),
            ..RetryPolicy::default()
        })
        .build()
        .expect("client")
}

fn list() -> Request {
    Request::new("List", Method::GET, "/things", "/things".into()).query("limit", "2")
}

#[tokio::test]
async fn every_page_goes_through_the_client_and_stays_on_its_host() {
    let server = MockServer::start(vec![
        Reply::json(200, r#"{"items": [1, 2], "links": {"next": "/v1/things?limit=2&after=2"}}"#)
            .into(),
        Reply::new(503).header("Retry-After", "0").into(),
        Reply::json(
            200,
            r#"{"items": [3, 4], "links": {"next": "https://other.example/v1/things?limit=2&after=4"}}"#,
        )
        .into(),
        Reply::json(200, r#"{"items": [5], "links": {"next": null}}"#).into(),
    ])
    .await;
    let client = client(&server);
    let mut items = json_pages(&client, &NEXT_URI, list()).items::<u32>();
    assert!(
        server.requests().is_empty(),
        "nothing is sent before polling"
    );
    let mut got = Vec::new();
    while let Some(item) = items.next_item().await {
        got.push(item.expect("an item"));
        if got.len() == 1 {
            assert_eq!(server.requests().len(), 1, "one page at a time");
        }
    }
    assert_eq!(got, [1, 2, 3, 4, 5]);
    let reqs = server.requests();
    let targets: Vec<&str> = reqs.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "/v1/things?limit=2",
            "/v1/things?limit=2&after=2",
            "/v1/things?limit=2&after=2",
            "/v1/things?limit=2&after=4",
        ]
    );
    for r in &reqs {
        assert_eq!(r.header("authorization"), Some("Bearer page-token-secret"));
    }
}

#[tokio::test]
async fn an_error_status_ends_the_walk_after_it_is_yielded() {
    let server = MockServer::start(vec![
        Reply::json(
            200,
            r#"{"items": [1], "links": {"next": "/v1/things?page=2"}}"#,
        )
        .into(),
        Reply::json(404, r#"{"message": "gone"}"#).into(),
    ])
    .await;
    let client = client(&server);
    let mut pages = json_pages(&client, &NEXT_URI, list());
    assert!(pages.next_page().await.unwrap().is_ok());
    match pages.next_page().await {
        Some(Err(Error::Status(e))) => assert_eq!(e.status(), 404),
        other => panic!("expected the 404, got {other:?}"),
    }
    assert!(pages.next_page().await.is_none());
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_query_api_key_rides_on_every_page_a_next_uri_names() {
    let server = MockServer::start(vec![
        Reply::json(
            200,
            r#"{"items": [1], "links": {"next": "/v1/things?after=1"}}"#,
        )
        .into(),
        Reply::json(200, r#"{"items": [2], "links": {"next": null}}"#).into(),
    ])
    .await;
    let client = Client::builder(&API)
        .base_url(format!("{}/v1", server.url()))
        .auth(Auth::ApiKeyQuery {
            name: "api_key",
            value: "query-key-secret".into(),
        })
        .build()
        .expect("client");
    let mut items = json_pages(&client, &NEXT_URI, list()).items::<u32>();
    let mut got = Vec::new();
    while let Some(item) = items.next_item().await {
        got.push(item.expect("an item"));
    }
    assert_eq!(got, [1, 2]);
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(
        targets,
        [
            "/v1/things?limit=2&api_key=query-key-secret",
            "/v1/things?after=1&api_key=query-key-secret",
        ],
        "the page the answer names replaces the list's own parameters, not the key"
    );
}

//! Event streams and per-request options end to end, through a crate generated from a spec
//! written for it (`tests/fixtures/events_loopback.yaml`) and run against a loopback server:
//! `events()` yields typed events (from `schema` and from an OpenAPI 3.2 `itemSchema` with a
//! `contentSchema`) and stops at `[DONE]`; the same operation's `send()` still reads JSON; a
//! documented error status is one typed error item; `.options(…)` overrides the client's retry
//! count (both ways) and timeout for one call, adds headers, and sends the same idempotency key
//! on every retry.

#[path = "support/generated_crate.rs"]
mod generated_crate;
#[path = "../../runtime/tests/support/mod.rs"]
mod mock;

use std::time::Duration;

/// The example program run against the loopback server (the order of its calls is the
/// order of the server's script).
const EXAMPLE: &str = r#"
use std::time::{Duration, Instant};

use cpaas_runtime::{Error, RequestOptions};
use events_loopback::demo::chat::Client;

fn main() {
    let url = std::env::args().nth(1).expect("the server's URL");
    let client = Client::builder().base_url(url.clone()).max_retries(0).build().expect("a client");
    cpaas_runtime::blocking::block_on(async {
        // 1. A stream of typed events, ended by `[DONE]` (the event after it is never read).
        let mut stream = client.create_chat().prompt("hi").events();
        let mut got = Vec::new();
        while let Some(event) = stream.next().await {
            let event = event.expect("an event");
            got.push((event.event.clone(), event.id.clone(), event.data.index, event.data.text.clone()));
        }
        assert_eq!(
            got,
            vec![
                (Some("delta".to_string()), Some("1".to_string()), 0, "Hel".to_string()),
                (Some("delta".to_string()), Some("2".to_string()), 1, "lo\nwörld".to_string()),
                (None, Some("2".to_string()), 2, "!".to_string()),
            ]
        );
        // 2. The same operation's JSON answer still comes through `send()`.
        let whole = client.create_chat().prompt("hi").send().await.expect("send");
        assert!(format!("{:?}", whole.into_inner()).contains("whole"));
        // 3. `itemSchema` with a `contentSchema`: each data decoded as a log line.
        let mut logs = client.tail_logs().level("info").events();
        let mut lines = Vec::new();
        while let Some(event) = logs.next().await {
            let line = event.expect("a log line").data;
            lines.push((line.message, line.level));
        }
        assert_eq!(lines, vec![("m1".to_string(), Some("info".to_string())), ("m2".to_string(), None)]);
        // 4. A documented error status is one typed error item, then the end.
        let mut failing = client.create_chat().prompt("hi").events();
        match failing.next().await {
            Some(Err(Error::Status(v))) => {
                assert_eq!(v.status().as_u16(), 429);
                assert!(format!("{:?}", v.inner()).contains("slow down"));
            }
            other => panic!("expected the 429 error, got {other:?}"),
        }
        assert!(failing.next().await.is_none());
        // 5. Per-request retries over a client that retries nothing; headers; one key.
        let retried = client
            .create_chat()
            .prompt("hi")
            .options(
                RequestOptions::new()
                    .max_retries(2)
                    .idempotency_key("key-1")
                    .header("X-Trace", "t1"),
            )
            .send()
            .await;
        assert!(retried.is_ok(), "{retried:?}");
        // 6. No retry for this call over a client that would retry.
        let retrying = Client::builder().base_url(url).build().expect("a client");
        let once = retrying
            .create_chat()
            .prompt("hi")
            .options(RequestOptions::new().max_retries(0))
            .send()
            .await;
        assert!(matches!(&once, Err(Error::UnexpectedStatus { status, .. }) if status.as_u16() == 503), "{once:?}");
        // 7. A per-request timeout over the client's 60 s.
        let started = Instant::now();
        let slow = client
            .create_chat()
            .prompt("hi")
            .options(RequestOptions::new().timeout(Duration::from_millis(300)))
            .send()
            .await;
        assert!(matches!(slow, Err(Error::Timeout { attempts: 1 })), "{slow:?}");
        assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    });
}
"#;

fn sse(body: &str) -> mock::Action {
    mock::Action::RespondChunked(
        mock::Reply::new(200)
            .header("Content-Type", "text/event-stream; charset=utf-8")
            .body(body),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_stream_typed_until_done_and_request_options_override_the_client() {
    let (out, _report) = generated_crate::fixture_crate(
        "events_loopback.yaml",
        "events_loopback",
        "demo/chat/openapi.yaml",
        EXAMPLE,
    );

    let chat = ": keep-alive\r\n\r\nevent: delta\r\nid: 1\r\ndata: {\"index\":0,\"text\":\"Hel\"}\r\n\r\n\
                event: delta\nid: 2\ndata: {\"index\":1,\ndata: \"text\":\"lo\\nwörld\"}\n\n\
                retry: 3000\ndata: {\"index\":2,\"text\":\"!\"}\n\n\
                data: [DONE]\n\n\
                data: {\"index\":99,\"text\":\"after done\"}\n\n";
    let logs = "data: {\"message\":\"m1\",\"level\":\"info\"}\n\ndata: {\"message\":\"m2\"}\n\n";
    let server = mock::MockServer::start(vec![
        sse(chat),
        mock::Reply::json(200, r#"{"index":7,"text":"whole"}"#).into(),
        sse(logs),
        mock::Reply::json(429, r#"{"message":"slow down"}"#)
            .header("x-should-retry", "false")
            .into(),
        mock::Reply::new(503).header("Retry-After", "0").into(),
        mock::Reply::json(200, r#"{"index":0,"text":"ok"}"#).into(),
        mock::Reply::new(503).header("Retry-After", "0").into(),
        mock::Action::RespondAfter(
            Duration::from_secs(5),
            mock::Reply::json(200, r#"{"index":0,"text":"late"}"#),
        ),
    ])
    .await;
    generated_crate::run_loopback_example(out, &["--all-features"], vec![server.url()]).await;

    let reqs = server.requests();
    assert_eq!(
        reqs.len(),
        8,
        "one request per call, plus one retry in call 5"
    );
    assert_eq!(reqs[0].header("accept"), Some("text/event-stream"));
    assert_eq!(reqs[1].header("accept"), Some("application/json"));
    assert_eq!(
        (reqs[2].method.as_str(), reqs[2].target.as_str()),
        ("GET", "/logs?level=info")
    );
    // Call 5: the 503 and its retry carry the call's header and the same key.
    for r in &reqs[4..6] {
        assert_eq!(r.header("idempotency-key"), Some("key-1"));
        assert_eq!(r.header("x-trace"), Some("t1"));
    }
    // Other calls carry neither.
    for r in reqs[..4].iter().chain(&reqs[6..]) {
        assert_eq!(r.header("idempotency-key"), None);
        assert_eq!(r.header("x-trace"), None);
    }
}

//! The runtime against a scripted loopback server: sending, auth, retries, errors.

mod support;

use std::time::{Duration, Instant};

use cpaas_runtime::http::Method;
use cpaas_runtime::{
    ApiInfo, Auth, Body, Client, ClientBuilder, ConfigError, Error, RawResponse, Request,
    ResponseValue, RetryPolicy, ServerVariable, encode_path,
};
use serde::{Deserialize, Serialize};
use support::{Action, MockServer, Reply, refused_port};

static API: ApiInfo = ApiInfo {
    provider: "test",
    api: "mock",
    base_url: "http://127.0.0.1:1",
    server_variables: &[],
};

/// Retries with tiny waits so the suite stays fast.
fn fast() -> RetryPolicy {
    RetryPolicy {
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        ..RetryPolicy::default()
    }
}

fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder(&API)
        .base_url(server.url())
        .retry_policy(fast())
}

fn client(server: &MockServer) -> Client {
    builder(server).build().expect("client")
}

fn get(path: &str) -> Request {
    Request::new("Get", Method::GET, "/things/{id}", path.to_owned())
}

fn post(path: &str) -> Request {
    Request::new("Create", Method::POST, "/things", path.to_owned())
}

#[derive(Debug, Deserialize, PartialEq)]
struct Thing {
    id: u32,
    name: String,
}

#[derive(Debug, Deserialize, PartialEq)]
struct ApiError {
    code: u32,
    message: String,
}

#[derive(Debug, PartialEq)]
enum GetError {
    NotFound(ApiError),
}

#[tokio::test]
async fn success_decodes_and_sends_expected_request() {
    let server = MockServer::start(vec![
        Reply::json(200, r#"{"id": 7, "name": "seven"}"#)
            .header("Twilio-Request-Id", "RQ123")
            .into(),
    ])
    .await;
    let resp = client(&server)
        .execute::<()>(
            get("/things/7")
                .query("To", "+1 555&x=y")
                .query("Tag", "a")
                .query("Tag", "b"),
        )
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let thing = resp.json::<Thing, ()>().unwrap();
    assert_eq!(thing.request_id(), Some("RQ123"));
    assert_eq!(
        *thing,
        Thing {
            id: 7,
            name: "seven".into()
        }
    );

    let reqs = server.requests();
    assert_eq!(reqs.len(), 1);
    let r = &reqs[0];
    assert_eq!(r.method, "GET");
    assert_eq!(r.target, "/things/7?To=%2B1+555%26x%3Dy&Tag=a&Tag=b");
    assert_eq!(r.header("accept"), Some("application/json"));
    assert_eq!(
        r.header("user-agent"),
        Some(concat!("cpaas-tokens/", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(r.header("authorization"), None);
    assert_eq!(r.header("content-type"), None);
    assert!(r.body.is_empty());
}

#[tokio::test]
async fn base_url_path_prefix_and_user_agent_override() {
    let server = MockServer::start(vec![Reply::new(204).into()]).await;
    let client = Client::builder(&API)
        .base_url(format!("{}/api/v2/", server.url()))
        .user_agent("my-app/1.0")
        .build()
        .unwrap();
    assert_eq!(client.base_url(), format!("{}/api/v2", server.url()));
    let resp = client.execute::<()>(get("/x")).await.unwrap();
    assert_eq!(resp.empty::<()>().unwrap().status(), 204);
    let r = &server.requests()[0];
    assert_eq!(r.target, "/api/v2/x");
    assert_eq!(r.header("user-agent"), Some("my-app/1.0"));
}

#[tokio::test]
async fn documented_error_status_decodes_via_error_json() {
    let server = MockServer::start(vec![
        Reply::json(404, r#"{"code": 20404, "message": "not found"}"#)
            .header("X-Request-Id", "abc")
            .into(),
    ])
    .await;
    let resp = client(&server)
        .execute::<GetError>(get("/things/1"))
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
    let err = resp.error_json::<ApiError, GetError>(GetError::NotFound);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(err.request_id(), Some("abc"));
    let text = err.to_string();
    assert!(
        text.contains("404") && text.contains("20404") && text.contains("abc"),
        "{text}"
    );
    match err {
        Error::Status(v) => {
            assert_eq!(
                v.into_inner(),
                GetError::NotFound(ApiError {
                    code: 20404,
                    message: "not found".into()
                })
            )
        }
        other => panic!("expected Status, got {other:?}"),
    }
    assert_eq!(
        server.count(),
        1,
        "4xx other than 408/409/429 is not retried"
    );
}

#[tokio::test]
async fn documented_error_with_undecodable_body_is_decode_error() {
    let server = MockServer::start(vec![Reply::json(400, "<html>oops</html>").into()]).await;
    let resp = client(&server)
        .execute::<GetError>(get("/things/1"))
        .await
        .unwrap();
    match resp.error_json::<ApiError, GetError>(GetError::NotFound) {
        Error::Decode {
            status,
            message,
            excerpt,
        } => {
            assert_eq!(status, 400);
            assert!(message.contains("line 1 column 1"), "{message}");
            assert_eq!(excerpt, "<html>oops</html>");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn undocumented_status_gives_capped_excerpt() {
    let body = format!("start:{}", "x".repeat(10_000));
    let server = MockServer::start(vec![Reply::new(418).body(body.clone()).into()]).await;
    let resp = client(&server).execute::<()>(get("/t")).await.unwrap();
    let err = resp.unexpected::<()>();
    match &err {
        Error::UnexpectedStatus {
            status,
            body_excerpt,
            ..
        } => {
            assert_eq!(*status, 418);
            assert!(body_excerpt.starts_with("start:xxx"));
            assert!(body_excerpt.ends_with('…'));
            assert!(body_excerpt.len() <= 4096 + 3, "{}", body_excerpt.len());
        }
        other => panic!("expected UnexpectedStatus, got {other:?}"),
    }
    assert!(err.to_string().len() < 600, "Display keeps it short");
}

#[tokio::test]
async fn timeout_is_bounded_and_typed() {
    let slow = Action::RespondAfter(Duration::from_secs(5), Reply::new(200));
    let server = MockServer::start(vec![slow.clone()]).await;
    let client = builder(&server)
        .timeout(Duration::from_millis(200))
        .max_retries(0)
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.execute::<()>(get("/slow")).await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(matches!(err, Error::Timeout { attempts: 1 }), "{err:?}");
    assert!(
        elapsed >= Duration::from_millis(190) && elapsed < Duration::from_secs(2),
        "{elapsed:?}"
    );
    assert!(err.to_string().contains("timed out"));

    // An idempotent request that times out is retried.
    let server = MockServer::start(vec![slow.clone(), slow]).await;
    let client = builder(&server)
        .timeout(Duration::from_millis(150))
        .max_retries(1)
        .build()
        .unwrap();
    let err = client.execute::<()>(get("/slow")).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { attempts: 2 }), "{err:?}");
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn stalled_body_times_out() {
    let server = MockServer::start(vec![Action::Stall {
        status: 200,
        declared_len: 1000,
        body: br#"{"id": 1,"#.to_vec(),
        stall: Duration::from_secs(5),
    }])
    .await;
    let client = builder(&server)
        .timeout(Duration::from_millis(300))
        .max_retries(0)
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.execute::<()>(get("/stall")).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { attempts: 1 }), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn timeout_of_post_is_not_retried() {
    let slow = Action::RespondAfter(Duration::from_secs(5), Reply::new(200));
    let server = MockServer::start(vec![slow.clone(), slow]).await;
    let client = builder(&server)
        .timeout(Duration::from_millis(150))
        .build()
        .unwrap();
    let err = client.execute::<()>(post("/things")).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { attempts: 1 }), "{err:?}");
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn retry_after_is_honoured_on_429() {
    let server = MockServer::start(vec![
        Reply::new(429).header("Retry-After", "1").into(),
        Reply::json(201, r#"{"id": 1, "name": "a"}"#).into(),
    ])
    .await;
    // A POST: 429 means the server did not act on it, so it is retried anyway.
    let resp = client(&server)
        .execute::<()>(post("/things"))
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2, "2 attempts");
    let waited = reqs[1].at.duration_since(reqs[0].at);
    assert!(
        waited >= Duration::from_millis(950),
        "waited only {waited:?}"
    );
    assert!(waited < Duration::from_secs(3), "waited {waited:?}");
}

#[tokio::test]
async fn retry_after_beyond_cap_is_not_retried() {
    let server = MockServer::start(vec![
        Reply::new(503).header("Retry-After", "120").into(),
        Reply::new(200).into(),
    ])
    .await;
    let started = Instant::now();
    let resp = client(&server).execute::<()>(get("/t")).await.unwrap();
    assert_eq!(resp.status(), 503, "the 503 is returned");
    assert_eq!(server.count(), 1);
    assert!(started.elapsed() < Duration::from_secs(2));

    // The same with an HTTP-date and a lower cap.
    let date = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(30));
    let server = MockServer::start(vec![
        Reply::new(429).header("Retry-After", &date).into(),
        Reply::new(200).into(),
    ])
    .await;
    let policy = RetryPolicy {
        max_retry_after: Duration::from_secs(10),
        ..fast()
    };
    let client = builder(&server).retry_policy(policy).build().unwrap();
    let resp = client.execute::<()>(get("/t")).await.unwrap();
    assert_eq!(resp.status(), 429);
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn service_unavailable_twice_then_success() {
    let server = MockServer::start(vec![
        Reply::new(503).into(),
        Reply::new(503).into(),
        Reply::json(200, r#"{"id": 3, "name": "c"}"#).into(),
    ])
    .await;
    let resp = client(&server)
        .execute::<()>(get("/things/3"))
        .await
        .unwrap();
    assert_eq!(resp.json::<Thing, ()>().unwrap().id, 3);
    assert_eq!(server.count(), 3);

    // max_retries bounds it: 3 × 503 with max_retries 2 returns the third 503.
    let server = MockServer::start(vec![Reply::new(503).into(); 4]).await;
    let resp = client(&server).execute::<()>(get("/t")).await.unwrap();
    assert_eq!(resp.status(), 503);
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn server_errors_retried_only_when_idempotent() {
    let server = MockServer::start(vec![Reply::new(500).into(), Reply::new(200).into()]).await;
    let resp = client(&server)
        .execute::<()>(post("/things"))
        .await
        .unwrap();
    assert_eq!(resp.status(), 500);
    assert_eq!(server.count(), 1, "POST + 500 is not retried by default");

    let server = MockServer::start(vec![Reply::new(502).into(), Reply::new(200).into()]).await;
    let resp = client(&server).execute::<()>(get("/t")).await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(server.count(), 2, "GET + 502 is retried");

    let server = MockServer::start(vec![
        Reply::new(500).header("x-should-retry", "false").into(),
        Reply::new(200).into(),
    ])
    .await;
    let resp = client(&server).execute::<()>(get("/t")).await.unwrap();
    assert_eq!(resp.status(), 500, "x-should-retry: false wins");
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn post_closed_after_read_is_not_retried_by_default() {
    let server = MockServer::start(vec![Action::CloseAfterRead, Reply::new(201).into()]).await;
    let err = client(&server)
        .execute::<()>(post("/things").body(Body::text("x")))
        .await
        .unwrap_err();
    match &err {
        Error::Transport { attempts, message } => {
            assert_eq!(*attempts, 1);
            assert!(
                !message.contains("127.0.0.1"),
                "no URL in the message: {message}"
            );
        }
        other => panic!("expected Transport, got {other:?}"),
    }
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn post_closed_after_read_is_retried_when_allowed() {
    let server = MockServer::start(vec![Action::CloseAfterRead, Reply::new(201).into()]).await;
    let client = builder(&server).retry_non_idempotent(true).build().unwrap();
    let resp = client
        .execute::<()>(post("/things").body(Body::text("x")))
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    assert_eq!(server.count(), 2);

    let server = MockServer::start(vec![Action::CloseAfterRead, Reply::new(201).into()]).await;
    let req = post("/things")
        .idempotency_key("key-123")
        .body(Body::text("x"));
    let resp = client_default_policy(&server)
        .execute::<()>(req)
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    for r in &reqs {
        assert_eq!(r.header("idempotency-key"), Some("key-123"));
        assert_eq!(r.body, b"x");
    }
}

fn client_default_policy(server: &MockServer) -> Client {
    // Default policy apart from fast waits; retry_non_idempotent stays false.
    let c = builder(server).build().unwrap();
    assert!(!format!("{c:?}").contains("retry_non_idempotent: true"));
    c
}

#[tokio::test]
async fn connection_refused_is_retried_even_for_post() {
    let port = refused_port().await;
    let client = Client::builder(&API)
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry_policy(fast())
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.execute::<()>(post("/things")).await.unwrap_err();
    match &err {
        Error::Transport { attempts, message } => {
            assert_eq!(*attempts, 3, "1 attempt + 2 retries: {message}");
            assert!(message.to_lowercase().contains("refused"), "{message}");
            assert!(!message.contains(&port.to_string()), "no URL: {message}");
        }
        other => panic!("expected Transport, got {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn truncated_http_body_is_a_transport_error() {
    let server = MockServer::start(vec![Action::Truncated {
        status: 200,
        declared_len: 1000,
        body: br#"{"id": 1,"#.to_vec(),
    }])
    .await;
    let client = builder(&server).max_retries(0).build().unwrap();
    let err = client.execute::<()>(get("/t")).await.unwrap_err();
    assert!(
        matches!(err, Error::Transport { attempts: 1, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn malformed_and_truncated_json_name_line_and_column() {
    let server = MockServer::start(vec![
        Reply::json(200, "{\"id\": 1,\n \"name\": nope}").into(),
        Reply::json(200, "{\"id\": 1,\n \"name\": \"abc").into(),
        Reply::json(200, "{\"id\": \"one\", \"name\": \"x\"}").into(),
    ])
    .await;
    let client = client(&server);
    let mut messages = Vec::new();
    for _ in 0..3 {
        let resp = client.execute::<()>(get("/t")).await.unwrap();
        match resp.json::<Thing, ()>() {
            Err(Error::Decode {
                status,
                message,
                excerpt,
            }) => {
                assert_eq!(status, 200);
                assert!(excerpt.starts_with("{\"id\""));
                messages.push(message);
            }
            other => panic!("expected Decode, got {other:?}"),
        }
    }
    assert!(messages[0].contains("line 2 column"), "{}", messages[0]);
    assert!(
        messages[1].contains("EOF") && messages[1].contains("line 2 column"),
        "{}",
        messages[1]
    );
    assert!(
        messages[2].contains("line 1 column") && messages[2].contains("path id"),
        "{}",
        messages[2]
    );
}

#[tokio::test]
async fn body_of_several_megabytes_decodes() {
    let items: Vec<String> = (0..60_000)
        .map(|i| format!(r#"{{"id": {i}, "name": "item number {i}"}}"#))
        .collect();
    let body = format!("[{}]", items.join(","));
    assert!(body.len() > 2_000_000);
    let server = MockServer::start(vec![Reply::json(200, body).into()]).await;
    let resp = client(&server).execute::<()>(get("/big")).await.unwrap();
    let list = resp.json::<Vec<Thing>, ()>().unwrap().into_inner();
    assert_eq!(list.len(), 60_000);
    assert_eq!(
        list[59_999],
        Thing {
            id: 59_999,
            name: "item number 59999".into()
        }
    );
}

#[tokio::test]
async fn header_with_cr_lf_is_rejected_before_sending() {
    let server = MockServer::start(vec![]).await;
    let client = client(&server);
    let err = client
        .execute::<()>(get("/t").header("X-Note", "ok\r\nX-Injected: yes"))
        .await
        .unwrap_err();
    match &err {
        Error::InvalidRequest(m) => {
            assert!(m.contains("X-Note"), "{m}");
            assert!(!m.contains("Injected"), "the value is not echoed: {m}");
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    let err = client
        .execute::<()>(post("/t").idempotency_key("k\n"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(server.count(), 0, "nothing was sent");
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[tokio::test]
async fn encode_path_keeps_values_in_one_segment() {
    let values = [
        "../etc/passwd",
        "a?b=c",
        "c#frag",
        "e/f",
        "100%",
        "%2E%2E",
        "..x",
        "sp ace+é",
        "x..",
        "~a-b_c.d",
    ];
    let server = MockServer::repeating(Reply::new(200)).await;
    let client = client(&server);
    for v in values {
        let path = format!("/items/{}/tail", encode_path(v));
        let resp = client.execute::<()>(get(&path)).await.unwrap();
        assert_eq!(resp.status(), 200);
    }
    let reqs = server.requests();
    assert_eq!(reqs.len(), values.len());
    for (v, r) in values.iter().zip(&reqs) {
        assert_eq!(r.query(), None, "{v}: {}", r.target);
        let segments: Vec<&str> = r.path().split('/').collect();
        assert_eq!(segments.len(), 4, "{v}: {}", r.target);
        assert_eq!(segments[1], "items");
        assert_eq!(segments[3], "tail");
        assert_eq!(percent_decode(segments[2]), *v, "{}", r.target);
    }
}

#[tokio::test]
async fn dot_segments_are_refused_not_resolved() {
    // URL parsers resolve `%2E%2E` like `..`; sending it would address another resource.
    let server = MockServer::repeating(Reply::new(200)).await;
    let client = client(&server);
    for v in ["..", "."] {
        let path = format!("/items/{}/tail", encode_path(v));
        let err = client.execute::<()>(get(&path)).await.unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{v}: {err:?}");
    }
    assert_eq!(server.count(), 0);
}

#[derive(Serialize)]
struct CreateKey<'a> {
    #[serde(rename = "FriendlyName")]
    friendly_name: &'a str,
    #[serde(rename = "Permissions")]
    permissions: Vec<&'a str>,
    #[serde(rename = "Enabled")]
    enabled: bool,
    #[serde(rename = "Ttl")]
    ttl: Option<u32>,
    #[serde(rename = "Limit")]
    limit: Option<u32>,
    #[serde(rename = "Ratio")]
    ratio: f64,
    #[serde(rename = "Meta")]
    meta: serde_json::Value,
}

#[tokio::test]
async fn form_body_is_flat_and_escaped() {
    let server = MockServer::start(vec![Reply::new(201).into()]).await;
    let body = Body::form::<_, ()>(&CreateKey {
        friendly_name: "my key & co = best",
        permissions: vec!["voice", "sms+mms"],
        enabled: false,
        ttl: None,
        limit: Some(10),
        ratio: 0.5,
        meta: serde_json::json!({"a": [1, 2]}),
    })
    .unwrap();
    client(&server)
        .execute::<()>(post("/keys").body(body))
        .await
        .unwrap();
    let r = &server.requests()[0];
    assert_eq!(
        r.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        r.body_str(),
        "FriendlyName=my+key+%26+co+%3D+best&Permissions=voice&Permissions=sms%2Bmms&Enabled=false\
         &Limit=10&Ratio=0.5&Meta=%7B%22a%22%3A%5B1%2C2%5D%7D"
    );
    assert_eq!(
        r.header("content-length"),
        Some(r.body.len().to_string().as_str())
    );
    assert!(matches!(
        Body::form::<_, ()>(&vec![1, 2]),
        Err(Error::InvalidRequest(_))
    ));
}

#[tokio::test]
async fn json_body_is_sent_with_content_type() {
    let server = MockServer::start(vec![Reply::new(201).into()]).await;
    let body = Body::json::<_, ()>(&serde_json::json!({"name": "x", "tags": ["a"]})).unwrap();
    client(&server)
        .execute::<()>(post("/t").body(body))
        .await
        .unwrap();
    let r = &server.requests()[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.body_str(), r#"{"name":"x","tags":["a"]}"#);
}

#[tokio::test]
async fn auth_headers_are_exact() {
    let server = MockServer::repeating(Reply::new(200)).await;
    let cases = [
        (
            Auth::Basic {
                username: "AC123".into(),
                password: "s3cret:pw".into(),
            },
            "authorization",
            "Basic QUMxMjM6czNjcmV0OnB3",
        ),
        (
            Auth::Bearer("KEY0123".into()),
            "authorization",
            "Bearer KEY0123",
        ),
        (
            Auth::ApiKeyHeader {
                name: "X-Api-Key",
                value: "k-9".into(),
            },
            "x-api-key",
            "k-9",
        ),
    ];
    for (auth, header, expected) in cases {
        let client = builder(&server).auth(auth).build().unwrap();
        client.execute::<()>(get("/t")).await.unwrap();
        let r = server.requests().pop().unwrap();
        assert_eq!(r.header(header), Some(expected));
    }
    let bad = builder(&server)
        .auth(Auth::Bearer("tok\nen".into()))
        .build()
        .unwrap_err();
    assert!(
        matches!(bad, ConfigError::Http(_)) && !bad.to_string().contains("tok"),
        "{bad}"
    );
}

#[tokio::test]
async fn query_and_cookie_api_keys_go_where_their_scheme_says() {
    let server = MockServer::repeating(Reply::new(200)).await;
    let query = builder(&server)
        .auth(Auth::ApiKeyQuery {
            name: "api_key",
            value: "q-k&y 9".into(),
        })
        .build()
        .unwrap();
    query
        .execute::<()>(get("/t").query("limit", "2"))
        .await
        .unwrap();
    let r = server.requests().pop().unwrap();
    assert_eq!(r.target, "/t?limit=2&api_key=q-k%26y+9");
    assert_eq!(
        (r.header("authorization"), r.header("cookie")),
        (None, None)
    );
    assert!(!format!("{query:?}").contains("q-k"), "{query:?}");

    let cookie = builder(&server)
        .auth(Auth::ApiKeyCookie {
            name: "session",
            value: "c-key-7".into(),
        })
        .build()
        .unwrap();
    cookie.execute::<()>(get("/t")).await.unwrap();
    let r = server.requests().pop().unwrap();
    assert_eq!(r.header("cookie"), Some("session=c-key-7"));
    assert_eq!((r.target.as_str(), r.header("authorization")), ("/t", None));
    assert!(!format!("{cookie:?}").contains("c-key"), "{cookie:?}");
}

#[tokio::test]
async fn server_variables_and_path_defaults() {
    static VARS: ApiInfo = ApiInfo {
        provider: "test",
        api: "vars",
        base_url: "http://{host}:{port}/{prefix}",
        server_variables: &[
            ServerVariable {
                name: "host",
                default: Some("127.0.0.1"),
                env: None,
            },
            ServerVariable {
                name: "port",
                default: None,
                env: Some("CPAAS_RUNTIME_TEST_PORT_NEVER_SET"),
            },
            ServerVariable {
                name: "prefix",
                default: Some("api"),
                env: Some("CPAAS_RUNTIME_TEST_PREFIX"),
            },
        ],
    };
    let err = Client::builder(&VARS).build().unwrap_err();
    assert_eq!(
        err,
        ConfigError::MissingServerVariable {
            name: "port".into(),
            env: Some("CPAAS_RUNTIME_TEST_PORT_NEVER_SET")
        }
    );
    let text = err.to_string();
    assert!(
        text.contains("CPAAS_RUNTIME_TEST_PORT_NEVER_SET")
            && text.contains(".server_variable(\"port\""),
        "{text}"
    );

    let server = MockServer::start(vec![Reply::new(200).into()]).await;
    let port = server.url().rsplit(':').next().unwrap().to_owned();
    // SAFETY: this test binary reads CPAAS_RUNTIME_TEST_PREFIX nowhere else.
    unsafe { std::env::set_var("CPAAS_RUNTIME_TEST_PREFIX", " from-env ") };
    let client = Client::builder(&VARS)
        .server_variable("port", port)
        .path_default("AccountSid", "AC42")
        .build()
        .unwrap();
    assert_eq!(client.base_url(), format!("{}/from-env", server.url()));
    assert_eq!(client.path_default("AccountSid"), Some("AC42"));
    assert_eq!(client.path_default("Other"), None);
    assert_eq!(client.api().api, "vars");
    client
        .execute::<()>(get("/Accounts/AC42.json"))
        .await
        .unwrap();
    assert_eq!(server.requests()[0].target, "/from-env/Accounts/AC42.json");

    let err = Client::builder(&API)
        .base_url("not a url")
        .build()
        .unwrap_err();
    assert!(matches!(err, ConfigError::InvalidBaseUrl { .. }), "{err:?}");
}

#[test]
fn env_var_helper_trims_and_names_the_variable() {
    let err = cpaas_runtime::env_var("CPAAS_RUNTIME_TEST_NEVER_SET", "the test token").unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("CPAAS_RUNTIME_TEST_NEVER_SET") && text.contains("the test token"),
        "{text}"
    );
    // SAFETY: only this test uses this variable.
    unsafe { std::env::set_var("CPAAS_RUNTIME_TEST_ENV_HELPER", "  value\n") };
    assert_eq!(
        cpaas_runtime::env_var("CPAAS_RUNTIME_TEST_ENV_HELPER", "x").unwrap(),
        "value"
    );
}

#[test]
fn error_helpers() {
    let e: Error<u8> = Error::validation("To", "must be E.164");
    assert_eq!(e.to_string(), "invalid `To`: must be E.164");
    assert_eq!(e.status(), None);
    let raw = cpaas_runtime::RawResponse::new(
        cpaas_runtime::http::StatusCode::BAD_REQUEST,
        Default::default(),
        &b"7"[..],
    );
    let e = raw
        .error_json::<u8, u8>(|n| n + 1)
        .map_status(|n| format!("code {n}"));
    match e {
        Error::Status(v) => assert_eq!(v.inner(), "code 8"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn response_body_over_the_limit_fails_without_retry() {
    let server = MockServer::repeating(Reply::json(200, vec![b' '; 10_000])).await;
    let client = builder(&server).max_response_bytes(4_000).build().unwrap();
    let err = client.execute::<()>(get("/big")).await.unwrap_err();
    match &err {
        Error::Transport { attempts, message } => {
            assert_eq!(*attempts, 1, "not retried");
            assert!(message.contains("4000"), "{message}");
        }
        other => panic!("expected Transport, got {other:?}"),
    }
    assert_eq!(server.count(), 1);
    // At the limit is fine.
    let client = builder(&server).max_response_bytes(10_000).build().unwrap();
    assert_eq!(
        client
            .execute::<()>(get("/big"))
            .await
            .unwrap()
            .body()
            .len(),
        10_000
    );
    // Without a Content-Length the body is counted as it streams in.
    let chunked = Action::RespondChunked(Reply::json(200, vec![b' '; 10_000]));
    let server = MockServer::repeating(chunked).await;
    let client = builder(&server).max_response_bytes(4_000).build().unwrap();
    let err = client.execute::<()>(get("/big")).await.unwrap_err();
    assert!(
        matches!(&err, Error::Transport { attempts: 1, message } if message.contains("4000")),
        "{err:?}"
    );
    assert_eq!(server.count(), 1);
    let client = builder(&server).max_response_bytes(10_000).build().unwrap();
    let resp = client.execute::<()>(get("/big")).await.unwrap();
    assert_eq!(resp.body().len(), 10_000);
}

#[test]
fn public_types_are_thread_safe() {
    fn send_sync<T: Send + Sync + 'static>() {}
    fn send<T: Send>(_: &T) {}
    send_sync::<Client>();
    send_sync::<Error<GetError>>();
    send_sync::<cpaas_runtime::RawResponse>();
    send_sync::<Request>();
    // The future of `execute` can be spawned.
    let client = Client::builder(&API).build().unwrap();
    let fut = client.execute::<GetError>(get("/x"));
    send(&fut);
    // Errors convert into boxed errors (`?` in applications).
    let boxed: Box<dyn std::error::Error + Send + Sync> =
        Box::new(Error::<GetError>::validation("f", "m"));
    assert_eq!(boxed.to_string(), "invalid `f`: m");
}

fn decode_thing(r: RawResponse) -> Result<ResponseValue<Thing>, Error<GetError>> {
    match r.status().as_u16() {
        200 => r.json(),
        404 => Err(r.error_json(GetError::NotFound)),
        _ => Err(r.unexpected()),
    }
}

#[tokio::test]
async fn a_call_sends_once_decodes_by_status_and_can_be_spawned() {
    let server = MockServer::start(vec![
        Reply::json(200, r#"{"id": 7, "name": "seven"}"#).into(),
        Reply::json(404, r#"{"code": 20404, "message": "gone"}"#).into(),
    ])
    .await;
    let c = client(&server);
    // `Call` is `Send + 'static` when the client is owned by the task: spawnable.
    let owned = c.clone();
    let thing = tokio::spawn(async move { owned.call(Ok(get("/things/7")), decode_thing).await })
        .await
        .unwrap()
        .unwrap();
    assert_eq!(thing.name, "seven");
    match c.call(Ok(get("/things/8")), decode_thing).await {
        Err(Error::Status(v)) => assert!(matches!(v.inner(), GetError::NotFound(_))),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn a_call_whose_request_could_not_be_built_sends_nothing() {
    let server = MockServer::repeating(Reply::json(200, "{}")).await;
    let r = client(&server)
        .call::<Thing, GetError>(Err(Error::validation("To", "required")), decode_thing)
        .await;
    assert!(matches!(r, Err(Error::Validation { .. })), "{r:?}");
    assert_eq!(server.count(), 0);
}

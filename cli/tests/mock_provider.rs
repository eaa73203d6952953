//! The embedded mock provider answers every generated operation, and the generated clients
//! decode every answer into their typed responses.
#![allow(clippy::result_large_err)] // `cpaas_runtime::Error` is the runtime's design

use cpaas_cli::mock::{MockHandle, MockProvider, STATUS_HEADER};
use cpaas_runtime::cli::{ApiEntry, Args, AuthInfo, OperationInfo};
use cpaas_runtime::{Auth, Client};
use cpaas_tokens::registry;

fn operations() -> Vec<(&'static ApiEntry, &'static OperationInfo)> {
    registry::APIS
        .iter()
        .flat_map(|e| e.operations.iter().map(move |o| (e, o)))
        .collect()
}

fn auth_for(a: Option<&AuthInfo>) -> Auth {
    match a {
        None => Auth::None,
        Some(a) if a.kind == "basic" => Auth::Basic {
            username: "test".into(),
            password: "test".into(),
        },
        Some(a) if a.kind == "api-key" => Auth::ApiKeyHeader {
            name: a.name,
            value: "test".into(),
        },
        Some(_) => Auth::Bearer("test".into()),
    }
}

fn client(mock: &MockHandle, entry: &ApiEntry, auth: Auth) -> Client {
    Client::builder(entry.info)
        .base_url(mock.base_url_for(entry.info))
        .auth(auth)
        .max_retries(0)
        .build()
        .expect("client")
}

/// Every required flag with its generated example (path parameters included).
fn example_args(op: &OperationInfo) -> Args {
    Args::new(
        op.flags
            .iter()
            .filter(|f| f.required)
            .map(|f| (f.name.to_string(), f.example.to_string()))
            .collect(),
    )
}

#[tokio::test]
async fn every_operation_answers_and_decodes() {
    let mock = MockProvider::start(0).await.expect("mock starts");
    let ops = operations();
    assert!(!ops.is_empty());
    let mut json_bodies = 0;
    for (entry, op) in &ops {
        let c = client(&mock, entry, auth_for(op.auth.first()));
        let result = registry::call(
            entry.info.provider,
            entry.info.api,
            op.name,
            c,
            &example_args(op),
        )
        .await
        .unwrap_or_else(|| panic!("{} is not dispatched", op.name));
        let out = result.unwrap_or_else(|e| panic!("{} {}: {e:?}", entry.info.provider, op.name));
        assert!(
            (200..300).contains(&out.status),
            "{}: {}",
            op.name,
            out.status
        );
        assert_eq!(out.status, op.mock.status);
        assert_eq!(
            out.request_id.as_deref().map(|r| r.starts_with("mock-")),
            Some(true)
        );
        // The typed value, serialised again, is what the mock sent (examples and synthesised
        // values are already in the type's shape), modulo fields the type drops: every field
        // decoded holds the value sent.
        if op.mock.content_type.contains("json") {
            let sent: serde_json::Value = serde_json::from_str(op.mock.body).expect("mock JSON");
            match (sent.as_object(), out.body.as_object()) {
                (Some(sent), Some(got)) => {
                    for (k, v) in got {
                        assert_eq!(sent.get(k), Some(v), "{}: `{k}` decoded differs", op.name);
                    }
                }
                _ => assert_eq!(out.body, sent, "{}: decoded differs from sent", op.name),
            }
            json_bodies += 1;
        }
    }
    assert!(json_bodies > 0, "no JSON answer was compared");
    let recorded = mock.requests();
    assert_eq!(recorded.len(), ops.len());
    for (r, (entry, op)) in recorded.iter().zip(&ops) {
        assert_eq!(r.method, op.method);
        let (p, a, o) = r.operation.clone().expect("matched an operation");
        assert_eq!(
            (p.as_str(), a.as_str(), o.as_str()),
            (entry.info.provider, entry.info.api, op.name)
        );
        assert!(
            r.target
                .starts_with(&format!("/{}/{}", entry.info.provider, entry.info.api))
        );
        // Credentials were sent where the operation declares a scheme, and never recorded.
        let (auth_header, expected) = match op.auth.first() {
            Some(a) if a.kind == "api-key" => (a.name.to_ascii_lowercase(), vec!["[redacted]"]),
            Some(_) => ("authorization".to_string(), vec!["[redacted]"]),
            None => ("authorization".to_string(), vec![]),
        };
        let sent: Vec<&String> = r
            .headers
            .iter()
            .filter(|(k, _)| *k == auth_header)
            .map(|(_, v)| v)
            .collect();
        assert_eq!(sent, expected, "{}: {auth_header} header", op.name);
        for (k, v) in &r.headers {
            assert!(
                !v.contains("dGVzdDp0ZXN0") && v != "test",
                "{}: {k}: {v}",
                op.name
            );
        }
    }
}

/// Without credentials, an operation that declares a scheme is refused with 401 and one that
/// declares none is answered; every provider has operations of the first kind.
#[tokio::test]
async fn missing_credentials_are_401() {
    let mock = MockProvider::start(0).await.expect("mock starts");
    let mut refused = std::collections::BTreeMap::new();
    for (entry, op) in operations() {
        let c = client(&mock, entry, Auth::None);
        let r = registry::call(
            entry.info.provider,
            entry.info.api,
            op.name,
            c,
            &example_args(op),
        )
        .await
        .expect("dispatched");
        if op.auth.is_empty() {
            let out = r.unwrap_or_else(|e| panic!("{}: no scheme declared, yet {e}", op.name));
            assert!((200..300).contains(&out.status), "{}", op.name);
            continue;
        }
        let e = r.expect_err("no credentials must fail");
        assert_eq!(
            e.status().map(|s| s.as_u16()),
            Some(401),
            "{}: {e}",
            op.name
        );
        *refused.entry(entry.info.provider).or_insert(0) += 1;
    }
    let providers: std::collections::BTreeSet<_> =
        operations().iter().map(|(e, _)| e.info.provider).collect();
    assert_eq!(
        refused
            .keys()
            .copied()
            .collect::<std::collections::BTreeSet<_>>(),
        providers,
        "providers with an operation refused without credentials: {refused:?}"
    );
}

/// Fills `{param}`s of a path template with `x`.
fn fill(template: &str) -> String {
    let mut out = String::new();
    let mut in_param = false;
    for c in template.chars() {
        match c {
            '{' => in_param = true,
            '}' => {
                in_param = false;
                out.push('x');
            }
            c if !in_param => out.push(c),
            _ => {}
        }
    }
    out
}

#[tokio::test]
async fn documented_errors_on_request_and_helpful_404() {
    let mock = MockProvider::start(0).await.expect("mock starts");
    let http = cpaas_runtime::reqwest::Client::new();
    for (entry, op) in operations() {
        let url = format!("{}{}", mock.base_url_for(entry.info), fill(op.path));
        let method = cpaas_runtime::reqwest::Method::from_bytes(op.method.as_bytes()).unwrap();
        let auth = if op.auth.iter().any(|a| a.kind == "basic") {
            "Basic eDp4"
        } else {
            "Bearer x"
        };
        for err in op.mock_errors {
            let asked = if err.covers == "default" || err.covers.ends_with("XX") {
                err.status
            } else {
                err.covers.parse().unwrap()
            };
            let resp = http
                .request(method.clone(), &url)
                .header("authorization", auth)
                .header(STATUS_HEADER, asked.to_string())
                .send()
                .await
                .expect("send");
            assert_eq!(resp.status().as_u16(), asked, "{} {}", op.name, err.covers);
            assert_eq!(resp.text().await.unwrap(), err.body);
        }
        // An undocumented status is answered as asked, saying so.
        let resp = http
            .request(method, &url)
            .header("authorization", auth)
            .header(STATUS_HEADER, "418")
            .send()
            .await
            .expect("send");
        assert_eq!(resp.status().as_u16(), 418, "{}", op.name);
        let body: serde_json::Value = serde_json::from_str(&resp.text().await.unwrap()).unwrap();
        assert!(body["error"].as_str().unwrap().contains("not documented"));
    }
    let resp = http
        .get(format!("{}/no/such/route", mock.base_url()))
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status().as_u16(), 404);
    let body: serde_json::Value = serde_json::from_str(&resp.text().await.unwrap()).unwrap();
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("GET /no/such/route")
    );
    let listed = body["operations"].as_array().unwrap().len();
    assert_eq!(listed, operations().len().min(50));
}

#[tokio::test]
async fn twilio_create_new_key_takes_basic_auth_through_the_overlay_beside_its_page() {
    // Seed 003's page names "Account sid auth token" and nothing of its type: the overlay beside
    // it gives Twilio's scheme name and HTTP basic, which the mock provider then enforces.
    let (entry, op) = operations()
        .into_iter()
        .find(|(e, o)| e.info.provider == "twilio" && o.name == "create-new-key")
        .expect("seed 003's operation");
    let auth: Vec<(&str, &str)> = op.auth.iter().map(|a| (a.scheme, a.kind)).collect();
    assert_eq!(auth, [("accountSid_authToken", "basic")]);
    let mock = MockProvider::start(0).await.expect("mock starts");
    let args = example_args(op);
    let mut results = Vec::new();
    for auth in [
        Auth::Bearer("test".into()),
        Auth::Basic {
            username: "AC0123".into(),
            password: "token".into(),
        },
    ] {
        let c = client(&mock, entry, auth);
        let r = registry::call(entry.info.provider, entry.info.api, op.name, c, &args)
            .await
            .expect("dispatched");
        results.push(r.map(|_| ()));
    }
    let basic = results.pop().expect("the basic call");
    let bearer = results.pop().expect("the bearer call");
    let e = bearer.expect_err("a bearer token is not basic auth");
    assert_eq!(e.status().map(|s| s.as_u16()), Some(401), "{e}");
    assert!(basic.is_ok(), "{:?}", basic.err().map(|e| e.to_string()));
}

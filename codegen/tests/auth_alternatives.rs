//! Security alternatives end to end: a spec whose operation takes HTTP basic **or** HTTP
//! bearer (`tests/fixtures/auth_alternatives.yaml`) gives a client that lets the caller choose:
//! called once with basic credentials and once with a bearer token against a loopback server,
//! each request carries the `Authorization` header of the credentials configured, and the
//! operation's docs list both alternatives.

#[path = "support/generated_crate.rs"]
mod generated_crate;
#[path = "../../runtime/tests/support/mod.rs"]
mod mock;

/// The example program run against the loopback server: one call per alternative.
const EXAMPLE: &str = r#"
use auth_alternatives::demo::tokens::Client;
use cpaas_runtime::Auth;

fn main() {
    let url = std::env::args().nth(1).expect("the server's URL");
    let basic = Client::builder()
        .base_url(url.clone())
        .auth(Auth::Basic { username: "user".into(), password: "pass".into() })
        .build()
        .expect("a basic client");
    let bearer = Client::builder()
        .base_url(url)
        .auth(Auth::Bearer("tok-123".into()))
        .build()
        .expect("a bearer client");
    cpaas_runtime::blocking::block_on(async {
        let a = basic.create_token().send().await.expect("with basic credentials");
        assert_eq!(a.id.as_deref(), Some("t1"));
        let b = bearer.create_token().send().await.expect("with a bearer token");
        assert_eq!(b.id.as_deref(), Some("t2"));
    });
}
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn either_alternative_is_sent_as_configured() {
    let (out, report) = generated_crate::fixture_crate(
        "auth_alternatives.yaml",
        "auth_alternatives",
        "demo/tokens/openapi.yaml",
        EXAMPLE,
    );
    assert!(!report.contains("auth"), "no auth warning: {report}");
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(
        lib.contains("Authentication, any one of: `basic` (HTTP basic: `Auth::Basic`); `bearer` (HTTP bearer: `Auth::Bearer`)"),
        "the operation's docs list both alternatives"
    );

    let server = mock::MockServer::start(vec![
        mock::Reply::json(200, r#"{"id": "t1"}"#).into(),
        mock::Reply::json(200, r#"{"id": "t2"}"#).into(),
    ])
    .await;
    generated_crate::run_loopback_example(out, &[], vec![server.url()]).await;
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    // base64("user:pass")
    assert_eq!(reqs[0].header("authorization"), Some("Basic dXNlcjpwYXNz"));
    assert_eq!(reqs[1].header("authorization"), Some("Bearer tok-123"));
}

//! The generated clients over real HTTP on loopback: what each operation sends (method, path,
//! headers, auth, body bytes) and how it reads what comes back (typed values, typed errors,
//! retries, timeouts, secrets kept out of errors).

#[path = "../runtime/tests/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use cpaas_runtime::{Auth, ClientBuilder, Error, RetryPolicy, Secret};
use cpaas_tokens::auth::TwilioCredentials;
use cpaas_tokens::{telnyx, twilio};
use support::{Action, MockServer, Reply};

const SID: &str = "AC0123456789abcdef0123456789abcdef";
const TOKEN: &str = "s3cr3t-auth-token-value";
/// `Authorization` for `SID:TOKEN`, base64 worked out apart from the runtime's encoder.
const TWILIO_BASIC: &str =
    "Basic QUMwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZjpzM2NyM3QtYXV0aC10b2tlbi12YWx1ZQ==";

fn fast() -> RetryPolicy {
    RetryPolicy {
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        ..RetryPolicy::default()
    }
}

fn twilio_builder<T>(b: ClientBuilder<T>, url: &str) -> ClientBuilder<T> {
    b.base_url(url)
        .credentials(TwilioCredentials::auth_token(SID, TOKEN))
        .retry_policy(fast())
}

fn twilio_v2010(url: &str) -> twilio::api_v2010::Client {
    twilio_builder(twilio::api_v2010::Client::builder(), url)
        .build()
        .unwrap()
}

fn twilio_chat(url: &str) -> twilio::ip_messaging_v2::Client {
    twilio_builder(twilio::ip_messaging_v2::Client::builder(), url)
        .build()
        .unwrap()
}

fn telnyx_client(url: &str) -> telnyx::v2::Client {
    telnyx::v2::Client::builder()
        .base_url(url)
        .auth(Auth::Bearer(Secret::new("KEY123")))
        .retry_policy(fast())
        .build()
        .unwrap()
}

#[tokio::test]
async fn telnyx_token_is_text_plain_and_404_is_typed() {
    let jwt = "eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJ4In0.sig";
    let server = MockServer::start(vec![
        Reply::new(201)
            .header("Content-Type", "text/plain")
            .body(jwt)
            .into(),
        Reply::new(404).body("Resource not Found").into(),
    ])
    .await;
    let client = telnyx_client(&server.url());
    let token = client
        .create_telephony_credential_token()
        .id("abc")
        .send()
        .await
        .unwrap();
    assert_eq!(token.status().as_u16(), 201);
    assert_eq!(token.expose(), jwt);
    let req = &server.requests()[0];
    assert_eq!(req.method, "POST");
    assert_eq!(req.path(), "/telephony_credentials/abc/token");
    assert_eq!(req.header("authorization"), Some("Bearer KEY123"));
    assert!(req.body.is_empty());

    let err = client
        .create_telephony_credential_token()
        .id("missing")
        .send()
        .await
        .unwrap_err();
    match err {
        Error::Status(v) => {
            assert_eq!(v.status().as_u16(), 404);
            assert!(matches!(
                v.inner(),
                telnyx::v2::errors::CreateTelephonyCredentialTokenError::NotFound(_)
            ));
        }
        other => panic!("expected the typed 404, got {other:?}"),
    }
}

#[tokio::test]
async fn path_parameters_are_one_encoded_segment() {
    let server = MockServer::repeating(Reply::new(201).body("t")).await;
    let client = telnyx_client(&server.url());
    for (id, expected) in [
        ("../admin", "/telephony_credentials/..%2Fadmin/token"),
        ("a?b=c", "/telephony_credentials/a%3Fb%3Dc/token"),
        ("x#frag", "/telephony_credentials/x%23frag/token"),
        ("a/b", "/telephony_credentials/a%2Fb/token"),
    ] {
        client
            .create_telephony_credential_token()
            .id(id)
            .send()
            .await
            .unwrap();
        let seen = server.requests().last().unwrap().target.clone();
        assert_eq!(seen, expected, "id {id:?}");
    }
    // `..` would be resolved away by URL normalisation whatever its encoding: refused, not sent.
    let sent = server.count();
    let err = client
        .create_telephony_credential_token()
        .id("..")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert_eq!(server.count(), sent);
}

#[tokio::test]
async fn twilio_create_token_sends_form_with_basic_auth_and_default_account_sid() {
    let server = MockServer::start(vec![
        Reply::json(
            201,
            r#"{"account_sid":"AC0123456789abcdef0123456789abcdef","ttl":"60","username":"u","password":"p",
               "date_created":"Mon, 16 Aug 2010 03:45:01 +0000","ice_servers":[{"urls":"stun:global.stun.twilio.com:3478"}]}"#,
        )
        .into(),
    ])
    .await;
    let client = twilio_v2010(&server.url());
    let resp = client.create_token().ttl(60).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 201);
    let req = &server.requests()[0];
    assert_eq!(req.method, "POST");
    assert_eq!(
        req.path(),
        format!("/2010-04-01/Accounts/{SID}/Tokens.json")
    );
    assert_eq!(req.body_str(), "Ttl=60");
    assert_eq!(
        req.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(req.header("authorization"), Some(TWILIO_BASIC));
    // The page gives no response schema; the overlay beside it types the body.
    assert_eq!(resp.ttl.as_deref(), Some("60"));
    assert!(resp.date_created.is_some());
}

#[tokio::test]
async fn twilio_create_new_key_reads_rfc_2822_dates() {
    let server = MockServer::start(vec![
        Reply::json(
            201,
            r#"{"sid":"SKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","friendly_name":"x","secret":"shh",
               "date_created":"Mon, 16 Aug 2010 03:45:01 +0000","date_updated":null}"#,
        )
        .into(),
    ])
    .await;
    let client = twilio_v2010(&server.url());
    let key = client
        .create_new_key()
        .friendly_name("x")
        .account_sid("ACffffffffffffffffffffffffffffffff")
        .send()
        .await
        .unwrap();
    let req = &server.requests()[0];
    assert_eq!(req.method, "POST");
    assert_eq!(
        req.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(req.header("authorization"), Some(TWILIO_BASIC));
    assert_eq!(req.body_str(), "FriendlyName=x");
    assert_eq!(req.header("authorization"), Some(TWILIO_BASIC));
    assert_eq!(
        req.path(),
        "/2010-04-01/Accounts/ACffffffffffffffffffffffffffffffff/Keys.json",
        "an explicit AccountSid wins over the configured one"
    );
    let created = key.date_created.as_ref().expect("date parsed");
    assert_eq!(created.get().timestamp(), 1_281_930_301);
    assert_eq!(key.date_updated, None);
}

#[tokio::test]
async fn twilio_create_credential_sends_enum_and_bool_and_decodes_the_page_example() {
    // The response example printed on the vendored page itself (seed 004).
    let page = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/specs/twilio/ip_messaging_v2/004_e9876b125d699af8.txt"
    ))
    .unwrap();
    let example = &page[page.find("Response examples (201)").unwrap() + 23..];
    let server = MockServer::start(vec![Reply::json(201, example.trim()).into()]).await;
    let client = twilio_chat(&server.url());
    let cred = client
        .create_credential()
        .type_("apn".parse().unwrap())
        .sandbox(true)
        .send()
        .await
        .unwrap();
    let req = &server.requests()[0];
    assert_eq!(req.method, "POST");
    assert_eq!(req.path(), "/v2/Credentials");
    assert_eq!(
        req.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(req.header("authorization"), Some(TWILIO_BASIC));
    assert_eq!(req.body_str(), "Type=apn&Sandbox=true");
    assert_eq!(
        cred.sid.as_deref(),
        Some("CRaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    );
    assert_eq!(cred.sandbox.as_deref(), Some("False"));
    assert_eq!(cred.type_.as_ref().map(|t| t.as_str()), Some("apn"));
    assert!(cred.date_created.is_some());
    assert_eq!(
        cred.url.as_ref().unwrap().host_str(),
        Some("ip-messaging.twilio.com")
    );
}

#[tokio::test]
async fn client_side_validation_names_the_field_and_sends_nothing() {
    let server = MockServer::repeating(Reply::json(201, "{}")).await;
    let client = twilio_chat(&server.url());
    let err = client
        .create_credential()
        .sandbox(true)
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Validation { field, .. } if field == "Type"),
        "{err:?}"
    );
    let err = client
        .create_credential()
        .type_("carrier-pigeon".parse().unwrap())
        .send()
        .await
        .unwrap_err();
    // Refused on the `Type` field itself, naming the value (not a stray "Content-Type").
    assert!(
        matches!(&err, Error::Validation { field, message }
            if field == "Type" && message.contains("carrier-pigeon")),
        "{err:?}"
    );
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn retries_503_twice_then_succeeds_and_honours_retry_after() {
    let server = MockServer::start(vec![
        Reply::new(503).into(),
        Reply::new(503).into(),
        Reply::new(201).body("jwt").into(),
    ])
    .await;
    let client = telnyx_client(&server.url());
    let t = client
        .create_telephony_credential_token()
        .id("a")
        .send()
        .await
        .unwrap();
    assert_eq!(t.expose(), "jwt");
    assert_eq!(server.count(), 3);

    let server = MockServer::start(vec![
        Reply::new(429).header("Retry-After", "1").into(),
        Reply::json(201, r#"{"sid":"SK1"}"#).into(),
    ])
    .await;
    let client = twilio_v2010(&server.url());
    let start = Instant::now();
    client.create_new_key().send().await.unwrap();
    assert_eq!(server.count(), 2);
    assert!(
        start.elapsed() >= Duration::from_millis(950),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn a_post_that_reached_the_server_is_not_resent_unless_opted_in() {
    let server =
        MockServer::start(vec![Action::CloseAfterRead, Reply::json(201, "{}").into()]).await;
    let client = twilio_v2010(&server.url());
    let err = client.create_token().ttl(5).send().await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(server.count(), 1, "minting twice costs money: not retried");

    let server =
        MockServer::start(vec![Action::CloseAfterRead, Reply::json(201, "{}").into()]).await;
    let client = twilio_builder(twilio::api_v2010::Client::builder(), &server.url())
        .retry_non_idempotent(true)
        .build()
        .unwrap();
    client.create_token().ttl(5).send().await.unwrap();
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn undocumented_status_malformed_json_and_timeouts_are_typed() {
    let server = MockServer::start(vec![
        Reply::new(418).body("I'm a teapot").into(),
        Reply::json(201, r#"{"sid": "SK1", "friendly_name": 7}"#).into(),
        Action::Truncated {
            status: 201,
            declared_len: 100,
            body: br#"{"sid": "SK"#.to_vec(),
        },
        Action::RespondAfter(Duration::from_secs(5), Reply::json(201, "{}")),
    ])
    .await;
    let client = twilio_builder(twilio::api_v2010::Client::builder(), &server.url())
        .timeout(Duration::from_millis(300))
        .max_retries(0)
        .build()
        .unwrap();
    let e = client.create_new_key().send().await.unwrap_err();
    assert!(
        matches!(&e, Error::UnexpectedStatus { status, body_excerpt, .. } if status.as_u16() == 418 && body_excerpt.contains("teapot")),
        "{e:?}"
    );
    let e = client.create_new_key().send().await.unwrap_err();
    match &e {
        Error::Decode { message, .. } => assert!(message.contains("friendly_name"), "{message}"),
        other => panic!("{other:?}"),
    }
    let e = client.create_new_key().send().await.unwrap_err();
    assert!(
        matches!(e, Error::Transport { .. } | Error::Decode { .. }),
        "{e:?}"
    );
    let start = Instant::now();
    let e = client.create_new_key().send().await.unwrap_err();
    assert!(matches!(e, Error::Timeout { .. }), "{e:?}");
    assert!(start.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn a_large_response_decodes() {
    let big = format!(
        r#"{{"sid":"SK1","friendly_name":"{}"}}"#,
        "x".repeat(4 << 20)
    );
    let server = MockServer::start(vec![Reply::json(201, big).into()]).await;
    let key = twilio_v2010(&server.url())
        .create_new_key()
        .send()
        .await
        .unwrap();
    assert_eq!(key.friendly_name.as_ref().map(String::len), Some(4 << 20));
}

#[tokio::test]
async fn a_wrong_secret_appears_in_no_error_or_debug_output() {
    let server = MockServer::repeating(Reply::json(
        401,
        r#"{"code":20003,"message":"Authenticate"}"#,
    ))
    .await;
    let client = twilio_v2010(&server.url());
    let err = client.create_new_key().send().await.unwrap_err();
    let texts = [
        err.to_string(),
        format!("{err:?}"),
        format!("{client:?}"),
        format!("{:?}", client.create_new_key()),
    ];
    for t in texts {
        assert!(!t.contains(TOKEN), "secret leaked: {t}");
        assert!(
            !t.contains(TWILIO_BASIC.strip_prefix("Basic ").unwrap()),
            "encoded secret leaked: {t}"
        );
    }
}

fn signalwire_client(url: &str) -> cpaas_tokens::signalwire::compatibility::Client {
    cpaas_tokens::signalwire::compatibility::Client::builder()
        .base_url(url)
        .auth(Auth::Basic {
            username: "project".into(),
            password: Secret::new("api-token"),
        })
        .path_default("AccountSid", "b8d6e8c4-0000-4000-8000-000000000001")
        .retry_policy(fast())
        .build()
        .unwrap()
}

#[tokio::test]
async fn signalwire_create_token_sends_the_page_header_content_type_with_repeated_keys() {
    let server = MockServer::start(vec![
        Reply::json(
            200,
            r#"{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","name":"ci","permissions":["calling","chat"],"token":"PT1"}"#,
        )
        .into(),
        Reply::json(
            422,
            r#"{"type":"validation_error","code":"invalid_permission","message":"nope","attribute":"permissions","url":"https://developer.signalwire.com/e"}"#,
        )
        .into(),
        Reply::json(401, r#"{"code":401,"message":"Unauthorized","more_info":"x","status":401}"#).into(),
    ])
    .await;
    let client = signalwire_client(&server.url());
    let token = client
        .create_token()
        .name("ci")
        .permissions(vec!["calling".into(), "chat".into()])
        .send()
        .await
        .unwrap();
    assert_eq!(token.token.expose(), "PT1");
    assert_eq!(token.id.to_string(), "3fa85f64-5717-4562-b3fc-2c963f66afa6");
    let req = &server.requests()[0];
    assert_eq!(req.method, "POST");
    assert_eq!(
        req.path(),
        "/Accounts/b8d6e8c4-0000-4000-8000-000000000001/tokens"
    );
    assert_eq!(
        req.header("content-type"),
        Some("application/x-www-form-urlencoded"),
        "the page header wins over the YAML's application/json"
    );
    assert_eq!(
        req.body_str(),
        "name=ci&permissions=calling&permissions=chat"
    );
    // base64 of `project:api-token`.
    assert_eq!(
        req.header("authorization"),
        Some("Basic cHJvamVjdDphcGktdG9rZW4=")
    );

    use cpaas_tokens::signalwire::compatibility::errors::CreateTokenError;
    let e = client
        .create_token()
        .name("ci")
        .permissions(vec!["fly".into()])
        .send()
        .await
        .unwrap_err();
    match e {
        Error::Status(v) => match v.inner() {
            CreateTokenError::UnprocessableEntity(body) => {
                assert_eq!(body.attribute.as_deref(), Some("permissions"))
            }
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
    let e = client
        .create_token()
        .name("ci")
        .permissions(vec![])
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::Status(v) if matches!(v.inner(), CreateTokenError::Unauthorized(b) if b.status == 401)),
        "{e:?}"
    );
}

#[tokio::test]
async fn signalwire_requires_name_and_its_space() {
    let server = MockServer::repeating(Reply::json(200, "{}")).await;
    let client = signalwire_client(&server.url());
    let e = client
        .create_token()
        .permissions(vec!["chat".into()])
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::Validation { field, .. } if field == "name"),
        "{e:?}"
    );
    assert_eq!(server.count(), 0);

    // Without a base URL override, the `{space}` server variable must be configured.
    let built = cpaas_tokens::signalwire::compatibility::Client::builder()
        .server_variable("space", "example")
        .build()
        .unwrap();
    assert_eq!(
        built.runtime().base_url(),
        "https://example.signalwire.com/api/laml/2010-04-01"
    );
}

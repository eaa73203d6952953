//! Credentials the APIs mint (Twilio's new API key secret, SignalWire's API token, Telnyx's
//! JWT) and credentials requests carry (Twilio Chat push credentials) are `Secret`s in the
//! generated code: `{:?}` of a decoded response or of a request builder never shows them, yet
//! they still reach the wire (loopback server) and `expose()` returns them.

#[path = "../runtime/tests/support/mod.rs"]
mod support;

use cpaas_runtime::{Auth, Secret};
use cpaas_tokens::{signalwire, telnyx, twilio};
use support::{MockServer, Reply};

/// The example Twilio's API reference documents for `POST /Accounts/{AccountSid}/Keys.json`
/// (the vendored page, seed 003, prints none).
const TWILIO_NEW_KEY_EXAMPLE: &str = r#"{
    "sid": "SKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "friendly_name": "foo",
    "date_created": "Mon, 13 Jun 2016 22:50:08 +0000",
    "date_updated": "Mon, 13 Jun 2016 22:50:08 +0000",
    "secret": "foobar"
}"#;

fn twilio_auth() -> Auth {
    Auth::Basic {
        username: "AC0123456789abcdef0123456789abcdef".into(),
        password: Secret::new("auth-token"),
    }
}

/// Asserts that `debug` shows none of `secrets`.
fn hides(debug: &str, secrets: &[&str]) {
    for s in secrets {
        assert!(!debug.contains(s), "`{s}` leaked into Debug: {debug}");
    }
}

#[tokio::test]
async fn a_new_twilio_api_key_shows_its_sid_but_not_its_secret() {
    let server = MockServer::start(vec![Reply::json(201, TWILIO_NEW_KEY_EXAMPLE).into()]).await;
    let client = twilio::api_v2010::Client::builder()
        .base_url(server.url())
        .auth(twilio_auth())
        .path_default("AccountSid", "AC0123456789abcdef0123456789abcdef")
        .build()
        .unwrap();
    let key = client.create_new_key().send().await.unwrap();
    for debug in [format!("{key:?}"), format!("{:?}", key.inner())] {
        assert!(
            debug.contains("SKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
            "{debug}"
        );
        hides(&debug, &["foobar"]);
    }
    let secret: &Secret = key.secret.as_ref().expect("the secret is decoded");
    assert_eq!(secret.expose(), "foobar");
    assert_eq!(key.into_inner().secret.unwrap().into_exposed(), "foobar");
}

#[tokio::test]
async fn a_new_signalwire_api_token_is_not_in_debug() {
    let token = "PT0123456789abcdef-signalwire-token";
    let server = MockServer::start(vec![
        Reply::json(
            200,
            format!(
                r#"{{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","name":"ci","permissions":["calling"],"token":"{token}"}}"#
            ),
        )
        .into(),
    ])
    .await;
    let client = signalwire::compatibility::Client::builder()
        .base_url(server.url())
        .auth(Auth::Basic {
            username: "project".into(),
            password: Secret::new("api-token"),
        })
        .path_default("AccountSid", "b8d6e8c4-0000-4000-8000-000000000001")
        .build()
        .unwrap();
    let created = client
        .create_token()
        .name("ci")
        .permissions(vec!["calling".into()])
        .send()
        .await
        .unwrap();
    let debug = format!("{created:?}");
    assert!(
        debug.contains("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
        "{debug}"
    );
    assert!(debug.contains("\"ci\""), "{debug}");
    hides(&debug, &[token, "PT0123"]);
    assert_eq!(created.token.expose(), token);
}

#[tokio::test]
async fn a_telnyx_jwt_is_a_secret_body() {
    // The example JWT printed on the vendored page itself (seed 002).
    let page = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/specs/telnyx/v2/002_1ffeaa7590c6150a.txt"
    ))
    .unwrap();
    let start = page
        .find("eyJhbGciOiJIUzUxMiIs")
        .expect("the page's example");
    let jwt: String = page[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    assert!(jwt.len() > 100, "{jwt}");
    let server = MockServer::start(vec![
        Reply::new(201)
            .header("Content-Type", "text/plain")
            .body(jwt.clone())
            .into(),
    ])
    .await;
    let client = telnyx::v2::Client::builder()
        .base_url(server.url())
        .auth(Auth::Bearer(Secret::new("KEY123")))
        .build()
        .unwrap();
    let token = client
        .create_telephony_credential_token()
        .id("cred-1")
        .send()
        .await
        .unwrap();
    let debug = format!("{token:?} {:?} {}", token.inner(), *token);
    assert!(debug.contains("201"), "{debug}");
    hides(&debug, &[&jwt, &jwt[..20]]);
    let secret: Secret = token.into_inner();
    assert_eq!(secret.expose(), jwt);
}

#[tokio::test]
async fn chat_push_credentials_stay_out_of_the_builder_debug_but_reach_the_wire() {
    let (private_key, api_key, secret) =
        ("PRIVATEKEY-4f1d9a", "APIKEY-77c2e0", "PUSHSECRET-0b9e51");
    let server = MockServer::start(vec![Reply::json(201, "{}").into()]).await;
    let client = twilio::ip_messaging_v2::Client::builder()
        .base_url(server.url())
        .auth(twilio_auth())
        .build()
        .unwrap();
    let builder = client
        .create_credential()
        .type_("fcm".parse().unwrap())
        .certificate("CERTIFICATE-visible")
        .private_key(private_key)
        .api_key(api_key.to_string())
        .secret(Secret::new(secret));
    let debug = format!("{builder:?}");
    // Debug does print the builder's fields: a certificate is public.
    assert!(debug.contains("CERTIFICATE-visible"), "{debug}");
    hides(&debug, &[private_key, api_key, secret]);
    builder.send().await.unwrap();
    let sent = server.requests()[0].body_str().to_string();
    for (name, value) in [
        ("PrivateKey", private_key),
        ("ApiKey", api_key),
        ("Secret", secret),
    ] {
        assert!(sent.contains(&format!("{name}={value}")), "{sent}");
    }
}

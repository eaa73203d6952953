//! Twilio typed through the overlays shipped beside its vendored pages (`specs/twilio/…/
//! *.overlay.yaml`): `create_token` decodes Twilio's documented ICE-server token, Twilio's error
//! JSON decodes into the typed error of every Twilio operation, and a client is built in one
//! step with explicit credentials. Real HTTP on loopback.

#[path = "../runtime/tests/support/mod.rs"]
mod support;

use cpaas_runtime::Error;
use cpaas_tokens::auth::TwilioCredentials;
use cpaas_tokens::twilio;
use support::{MockServer, Reply};

const SID: &str = "AC0123456789abcdef0123456789abcdef";

/// Twilio's documented example response of `POST /2010-04-01/Accounts/{AccountSid}/Tokens.json`
/// (twilio/twilio-oai, spec/json/twilio_api_v2010.json, example `create`).
const TOKEN_EXAMPLE: &str = r#"{
  "username": "dc2d2894d5a9023620c467b0e71cfa6a35457e6679785ed6ae9856fe5bdfa269",
  "ice_servers": [
    {"urls": "stun:global.stun.twilio.com:3478"},
    {"username": "dc2d2894d5a9023620c467b0e71cfa6a35457e6679785ed6ae9856fe5bdfa269",
     "credential": "tE2DajzSJwnsSbc123",
     "urls": "turn:global.turn.twilio.com:3478?transport=udp"},
    {"username": "dc2d2894d5a9023620c467b0e71cfa6a35457e6679785ed6ae9856fe5bdfa269",
     "credential": "tE2DajzSJwnsSbc123",
     "urls": "turn:global.turn.twilio.com:3478?transport=tcp"},
    {"username": "dc2d2894d5a9023620c467b0e71cfa6a35457e6679785ed6ae9856fe5bdfa269",
     "credential": "tE2DajzSJwnsSbc123",
     "urls": "turn:global.turn.twilio.com:443?transport=tcp"}
  ],
  "date_updated": "Fri, 01 May 2020 01:42:57 +0000",
  "account_sid": "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "ttl": "86400",
  "date_created": "Fri, 01 May 2020 01:42:57 +0000",
  "password": "tE2DajzSJwnsSbc123"
}"#;

/// Twilio's error JSON for bad credentials.
const ERROR_401: &str = r#"{"code": 20003, "message": "Authenticate", "more_info": "https://www.twilio.com/docs/errors/20003", "status": 401}"#;

fn client(url: &str, credentials: TwilioCredentials) -> twilio::api_v2010::Client {
    twilio::api_v2010::Client::builder()
        .base_url(url)
        .credentials(credentials)
        .max_retries(0)
        .build()
        .expect("a client")
}

#[tokio::test]
async fn create_token_decodes_twilios_documented_ice_servers() {
    let server = MockServer::start(vec![Reply::json(201, TOKEN_EXAMPLE).into()]).await;
    let creds = TwilioCredentials::api_key(SID, "SK0123456789abcdef0123456789abcdef", "key-secret");
    let token = client(&server.url(), creds)
        .create_token()
        .ttl(3600)
        .send()
        .await
        .expect("the documented example decodes");
    let servers = token.ice_servers.as_ref().expect("ice_servers is present");
    assert_eq!(servers.len(), 4);
    assert_eq!(
        servers[0].urls.as_deref(),
        Some("stun:global.stun.twilio.com:3478")
    );
    assert_eq!(servers[0].username, None);
    assert_eq!(
        servers[1].username.as_deref(),
        Some("dc2d2894d5a9023620c467b0e71cfa6a35457e6679785ed6ae9856fe5bdfa269")
    );
    assert_eq!(token.ttl.as_deref(), Some("86400"));
    assert_eq!(
        token.account_sid.as_deref(),
        Some("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    );
    assert!(token.date_created.is_some(), "an RFC 2822 date");

    // One `.credentials(…)` call set both the API key as the basic-auth user and the Account
    // SID in the path.
    let req = &server.requests()[0];
    assert_eq!(
        req.path(),
        format!("/2010-04-01/Accounts/{SID}/Tokens.json")
    );
    // `SK0123456789abcdef0123456789abcdef:key-secret`, base64 worked out apart from the runtime.
    assert_eq!(
        req.header("authorization"),
        Some("Basic U0swMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZjprZXktc2VjcmV0")
    );
    assert_eq!(String::from_utf8_lossy(&req.body), "Ttl=3600");
}

#[tokio::test]
async fn a_twilio_401_is_the_typed_error_of_every_twilio_operation() {
    let server = MockServer::repeating(Reply::json(401, ERROR_401)).await;
    let url = server.url();
    let creds = || TwilioCredentials::auth_token(SID, "wrong-token");

    let err = client(&url, creds())
        .create_token()
        .send()
        .await
        .unwrap_err();
    let Error::Status(v) = err else {
        panic!("expected the typed 401, got {err:?}");
    };
    assert_eq!(v.status().as_u16(), 401);
    let twilio::api_v2010::errors::CreateTokenError::Unauthorized(body) = v.into_inner() else {
        panic!("a 401 is the Unauthorized variant");
    };
    assert_eq!(body.code, Some(20003));
    assert_eq!(body.status, Some(401));
    assert_eq!(body.message.as_deref(), Some("Authenticate"));
    assert_eq!(
        body.more_info.as_deref(),
        Some("https://www.twilio.com/docs/errors/20003")
    );

    let err = client(&url, creds())
        .create_new_key()
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Status(v) if matches!(v.inner(), twilio::api_v2010::errors::CreateNewKeyError::Unauthorized(b) if b.code == Some(20003))),
        "{err:?}"
    );

    let chat = twilio::ip_messaging_v2::Client::builder()
        .base_url(&url)
        .credentials(creds())
        .max_retries(0)
        .build()
        .unwrap();
    let err = chat
        .create_credential()
        .type_("apn".parse().unwrap())
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Status(v) if matches!(v.inner(), twilio::ip_messaging_v2::errors::CreateCredentialError::Unauthorized(b) if b.code == Some(20003))),
        "{err:?}"
    );
}

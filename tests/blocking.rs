//! `send_blocking()`: the same request without an async runtime in the caller.
#![cfg(feature = "blocking")]

#[path = "../runtime/tests/support/mod.rs"]
mod support;

use cpaas_runtime::{Auth, Secret};

#[test]
fn send_blocking_works_from_plain_threads() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(support::MockServer::repeating(
        support::Reply::new(201).body("jwt"),
    ));
    let client = cpaas_tokens::telnyx::v2::Client::builder()
        .base_url(server.url())
        .auth(Auth::Bearer(Secret::new("k")))
        .build()
        .unwrap();
    let token = std::thread::spawn(move || {
        client
            .create_telephony_credential_token()
            .id("a")
            .send_blocking()
            .map(|r| r.into_inner())
    })
    .join()
    .unwrap()
    .unwrap();
    assert_eq!(token.expose(), "jwt");
    assert_eq!(server.count(), 1);
}

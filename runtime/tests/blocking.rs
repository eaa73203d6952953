//! `blocking::block_on` (feature `blocking`).
#![cfg(feature = "blocking")]

mod support;

use cpaas_runtime::http::Method;
use cpaas_runtime::{ApiInfo, Client, Request, blocking};
use support::{MockServer, Reply};

static API: ApiInfo = ApiInfo {
    provider: "test",
    api: "blocking",
    base_url: "http://127.0.0.1:1",
    server_variables: &[],
};

#[test]
fn block_on_runs_calls_from_plain_threads() {
    assert_eq!(blocking::block_on(async { 40 + 2 }), 42);

    // The server needs a runtime of its own; the client runs on block_on's.
    let server_rt = tokio::runtime::Runtime::new().unwrap();
    let server = server_rt.block_on(MockServer::repeating(Reply::json(200, r#"{"ok": true}"#)));
    let client = Client::builder(&API)
        .base_url(server.url())
        .build()
        .unwrap();

    let call = |client: &Client| {
        blocking::block_on(async {
            let resp = client
                .execute::<()>(Request::new("Ping", Method::GET, "/ping", "/ping".into()))
                .await?;
            resp.json::<serde_json::Value, ()>()
        })
    };
    assert_eq!(call(&client).unwrap()["ok"], true);
    // The same client from other threads (pooled connection reused across them).
    let handles: Vec<_> = (0..3)
        .map(|_| {
            let c = client.clone();
            std::thread::spawn(move || call(&c).map(|v| v["ok"] == true))
        })
        .collect();
    for h in handles {
        assert!(h.join().unwrap().unwrap());
    }
    assert_eq!(server.count(), 4);
    drop(server);
}

//! The mock provider streams: asked for `Accept: text/event-stream`, an operation with a JSON
//! success answers it as a few events carrying that JSON, then `[DONE]`, which the runtime's
//! non-generic reader (`RawEvents`, what a command line prints from) reads back.

use cpaas_cli::mock::MockProvider;
use cpaas_codegen::mock::MOCK_EVENTS;
use cpaas_runtime::RawEvents;
use cpaas_tokens::registry;

#[tokio::test]
async fn a_json_operation_asked_for_events_answers_them_then_done() {
    let mock = MockProvider::start(0).await.expect("mock starts");
    let (entry, op) = registry::APIS
        .iter()
        .flat_map(|e| e.operations.iter().map(move |o| (e, o)))
        .find(|(_, o)| o.mock.content_type.contains("json"))
        .expect("an operation answering JSON");
    // `{param}` segments match any value.
    let path: String = op
        .path
        .split('/')
        .map(|s| if s.starts_with('{') { "x" } else { s })
        .collect::<Vec<_>>()
        .join("/");
    let url = format!("{}{path}", mock.base_url_for(entry.info));
    let mut req = cpaas_runtime::reqwest::Client::new()
        .request(op.method.parse().unwrap(), url)
        .header("accept", "text/event-stream")
        .header(
            "authorization",
            if op.auth.iter().any(|a| a.kind == "basic") {
                "Basic dGVzdDp0ZXN0"
            } else {
                "Bearer test"
            },
        );
    for a in op.auth.iter().filter(|a| a.location == "header") {
        req = req.header(a.name, "test");
    }
    let resp = req.send().await.expect("the mock answers");
    assert_eq!(resp.status().as_u16(), op.mock.status);
    assert_eq!(
        resp.headers()["content-type"].to_str().unwrap(),
        "text/event-stream"
    );
    let mut events = RawEvents::new(resp, None, 1 << 20);
    let mut got = Vec::new();
    while let Some(e) = events.next().await {
        got.push(e.expect("an event"));
    }
    assert_eq!(got.len(), MOCK_EVENTS, "the stream stops at [DONE]");
    let sent: serde_json::Value = serde_json::from_str(op.mock.body).unwrap();
    for (i, e) in got.iter().enumerate() {
        let data: serde_json::Value = serde_json::from_str(&e.data).expect("JSON data");
        assert_eq!(data, sent);
        assert_eq!(e.id.as_deref(), Some((i + 1).to_string().as_str()));
    }
}

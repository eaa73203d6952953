//! `text/event-stream` answers in the IR and the mock: which schema gives each event's data
//! (`schema`, OpenAPI 3.2 `itemSchema`, an event object's `data` and its `contentSchema`), a
//! string schema read as text, operations without a stream left without one, and the mock
//! provider's answer for a stream-only operation: a few events, then `[DONE]`.

use cpaas_codegen::frontend::Recovered;
use cpaas_codegen::ir::*;
use cpaas_codegen::lower::{Input, lower};
use cpaas_codegen::mock::{MOCK_EVENTS, operation_mock};
use serde_json::{Value, json};

fn api_from(doc: Value) -> Api {
    let input = Input {
        path: "specs/p/a/0.json".into(),
        format: "openapi".into(),
        recovered: Recovered::new(doc),
    };
    lower("p", "a", &[input]).expect("lowers").0
}

/// One `GET /x` per entry of `content` (a response `content` object), operation ids `op0` …
fn api_with(contents: &[Value]) -> Api {
    let mut paths = serde_json::Map::new();
    for (i, c) in contents.iter().enumerate() {
        paths.insert(
            format!("/x{i}"),
            json!({"get": {"operationId": format!("op{i}"), "responses": {"200": {"description": "ok", "content": c}}}}),
        );
    }
    api_from(json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": paths,
        "components": {"schemas": {"Tick": {"type": "object", "required": ["n"], "properties": {"n": {"type": "integer"}}}}}
    }))
}

fn data_type_name(api: &Api, op: usize) -> Option<String> {
    match &api.operations[op].events.as_ref()?.data {
        ResponseBody::Json(TypeRef::Named(id)) => Some(api.types[*id].rust_name.clone()),
        ResponseBody::Text => Some("String".into()),
        other => Some(format!("{other:?}")),
    }
}

#[test]
fn each_event_data_reads_as_the_schema_says() {
    let tick = json!({"$ref": "#/components/schemas/Tick"});
    let api = api_with(&[
        json!({"text/event-stream": {"schema": tick}}),
        json!({"text/event-stream": {"itemSchema": {"type": "object", "properties": {
            "event": {"type": "string"},
            "data": {"type": "string", "contentMediaType": "application/json", "contentSchema": tick}
        }}}}),
        json!({"text/event-stream": {"itemSchema": {"type": "object", "properties": {
            "id": {"type": "string"}, "data": tick
        }}}}),
        json!({"text/event-stream": {"schema": {"type": "string"}}}),
        json!({"text/event-stream": {}}),
        json!({"application/json": {"schema": tick}}),
        json!({"application/json": {"schema": tick}, "text/event-stream; charset=utf-8": {"schema": tick}}),
    ]);
    let names: Vec<Option<String>> = (0..7).map(|i| data_type_name(&api, i)).collect();
    let tick = Some("Tick".to_string());
    let text = Some("String".to_string());
    assert_eq!(
        names,
        vec![
            tick.clone(),
            tick.clone(),
            tick.clone(),
            text.clone(),
            text,
            None,
            tick
        ]
    );
    // The JSON answer of the last operation still is what `send()` reads.
    let op = &api.operations[6];
    assert!(
        op.success
            .cases
            .iter()
            .any(|c| c.media_type.as_deref() == Some("application/json"))
    );
    assert_eq!(
        op.events.as_ref().map(|e| e.media_type.as_str()),
        Some("text/event-stream; charset=utf-8")
    );
}

#[test]
fn the_mock_answers_a_stream_only_operation_with_events_then_done() {
    let api = api_with(&[
        json!({"text/event-stream": {"schema": {"$ref": "#/components/schemas/Tick"}}}),
        json!({"application/json": {"schema": {"$ref": "#/components/schemas/Tick"}}}),
    ]);
    let stream = operation_mock(&api, &api.operations[0]).success;
    assert_eq!(stream.content_type, "text/event-stream");
    let data: Vec<&str> = stream
        .body
        .lines()
        .filter_map(|l| l.strip_prefix("data: "))
        .collect();
    assert_eq!(data.len(), MOCK_EVENTS + 1, "{}", stream.body);
    assert_eq!(data.last(), Some(&"[DONE]"));
    for d in &data[..MOCK_EVENTS] {
        let v: Value = serde_json::from_str(d).expect("each event's data is JSON of the type");
        assert!(v["n"].is_i64(), "{d}");
    }
    assert!(stream.body.ends_with("data: [DONE]\n\n"));
    // A JSON operation keeps its JSON answer.
    let json_answer = operation_mock(&api, &api.operations[1]).success;
    assert_eq!(json_answer.content_type, "application/json");
}

use super::*;
use crate::ir::*;
use serde_json::Value;
use serde_json::json;

fn base() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": "https://api.example.com/v1"}],
        "components": {
            "securitySchemes": {
                "basic": {"type": "http", "scheme": "basic"},
                "bearer": {"type": "http", "scheme": "bearer"}
            },
            "schemas": {
                "Token": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {
                        "id": {"type": "string"},
                        "ttl": {"type": "integer"},
                        "kind": {"type": "string", "enum": ["a", "b"]}
                    }
                }
            }
        },
        "security": [{"basic": []}],
        "paths": {
            "/tokens": {"post": {
                "operationId": "createToken",
                "parameters": [{"name": "limit", "in": "query", "required": false, "schema": {"type": "integer"}}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "name": {"type": "string"},
                        "mode": {"type": "string", "enum": ["x", "y"]}
                    }
                }}}},
                "responses": {
                    "201": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Token"}}}},
                    "404": {"description": "not found"}
                }
            }},
            "/tokens/{id}": {"delete": {
                "operationId": "deleteToken",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"204": {"description": "gone"}}
            }}
        }
    })
}

fn lower_value(doc: &Value) -> Api {
    lower_text(&serde_json::to_string_pretty(doc).unwrap())
}

/// One OpenAPI document's text (JSON or YAML), recovered and lowered as `diff::api` (the lock's
/// tests use it too).
pub(crate) fn lower_text(text: &str) -> Api {
    let (_, outcome) = crate::frontend::recover(text).expect("recover");
    let crate::frontend::Outcome::Recovered(rec) = outcome else {
        panic!("no frontend")
    };
    let input = crate::lower::Input {
        path: "t.json".into(),
        format: "openapi".into(),
        recovered: rec,
    };
    crate::lower::lower("diff", "api", &[input])
        .expect("lower")
        .0
}

fn diff_after(change: impl FnOnce(&mut Value)) -> Diff {
    let old = base();
    let mut new = base();
    change(&mut new);
    diff_apis(&lower_value(&old), &lower_value(&new))
}

#[track_caller]
fn expect(d: &Diff, kind: &str, breaking: bool, needle: &str) {
    let hit = d
        .changes
        .iter()
        .any(|c| c.kind == kind && c.breaking == breaking && line(c).contains(needle));
    assert!(
        hit,
        "no {kind} (breaking {breaking}) mentioning {needle:?} in:\n{}",
        d.render()
    );
}

/// `d` holds exactly the `expected` changes (kind, breaking, text): each is there, and nothing
/// else is — a spurious change fails as surely as a missing one.
#[track_caller]
fn expect_only(d: &Diff, expected: &[(&str, bool, &str)]) {
    let mut unmatched: Vec<&Change> = d.changes.iter().collect();
    for &(kind, breaking, needle) in expected {
        expect(d, kind, breaking, needle);
        // Each expected change claims a change of its own.
        if let Some(i) = unmatched
            .iter()
            .position(|c| c.kind == kind && c.breaking == breaking && line(c).contains(needle))
        {
            unmatched.remove(i);
        }
    }
    assert!(
        unmatched.is_empty(),
        "changes besides the {} expected: {:?}\n{}",
        expected.len(),
        unmatched.iter().map(|c| line(c)).collect::<Vec<_>>(),
        d.render()
    );
    assert_eq!(d.changes.len(), expected.len(), "{}", d.render());
}

fn at<'v>(v: &'v mut Value, pointer: &str) -> &'v mut Value {
    v.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer}"))
}

/// The object at `pointer`, to add or remove members.
fn obj<'v>(v: &'v mut Value, pointer: &str) -> &'v mut serde_json::Map<String, Value> {
    at(v, pointer)
        .as_object_mut()
        .unwrap_or_else(|| panic!("{pointer} is not an object"))
}

const OP: &str = "/paths/~1tokens/post";
const BODY: &str = "/paths/~1tokens/post/requestBody/content/application~1json/schema";
const TOKEN: &str = "/components/schemas/Token";

#[test]
fn identical_documents_have_no_changes() {
    let d = diff_after(|_| {});
    assert!(d.changes.is_empty(), "{}", d.render());
    assert_eq!(d.operations, (2, 2));
}

#[test]
fn operations() {
    let d = diff_after(|v| {
        obj(v, "/paths").remove("/tokens/{id}");
    });
    expect_only(&d, &[("operation-removed", true, "deleteToken")]);
    let d = diff_after(|v| {
        obj(v, "/paths").insert(
            "/keys".into(),
            json!({"get": {"operationId": "listKeys", "responses": {"200": {"description": "ok"}}}}),
        );
    });
    expect_only(&d, &[("operation-added", false, "listKeys")]);
    assert_eq!((d.breaking(), d.non_breaking()), (0, 1));
    let d = diff_after(|v| *at(v, &format!("{OP}/operationId")) = json!("makeToken"));
    expect_only(
        &d,
        &[("operation-renamed", true, "createToken -> makeToken")],
    );
    assert_eq!(d.changes.len(), 1, "{}", d.render());
}

#[test]
fn parameters() {
    let d = diff_after(|v| *at(v, &format!("{OP}/parameters")) = json!([]));
    expect_only(&d, &[("parameter-removed", true, "query parameter limit")]);
    let d = diff_after(|v| *at(v, &format!("{OP}/parameters/0/schema/type")) = json!("string"));
    expect_only(&d, &[("type-changed", true, "integer (64-bit) -> string")]);
    let d = diff_after(|v| *at(v, &format!("{OP}/parameters/0/required")) = json!(true));
    expect_only(&d, &[("made-required", true, "query parameter limit")]);
    let d = diff_after(|v| {
        let params = at(v, &format!("{OP}/parameters")).as_array_mut().unwrap();
        params.push(json!({"name": "page", "in": "query", "required": false, "schema": {"type": "integer"}}));
        params.push(json!({"name": "X-Trace", "in": "header", "required": true, "schema": {"type": "string"}}));
    });
    expect_only(
        &d,
        &[
            ("parameter-added", false, "query parameter page"),
            ("required-parameter-added", true, "header parameter X-Trace"),
        ],
    );
}

#[test]
fn request_bodies() {
    let d = diff_after(|v| {
        let props = obj(v, &format!("{BODY}/properties"));
        props.remove("name");
        props.insert("note".into(), json!({"type": "string"}));
        props.insert("ref".into(), json!({"type": "string"}));
        at(v, &format!("{BODY}/required"))
            .as_array_mut()
            .unwrap()
            .push(json!("ref"));
        *at(v, &format!("{BODY}/properties/mode/enum")) = json!(["x", "z"]);
    });
    expect_only(
        &d,
        &[
            ("field-removed", true, "request body field name"),
            // Request models are exhaustive structs built with literals: a new field breaks them.
            ("field-added", true, "request body field note"),
            ("required-field-added", true, "request body field ref"),
            ("enum-value-removed", true, "enum value y"),
            ("enum-value-added", false, "enum value z"),
        ],
    );
    let d = diff_after(|v| {
        let content = at(v, &format!("{OP}/requestBody/content"));
        let schema = content["application/json"].clone();
        *content = json!({"application/x-www-form-urlencoded": schema});
    });
    expect_only(
        &d,
        &[(
            "content-type-changed",
            true,
            "application/json -> application/x-www-form-urlencoded",
        )],
    );
    let d = diff_after(|v| {
        obj(v, OP).remove("requestBody");
    });
    expect_only(&d, &[("request-body-removed", true, "createToken")]);
}

#[test]
fn responses_and_shared_schemas() {
    let d = diff_after(|v| {
        let props = obj(v, &format!("{TOKEN}/properties"));
        props.remove("ttl");
        props.insert(
            "expires".into(),
            json!({"type": "string", "format": "date-time"}),
        );
        *at(v, &format!("{TOKEN}/required")) = json!([]);
        *at(v, &format!("{TOKEN}/properties/kind/enum")) = json!(["a", "b", "c"]);
    });
    expect_only(
        &d,
        &[
            (
                "field-removed",
                true,
                "schema Token [types::Token]: field ttl",
            ),
            (
                "field-added",
                false,
                "schema Token [types::Token]: field expires",
            ),
            (
                "made-optional",
                true,
                "schema Token [types::Token]: field id",
            ),
            (
                "enum-value-added",
                false,
                "schema Token [types::Token]: field kind enum value c",
            ),
        ],
    );
    // Compared once, under the schema, not under each operation using it.
    assert!(
        d.changes.iter().all(|c| c.scope == "schema Token"),
        "{}",
        d.render()
    );
    let d = diff_after(|v| {
        let r = at(v, &format!("{OP}/responses/201/content"));
        *r = json!({"text/plain": {"schema": {"type": "string"}}});
    });
    expect_only(
        &d,
        &[(
            "content-type-changed",
            true,
            "application/json (json) -> text/plain (text)",
        )],
    );
    let d = diff_after(|v| {
        let rs = obj(v, &format!("{OP}/responses"));
        rs.remove("404");
        rs.insert("400".into(), json!({"description": "bad"}));
    });
    expect_only(
        &d,
        &[
            ("error-status-removed", true, "error response 404"),
            ("error-status-added", false, "error response 400"),
        ],
    );
    let d = diff_after(|v| {
        *at(
            v,
            &format!("{OP}/responses/201/content/application~1json/schema"),
        ) = json!({"type": "array", "items": {"type": "string"}});
    });
    expect_only(
        &d,
        &[("type-changed", true, "object `Token` -> array of string")],
    );
}

#[test]
fn auth_and_servers() {
    // The root `security` applies to each operation: each reports the change.
    let d = diff_after(|v| *at(v, "/security") = json!([{"basic": []}, {"bearer": []}]));
    expect_only(
        &d,
        &[
            (
                "auth-scheme-added",
                false,
                "createToken (POST /tokens) [create_token]: auth: auth-scheme-added (bearer)",
            ),
            (
                "auth-scheme-added",
                false,
                "deleteToken (DELETE /tokens/{id}) [delete_token]: auth: auth-scheme-added (bearer)",
            ),
        ],
    );
    let d = diff_after(|v| *at(v, "/security") = json!([{"bearer": []}]));
    expect_only(
        &d,
        &[
            (
                "auth-scheme-removed",
                true,
                "createToken (POST /tokens) [create_token]: auth: auth-scheme-removed (basic)",
            ),
            (
                "auth-scheme-removed",
                true,
                "deleteToken (DELETE /tokens/{id}) [delete_token]: auth: auth-scheme-removed (basic)",
            ),
            (
                "auth-scheme-added",
                false,
                "createToken (POST /tokens) [create_token]: auth: auth-scheme-added (bearer)",
            ),
            (
                "auth-scheme-added",
                false,
                "deleteToken (DELETE /tokens/{id}) [delete_token]: auth: auth-scheme-added (bearer)",
            ),
        ],
    );
    let d = diff_after(|v| {
        *at(v, "/servers") = json!([{"url": "https://{region}.example.com/v2", "variables": {"region": {"default": "us"}}}]);
    });
    expect_only(
        &d,
        &[
            (
                "server-changed",
                false,
                "https://api.example.com/v1 -> https://{region}.example.com/v2",
            ),
            ("server-variable-added", false, "variable region"),
        ],
    );
    let d = diff_after(|v| {
        *at(v, "/components/securitySchemes/basic") =
            json!({"type": "apiKey", "in": "header", "name": "X-Key"});
    });
    expect_only(&d, &[("auth-scheme-changed", true, "scheme basic")]);
}

#[test]
fn json_and_text_output() {
    let d = diff_after(|v| {
        obj(v, "/paths").remove("/tokens/{id}");
        *at(v, &format!("{OP}/parameters/0/required")) = json!(true);
    });
    let j = d.to_json();
    assert_eq!(j["summary"]["breaking"], 2);
    assert_eq!(j["changes"][0]["kind"], "made-required");
    // The Rust names as lowering decided them, beside the wire names.
    assert_eq!(j["changes"][0]["rust"], "create_token");
    assert_eq!(j["changes"][1]["rust"], "delete_token");
    let text = d.render();
    assert!(
        text.starts_with("2 change(s): 2 breaking, 0 non-breaking; operations 2 -> 1"),
        "{text}"
    );
    assert!(text.contains("\nBreaking (2):\n  operation createToken (POST /tokens) [create_token]: query parameter limit: made-required\n"), "{text}");
}

#[test]
fn union_variants_by_shape() {
    let with_union = |v: &mut Value| {
        obj(v, &format!("{BODY}/properties")).insert(
            "value".into(),
            json!({"oneOf": [
                {"type": "string"},
                {"type": "integer"},
                {"type": "object", "properties": {"a": {"type": "string"}}}
            ]}),
        );
    };
    let old = {
        let mut v = base();
        with_union(&mut v);
        v
    };
    let mut new = old.clone();
    let one_of = at(&mut new, &format!("{BODY}/properties/value/oneOf"));
    one_of[1] = json!({"type": "boolean"});
    one_of[2] = json!({"type": "object", "properties": {"b": {"type": "string"}}});
    let d = diff_apis(&lower_value(&old), &lower_value(&new));
    // The inline object variant is paired by shape and compared member by member.
    expect_only(
        &d,
        &[
            ("variant-removed", true, "union variant integer (64-bit)"),
            ("variant-added", false, "union variant boolean"),
            ("field-removed", true, "field value (variant 2).a"),
            ("field-added", true, "field value (variant 2).b"),
        ],
    );
}

#[test]
fn a_success_type_of_another_kind_is_breaking() {
    // A 204 beside the 201's JSON body: `Token` becomes `Option<Token>`.
    let d = diff_after(|v| {
        let rs = obj(v, &format!("{OP}/responses"));
        rs.insert("204".into(), json!({"description": "nothing new"}));
    });
    expect(&d, "success-type-changed", true, "one type -> Option<T>");
    // A 202 with text: an enum of `Created`/`Accepted`.
    let d = diff_after(|v| {
        let rs = obj(v, &format!("{OP}/responses"));
        rs.insert(
            "202".into(),
            json!({"description": "queued", "content": {"text/plain": {"schema": {"type": "string"}}}}),
        );
    });
    expect(
        &d,
        "success-type-changed",
        true,
        "one type -> enum (Created, Accepted)",
    );
    let d = diff_after(|v| {
        let rs = obj(v, "/paths/~1tokens~1{id}/delete/responses");
        rs.insert(
            "200".into(),
            json!({"description": "the token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Token"}}}}),
        );
    });
    expect(&d, "success-type-changed", true, "one type -> Option<T>");
    assert!(diff_after(|_| {}).changes.is_empty());
}

#[test]
fn a_string_that_becomes_a_secret_changes_its_rust_type() {
    // String -> Secret (and back) is breaking on either side: the Rust type changes.
    let d = diff_after(|v| {
        obj(v, &format!("{TOKEN}/properties/id")).insert("x-cpaas-secret".into(), json!(true));
        obj(v, &format!("{BODY}/properties/name")).insert("format".into(), json!("password"));
    });
    expect_only(
        &d,
        &[
            (
                "type-changed",
                true,
                "schema Token [types::Token]: field id: type-changed (string -> string (secret))",
            ),
            (
                "type-changed",
                true,
                "request body field name: type-changed (string -> string (secret))",
            ),
        ],
    );
    // A minted text body: `String` -> `Secret`.
    let with_text = |secret: bool| {
        let mut v = base();
        *at(&mut v, "/paths/~1tokens~1{id}/delete/responses") = json!({"200": {
            "description": "the token",
            "content": {"text/plain": {"schema": {"type": "string", "x-cpaas-secret": secret}}}
        }});
        lower_value(&v)
    };
    let d = diff_apis(&with_text(false), &with_text(true));
    expect_only(
        &d,
        &[(
            "type-changed",
            true,
            "body: type-changed (string -> string (secret))",
        )],
    );
    assert!(
        diff_apis(&with_text(true), &with_text(true))
            .changes
            .is_empty()
    );
}

/// A paginated list (`next_page_uri`, items `data` of `Call`) and an event stream of `Chunk`
/// JSON, to take away and change.
fn listing() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": "https://api.example.com/v1"}],
        "components": {"schemas": {
            "Call": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
            "Room": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
            "Chunk": {"type": "object", "properties": {"text": {"type": "string"}}}
        }},
        "paths": {
            "/calls": {"get": {
                "operationId": "listCalls",
                "responses": {"200": {"description": "a page", "content": {"application/json": {"schema": {
                    "type": "object",
                    "properties": {
                        "data": {"type": "array", "items": {"$ref": "#/components/schemas/Call"}},
                        "next_page_uri": {"type": ["string", "null"]}
                    }
                }}}}}
            }},
            "/chat": {"post": {
                "operationId": "chat",
                "responses": {"200": {"description": "the answer", "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Chunk"}},
                    "text/event-stream": {"schema": {"$ref": "#/components/schemas/Chunk"}}
                }}}
            }}
        }
    })
}

const PAGE: &str = "/paths/~1calls/get/responses/200/content/application~1json/schema/properties";
const CHAT: &str = "/paths/~1chat/post/responses/200/content";

fn listing_diff(old: impl FnOnce(&mut Value), new: impl FnOnce(&mut Value)) -> Diff {
    let (mut a, mut b) = (listing(), listing());
    old(&mut a);
    new(&mut b);
    let (a, b) = (lower_value(&a), lower_value(&b));
    diff_apis(&a, &b)
}

#[test]
fn a_list_that_stops_paging_loses_stream_and_pages() {
    // Sanity: the fixture pages and streams.
    let api = lower_value(&listing());
    assert!(api.operations.iter().any(|o| o.pagination.is_some()));
    assert!(api.operations.iter().any(|o| o.events.is_some()));
    assert!(listing_diff(|_| {}, |_| {}).changes.is_empty());

    // Pagination switched off (`x-cpaas-pagination: false`): `stream()` and `pages()` go,
    // the answer stays.
    let unpaged = |v: &mut Value| {
        obj(v, "/paths/~1calls/get").insert("x-cpaas-pagination".into(), json!(false));
    };
    let d = listing_diff(|_| {}, unpaged);
    expect_only(
        &d,
        &[(
            "pagination-removed",
            true,
            "operation listCalls (GET /calls) [list_calls]: pagination (`stream()`, `pages()`): \
             pagination-removed (was next-uri over data[]; the methods `stream()` and `pages()` go)",
        )],
    );
    // The next-page URI goes from the answer: no longer recognised, a field removed besides.
    let d = listing_diff(
        |_| {},
        |v| {
            obj(v, PAGE).remove("next_page_uri");
        },
    );
    expect_only(
        &d,
        &[
            ("pagination-removed", true, "[list_calls]: pagination"),
            (
                "field-removed",
                true,
                "[list_calls]: response 200 body field next_page_uri",
            ),
        ],
    );
    // The other way round: new methods, nothing breaks.
    let d = listing_diff(unpaged, |_| {});
    expect_only(
        &d,
        &[(
            "pagination-added",
            false,
            "[list_calls]: pagination (`stream()`, `pages()`): pagination-added (next-uri over \
             data[], items object `Call`: new methods `stream()` and `pages()`)",
        )],
    );
}

#[test]
fn a_changed_pagination_pattern_breaks_only_when_the_item_type_changes() {
    // Same items, walked by cursor instead of next-page URI: the signatures stay.
    let cursor = |v: &mut Value| {
        let props = obj(v, PAGE);
        props.remove("next_page_uri");
        props.insert("next_cursor".into(), json!({"type": ["string", "null"]}));
        obj(v, "/paths/~1calls/get").insert(
            "parameters".into(),
            json!([{"name": "cursor", "in": "query", "schema": {"type": "string"}}]),
        );
    };
    let d = listing_diff(|_| {}, cursor);
    expect_only(
        &d,
        &[
            (
                "pagination-changed",
                false,
                "[list_calls]: pagination (`stream()`, `pages()`): pagination-changed \
                 (next-uri over data[] -> cursor over data[]",
            ),
            ("parameter-added", false, "query parameter cursor"),
            ("field-added", false, "body field next_cursor"),
            ("field-removed", true, "body field next_page_uri"),
        ],
    );
    // The items are now `Room`s: what `stream()` yields changes type.
    let rooms = |v: &mut Value| {
        *at(v, &format!("{PAGE}/data/items")) = json!({"$ref": "#/components/schemas/Room"});
    };
    let d = listing_diff(|_| {}, rooms);
    expect(
        &d,
        "type-changed",
        true,
        "[list_calls]: `stream()` item: type-changed (object `Call` -> object `Room`)",
    );
    // Both at once: the pattern change reported, and the item type breaking.
    let d = listing_diff(
        |_| {},
        |v| {
            cursor(v);
            rooms(v);
        },
    );
    expect(&d, "pagination-changed", false, "-> cursor over data[]");
    expect(&d, "type-changed", true, "`stream()` item");
}

#[test]
fn an_event_stream_removed_added_or_retyped() {
    // The event stream goes (and with it a variant of what `send()` returns).
    let no_stream = |v: &mut Value| {
        obj(v, CHAT).remove("text/event-stream");
    };
    let d = listing_diff(|_| {}, no_stream);
    expect_only(
        &d,
        &[
            (
                "events-removed",
                true,
                "operation chat (POST /chat) [chat]: event stream (`events()`): events-removed \
                 (was json data; the method `events()` goes)",
            ),
            ("success-type-changed", true, "[chat]: success response"),
        ],
    );
    let d = listing_diff(no_stream, |_| {});
    expect_only(
        &d,
        &[
            (
                "events-added",
                false,
                "[chat]: event stream (`events()`): events-added (new method `events()`, \
                 object `Chunk` data)",
            ),
            ("success-type-changed", true, "[chat]: success response"),
        ],
    );
    // JSON events become text: `events()` yields `String`s.
    let d = listing_diff(
        |_| {},
        |v| {
            *at(v, &format!("{CHAT}/text~1event-stream/schema")) = json!({"type": "string"});
        },
    );
    expect_only(
        &d,
        &[(
            "type-changed",
            true,
            "[chat]: `events()` data: type-changed (json -> text)",
        )],
    );
    // Another schema for the data.
    let d = listing_diff(
        |_| {},
        |v| {
            *at(v, &format!("{CHAT}/text~1event-stream/schema")) =
                json!({"$ref": "#/components/schemas/Room"});
        },
    );
    expect(
        &d,
        "type-changed",
        true,
        "[chat]: `events()` data: type-changed (object `Chunk` -> object `Room`)",
    );
}

/// A schema only an event stream uses is still compared (under its own name).
#[test]
fn a_schema_only_events_use_is_compared() {
    let only_events = |v: &mut Value| {
        *at(v, &format!("{CHAT}/application~1json/schema")) = json!({"type": "string"});
        obj(v, "/components/schemas/Chunk/properties")
            .insert("index".into(), json!({"type": "integer"}));
    };
    let d = listing_diff(only_events, |v| {
        only_events(v);
        obj(v, "/components/schemas/Chunk/properties").remove("text");
    });
    expect_only(
        &d,
        &[(
            "field-removed",
            true,
            "schema Chunk [types::Chunk]: field text: field-removed",
        )],
    );
}

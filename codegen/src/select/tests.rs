use serde_json::{Value, json};

use super::*;
use crate::frontend::Recovered;
use crate::ir::{Api, TypeRef};
use crate::lower::{Input, lower};

/// Four operations: `CreateThing` (tag Things; body Thing -> Owner, Meta; error body Problem),
/// `ListWidgets` (tag Widgets; array of Widget -> map of Gadget, Meta), `GetTree` (Node, a
/// cycle through an array) and `DeleteThing` (no types).
fn doc() -> Value {
    let r = |n: &str| json!({"$ref": format!("#/components/schemas/{n}")});
    json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": {
            "/things/{id}": {
                "post": {
                    "operationId": "CreateThing", "tags": ["Things"],
                    "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                    "requestBody": {"content": {"application/json": {"schema": r("Thing")}}},
                    "responses": {
                        "200": {"description": "ok", "content": {"application/json": {"schema": r("Thing")}}},
                        "400": {"description": "bad", "content": {"application/json": {"schema": r("Problem")}}}
                    }
                },
                "delete": {
                    "operationId": "DeleteThing", "tags": ["Things"],
                    "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                    "responses": {"204": {"description": "gone"}}
                }
            },
            "/widgets": {"get": {
                "operationId": "ListWidgets", "tags": ["Widgets"],
                "responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {"type": "array", "items": r("Widget")}}}}}
            }},
            "/tree": {"get": {
                "operationId": "GetTree",
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": r("Node")}}}}
            }}
        },
        "components": {"schemas": {
            "Thing": {"type": "object", "properties": {"owner": r("Owner"), "meta": r("Meta")}},
            "Owner": {"type": "object", "properties": {"name": {"type": "string"}}},
            "Problem": {"type": "object", "properties": {"detail": {"type": "string"}}},
            "Widget": {"type": "object", "properties": {
                "parts": {"type": "object", "additionalProperties": r("Gadget")},
                "meta": r("Meta")}},
            "Gadget": {"type": "object", "properties": {"size": {"type": "integer"}}},
            "Meta": {"type": "object", "properties": {"kind": {"type": "string", "enum": ["a", "b"]}}},
            "Node": {"type": "object", "properties": {
                "children": {"type": "array", "items": r("Node")}, "label": {"type": "string"}}}
        }}
    })
}

fn apis() -> Vec<Api> {
    let input = Input {
        path: "specs/p/a/api.json".into(),
        format: "openapi".into(),
        recovered: Recovered::new(doc()),
    };
    vec![lower("p", "a", &[input]).expect("lowers").0]
}

fn selected(sel: Selection) -> Api {
    let mut apis = apis();
    sel.apply(&mut apis).unwrap_or_else(|e| panic!("{e:#?}"));
    assert_eq!(apis.len(), 1);
    apis.remove(0)
}

fn type_names(api: &Api) -> Vec<&str> {
    let mut v: Vec<&str> = api.types.iter().map(|t| t.rust_name.as_str()).collect();
    v.sort();
    v
}

/// Every direct reference, as (who refers, the Rust name of the type referred to).
fn edges(api: &Api) -> Vec<(String, String)> {
    fn named(t: &TypeRef) -> Option<usize> {
        match t {
            TypeRef::Array(i) | TypeRef::Map(i) | TypeRef::Nullable(i) => named(i),
            TypeRef::Named(id) => Some(*id),
            _ => None,
        }
    }
    let mut out = Vec::new();
    let mut add = |who: &str, t: &TypeRef| {
        if let Some(id) = named(t) {
            out.push((who.to_string(), api.types[id].rust_name.clone()));
        }
    };
    for d in &api.types {
        d.kind
            .member_types()
            .into_iter()
            .for_each(|t| add(&d.rust_name, t));
    }
    for op in &api.operations {
        op.params.iter().for_each(|p| add(&op.id, &p.ty));
        op.body.iter().for_each(|b| add(&op.id, &b.ty));
        for r in &op.responses {
            if let crate::ir::ResponseBody::Json(t) = &r.body {
                add(&op.id, t);
            }
        }
    }
    out
}

/// The selected API's references are the whole API's, for the types it kept.
fn assert_same_references(api: &Api) {
    let whole = edges(&apis()[0]);
    for e in edges(api) {
        assert!(
            whole.contains(&e),
            "{e:?} is not a reference of the whole API"
        );
    }
}

fn op_names(api: &Api) -> Vec<&str> {
    api.operations.iter().map(|o| o.id.as_str()).collect()
}

fn error_of(sel: Selection) -> Vec<crate::Diagnostic> {
    let mut apis = apis();
    let before = apis[0].operations.len();
    let e = sel.apply(&mut apis).expect_err("an error");
    assert_eq!(apis[0].operations.len(), before, "nothing changes on error");
    e
}

#[test]
fn an_empty_selection_keeps_everything() {
    let all = apis();
    let api = selected(Selection::default());
    assert_eq!(api.operations.len(), all[0].operations.len());
    assert_eq!(api.types.len(), all[0].types.len());
}

#[test]
fn a_type_only_an_unselected_operation_reaches_disappears_and_a_shared_one_stays() {
    let all = apis();
    assert!(type_names(&all[0]).contains(&"Widget"));
    let api = selected(Selection::default().include(["CreateThing"]));
    assert_eq!(op_names(&api), ["CreateThing"]);
    let names = type_names(&api);
    for gone in ["Widget", "Gadget", "Node"] {
        assert!(!names.contains(&gone), "{gone} kept: {names:?}");
    }
    // Through the body, a field, a shared type, and an error body.
    for kept in ["Thing", "Owner", "Meta", "MetaKind", "Problem"] {
        assert!(names.contains(&kept), "{kept} dropped: {names:?}");
    }
    // Every reference points at the type it pointed at before (ids renumbered).
    let op = &api.operations[0];
    let TypeRef::Named(body) = op.body.as_ref().unwrap().ty else {
        panic!("named body")
    };
    assert_eq!(api.types[body].rust_name, "Thing");
    for t in &api.types {
        for m in t.kind.member_types() {
            let mut set = std::collections::HashSet::new();
            api.reach(m, &mut set);
            assert!(set.iter().all(|id| *id < api.types.len()));
        }
    }
    let thing = api.types.iter().find(|t| t.rust_name == "Thing").unwrap();
    let owner = thing.kind.member_types()[0];
    let TypeRef::Named(owner) = owner.strip_nullable().0 else {
        panic!("named owner")
    };
    assert_eq!(api.types[*owner].rust_name, "Owner");
}

#[test]
fn types_reached_through_arrays_and_maps_stay_and_cycles_terminate() {
    let api = selected(Selection::default().include(["list_widgets", "GetTree"]));
    assert_eq!(op_names(&api), ["ListWidgets", "GetTree"]);
    assert_eq!(
        type_names(&api),
        ["Gadget", "Meta", "MetaKind", "Node", "Widget"]
    );
    assert_same_references(&api);
}

#[test]
fn tags_paths_and_excludes_select() {
    let by_tag = selected(Selection::default().include(["tag:Things"]));
    assert_eq!(op_names(&by_tag), ["CreateThing", "DeleteThing"]);
    let by_path = selected(Selection::default().include(["POST /things/*"]));
    assert_eq!(op_names(&by_path), ["CreateThing"]);
    let any_depth = selected(
        Selection::default()
            .include(["/**"])
            .exclude(["tag:Things"]),
    );
    assert_eq!(op_names(&any_depth), ["ListWidgets", "GetTree"]);
    let excluded = selected(Selection::default().exclude(["DELETE /things/{id}", "GetTree"]));
    assert_eq!(op_names(&excluded), ["CreateThing", "ListWidgets"]);
    assert!(!type_names(&excluded).contains(&"Node"));
    for api in [by_tag, by_path, any_depth, excluded] {
        assert_same_references(&api);
    }
}

#[test]
fn an_unknown_name_is_an_error_that_suggests_the_closest() {
    let e = error_of(Selection::default().include(["CreateThings", "tag:widgets"]));
    assert_eq!(e.len(), 2, "{e:#?}");
    assert_eq!(e[0].code, "select.unknown-operation");
    assert!(
        e[0].message.contains("`CreateThings`")
            && e[0].message.contains("did you mean `CreateThing`?"),
        "{}",
        e[0].message
    );
    assert!(e[0].message.contains("p::a"), "{}", e[0].message);
    assert_eq!(e[1].code, "select.unknown-tag");
    assert!(
        e[1].message.contains("did you mean `Widgets`?"),
        "{}",
        e[1].message
    );
    // Nothing near: no hint.
    let e = error_of(Selection::default().include(["SendFax"]));
    assert!(!e[0].message.contains("did you mean"), "{}", e[0].message);
}

#[test]
fn a_selector_that_matches_nothing_is_an_error_in_include_and_exclude() {
    let e = error_of(Selection::default().include(["GET /things/*"]));
    assert_eq!(e[0].code, "select.no-match");
    assert!(e[0].message.contains("`GET /things/*`"), "{}", e[0].message);
    let e = error_of(Selection::default().exclude(["/gizmos/**"]));
    assert_eq!(e[0].code, "select.no-match");
    let e = error_of(Selection::default().include(["tag:"]));
    assert_eq!(e[0].code, "select.bad-selector");
    let e = error_of(
        Selection::default()
            .include(["CreateThing"])
            .exclude(["create_thing"]),
    );
    assert_eq!(e[0].code, "select.nothing-selected");
}

#[test]
fn selected_apis_emit_without_the_unreached_types() {
    let mut apis = apis();
    Selection::default()
        .include(["CreateThing"])
        .apply(&mut apis)
        .unwrap();
    let code = crate::emit::emit(&apis, &crate::emit::EmitOptions::default()).expect("emits");
    assert!(code.contains("pub struct Thing"), "{code}");
    assert!(!code.contains("Widget") && !code.contains("list_widgets"));
}

#[test]
fn selectors_parse_into_their_kinds() {
    let p = |s: &str| Selector::parse(s).unwrap();
    assert_eq!(
        p("Create a token"),
        Selector::Operation("Create a token".into())
    );
    assert_eq!(
        p(" tag:Access Tokens "),
        Selector::Tag("Access Tokens".into())
    );
    assert_eq!(
        p("post /a/*/token"),
        Selector::Path {
            method: Some("POST".into()),
            pattern: "/a/*/token".into()
        }
    );
    assert_eq!(p("post /a/*/token").to_string(), "POST /a/*/token");
    assert!(Selector::parse("  ").is_err());
}

#[test]
fn path_patterns_match_by_segment() {
    assert!(path_matches("/a/*/token", "/a/{id}/token"));
    assert!(!path_matches("/a/*/token", "/a/b/c/token"));
    assert!(path_matches("/a/**/token", "/a/b/c/token"));
    assert!(path_matches("/a/**", "/a"));
    assert!(path_matches(
        "/Accounts/*/Calls*",
        "/Accounts/{Sid}/Calls.json"
    ));
    assert!(!path_matches("/a", "/a/b"));
    assert!(path_matches("/a/", "/a"));
}

#[test]
fn the_closest_name_ignores_case_and_refuses_far_ones() {
    assert_eq!(distance("kitten", "sitting"), 3);
    assert_eq!(
        closest("getthing", ["GetThing", "PutThing"]),
        Some("GetThing")
    );
    assert_eq!(closest("zzzzzzzz", ["GetThing"]), None);
}

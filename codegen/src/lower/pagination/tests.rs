//! Recognition on the shapes the corpus lists have (Twilio `meta.next_page_url`, Telnyx
//! `page[number]` + `meta.total_pages`, `has_more` + `starting_after`, `next_cursor`,
//! `links.next`), the extension, and the warning.

use serde_json::{Value, json};

use crate::diag::Diagnostic;
use crate::frontend::Recovered;
use crate::ir::{Api, PagePattern, Pagination, TypeRef};
use crate::lower::{Input, lower};

fn list_doc(params: Value, answer: Value, ext: Option<Value>) -> Value {
    let mut op = json!({
        "operationId": "ListThings",
        "parameters": params,
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": answer}}}}
    });
    if let Some(e) = ext {
        op["x-cpaas-pagination"] = e;
    }
    json!({
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {"/things": {"get": op}},
        "components": {"schemas": {"Thing": {"type": "object", "properties": {
            "id": {"type": "string"}, "name": {"type": "string"}}}}}
    })
}

fn q(name: &str, ty: &str) -> Value {
    json!({"name": name, "in": "query", "schema": {"type": ty}})
}

fn things() -> Value {
    json!({"type": "array", "items": {"$ref": "#/components/schemas/Thing"}})
}

fn lowered(doc: Value) -> (Api, Vec<Diagnostic>) {
    let input = Input {
        path: "specs/p/a/x.json".into(),
        format: "openapi".into(),
        recovered: Recovered::new(doc),
    };
    lower("p", "a", &[input]).expect("lowers")
}

fn pagination(doc: Value) -> (Option<Pagination>, Vec<Diagnostic>) {
    let (api, diags) = lowered(doc);
    (api.operations[0].pagination.clone(), diags)
}

fn v(p: &[&str]) -> Vec<String> {
    p.iter().map(|s| s.to_string()).collect()
}

#[test]
fn twilio_meta_next_page_url() {
    let answer = json!({"type": "object", "properties": {
        "conversations": things(),
        "meta": {"type": "object", "properties": {
            "page": {"type": "integer"}, "page_size": {"type": "integer"},
            "next_page_url": {"type": "string", "format": "uri", "nullable": true},
            "key": {"type": "string"}}}}});
    let params = json!([
        q("PageSize", "integer"),
        q("Page", "integer"),
        q("PageToken", "string")
    ]);
    let (p, diags) = pagination(list_doc(params, answer, None));
    let p = p.expect("recognised");
    assert_eq!(p.items, v(&["conversations"]));
    assert!(matches!(p.item, TypeRef::Named(_)));
    assert_eq!(
        p.pattern,
        PagePattern::NextUri {
            next: v(&["meta", "next_page_url"])
        }
    );
    assert!(
        diags
            .iter()
            .all(|d| !d.code.starts_with("lower.pagination"))
    );
}

#[test]
fn top_level_next_page_uri_and_links_next() {
    let answer = json!({"type": "object", "properties": {
        "calls": things(), "next_page_uri": {"type": "string"}, "page": {"type": "integer"}}});
    let (p, _) = pagination(list_doc(json!([q("Page", "integer")]), answer, None));
    assert_eq!(
        p.unwrap().pattern,
        PagePattern::NextUri {
            next: v(&["next_page_uri"])
        }
    );
    let answer = json!({"type": "object", "properties": {
        "data": things(), "links": {"type": "object", "properties": {
            "self": {"type": "string"}, "next": {"type": "string"}}}}});
    let (p, _) = pagination(list_doc(json!([q("page_token", "string")]), answer, None));
    assert_eq!(
        p.unwrap().pattern,
        PagePattern::NextUri {
            next: v(&["links", "next"])
        }
    );
}

#[test]
fn telnyx_page_number_and_total_pages() {
    let answer = json!({"type": "object", "properties": {
        "data": things(),
        "meta": {"type": "object", "properties": {
            "total_pages": {"type": "integer"}, "total_results": {"type": "integer"},
            "page_number": {"type": "integer"}, "page_size": {"type": "integer"}}}}});
    let params = json!([q("page[number]", "integer"), q("page[size]", "integer")]);
    let (p, _) = pagination(list_doc(params, answer, None));
    assert_eq!(
        p.unwrap().pattern,
        PagePattern::PageNumber {
            param: "page[number]".into(),
            number: Some(v(&["meta", "page_number"])),
            total: Some(v(&["meta", "total_pages"])),
        }
    );
}

#[test]
fn an_object_page_parameter_pages_by_its_number_member() {
    let answer = json!({"type": "object", "properties": {
        "data": things(),
        "meta": {"type": "object", "properties": {"total_pages": {"type": "integer"}}}}});
    let page = json!({"name": "page", "in": "query", "style": "deepObject", "schema": {
        "type": "object", "properties": {
            "number": {"type": "integer"}, "size": {"type": "integer"}}}});
    let (p, _) = pagination(list_doc(json!([page]), answer, None));
    assert_eq!(
        p.unwrap().pattern,
        PagePattern::PageNumber {
            param: "page[number]".into(),
            number: None,
            total: Some(v(&["meta", "total_pages"])),
        }
    );
}

#[test]
fn cursors_has_more_with_starting_after_and_next_cursor() {
    let answer = json!({"type": "object", "properties": {
        "data": things(), "has_more": {"type": "boolean"}}});
    let params = json!([q("limit", "integer"), q("starting_after", "string")]);
    let (p, _) = pagination(list_doc(params, answer, None));
    assert_eq!(
        p.unwrap().pattern,
        PagePattern::Cursor {
            param: "starting_after".into(),
            next: None,
            last_item: Some("id".into()),
            has_more: Some(v(&["has_more"])),
        }
    );
    let answer = json!({"type": "object", "properties": {
        "items": things(), "meta": {"type": "object", "properties": {
            "next_cursor": {"type": "string", "nullable": true}}}}});
    let (p, _) = pagination(list_doc(json!([q("cursor", "string")]), answer, None));
    assert_eq!(
        p.unwrap().pattern,
        PagePattern::Cursor {
            param: "cursor".into(),
            next: Some(v(&["meta", "next_cursor"])),
            last_item: None,
            has_more: None,
        }
    );
}

#[test]
fn unrecognised_paging_is_a_warning_and_plain_lists_are_not() {
    let answer = json!({"type": "object", "properties": {"data": things()}});
    let (p, diags) = pagination(list_doc(
        json!([q("offset", "integer")]),
        answer.clone(),
        None,
    ));
    assert!(p.is_none());
    let d: Vec<_> = diags
        .iter()
        .filter(|d| d.code == "lower.pagination")
        .collect();
    assert_eq!(d.len(), 1, "{diags:?}");
    assert!(d[0].message.contains("`offset`"), "{}", d[0].message);
    // No paging parameter or field: a plain list, no warning.
    let (p, diags) = pagination(list_doc(json!([q("name", "string")]), answer.clone(), None));
    assert!(p.is_none());
    assert!(diags.iter().all(|d| d.code != "lower.pagination"));
    // `false` silences it.
    let (_, diags) = pagination(list_doc(
        json!([q("offset", "integer")]),
        answer,
        Some(json!(false)),
    ));
    assert!(diags.iter().all(|d| d.code != "lower.pagination"));
}

#[test]
fn the_extension_declares_or_corrects() {
    let answer = json!({"type": "object", "properties": {
        "data": things(), "meta": {"type": "object", "properties": {
            "next_page_url": {"type": "string"}, "after": {"type": "string"}}}}});
    let params = json!([q("after", "string")]);
    let (p, _) = pagination(list_doc(params.clone(), answer.clone(), None));
    assert_eq!(p.unwrap().pattern.name(), "next-uri");
    let ext = json!({"pattern": "cursor", "param": "after", "next": "meta.after"});
    let (p, _) = pagination(list_doc(params.clone(), answer.clone(), Some(ext)));
    let p = p.unwrap();
    assert!(p.declared);
    assert_eq!(
        p.pattern,
        PagePattern::Cursor {
            param: "after".into(),
            next: Some(v(&["meta", "after"])),
            last_item: None,
            has_more: None,
        }
    );
    // A parameter the operation does not have is refused, with a warning.
    let ext = json!({"pattern": "cursor", "param": "cursor", "next": "meta.after"});
    let (p, diags) = pagination(list_doc(params.clone(), answer.clone(), Some(ext)));
    assert!(p.is_none());
    assert!(
        diags
            .iter()
            .any(|d| d.code == "lower.pagination-extension" && d.message.contains("`cursor`"))
    );
    let (p, _) = pagination(list_doc(params, answer, Some(json!(false))));
    assert!(p.is_none());
}

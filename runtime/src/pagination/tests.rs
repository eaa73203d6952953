use serde_json::json;

use super::{Pagination, Pattern};
use crate::request::Request;

fn req() -> Request {
    Request::new("List", http::Method::GET, "/items", "/items".into()).query("limit", "2")
}

#[test]
fn next_uri_keeps_path_and_query_only() {
    let p = Pagination {
        items: &["items"],
        pattern: Pattern::NextUri {
            next: &["meta", "next"],
        },
    };
    let page = json!({"items": [1], "meta": {"next": "https://evil.example/v2/items?page=2"}});
    let next = p.next_request(&req(), &page).unwrap().unwrap();
    assert_eq!(next.target.as_deref(), Some("/v2/items?page=2"));
    let page = json!({"items": [1], "meta": {"next": "/v2/items?page=3#x"}});
    let next = p.next_request(&req(), &page).unwrap().unwrap();
    assert_eq!(next.target.as_deref(), Some("/v2/items?page=3"));
    for end in [json!(null), json!("")] {
        let page = json!({"items": [1], "meta": {"next": end}});
        assert!(p.next_request(&req(), &page).unwrap().is_none(), "{page}");
    }
    // A next page that cannot be fetched is an error, not a quiet end (the URI not in it).
    for bad in ["?page=2", "//evil.example/x", "ftp://h/x"] {
        let page = json!({"items": [1], "meta": {"next": bad}});
        let why = p.next_request(&req(), &page).unwrap_err();
        assert!(why.contains("`meta.next`") && !why.contains(bad), "{why}");
    }
    // The same URI twice is the end, not a loop.
    let page = json!({"items": [1], "meta": {"next": "/v2/items?page=3"}});
    let second = p.next_request(&req(), &page).unwrap().unwrap();
    assert!(p.next_request(&second, &page).unwrap().is_none());
}

#[test]
fn page_numbers_stop_at_the_total_or_an_empty_page() {
    let p = Pagination {
        items: &["data"],
        pattern: Pattern::PageNumber {
            param: "page[number]",
            number: Some(&["meta", "page_number"]),
            total: Some(&["meta", "total_pages"]),
        },
    };
    let page = json!({"data": [1], "meta": {"page_number": 2, "total_pages": 3}});
    let next = p.next_request(&req(), &page).unwrap().unwrap();
    assert_eq!(next.query_value("page[number]"), Some("3"));
    assert_eq!(next.query_value("limit"), Some("2"));
    let last = json!({"data": [1], "meta": {"page_number": 3, "total_pages": 3}});
    assert!(p.next_request(&next, &last).unwrap().is_none());
    let empty = json!({"data": [], "meta": {"page_number": 1, "total_pages": 9}});
    assert!(p.next_request(&req(), &empty).unwrap().is_none());
}

#[test]
fn cursors_from_a_field_or_the_last_item() {
    let field = Pagination {
        items: &["data"],
        pattern: Pattern::Cursor {
            param: "cursor",
            next: Some(&["next_cursor"]),
            last_item: None,
            has_more: None,
        },
    };
    let page = json!({"data": [1], "next_cursor": "c2"});
    assert_eq!(
        field
            .next_request(&req(), &page)
            .unwrap()
            .unwrap()
            .query_value("cursor"),
        Some("c2")
    );
    assert!(
        field
            .next_request(&req(), &json!({"data": [1], "next_cursor": null}))
            .unwrap()
            .is_none()
    );
    let last = Pagination {
        items: &["data"],
        pattern: Pattern::Cursor {
            param: "starting_after",
            next: None,
            last_item: Some("id"),
            has_more: Some(&["has_more"]),
        },
    };
    let page = json!({"data": [{"id": "a"}, {"id": "b"}], "has_more": true});
    let next = last.next_request(&req(), &page).unwrap().unwrap();
    assert_eq!(next.query_value("starting_after"), Some("b"));
    let page = json!({"data": [{"id": "c"}], "has_more": false});
    assert!(last.next_request(&next, &page).unwrap().is_none());
}

//! Paginated lists in the mock provider: an operation with a recognised pagination pattern
//! answers its mock success body as one of [`PAGES`] pages, following the pattern, so that a
//! walk (`--all-pages`, `stream()`) fetches three pages and stops.
//!
//! Contract: the page asked for is read from the request the pattern's walker sends (the page
//! number parameter, the cursor `mock-page-N`, or the mock's own `cpaas_mock_page` parameter
//! in the next-page URIs it hands out); each page carries the mock's items (one empty object
//! when the mock body has none); the last page says so the way the pattern ends (no next URI,
//! `has_more: false`, page number = total pages) and a page past it is empty. A body that is
//! not a JSON object is left as it is (`None`).

use cpaas_runtime::pagination::{Pagination, Pattern};
use serde_json::{Value, json};

/// How many pages a mock list has.
pub const PAGES: u64 = 3;

/// The query parameter the mock's next-page URIs carry.
const PAGE_PARAM: &str = "cpaas_mock_page";

/// The cursor of page `n`.
fn cursor(n: u64) -> String {
    format!("mock-page-{n}")
}

/// The decoded value of query parameter `name` in `query`.
fn query_value(query: &str, name: &str) -> Option<String> {
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// Sets `path` in `v` to `x`, making the objects on the way.
fn set(v: &mut Value, path: &[&str], x: Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut at = v;
    for k in parents {
        if !at.get(*k).is_some_and(Value::is_object) {
            at[*k] = json!({});
        }
        at = &mut at[*k];
    }
    if at.is_object() {
        at[*last] = x;
    }
}

/// The page of `body` that the request `path?query` asks for, by `p`'s pattern; `None` when
/// `body` is not a JSON object.
pub fn page_body(p: &Pagination, body: &str, path: &str, query: &str) -> Option<String> {
    let mut page: Value = serde_json::from_str(body).ok().filter(Value::is_object)?;
    let mut items = p.items_of(&page).to_vec();
    if items.is_empty() {
        items.push(json!({}));
    }
    let number = |s: Option<String>| s.and_then(|s| s.trim().parse::<u64>().ok()).unwrap_or(1);
    let n = match p.pattern {
        Pattern::NextUri { .. } => number(query_value(query, PAGE_PARAM)),
        Pattern::PageNumber { param, .. } => number(query_value(query, param)),
        Pattern::Cursor { param, .. } => number(
            query_value(query, param).and_then(|c| c.strip_prefix("mock-page-").map(str::to_owned)),
        ),
    };
    let more = n < PAGES;
    match p.pattern {
        Pattern::NextUri { next } => {
            let uri = more.then(|| {
                let kept: Vec<&str> = query
                    .split('&')
                    .filter(|kv| !kv.is_empty() && !kv.starts_with(&format!("{PAGE_PARAM}=")))
                    .collect();
                let mut q = kept.join("&");
                if !q.is_empty() {
                    q.push('&');
                }
                format!("{path}?{q}{PAGE_PARAM}={}", n + 1)
            });
            set(&mut page, next, json!(uri));
        }
        Pattern::PageNumber { number, total, .. } => {
            if let Some(at) = number {
                set(&mut page, at, json!(n));
            }
            if let Some(at) = total {
                set(&mut page, at, json!(PAGES));
            }
        }
        Pattern::Cursor {
            next,
            last_item,
            has_more,
            ..
        } => {
            if let Some(at) = next {
                set(&mut page, at, json!(more.then(|| cursor(n + 1))));
            }
            if let (Some(field), Some(Value::Object(last))) = (last_item, items.last_mut()) {
                last.insert(field.to_owned(), json!(cursor(n + 1)));
            }
            if let Some(at) = has_more {
                set(&mut page, at, json!(more));
            }
        }
    }
    if n > PAGES {
        items.clear();
    }
    set(&mut page, p.items, Value::Array(items));
    serde_json::to_string_pretty(&page).ok()
}

//! Comparing the methods a request builder has beside `send()`: `stream()` and `pages()` of a
//! paginated list ([`Pagination`]) and `events()` of an operation that documents an event
//! stream ([`EventStream`]). Losing one removes a Rust method (breaking), gaining one adds a
//! method (not breaking); the type they yield is compared like any response type, so a changed
//! pagination pattern that changes the item type is breaking, while one that keeps it only
//! changes how the pages are walked (not breaking).

use super::differ::{Differ, Side};
use super::types::describe;
use crate::ir::*;

/// Where a paginated list's changes are reported: the methods that come and go with it.
const PAGINATION: &str = "pagination (`stream()`, `pages()`)";
/// Where an event stream's changes are reported.
const EVENTS: &str = "event stream (`events()`)";

/// How a paginated list is walked, in words: `cursor over data[]`.
fn walk(p: &Pagination) -> String {
    format!("{} over {}[]", p.pattern.name(), p.items.join("."))
}

/// What an event's data is: `json`, `untyped json` or `text` (`String`).
fn data_kind(e: &EventStream) -> &'static str {
    match e.data {
        ResponseBody::Json(_) => "json",
        ResponseBody::Untyped => "untyped json",
        _ => "text",
    }
}

impl Differ<'_> {
    /// Compares the paginated list and the event stream of two versions of one operation
    /// (reported under `scope`, the operation's).
    pub(super) fn methods(&mut self, scope: &str, o: &Operation, n: &Operation) {
        match (&o.pagination, &n.pagination) {
            (Some(a), None) => self.push(
                scope,
                PAGINATION,
                "pagination-removed",
                true,
                format!("was {}; the methods `stream()` and `pages()` go", walk(a)),
            ),
            (None, Some(b)) => self.push(
                scope,
                PAGINATION,
                "pagination-added",
                false,
                format!(
                    "{}, items {}: new methods `stream()` and `pages()`",
                    walk(b),
                    describe(self.new, &b.item)
                ),
            ),
            (Some(a), Some(b)) => {
                if walk(a) != walk(b) {
                    self.push(
                        scope,
                        PAGINATION,
                        "pagination-changed",
                        false,
                        format!(
                            "{} -> {}; `stream()` and `pages()` walk the new way",
                            walk(a),
                            walk(b)
                        ),
                    );
                }
                self.types(
                    scope,
                    "`stream()` item",
                    &a.item,
                    &b.item,
                    Side::Response,
                    0,
                );
            }
            (None, None) => {}
        }
        match (&o.events, &n.events) {
            (Some(a), None) => self.push(
                scope,
                EVENTS,
                "events-removed",
                true,
                format!("was {} data; the method `events()` goes", data_kind(a)),
            ),
            (None, Some(b)) => self.push(
                scope,
                EVENTS,
                "events-added",
                false,
                format!("new method `events()`, {} data", self.event_data(b)),
            ),
            (Some(a), Some(b)) => match (&a.data, &b.data) {
                (ResponseBody::Json(x), ResponseBody::Json(y)) => {
                    self.types(scope, "`events()` data", x, y, Side::Response, 0)
                }
                _ if data_kind(a) != data_kind(b) => self.push(
                    scope,
                    "`events()` data",
                    "type-changed",
                    true,
                    format!("{} -> {}", data_kind(a), data_kind(b)),
                ),
                _ => {}
            },
            (None, None) => {}
        }
    }

    /// An event's data in words, as the new version has it.
    fn event_data(&self, e: &EventStream) -> String {
        match &e.data {
            ResponseBody::Json(t) => describe(self.new, t),
            _ => data_kind(e).to_string(),
        }
    }
}

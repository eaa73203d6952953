//! The static [`Pagination`] descriptor generated code passes (the pattern and its fields),
//! and the one non-generic step of every walk: from the page just read (as JSON) and the
//! request that fetched it, the request for the next page, or `None` at the end.

use serde_json::Value;

use crate::request::Request;

/// How an operation's list answers are paged, as the generator recognised it (or an overlay's
/// `x-cpaas-pagination` declared it). Field paths are JSON member names from the top of the
/// answer (`&["meta", "next_page_url"]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pagination {
    /// Where the page's items are: the path of the array in the answer (`&["data"]`).
    pub items: &'static [&'static str],
    /// How the next page is asked for.
    pub pattern: Pattern,
}

/// How the next page is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    /// The answer holds the next page's URI (Twilio `next_page_uri`, `meta.next_page_url`,
    /// `links.next`), absolute or relative; the list ends when it is absent, `null` or empty.
    NextUri {
        /// Path of the URI in the answer.
        next: &'static [&'static str],
    },
    /// Numbered pages (Telnyx `page[number]`): the query parameter `param` is set to the
    /// current page plus one; the list ends on an empty page or when the current page
    /// reaches the total.
    PageNumber {
        /// The query parameter holding the page number.
        param: &'static str,
        /// Path of the current page number in the answer (else the number sent, else 1).
        number: Option<&'static [&'static str]>,
        /// Path of the total number of pages in the answer.
        total: Option<&'static [&'static str]>,
    },
    /// Cursors: the query parameter `param` is set to the answer's `next` field, or to the
    /// field `last_item` of the page's last item (`starting_after` = the last `id`); the list
    /// ends when `has_more` is `false`, when there is no next cursor, or on an empty page.
    Cursor {
        /// The query parameter the cursor is sent in.
        param: &'static str,
        /// Path of the next cursor in the answer.
        next: Option<&'static [&'static str]>,
        /// The item field whose value on the last item is the next cursor.
        last_item: Option<&'static str>,
        /// Path of the "more pages follow" flag in the answer.
        has_more: Option<&'static [&'static str]>,
    },
}

/// The value at `path` in `v`.
pub(crate) fn at<'v>(v: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(v, |v, k| v.get(*k))
}

/// A scalar as the text a query parameter carries (`null` and empty strings as `None`).
fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl Pagination {
    /// The items of a page (empty when the field is absent or no array).
    pub fn items_of<'v>(&self, page: &'v Value) -> &'v [Value] {
        at(page, self.items)
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The request for the page after `page`, which `sent` fetched; `Ok(None)` at the end;
    /// `Err` (why, naming no value) when the page names a next page that cannot be fetched.
    pub fn next_request(&self, sent: &Request, page: &Value) -> Result<Option<Request>, String> {
        if let Pattern::NextUri { next } = self.pattern {
            let Some(uri) = text(at(page, next)) else {
                return Ok(None);
            };
            let target = origin_relative(&uri).ok_or_else(|| {
                format!(
                    "the next-page URI at `{}` is neither a path nor an http(s) URL",
                    next.join(".")
                )
            })?;
            let mut req = sent.clone();
            req.target = Some(target);
            return Ok(Some(req).filter(|r| r.target != sent.target));
        }
        Ok(self.next_query(sent, page))
    }

    /// The next request of the patterns that set a query parameter.
    fn next_query(&self, sent: &Request, page: &Value) -> Option<Request> {
        let items = self.items_of(page);
        let next = match self.pattern {
            Pattern::NextUri { .. } => return None,
            Pattern::PageNumber {
                param,
                number,
                total,
            } => {
                if items.is_empty() {
                    return None;
                }
                let current = number
                    .and_then(|n| at(page, n))
                    .and_then(Value::as_u64)
                    .or_else(|| sent.query_value(param)?.parse().ok())
                    .unwrap_or(1);
                let total = total.and_then(|t| at(page, t)).and_then(Value::as_u64);
                if total.is_some_and(|t| current >= t) {
                    return None;
                }
                sent.clone().set_query(param, (current + 1).to_string())
            }
            Pattern::Cursor {
                param,
                next,
                last_item,
                has_more,
            } => {
                let more = has_more.and_then(|h| at(page, h)).and_then(Value::as_bool);
                if more == Some(false) || items.is_empty() {
                    return None;
                }
                let cursor = match (next, last_item) {
                    (Some(n), _) => text(at(page, n)),
                    (None, Some(field)) => text(items.last().and_then(|i| i.get(field))),
                    (None, None) => None,
                }?;
                sent.clone().set_query(param, cursor)
            }
        };
        // The same request again would loop for ever.
        let same = next.target == sent.target && next.query == sent.query;
        (!same).then_some(next)
    }
}

/// The path and query of a next-page URI, relative to the origin: an absolute URL keeps its
/// path and query (sent to the client's own host), a path is taken as it is, and a bare query
/// (`?page=2`) is refused (`None`), as is anything else.
fn origin_relative(uri: &str) -> Option<String> {
    let uri = uri.trim();
    if uri.starts_with('/') && !uri.starts_with("//") {
        return Some(uri.split('#').next().unwrap_or_default().to_string());
    }
    let url = url::Url::parse(uri).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let mut out = url.path().to_string();
    if let Some(q) = url.query() {
        out.push('?');
        out.push_str(q);
    }
    Some(out)
}

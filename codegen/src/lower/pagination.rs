//! Pagination: whether a list operation pages, and how ([`ir::Pagination`]), from its success
//! answer's shape and its query parameters, or as its `x-cpaas-pagination` extension declares.
//!
//! Recognised, in this order (names compared without case, `_`, `-`, `[`, `]`):
//! * **next URI**: a string field `next_page_uri`/`next_page_url`/`next_url`/`next_link`, or
//!   `next` under `links`/`_links`/`meta`/`pagination`/`paging`, at the top of the answer or one
//!   object down (Twilio `next_page_uri`, `meta.next_page_url`, `links.next`);
//! * **cursor**: a next-cursor field (`next_cursor`, `next_page_token`, `cursor`, …) with a
//!   cursor query parameter (`cursor`, `page_token`, `page[after]`, …), or a `has_more` flag
//!   with `starting_after`/`after` and items that have an `id`;
//! * **page number**: a `page[number]`/`page`/`page_number` integer query parameter (or the
//!   integer `number` member of an object parameter `page`, sent as `page[number]`), with the
//!   total pages (`total_pages`, `page_count`) and current page (`page_number`, `page`) fields
//!   when the answer has them.
//!
//! The items are the answer's one array field, or the one named `data`/`items`/`results`. A
//! `GET` list answer with paging parameters or fields that matches no pattern gets a
//! `lower.pagination` warning; a malformed extension a `lower.pagination-extension` one (and
//! no pagination: nothing is generated that would walk wrongly).
//!
//! [`ir::Pagination`]: crate::ir::Pagination

use serde_json::Value;

use super::state::{Doc, Lowerer};
use crate::ir::{
    Api, Field, PagePattern, Pagination, Param, ParamLocation, ResponseBody, Success, SuccessShape,
    TypeKind, TypeRef,
};

/// Field names of a next-page URI, anywhere they are looked for.
const NEXT_URI: &[&str] = &[
    "nextpageuri",
    "nextpageurl",
    "nexturl",
    "nexturi",
    "nextlink",
    "nextpagelink",
];
/// Objects whose `next` member is a next-page URI.
const LINK_HOLDERS: &[&str] = &["links", "_links", "meta", "pagination", "paging", "link"];
/// Field names of a next cursor.
const NEXT_CURSOR: &[&str] = &[
    "nextcursor",
    "nextpagetoken",
    "nexttoken",
    "cursor",
    "endcursor",
    "nextpagecursor",
];
/// Query parameters a cursor is sent in.
const CURSOR_PARAMS: &[&str] = &[
    "cursor",
    "pagetoken",
    "pagecursor",
    "pageafter",
    "after",
    "startingafter",
    "nextpagetoken",
    "continuationtoken",
];
/// Query parameters that send the last item's id.
const AFTER_PARAMS: &[&str] = &["startingafter", "after", "pageafter"];
/// Query parameters holding a page number.
const PAGE_PARAMS: &[&str] = &["pagenumber", "page", "pagenum"];
/// Answer fields holding the total number of pages.
const TOTAL_PAGES: &[&str] = &["totalpages", "pagecount", "numpages", "lastpage"];
/// Answer fields holding the current page number.
const PAGE_NUMBER: &[&str] = &["pagenumber", "page", "currentpage"];
/// Names of the items array, when the answer has several arrays.
const ITEMS: &[&str] = &["data", "items", "results", "records", "entries"];

/// A name as it is compared: lower case, without `_`, `-`, `[`, `]`, `.`.
fn key(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | '[' | ']' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The fields of the struct `t` is (through nullable, aliases).
fn fields_of<'a>(api: &'a Api, t: &'a TypeRef) -> Option<&'a [Field]> {
    let mut t = t.strip_nullable().0;
    for _ in 0..8 {
        match t {
            TypeRef::Named(id) => match &api.types.get(*id)?.kind {
                TypeKind::Struct { fields, .. } => return Some(fields),
                TypeKind::Alias(a) => t = a.strip_nullable().0,
                _ => return None,
            },
            _ => return None,
        }
    }
    None
}

/// `t` without `null` and aliases: what its values are.
fn resolved<'a>(api: &'a Api, t: &'a TypeRef) -> &'a TypeRef {
    let mut t = t.strip_nullable().0;
    for _ in 0..8 {
        match t {
            TypeRef::Named(id) => match &api.types[*id].kind {
                TypeKind::Alias(a) => t = a.strip_nullable().0,
                _ => return t,
            },
            _ => return t,
        }
    }
    t
}

fn is_text(api: &Api, t: &TypeRef) -> bool {
    matches!(resolved(api, t), TypeRef::String | TypeRef::Uri)
}

fn is_int(api: &Api, t: &TypeRef) -> bool {
    matches!(resolved(api, t), TypeRef::Integer(_))
}

fn is_scalar(api: &Api, t: &TypeRef) -> bool {
    is_text(api, t) || is_int(api, t)
}

/// A field of `fields` (top level, then one object down) whose name is in `names` and whose
/// type `ok` accepts: its path.
fn find(
    api: &Api,
    fields: &[Field],
    names: &[&str],
    ok: &dyn Fn(&TypeRef) -> bool,
) -> Option<Vec<String>> {
    let hit = |f: &Field| names.contains(&key(&f.name).as_str()) && ok(&f.ty);
    if let Some(f) = fields.iter().find(|f| hit(f)) {
        return Some(vec![f.name.clone()]);
    }
    fields.iter().find_map(|outer| {
        let inner = fields_of(api, &outer.ty)?;
        let f = inner.iter().find(|f| hit(f))?;
        Some(vec![outer.name.clone(), f.name.clone()])
    })
}

/// A dotted path as its segments.
fn path(s: &str) -> Vec<String> {
    s.split('.').map(str::to_string).collect()
}

/// The success answer's type when it is one JSON body.
fn answer_type(success: &Success) -> Option<&TypeRef> {
    match &success.shape {
        SuccessShape::Single(ResponseBody::Json(t))
        | SuccessShape::Optional(ResponseBody::Json(t)) => Some(t),
        _ => None,
    }
}

/// The items array of a list answer: its path and item type.
fn items(api: &Api, fields: &[Field], declared: Option<&str>) -> Option<(Vec<String>, TypeRef)> {
    let array = |f: &Field| match resolved(api, &f.ty) {
        TypeRef::Array(i) => Some((*i.clone()).clone()),
        _ => None,
    };
    if let Some(d) = declared {
        let p = path(d);
        let (last, outer) = p.split_last()?;
        let mut fs = fields;
        for seg in outer {
            fs = fields_of(api, &fs.iter().find(|f| &f.name == seg)?.ty)?;
        }
        return Some((p.clone(), array(fs.iter().find(|f| &f.name == last)?)?));
    }
    let arrays: Vec<&Field> = fields.iter().filter(|f| array(f).is_some()).collect();
    let f = match arrays.as_slice() {
        [one] => *one,
        many => *many
            .iter()
            .find(|f| ITEMS.contains(&key(&f.name).as_str()))?,
    };
    Some((vec![f.name.clone()], array(f)?))
}

impl Lowerer {
    /// How the operation pages (`None`: not a paginated list), with a warning where the shape
    /// looks paginated but matches no pattern.
    pub(super) fn pagination(
        &mut self,
        doc: &Doc,
        pointer: &str,
        method: &str,
        op: &Value,
        params: &[Param],
        success: &Success,
    ) -> Option<Pagination> {
        let ext = op.get("x-cpaas-pagination");
        if ext == Some(&Value::Bool(false)) {
            return None;
        }
        let fields = answer_type(success).and_then(|t| fields_of(&self.api, t));
        if let Some(ext) = ext {
            let at = format!("{pointer}/x-cpaas-pagination");
            return match declared(&self.api, ext, fields, params) {
                Ok(p) => Some(p),
                Err(why) => {
                    self.warn(
                        "lower.pagination-extension",
                        doc.file,
                        at,
                        format!("`x-cpaas-pagination` ignored: {why}"),
                    );
                    None
                }
            };
        }
        let fields = fields?;
        let (items, item) = items(&self.api, fields, None)?;
        let query: Vec<&Param> = params
            .iter()
            .filter(|p| p.location == ParamLocation::Query)
            .collect();
        if let Some(pattern) = recognise(&self.api, fields, &item, &query) {
            return Some(Pagination {
                items,
                item,
                pattern,
                declared: false,
            });
        }
        let paging_param = query.iter().find(|p| {
            let k = key(&p.name);
            ["page", "cursor", "after", "before", "offset", "token"]
                .iter()
                .any(|w| k.contains(w))
        });
        let paging_field = fields.iter().find(|f| {
            let k = key(&f.name);
            k == "next"
                || ["cursor", "hasmore", "totalpages"]
                    .iter()
                    .any(|w| k.contains(w))
                || (k.starts_with("next")
                    && ["page", "url", "uri", "link", "token"]
                        .iter()
                        .any(|w| k.contains(w)))
        });
        if !method.eq_ignore_ascii_case("get") {
            return None;
        }
        let hint = match (paging_param, paging_field) {
            (Some(p), _) => format!("query parameter `{}`", p.name),
            (None, Some(f)) => format!("answer field `{}`", f.name),
            (None, None) => return None,
        };
        self.warn(
            "lower.pagination",
            doc.file,
            pointer.to_string(),
            format!(
                "this list answer (items in `{}`) looks paginated ({hint}) but matches no known \
                 pattern (next-page URI, page number, cursor); its builder has no `stream()`. \
                 Declare it with `x-cpaas-pagination` in an overlay, or `false` to silence this",
                items.join(".")
            ),
        );
        None
    }
}

/// The recognised pattern of a list answer with `fields`, items of type `item`, and these
/// query parameters.
fn recognise(api: &Api, fields: &[Field], item: &TypeRef, query: &[&Param]) -> Option<PagePattern> {
    let text = |t: &TypeRef| is_text(api, t);
    let param = |names: &[&str]| {
        query
            .iter()
            .find(|p| names.contains(&key(&p.name).as_str()))
            .map(|p| p.name.clone())
    };
    if let Some(next) = find(api, fields, NEXT_URI, &text).or_else(|| {
        fields.iter().find_map(|outer| {
            if !LINK_HOLDERS.contains(&outer.name.to_ascii_lowercase().as_str()) {
                return None;
            }
            let f = fields_of(api, &outer.ty)?
                .iter()
                .find(|f| key(&f.name) == "next" && text(&f.ty))?;
            Some(vec![outer.name.clone(), f.name.clone()])
        })
    }) {
        return Some(PagePattern::NextUri { next });
    }
    let has_more = find(api, fields, &["hasmore"], &|t| {
        matches!(resolved(api, t), TypeRef::Boolean)
    });
    if let Some(param) = param(CURSOR_PARAMS) {
        if let Some(next) = find(api, fields, NEXT_CURSOR, &|t| is_scalar(api, t)) {
            return Some(PagePattern::Cursor {
                param,
                next: Some(next),
                last_item: None,
                has_more,
            });
        }
        let has_id = fields_of(api, item).is_some_and(|f| f.iter().any(|f| f.name == "id"));
        if has_more.is_some() && has_id && AFTER_PARAMS.contains(&key(&param).as_str()) {
            return Some(PagePattern::Cursor {
                param,
                next: None,
                last_item: Some("id".into()),
                has_more,
            });
        }
    }
    let int = |t: &TypeRef| is_int(api, t);
    // `page` itself, or the `number` member of an object `page` (Telnyx's deepObject
    // `page[number]`), sent as `page[number]`.
    let page_param = query.iter().find_map(|p| {
        if !PAGE_PARAMS.contains(&key(&p.name).as_str()) {
            return None;
        }
        if int(&p.ty) {
            return Some(p.name.clone());
        }
        let member = fields_of(api, &p.ty)?
            .iter()
            .find(|f| matches!(key(&f.name).as_str(), "number" | "pagenumber") && int(&f.ty))?;
        Some(format!("{}[{}]", p.name, member.name))
    })?;
    Some(PagePattern::PageNumber {
        param: page_param,
        number: find(api, fields, PAGE_NUMBER, &int),
        total: find(api, fields, TOTAL_PAGES, &int),
    })
}

/// The pagination an `x-cpaas-pagination` object declares, or why it cannot be used.
fn declared(
    api: &Api,
    ext: &Value,
    fields: Option<&[Field]>,
    params: &[Param],
) -> Result<Pagination, String> {
    let obj = ext
        .as_object()
        .ok_or("expected `false` or an object with `pattern` and its fields")?;
    let fields = fields.ok_or("the operation's success answer is not one JSON object")?;
    let get = |k: &str| obj.get(k).and_then(Value::as_str);
    let (items, item) = items(api, fields, get("items"))
        .ok_or("no items array: give `items`, the dotted path of the answer's array of items")?;
    let param = || -> Result<String, String> {
        let p = get("param").ok_or("`param` (the query parameter) is missing")?;
        params
            .iter()
            .any(|q| {
                q.location == ParamLocation::Query
                    && (q.name == p || p.starts_with(&format!("{}[", q.name)))
            })
            .then(|| p.to_string())
            .ok_or_else(|| format!("`param` `{p}` is not a query parameter of the operation"))
    };
    let pattern = match get("pattern") {
        Some("next-uri") => PagePattern::NextUri {
            next: path(get("next").ok_or("`next` (the path of the next-page URI) is missing")?),
        },
        Some("page-number") => PagePattern::PageNumber {
            param: param()?,
            number: get("number").map(path),
            total: get("total").map(path),
        },
        Some("cursor") => {
            let next = get("next").map(path);
            let last_item = get("last-item").map(str::to_string);
            if next.is_none() && last_item.is_none() {
                return Err(
                    "a cursor needs `next` (its path) or `last-item` (an item field)".into(),
                );
            }
            PagePattern::Cursor {
                param: param()?,
                next,
                last_item,
                has_more: get("has-more").map(path),
            }
        }
        other => {
            return Err(format!(
                "`pattern` is {other:?}; expected `next-uri`, `page-number` or `cursor`"
            ));
        }
    };
    Ok(Pagination {
        items,
        item,
        pattern,
        declared: true,
    })
}

#[cfg(test)]
mod tests;

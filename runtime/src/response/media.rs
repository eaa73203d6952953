//! Media types of responses: which of an operation's documented media types a response's
//! `Content-Type` is. Contract: parameters (`; charset=utf-8`) and case are ignored; an exact
//! match wins over the JSON family (`application/json` and `+json` suffixes), which wins over
//! a documented `type/*`, which wins over `*/*`; nothing is guessed between two candidates of
//! one rank. Depends on nothing else in the crate.

/// `type/subtype` of a media type, lower case, without parameters.
pub(crate) fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Whether a media type is JSON: `application/json` or any `+json` suffix
/// (`application/problem+json`).
pub fn is_json(media_type: &str) -> bool {
    let m = essence(media_type);
    m == "application/json" || (m.ends_with("+json") && m.contains('/'))
}

/// The index in `documented` of the media type that `content_type` (a response's
/// `Content-Type`, `None` when absent) is, or `None` when it is none of them (or when two
/// documented ones fit equally well).
///
/// Without a `Content-Type`, the only documented media type is taken (the answer cannot be
/// anything else); with several documented, nothing is.
pub fn pick_media(content_type: Option<&str>, documented: &[&str]) -> Option<usize> {
    let Some(actual) = content_type.map(essence).filter(|m| !m.is_empty()) else {
        return (documented.len() == 1).then_some(0);
    };
    let docs: Vec<String> = documented.iter().map(|d| essence(d)).collect();
    let unique = |pred: &dyn Fn(&str) -> bool| {
        let mut found = docs.iter().enumerate().filter(|(_, d)| pred(d));
        match (found.next(), found.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    };
    if let Some(i) = docs.iter().position(|d| *d == actual) {
        return Some(i);
    }
    if is_json(&actual) {
        if let Some(i) = unique(&is_json) {
            return Some(i);
        }
    }
    let main_type = actual.split('/').next().unwrap_or("");
    if let Some(i) = unique(&|d: &str| d.strip_suffix("/*") == Some(main_type)) {
        return Some(i);
    }
    docs.iter().position(|d| d == "*/*")
}

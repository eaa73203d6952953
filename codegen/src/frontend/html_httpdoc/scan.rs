//! Tokenizing an httpdoc page into a flat list of events, with raw descriptions cut out whole.
//!
//! httpdoc writes operation and parameter descriptions *raw* (Markdown or HTML, unencoded) into
//! `<p class="request-description">` and `<span class="parameter-description">`. Running an HTML
//! tokenizer (let alone a tree builder) over them would split them into tags and move text around
//! (docs/formats.md §3). So the scanner tokenizes with `html5gum` up to the start tag of
//! such an element, cuts the raw text at the element's own closing sequence (the closing tag
//! followed by what httpdoc always writes after it), and restarts the tokenizer behind it.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use crate::diag::Diagnostic;

/// One event of the page, in document order. Offsets are byte offsets into the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Event {
    /// A start tag; `classes` are normalised to kebab-case (`requestSummary` -> `request-summary`).
    Start {
        name: String,
        classes: Vec<String>,
        self_closing: bool,
        at: usize,
    },
    /// An end tag.
    End { name: String, at: usize },
    /// Decoded character data (entities resolved by the tokenizer).
    Text { text: String, at: usize },
    /// The verbatim content of a raw description element (the element's start and end tags are
    /// reported as `Start`/`End` around it).
    Raw { text: String, at: usize },
}

/// Which raw-description element a start tag opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RawKind {
    /// `<p class="request-description">RAW</p></section>`
    Request,
    /// `<span class="parameter-description">RAW</span> <span class="parameter-required">`
    Parameter,
}

/// Tokenizes `text`. Errors name the line and column and what was expected.
pub(crate) fn scan(text: &str) -> Result<Vec<Event>, Diagnostic> {
    let mut events = Vec::new();
    let mut base = 0usize;
    // Each round tokenizes from `base` to the end or to the start of the next raw description;
    // every round moves `base` forward past a closing tag, so the loop ends.
    'rounds: while base <= text.len() {
        let rest = text.get(base..).unwrap_or("");
        let mut emitter = DefaultEmitter::<usize>::new_with_span();
        emitter.naively_switch_states(true);
        for token in Tokenizer::new_with_emitter(rest, emitter) {
            let Ok(token) = token;
            match token {
                Token::StartTag(tag) => {
                    let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                    let classes = tag
                        .attributes
                        .get(b"class".as_slice())
                        .map(|v| {
                            String::from_utf8_lossy(&v.value)
                                .split_ascii_whitespace()
                                .map(normalize_class)
                                .collect::<Vec<_>>()
                        })
                        .unwrap_or_default();
                    let at = base + tag.span.start;
                    let content_start = base + tag.span.end;
                    let raw_kind = if tag.self_closing {
                        None
                    } else {
                        raw_kind(&classes)
                    };
                    events.push(Event::Start {
                        name: name.clone(),
                        classes,
                        self_closing: tag.self_closing,
                        at,
                    });
                    if let Some(kind) = raw_kind {
                        let (end, close_len) = cut_raw(text, content_start, kind, &name, at)?;
                        events.push(Event::Raw {
                            text: text.get(content_start..end).unwrap_or("").to_string(),
                            at: content_start,
                        });
                        events.push(Event::End { name, at: end });
                        base = end + close_len;
                        continue 'rounds;
                    }
                }
                Token::EndTag(tag) => events.push(Event::End {
                    name: String::from_utf8_lossy(&tag.name).to_ascii_lowercase(),
                    at: base + tag.span.start,
                }),
                Token::String(s) => {
                    let chunk = String::from_utf8_lossy(&s.value);
                    match events.last_mut() {
                        Some(Event::Text { text, .. }) => text.push_str(&chunk),
                        _ => events.push(Event::Text {
                            text: chunk.into_owned(),
                            at: base + s.span.start,
                        }),
                    }
                }
                Token::Error(e) => {
                    let what = e.value.to_string();
                    if what.starts_with("eof-in-") {
                        return Err(Diagnostic::error(
                            "html_httpdoc.truncated",
                            format!(
                                "the page ends inside markup ({what}); expected the rest of the \
                                 tag or comment and the closing tags of the page"
                            ),
                        )
                        .at_offset(text, base + e.span.start.max(e.span.end)));
                    }
                }
                Token::Comment(_) | Token::Doctype(_) => {}
            }
        }
        break;
    }
    Ok(events)
}

/// `requestSummary` -> `request-summary`; kebab-case stays as it is.
pub(crate) fn normalize_class(class: &str) -> String {
    let mut out = String::with_capacity(class.len() + 4);
    for (i, c) in class.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 && !out.ends_with('-') {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn raw_kind(classes: &[String]) -> Option<RawKind> {
    let has = |c: &str| classes.iter().any(|x| x == c);
    if has("request-description") {
        Some(RawKind::Request)
    } else if has("parameter-description") {
        Some(RawKind::Parameter)
    } else {
        None
    }
}

/// Finds where the raw content starting at `from` ends: the offset of its closing tag and that
/// tag's length. The closing sequence is the element's end tag followed (after optional
/// whitespace) by what httpdoc always writes next, so a `</p>` or `</span>` inside the raw text
/// does not end it early.
fn cut_raw(
    text: &str,
    from: usize,
    kind: RawKind,
    name: &str,
    opened_at: usize,
) -> Result<(usize, usize), Diagnostic> {
    let close = format!("</{name}>");
    let hay = text.get(from..).unwrap_or("");
    let lower_follow = |at: usize| -> String {
        let after = hay.get(at + close.len()..).unwrap_or("");
        let after = after.trim_start();
        after
            .chars()
            .take(64)
            .collect::<String>()
            .to_ascii_lowercase()
    };
    let mut search = 0usize;
    while let Some(i) = find_ci(hay, &close, search) {
        let follow = lower_follow(i);
        let ok = match kind {
            RawKind::Request => follow.starts_with("</section") || follow.is_empty(),
            RawKind::Parameter => {
                follow.starts_with("</dd")
                    || follow.is_empty()
                    || (follow.starts_with("<span") && tag_has_class(&follow, "parameter-required"))
            }
        };
        if ok {
            return Ok((from + i, close.len()));
        }
        search = i + close.len();
    }
    let expected = match kind {
        RawKind::Request => format!("`{close}` followed by `</section>`"),
        RawKind::Parameter => {
            format!("`{close}` followed by `<span class=\"parameter-required\">` or `</dd>`")
        }
    };
    Err(Diagnostic::error(
        "html_httpdoc.unclosed-description",
        format!(
            "the description opened here is never closed: expected {expected} (the page may be \
             truncated)"
        ),
    )
    .at_offset(text, opened_at))
}

/// Whether the start tag at the beginning of `tag` (lowercased) has `class` (after
/// normalisation; the text is lowercased, so camelCase is matched by dropping dashes).
fn tag_has_class(tag: &str, class: &str) -> bool {
    let Some(end) = tag.find('>') else {
        // The window may cut the tag; judge what is there.
        return tag.replace('-', "").contains(&class.replace('-', ""));
    };
    let inner = tag.get(..end).unwrap_or("");
    inner.replace('-', "").contains(&class.replace('-', ""))
}

/// ASCII case-insensitive search of `needle` in `hay` from byte `from`.
fn find_ci(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || from > h.len() {
        return None;
    }
    let first = n.first()?.to_ascii_lowercase();
    let mut i = from;
    while i + n.len() <= h.len() {
        let found = h.get(i..).and_then(|t| {
            t.iter()
                .position(|b| b.to_ascii_lowercase() == first)
                .map(|p| i + p)
        })?;
        if found + n.len() > h.len() {
            return None;
        }
        if h.get(found..found + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
        {
            return Some(found);
        }
        i = found + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_normalise() {
        assert_eq!(normalize_class("requestSummary"), "request-summary");
        assert_eq!(normalize_class("request-summary"), "request-summary");
        assert_eq!(normalize_class("statusLine"), "status-line");
        assert_eq!(normalize_class("parameter"), "parameter");
    }

    #[test]
    fn raw_descriptions_are_cut_at_their_own_closing_sequence() {
        let page = concat!(
            "<dd class=\"parameter\"><span class=\"parameter-description\">a <span>b</span> ",
            "<p>c</span>x</span> <span class=\"parameter-required\">required</span></dd>"
        );
        let ev = scan(page).unwrap();
        let raw: Vec<_> = ev
            .iter()
            .filter_map(|e| match e {
                Event::Raw { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(raw, ["a <span>b</span> <p>c</span>x"]);
        assert!(
            ev.iter()
                .any(|e| matches!(e, Event::Text { text, .. } if text == "required"))
        );
    }

    #[test]
    fn request_description_keeps_nested_p() {
        let page = "<section class=\"requestOverview\"><p class=\"requestDescription\"><p>one</p>\n<p>two &amp; </p></p></section><h3>x</h3>";
        let ev = scan(page).unwrap();
        assert!(ev.iter().any(
            |e| matches!(e, Event::Raw { text, .. } if text == "<p>one</p>\n<p>two &amp; </p>")
        ));
        assert!(
            ev.iter()
                .any(|e| matches!(e, Event::Text { text, .. } if text == "x"))
        );
    }

    #[test]
    fn unclosed_description_is_an_error_with_position() {
        let page = "<html>\n<dd><span class=\"parameter-description\">never closed";
        let e = scan(page).unwrap_err();
        assert_eq!(e.code, "html_httpdoc.unclosed-description");
        assert_eq!((e.line, e.col), (2, 5));
    }

    #[test]
    fn eof_in_tag_is_an_error() {
        let e = scan("<html><pre class=\"http-exa").unwrap_err();
        assert_eq!(e.code, "html_httpdoc.truncated");
        assert_eq!(e.line, 1);
    }

    #[test]
    fn find_ci_is_bounded_and_case_insensitive() {
        assert_eq!(find_ci("ab</SPAN>", "</span>", 0), Some(2));
        assert_eq!(find_ci("ab</spa", "</span>", 0), None);
        assert_eq!(find_ci("", "</span>", 5), None);
    }
}

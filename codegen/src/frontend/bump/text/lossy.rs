//! Lossy extractions of a Bump.sh text page (docs/formats.md §7, pitfalls 2 and 7): a page
//! text from which an extractor dropped the fields' names and types (bullets holding only
//! `Required` or nothing, or a parameter section with text but no bullets) and split inline
//! elements onto lines of their own (`Values are` ⏎ `gcm` ⏎ `, or` ⏎ `fcm` ⏎ `.`).
//!
//! Contract, decided from the evidence such a page keeps: the method line names the operation
//! and the path template names its path parameters, so nameless `Path parameters` bullets, one
//! per template variable, are named from the template **by position** (typed `string`, the
//! type being dropped) with a `text_dump.lossy-recovered` warning each. Every other dropped
//! name has no evidence that could stand in for it: Bump.sh prints a request example in its
//! own key order and with only the fields it sets (seed 004: `sid, url…` against the schema's
//! `sid, account_sid…`), so aligning fields with it by position would name them wrongly and
//! silently. Such a page is refused with a `text_dump.lossy` error at the first loss, naming
//! the operation and each missing piece of evidence (what, where).

use super::lines::{Line, split_lines};
use super::page::method_line;
use crate::diag::Diagnostic;
use crate::frontend::bump::sections;

/// What a reading of a lossy page may do.
#[derive(Debug)]
pub(super) enum Lossy {
    /// The page shows no loss: read it as it is.
    Intact,
    /// Only path parameter names were dropped: the page with them filled in from the path
    /// template, and a warning per name filled in.
    Repaired(String, Vec<Diagnostic>),
    /// Evidence the operation needs is missing.
    Refused(Diagnostic),
}

/// One loss: the line it is on and what is missing there.
struct Loss {
    line: usize,
    what: String,
}

/// Examines a text page for losses (see the module docs).
pub(super) fn examine(text: &str) -> Lossy {
    let lines = split_lines(text);
    let Some((m_idx, method, path)) = lines
        .iter()
        .enumerate()
        .find_map(|(i, l)| method_line(l.text).map(|(m, p)| (i, m, p)))
    else {
        return Lossy::Intact;
    };
    let mut losses: Vec<Loss> = Vec::new();
    let mut path_nameless: Vec<usize> = Vec::new();
    let mut section: Option<(&str, usize, bool)> = None; // (word, line, saw a bullet)
    let close = |s: Option<(&str, usize, bool)>, text_seen: bool, losses: &mut Vec<Loss>| {
        if let Some((word, line, false)) = s {
            if text_seen && word != "Body" && word != "Responses" {
                losses.push(Loss {
                    line,
                    what: format!("`{word}` holds text but no `• NAME TYPE` item"),
                });
            }
        }
    };
    let mut text_seen = false;
    for (i, l) in lines.iter().enumerate().skip(m_idx + 1) {
        if l.indent == 0 && is_section_word(l.text) {
            close(section, text_seen, &mut losses);
            section = Some((section_word(l.text), l.no, false));
            text_seen = false;
            continue;
        }
        if l.indent == 0 && (l.text.starts_with("curl") || method_line(l.text).is_some()) {
            close(section, text_seen, &mut losses);
            section = None;
        }
        let Some((word, _, saw)) = section.as_mut() else {
            continue;
        };
        // A bullet whose head was dropped whole reads `•` alone.
        if l.bullet() || l.text == "•" {
            *saw = true;
            let head = l.text.trim_start_matches('•').trim();
            if is_nameless(head) && *word != "Responses" {
                if *word == "Path parameters" {
                    path_nameless.push(i);
                } else {
                    losses.push(Loss {
                        line: l.no,
                        what: format!("a `{word}` item without name and type (`• {head}`)"),
                    });
                }
            }
        } else if !l.blank() {
            text_seen = true;
            if let Some(piece) = split_inline(&lines, i) {
                losses.push(Loss {
                    line: l.no,
                    what: format!("an inline element split onto a line of its own (`{piece}`)"),
                });
            }
        }
    }
    close(section, text_seen, &mut losses);

    let vars = template_vars(&path);
    if !path_nameless.is_empty() && path_nameless.len() != vars.len() {
        let l = &lines[path_nameless[0]];
        losses.push(Loss {
            line: l.no,
            what: format!(
                "{} nameless `Path parameters` items for the path's {} variables, so they \
                 cannot be named from it by position",
                path_nameless.len(),
                vars.len()
            ),
        });
    }
    if let Some(first) = losses.iter().map(|l| l.line).min() {
        let list = losses
            .iter()
            .map(|l| format!("line {}: {}", l.line, l.what))
            .collect::<Vec<_>>()
            .join("; ");
        return Lossy::Refused(
            Diagnostic::error(
                "text_dump.lossy",
                format!(
                    "the text of a Bump.sh page for `{method} {path}` (line {}) from which an \
                     extraction dropped what the operation needs — {list}. Missing evidence: \
                     each field's `• NAME TYPE` head (the request example cannot stand in for \
                     it: Bump.sh prints examples in their own key order and with only the \
                     fields they set); nothing is generated from this page (read the page's \
                     HTML or Markdown, or the API's OpenAPI document, instead)",
                    lines[m_idx].no
                ),
            )
            .at(first, 1),
        );
    }
    if path_nameless.is_empty() {
        return Lossy::Intact;
    }
    // Path parameter names from the template, by position.
    let mut out = String::with_capacity(text.len() + 64);
    let mut diags = Vec::new();
    let mut next = path_nameless.iter().zip(&vars).peekable();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match next.peek() {
            Some((at, name)) if **at == i => {
                let head = l.text.trim_start_matches('•').trim();
                let rest = if head.is_empty() {
                    String::new()
                } else {
                    format!(" {head}")
                };
                out.push_str(&" ".repeat(l.indent));
                out.push_str(&format!("• {name} string{rest}"));
                diags.push(
                    Diagnostic::warning(
                        "text_dump.lossy-recovered",
                        format!(
                            "path parameter item {} has no name or type (dropped by the \
                             extraction): named `{name}` from the path template by position, \
                             typed string",
                            diags.len() + 1
                        ),
                    )
                    .at(l.no, 1),
                );
                next.next();
            }
            _ => out.push_str(text_of_line(text, &lines, i)),
        }
    }
    Lossy::Repaired(out, diags)
}

/// The raw text of line `i` (without its line break).
fn text_of_line<'a>(text: &'a str, lines: &[Line<'_>], i: usize) -> &'a str {
    let start = lines[i].off;
    let end = lines
        .get(i + 1)
        .map_or(text.len(), |n| n.off.saturating_sub(1));
    text.get(start..end.max(start))
        .unwrap_or("")
        .trim_end_matches('\r')
}

/// A section word of the text page.
fn is_section_word(t: &str) -> bool {
    t == "Body" || t == "Responses" || sections::param_section(|w| w == t).is_some()
}

/// The section word as a `'static` label (for messages).
fn section_word(t: &str) -> &'static str {
    match t {
        "Body" => "Body",
        "Responses" => "Responses",
        _ => sections::param_section(|w| w == t).map_or("section", |(w, _)| w),
    }
}

/// A bullet head with no name: empty, or only the `Required` / `Deprecated` flags.
fn is_nameless(head: &str) -> bool {
    head.split_whitespace()
        .all(|w| w == "Required" || w == "Deprecated")
}

/// The piece of a sentence split onto its own line at line `i`: a lone connective (`,`,
/// `, or`, `and`, `.`) or a `Values are` / `Value is` with nothing after it.
fn split_inline(lines: &[Line<'_>], i: usize) -> Option<String> {
    let t = lines[i].text;
    let squeezed: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let lone = [",", ".", ";", ",or", ",and", "or", "and"].contains(&squeezed.as_str());
    let dangling =
        (t == "Values are" || t == "Value is") && lines.get(i + 1).is_some_and(|n| !n.blank());
    (lone || dangling).then(|| t.to_string())
}

/// The `{name}` variables of a path template, in order.
fn template_vars(path: &str) -> Vec<String> {
    path.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(v, _)| v.to_string()))
        .collect()
}

//! Provider documentation text into rustdoc-safe Markdown.
//!
//! Descriptions arrive as Markdown or raw HTML. rustdoc would compile their code blocks as Rust
//! doctests, warn about bare URLs, unknown HTML tags (`List<String>`) and `[text]` that looks like
//! an intra-doc link. This keeps the provider's words and turns the hazards into harmless Markdown.

/// Converts a description to Markdown that `cargo doc` renders without warnings.
pub fn markdown(text: &str) -> String {
    let text = html_to_markdown(text);
    let text = text.trim();
    let mut out = String::with_capacity(text.len() + 16);
    let mut in_fence: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(marker) = &in_fence {
            if trimmed.starts_with(marker.as_str()) && trimmed.trim_matches('`').trim().is_empty() {
                out.push_str(marker);
                in_fence = None;
            } else {
                out.push_str(line);
            }
            out.push('\n');
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let ch = trimmed.chars().next().unwrap_or('`');
            let n = trimmed.chars().take_while(|&c| c == ch).count();
            let marker: String = std::iter::repeat_n(ch, n).collect();
            // Every fenced block is shown as text: never compiled as a doctest.
            out.push_str(&marker);
            out.push_str("text\n");
            in_fence = Some(marker);
            continue;
        }
        // Indented code blocks would be doctests too: cap indentation at two spaces.
        let indent = line.len() - trimmed.len();
        out.push_str(&" ".repeat(indent.min(2)));
        out.push_str(&inline(trimmed));
        out.push('\n');
    }
    if let Some(marker) = in_fence {
        out.push_str(&marker);
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// Escapes inline hazards outside code spans: bare URLs, `[x]` that is no link, stray `<`.
fn inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            // A code span is a run of n backticks closed by a run of exactly n; it stays as it
            // is. An unclosed run is literal text: escaped, so what follows is not read as code
            // by us but as HTML by rustdoc.
            let n = chars[i..].iter().take_while(|&&c| c == '`').count();
            match closing_run(&chars, i + n, n) {
                Some(end) => {
                    out.extend(&chars[i..end + n]);
                    i = end + n;
                }
                None => {
                    for _ in 0..n {
                        out.push_str("\\`");
                    }
                    i += n;
                }
            }
            continue;
        }
        match c {
            '[' => {
                // A Markdown link `[t](u)` or reference `[t]:` stays; anything else is escaped.
                let close = chars[i..].iter().position(|&c| c == ']').map(|p| p + i);
                let is_link = close
                    .and_then(|j| chars.get(j + 1))
                    .is_some_and(|&n| n == '(' || n == ':');
                if is_link {
                    out.push('[');
                } else {
                    out.push_str("\\[");
                }
            }
            ']' => {
                let is_link_end = chars.get(i + 1).is_some_and(|&n| n == '(' || n == ':');
                if is_link_end {
                    out.push(']');
                } else {
                    out.push_str("\\]");
                }
            }
            '<' if starts_url(&chars[i + 1..]) => {
                // An autolink `<https://…>` stays one.
                let end = chars[i..]
                    .iter()
                    .position(|&c| c == '>' || c.is_whitespace());
                match end.map(|p| p + i) {
                    Some(e) if chars[e] == '>' => {
                        out.extend(&chars[i..=e]);
                        i = e + 1;
                        continue;
                    }
                    _ => out.push_str("&lt;"),
                }
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            'h' if starts_url(&chars[i..]) => {
                let prev = if i > 0 { chars[i - 1] } else { ' ' };
                let end = chars[i..]
                    .iter()
                    .position(|&c| {
                        c.is_whitespace() || matches!(c, ')' | '"' | '\'' | ']' | '<' | '>')
                    })
                    .map_or(chars.len(), |p| p + i);
                let mut url: String = chars[i..end].iter().collect();
                let mut tail = String::new();
                while url.ends_with(['.', ',', ';', ':']) {
                    tail.insert(0, url.pop().unwrap_or('.'));
                }
                // Only a link's destination `](…)` keeps a URL bare.
                if prev == '(' && out.ends_with("](") {
                    out.push_str(&url);
                } else {
                    out.push('<');
                    out.push_str(&url);
                    out.push('>');
                }
                out.push_str(&tail);
                i = end;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// Where a run of exactly `n` backticks starts at or after `from`.
fn closing_run(chars: &[char], from: usize, n: usize) -> Option<usize> {
    let mut j = from;
    while j < chars.len() {
        if chars[j] == '`' {
            let m = chars[j..].iter().take_while(|&&c| c == '`').count();
            if m == n {
                return Some(j);
            }
            j += m;
        } else {
            j += 1;
        }
    }
    None
}

fn starts_url(chars: &[char]) -> bool {
    let s: String = chars.iter().take(8).collect();
    s.starts_with("https://") || s.starts_with("http://")
}

/// Turns the common HTML of descriptions into Markdown; unknown tags are dropped, their text kept.
fn html_to_markdown(text: &str) -> String {
    if !text.contains('<') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut in_code = false;
    while let Some(start) = rest.find(['<', '`']) {
        out.push_str(&rest[..start]);
        if rest[start..].starts_with('`') {
            // Code spans keep their text: `a<b>` is no HTML.
            in_code = !in_code;
            out.push('`');
            rest = &rest[start + 1..];
            continue;
        }
        if in_code {
            out.push('<');
            rest = &rest[start + 1..];
            continue;
        }
        let after = &rest[start..];
        let Some(end) = after.find('>') else {
            out.push_str(after);
            rest = "";
            break;
        };
        let tag = &after[1..end];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let closing = tag.starts_with('/');
        let known = matches!(
            name.as_str(),
            "p" | "br"
                | "code"
                | "a"
                | "b"
                | "strong"
                | "i"
                | "em"
                | "ul"
                | "ol"
                | "li"
                | "pre"
                | "span"
                | "div"
                | "small"
        );
        if !known || tag.contains(' ') && !matches!(name.as_str(), "a" | "span" | "div" | "p") {
            // Not HTML we know (`List<String>`, `<token>`): keep it as text.
            out.push('<');
            rest = &after[1..];
            continue;
        }
        match (name.as_str(), closing) {
            ("p" | "div", _) | ("ul" | "ol", _) => out.push_str("\n\n"),
            ("br", _) => out.push('\n'),
            ("code", _) => out.push('`'),
            ("b" | "strong", _) => out.push_str("**"),
            ("i" | "em", _) => out.push('*'),
            ("li", false) => out.push_str("\n- "),
            ("pre", false) => out.push_str("\n```\n"),
            ("pre", true) => out.push_str("\n```\n"),
            ("a", false) => {
                let href = tag
                    .split("href=\"")
                    .nth(1)
                    .and_then(|h| h.split('"').next())
                    .unwrap_or("");
                out.push('[');
                out.push('\u{1}');
                out.push_str(href);
                out.push('\u{2}');
            }
            ("a", true) => out.push('\u{3}'),
            _ => {}
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    // Reassemble links: `[\u{1}HREF\u{2}TEXT\u{3}` -> `[TEXT](HREF)`.
    let mut fixed = String::with_capacity(out.len());
    let mut s = out.as_str();
    while let Some(a) = s.find('\u{1}') {
        fixed.push_str(&s[..a]);
        let after = &s[a + 1..];
        let (Some(b), Some(c)) = (after.find('\u{2}'), after.find('\u{3}')) else {
            s = after;
            continue;
        };
        if c < b {
            s = after;
            continue;
        }
        let href = &after[..b];
        let label = &after[b + 1..c];
        fixed.push_str(label);
        fixed.push_str("](");
        fixed.push_str(href);
        fixed.push(')');
        s = &after[c + 1..];
    }
    fixed.push_str(s);
    fixed.replace(['\u{1}', '\u{2}', '\u{3}'], "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_become_text_and_indent_is_capped() {
        let md = markdown("Example:\n```\nAuthorization: Basic x\n```\n\n        indented code");
        assert_eq!(
            md,
            "Example:\n```text\nAuthorization: Basic x\n```\n\n  indented code"
        );
    }

    #[test]
    fn links_urls_brackets_and_angles() {
        assert_eq!(
            markdown(
                "The SID of the [Account](https://x.io/a) see https://y.io/b. [T] List<String>"
            ),
            "The SID of the [Account](https://x.io/a) see <https://y.io/b>. \\[T\\] List&lt;String&gt;"
        );
        assert_eq!(markdown("`a<b>` [x]"), "`a<b>` \\[x\\]");
    }

    #[test]
    fn unclosed_backticks_and_autolinks() {
        // An unclosed backtick must not hide `<T>` from escaping (rustdoc would see HTML).
        assert_eq!(markdown("use `List<T> here"), "use \\`List&lt;T&gt; here");
        assert_eq!(markdown("``a`b`` and `c`"), "``a`b`` and `c`");
        // Autolinks stay autolinks, not `&lt;` + a bare URL.
        assert_eq!(
            markdown("see <https://x.io/a?b=1> or <https://y.io"),
            "see <https://x.io/a?b=1> or &lt;<https://y.io>"
        );
        assert_eq!(
            markdown("[https://x.io](https://x.io)"),
            "[<https://x.io>](https://x.io)"
        );
        assert_eq!(markdown("(see https://x.io)"), "(see <https://x.io>)");
    }

    #[test]
    fn html_becomes_markdown() {
        assert_eq!(
            markdown("<p>Use <code>x</code> and <a href=\"https://a.io\">the docs</a>.</p>"),
            "Use `x` and [the docs](https://a.io)."
        );
        assert_eq!(markdown("a<br/>b <b>c</b>"), "a\nb **c**");
    }
}

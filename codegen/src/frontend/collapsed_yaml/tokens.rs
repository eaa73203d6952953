//! Tokens of the collapsed text: whitespace-separated byte ranges of the page, and the lexical
//! tests on one token (block-scalar indicator, code fence) and on a quoted scalar starting at a
//! byte offset. Nothing here knows OpenAPI.

/// A whitespace-separated token: its byte range in the page.
#[derive(Debug, Clone, Copy)]
pub(in crate::frontend) struct Tok {
    pub(in crate::frontend) s: usize,
    pub(in crate::frontend) e: usize,
}

/// The whitespace-separated tokens of `page[range]`.
pub(in crate::frontend) fn tokenize(page: &str, range: std::ops::Range<usize>) -> Vec<Tok> {
    let mut out = Vec::new();
    let Some(text) = page.get(range.clone()) else {
        return out;
    };
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push(Tok {
                    s: range.start + s,
                    e: range.start + i,
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(Tok {
            s: range.start + s,
            e: range.end,
        });
    }
    out
}

pub(super) fn is_block_indicator(t: &str) -> bool {
    let mut c = t.chars();
    match c.next() {
        Some('|') | Some('>') => {}
        _ => return false,
    }
    let rest: String = c.collect();
    rest.len() <= 3
        && rest
            .chars()
            .all(|c| c == '-' || c == '+' || c.is_ascii_digit())
}

pub(in crate::frontend) fn is_fence(t: &str) -> bool {
    t.starts_with("```")
}

/// Reads a quoted scalar starting at byte `at` (a `'` or `"`); returns the string and the byte
/// offset just past the closing quote.
pub(super) fn read_quoted(page: &str, at: usize, end: usize) -> Option<(String, usize)> {
    let text = page.get(at..end)?;
    let mut chars = text.char_indices();
    let (_, q) = chars.next()?;
    let mut out = String::new();
    if q == '\'' {
        let mut it = text.char_indices().skip(1).peekable();
        while let Some((i, c)) = it.next() {
            if c == '\'' {
                if matches!(it.peek(), Some((_, '\''))) {
                    out.push('\'');
                    it.next();
                } else {
                    return Some((out, at + i + 1));
                }
            } else {
                out.push(c);
            }
        }
        None
    } else if q == '"' {
        let mut it = text.char_indices().skip(1);
        while let Some((i, c)) = it.next() {
            match c {
                '"' => return Some((out, at + i + 1)),
                '\\' => {
                    let (_, e) = it.next()?;
                    match e {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        '0' => out.push('\0'),
                        ' ' => out.push(' '),
                        '/' => out.push('/'),
                        '"' => out.push('"'),
                        '\\' => out.push('\\'),
                        'N' => out.push('\u{85}'),
                        '_' => out.push('\u{a0}'),
                        'x' | 'u' | 'U' => {
                            let n = match e {
                                'x' => 2,
                                'u' => 4,
                                _ => 8,
                            };
                            let mut h = String::new();
                            for _ in 0..n {
                                h.push(it.next()?.1);
                            }
                            out.push(char::from_u32(u32::from_str_radix(&h, 16).ok()?)?);
                        }
                        other => {
                            out.push('\\');
                            out.push(other);
                        }
                    }
                }
                c => out.push(c),
            }
        }
        None
    } else {
        None
    }
}

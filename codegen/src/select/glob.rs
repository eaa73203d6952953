//! Path patterns of selectors: `/telephony_credentials/*/token` against an operation's path
//! template (`/telephony_credentials/{id}/token`), segment by segment.
//!
//! A pattern segment `**` matches any number of path segments (none included); any other
//! segment matches exactly one path segment, where `*` stands for any run of characters within
//! that segment (`*.json`, `{*}`); every other character matches itself. Empty segments (a
//! leading or trailing `/`, `//`) are ignored on both sides.

/// Whether `path` (a path template) matches `pattern`.
pub fn path_matches(pattern: &str, path: &str) -> bool {
    let pat: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    segments(&pat, &segs)
}

fn segments(pat: &[&str], segs: &[&str]) -> bool {
    match pat.split_first() {
        None => segs.is_empty(),
        Some((&"**", rest)) => (0..=segs.len()).any(|skip| segments(rest, &segs[skip..])),
        Some((p, rest)) => match segs.split_first() {
            Some((s, more)) => segment(p.as_bytes(), s.as_bytes()) && segments(rest, more),
            None => false,
        },
    }
}

/// One segment against one pattern segment, `*` matching any run of bytes.
fn segment(p: &[u8], s: &[u8]) -> bool {
    match p.split_first() {
        None => s.is_empty(),
        Some((b'*', rest)) => (0..=s.len()).any(|skip| segment(rest, &s[skip..])),
        Some((c, rest)) => s.first() == Some(c) && segment(rest, &s[1..]),
    }
}

//! Body excerpts: the capped, lossy-UTF-8 start of a body that errors keep, and capping a
//! string for display. Contract: cuts only at character boundaries and appends `…` when cut.

/// How much of a body errors keep.
pub(crate) const EXCERPT_CAP: usize = 4 * 1024;

/// The first [`EXCERPT_CAP`] bytes of `body` as lossy UTF-8, cut at a character boundary,
/// `…` appended when cut.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body.get(..EXCERPT_CAP.min(body.len())).unwrap_or(body));
    let mut text = text.into_owned();
    if body.len() > EXCERPT_CAP {
        // A multi-byte character cut at the cap shows up as U+FFFD; drop it.
        if text.ends_with('\u{FFFD}') {
            text.pop();
        }
        text.push('…');
    }
    text
}

/// `s` cut to at most `max` bytes at a character boundary, `…` appended when cut.
pub(crate) fn cap_str(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if s.len() <= max {
        return s.into();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end]).into()
}

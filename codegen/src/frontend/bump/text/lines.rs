//! The lines of a text page, with their number, offset and indentation (the only nesting
//! signal of the format).

/// What starts a bullet line.
pub(super) const BULLET: &str = "• ";

/// One line of the page.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    /// 1-based line number.
    pub(super) no: usize,
    /// Byte offset of the line start.
    pub(super) off: usize,
    /// Leading spaces.
    pub(super) indent: usize,
    /// The line without leading and trailing whitespace.
    pub(super) text: &'a str,
}

impl Line<'_> {
    /// True for an empty (or all-whitespace) line.
    pub(super) fn blank(&self) -> bool {
        self.text.is_empty()
    }
    /// True for a bullet line.
    pub(super) fn bullet(&self) -> bool {
        self.text.starts_with(BULLET)
    }
}

/// Splits the page into lines (`\n` or `\r\n`).
pub(super) fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut off = 0;
    for (i, raw) in text.split('\n').enumerate() {
        let l = raw.strip_suffix('\r').unwrap_or(raw);
        let trimmed_start = l.trim_start_matches([' ', '\t']);
        out.push(Line {
            no: i + 1,
            off,
            indent: l.len() - trimmed_start.len(),
            text: trimmed_start.trim_end(),
        });
        off += raw.len() + 1;
    }
    out
}

//! Diagnostics: warnings and errors that name the file, the line and what was expected.
//!
//! Every frontend, the lowering and the emitter report through [`Diagnostic`]. A diagnostic has a
//! stable `code` (for example `fern.content-type-conflict`) so users and tests can match on it,
//! and, where it concerns a node of the recovered OpenAPI document, a JSON pointer to it.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Generation goes on; the build prints the diagnostic as a cargo warning.
    Warning,
    /// Generation of this file stops; the build fails with this message.
    Error,
}

/// One message about an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Warning or error.
    pub severity: Severity,
    /// Stable identifier of the kind of problem, `area.what` in kebab-case.
    pub code: &'static str,
    /// The input file, once known (frontends leave it empty; the pipeline fills it in).
    pub file: Option<PathBuf>,
    /// 1-based line in the input file (0 when unknown).
    pub line: usize,
    /// 1-based column in the input file (0 when unknown).
    pub col: usize,
    /// JSON pointer into the recovered OpenAPI document, when the message concerns one node.
    pub pointer: Option<String>,
    /// What was found and what was expected.
    pub message: String,
}

impl Diagnostic {
    /// A warning with no position yet.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    /// An error with no position yet.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            file: None,
            line: 0,
            col: 0,
            pointer: None,
            message: message.into(),
        }
    }

    /// Sets the 1-based line and column.
    pub fn at(mut self, line: usize, col: usize) -> Self {
        self.line = line;
        self.col = col;
        self
    }

    /// Sets line and column from a byte offset into `text`.
    pub fn at_offset(self, text: &str, offset: usize) -> Self {
        let (line, col) = line_col(text, offset);
        self.at(line, col)
    }

    /// Sets the JSON pointer of the node concerned.
    pub fn pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    /// Sets the file, unless one is set already.
    pub fn in_file(mut self, file: &Path) -> Self {
        if self.file.is_none() {
            self.file = Some(file.to_path_buf());
        }
        self
    }

    /// True for [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `path:line:col: warning[code]: message (at /json/pointer)`, the shape compilers use, so
    /// editors and CI annotate the right spot.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}:", file.display())?;
            if self.line > 0 {
                write!(f, "{}:{}:", self.line, self.col.max(1))?;
            }
            f.write_str(" ")?;
        }
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{level}[{}]: {}", self.code, self.message)?;
        if let Some(p) = &self.pointer {
            write!(f, " (at {p})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// 1-based (line, column) of a byte offset; the column counts characters, not bytes.
/// Offsets past the end clamp to the end.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

/// The line of the node at `pointer`, or of its nearest ancestor with a known line (0: none),
/// in a map of node lines such as [`crate::frontend::yaml::Parsed::locations`].
pub fn line_of(locations: &std::collections::BTreeMap<String, usize>, pointer: &str) -> usize {
    let mut p = pointer;
    loop {
        if let Some(l) = locations.get(p) {
            return *l;
        }
        match p.rfind('/') {
            Some(i) => p = &p[..i],
            None => return 0,
        }
    }
}

/// Escapes one JSON-pointer reference token (`~` -> `~0`, `/` -> `~1`).
pub fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_and_code() {
        let d = Diagnostic::error("yaml.syntax", "expected a mapping value")
            .at(3, 7)
            .in_file(Path::new("specs/x/y/a.yaml"));
        assert_eq!(
            d.to_string(),
            "specs/x/y/a.yaml:3:7: error[yaml.syntax]: expected a mapping value"
        );
    }

    #[test]
    fn line_col_counts_chars_and_clamps() {
        let t = "ab\ncé\nx";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, 6), (2, 3));
        assert_eq!(line_col(t, 999), (3, 2));
    }

    #[test]
    fn pointer_tokens_escape() {
        assert_eq!(pointer_token("/a~b"), "~1a~0b");
    }
}

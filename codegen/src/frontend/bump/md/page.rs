//! The Markdown page being read: its text, whether a crawler collapsed its whitespace, the
//! diagnostics so far and the operation's pointer; the helpers every section reader uses to
//! report.

use crate::diag::Diagnostic;

/// A Bump.sh Markdown page being read.
pub(super) struct Page<'a> {
    /// The page, without a byte order mark.
    pub(super) text: &'a str,
    /// True when the page has no line break: nesting by indentation is lost.
    pub(super) collapsed: bool,
    /// Warnings so far.
    pub(super) diags: Vec<Diagnostic>,
    /// Pointer of the operation (`/paths/~1a/get`), once the method line is read.
    pub(super) op_ptr: String,
    /// Whether `bump_md.nesting-unknown` was given (once a page).
    pub(super) warned_nesting: bool,
}

impl<'a> Page<'a> {
    /// A page about to be read.
    pub(super) fn new(text: &'a str) -> Self {
        Page {
            text,
            collapsed: !text.contains('\n'),
            diags: Vec::new(),
            op_ptr: String::new(),
            warned_nesting: false,
        }
    }

    /// Records a warning at byte `at` of the page.
    pub(super) fn warn(
        &mut self,
        code: &'static str,
        at: usize,
        pointer: Option<String>,
        msg: String,
    ) {
        let mut d = Diagnostic::warning(code, msg).at_offset(self.text, at);
        if let Some(p) = pointer {
            d = d.pointer(p);
        }
        self.diags.push(d);
    }

    /// An error at byte `at` of the page.
    pub(super) fn error(
        &self,
        code: &'static str,
        at: usize,
        msg: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::error(code, msg).at_offset(self.text, at)
    }
}

/// The first 60 characters of `s`, trimmed, with `…` when cut (for messages).
pub(super) fn short(s: &str) -> String {
    let s = s.trim();
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

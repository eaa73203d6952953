//! Selectors: what one word of a selection names, parsed from its text.
//!
//! * `tag:NAME`: every operation whose `tags` hold `NAME`;
//! * `/path/pattern` or `METHOD /path/pattern`: every operation whose path template matches
//!   the pattern (see [`super::glob`]), of that HTTP method when one is given;
//! * anything else: the operation whose operationId or Rust method name it is (an operationId
//!   a page's summary stood for may hold spaces).

use std::fmt;

use super::glob::path_matches;
use crate::diag::Diagnostic;
use crate::ir::Operation;
use crate::vocab::METHOD_WORDS;

/// One parsed selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// An operation by operationId or Rust method name.
    Operation(String),
    /// Every operation with this tag.
    Tag(String),
    /// Every operation whose path matches a pattern, of one method or of any.
    Path {
        /// The HTTP method, upper case; `None`: any.
        method: Option<String>,
        /// The pattern (`/telephony_credentials/*/token`).
        pattern: String,
    },
}

impl Selector {
    /// Parses one selector; a `select.bad-selector` error says what was expected.
    pub fn parse(text: &str) -> Result<Selector, Diagnostic> {
        let t = text.trim();
        let bad = |why: &str| {
            Diagnostic::error(
                "select.bad-selector",
                format!(
                    "`{t}` is not a selector ({why}): expected an operationId, a Rust method \
                     name, `tag:NAME`, `/path/pattern` or `METHOD /path/pattern` (`*` is one \
                     segment, `**` any number)"
                ),
            )
        };
        if let Some(tag) = t.strip_prefix("tag:") {
            let tag = tag.trim();
            return if tag.is_empty() {
                Err(bad("no tag after `tag:`"))
            } else {
                Ok(Selector::Tag(tag.to_string()))
            };
        }
        if t.starts_with('/') {
            return Ok(Selector::Path {
                method: None,
                pattern: t.to_string(),
            });
        }
        if let Some((word, rest)) = t.split_once(char::is_whitespace) {
            let method = word.to_ascii_uppercase();
            let rest = rest.trim();
            if METHOD_WORDS.contains(&method.as_str()) && rest.starts_with('/') {
                return Ok(Selector::Path {
                    method: Some(method),
                    pattern: rest.to_string(),
                });
            }
        }
        if t.is_empty() {
            return Err(bad("it is empty"));
        }
        // Anything else is a name: operationIds made from summaries hold spaces.
        Ok(Selector::Operation(t.to_string()))
    }

    /// Whether `op` is one of the operations this selector names.
    pub fn matches(&self, op: &Operation) -> bool {
        match self {
            Selector::Operation(name) => op.id == *name || op.rust_name == *name,
            Selector::Tag(tag) => op.tags.iter().any(|t| t == tag),
            Selector::Path { method, pattern } => {
                method.as_ref().is_none_or(|m| *m == op.method) && path_matches(pattern, &op.path)
            }
        }
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Selector::Operation(name) => f.write_str(name),
            Selector::Tag(tag) => write!(f, "tag:{tag}"),
            Selector::Path {
                method: Some(m),
                pattern,
            } => write!(f, "{m} {pattern}"),
            Selector::Path {
                method: None,
                pattern,
            } => f.write_str(pattern),
        }
    }
}

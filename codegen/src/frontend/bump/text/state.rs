//! The reader's state, named by every part of the reader: the [`Page`] being read (each job
//! adds its own `impl Page` in its file) and the [`Trailer`] the trailer reader fills.

use serde_json::Value;

use super::lines::Line;
use crate::diag::Diagnostic;
use crate::frontend::bump::auth::SchemeType;

/// A Bump.sh text page being read.
pub(super) struct Page<'a> {
    /// The page, without a byte order mark.
    pub(super) text: &'a str,
    /// Its lines.
    pub(super) lines: Vec<Line<'a>>,
    /// Warnings so far.
    pub(super) diags: Vec<Diagnostic>,
    /// Pointer of the operation (`/paths/~1a/get`), once the method line is read.
    pub(super) op_ptr: String,
}

/// What the trailer says.
#[derive(Debug, Default)]
pub(super) struct Trailer {
    /// Servers: the curl URLs minus the path.
    pub(super) servers: Vec<Value>,
    /// The credentials the curl commands show (`--user`, an `Authorization` header), in order.
    pub(super) auth: Vec<SchemeType>,
    /// The request example and the line of its heading.
    pub(super) req_example: Option<(Value, usize)>,
    /// Response examples: code, value, line of the heading.
    pub(super) resp_examples: Vec<(String, Value, usize)>,
    /// The curl `Content-Type` header.
    pub(super) curl_ct: Option<String>,
    /// The curl `--data`.
    pub(super) curl_data: Option<String>,
}

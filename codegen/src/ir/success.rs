//! The success answers of an operation (its 2xx and documented 3xx responses), as lowering
//! decided them: the one Rust type `send()` returns ([`SuccessShape`]) and, for every
//! documented (status, media type) pair, how that answer decodes into it ([`SuccessCase`]).
//! The emitter only prints what this says.

use super::{ResponseBody, StatusSpec};

/// The Rust type an operation's success answers have.
#[derive(Debug, Clone, PartialEq)]
pub enum SuccessShape {
    /// Every success answer has the same body (or none is documented): that body's type,
    /// `()` for [`ResponseBody::Empty`].
    Single(ResponseBody),
    /// Empty `204` answers beside one JSON body: `Option<T>`, `None` for the empty ones.
    Optional(ResponseBody),
    /// Answers whose bodies differ: an enum with one variant per [`SuccessCase`].
    Enum {
        /// The enum's Rust name (in the API's `types` module, unique among its models).
        rust_name: String,
    },
}

/// One documented success answer: a status (or class) and one of its media types.
#[derive(Debug, Clone, PartialEq)]
pub struct SuccessCase {
    /// The status, or `2XX`/`3XX`. (An operation documenting no success status but a
    /// `default` response has that response as a `2XX` case.)
    pub status: StatusSpec,
    /// The documented media type (`None` when the answer has no body).
    pub media_type: Option<String>,
    /// How the body reads.
    pub body: ResponseBody,
    /// The enum variant (for [`SuccessShape::Enum`]; `None` otherwise).
    pub variant: Option<String>,
    /// The response's description.
    pub description: Option<String>,
}

/// What an operation answers on success.
#[derive(Debug, Clone, PartialEq)]
pub struct Success {
    /// The type returned.
    pub shape: SuccessShape,
    /// Every documented answer, statuses in order (codes, then classes), media types in
    /// source order within a status. Empty when no success is documented.
    pub cases: Vec<SuccessCase>,
}

impl Default for Success {
    fn default() -> Self {
        Success {
            shape: SuccessShape::Single(ResponseBody::Empty),
            cases: Vec::new(),
        }
    }
}

impl Success {
    /// The cases of each status, in order: `(status, its cases)`.
    pub fn by_status(&self) -> Vec<(StatusSpec, Vec<&SuccessCase>)> {
        let mut out: Vec<(StatusSpec, Vec<&SuccessCase>)> = Vec::new();
        for c in &self.cases {
            match out.last_mut() {
                Some((s, cases)) if *s == c.status => cases.push(c),
                _ => out.push((c.status, vec![c])),
            }
        }
        out
    }
}

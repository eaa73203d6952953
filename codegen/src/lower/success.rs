//! An operation's success answers (2xx, documented 3xx, or `default` when no success status
//! is documented) into an [`ir::Success`]: one case per documented status and media type,
//! and the one type they share. Contract: bodies that agree give that type; empty `204`s
//! beside one JSON body give `Option<T>`; anything else an enum `<Op>Success` whose name is
//! claimed among the API's type names once all models are named (so none collides with it,
//! and no model is renamed for it: [`Lowerer::name_success_enums`]) and whose variants are
//! named by status (and media type, when a status has several). Nothing here guesses: every
//! case keeps the media type it was documented with, for decoding by `Content-Type`.
//!
//! [`ir::Success`]: crate::ir::Success

use super::state::Lowerer;
use crate::ir::{ResponseBody, StatusSpec, Success, SuccessCase, SuccessShape};
use crate::naming::{Namespace, media_word, status_variant, success_enum};

/// One documented success answer, as read from the document: its status, description and
/// every media type with its body (none when the answer has no body).
pub(super) struct Answer {
    pub(super) status: StatusSpec,
    pub(super) description: Option<String>,
    pub(super) media: Vec<(String, ResponseBody)>,
}

impl Lowerer {
    /// The success of an operation whose types are named from `type_base`, from its answers.
    pub(super) fn success(&self, type_base: &str, mut answers: Vec<Answer>) -> Success {
        answers.sort_by_key(|a| a.status);
        let mut cases = Vec::new();
        for a in answers {
            let several = a.media.len() > 1;
            let base = match a.status {
                StatusSpec::Code(c) => status_variant(Some(c), None),
                StatusSpec::Range(r) => status_variant(None, Some(r)),
                StatusSpec::Default => "Default".to_string(),
            };
            if a.media.is_empty() {
                cases.push(SuccessCase {
                    status: a.status,
                    media_type: None,
                    body: ResponseBody::Empty,
                    variant: Some(base),
                    description: a.description,
                });
                continue;
            }
            for (ct, body) in a.media {
                let variant = if several {
                    format!("{base}{}", media_word(&ct))
                } else {
                    base.clone()
                };
                cases.push(SuccessCase {
                    status: a.status,
                    media_type: Some(ct),
                    body,
                    variant: Some(variant),
                    description: a.description.clone(),
                });
            }
        }
        let shape = self.success_shape(type_base, &cases);
        if matches!(shape, SuccessShape::Enum { .. }) {
            let mut variants = Namespace::new();
            for c in &mut cases {
                c.variant = c.variant.as_deref().map(|v| variants.claim(v));
            }
        } else {
            for c in &mut cases {
                c.variant = None;
            }
        }
        Success { shape, cases }
    }

    fn success_shape(&self, type_base: &str, cases: &[SuccessCase]) -> SuccessShape {
        let mut bodies: Vec<&ResponseBody> = Vec::new();
        for c in cases {
            if !bodies.contains(&&c.body) {
                bodies.push(&c.body);
            }
        }
        if let [one] = bodies.as_slice() {
            return SuccessShape::Single((*one).clone());
        }
        if bodies.is_empty() {
            return SuccessShape::Single(ResponseBody::Empty);
        }
        if let [a, b] = bodies.as_slice() {
            if let Some(body) = optional_pair(cases, a, b) {
                return SuccessShape::Optional(body.clone());
            }
        }
        // Claimed in `name_success_enums`, once every model has its name.
        SuccessShape::Enum {
            rust_name: success_enum(type_base),
        }
    }

    /// Claims the name of every success enum among the API's type names, after all its
    /// documents are lowered: a model keeps its name, an enum that would take it gets the
    /// next free one (`GetGreetingSuccess2`).
    pub(super) fn name_success_enums(&mut self) {
        for op in &mut self.api.operations {
            if let SuccessShape::Enum { rust_name } = &mut op.success.shape {
                *rust_name = self.types_ns.claim(rust_name);
            }
        }
    }
}

/// The JSON body of an operation whose only other answers are empty `204`s, if it is one.
fn optional_pair<'a>(
    cases: &[SuccessCase],
    a: &'a ResponseBody,
    b: &'a ResponseBody,
) -> Option<&'a ResponseBody> {
    let body = match (a, b) {
        (ResponseBody::Empty, other) | (other, ResponseBody::Empty) => other,
        _ => return None,
    };
    let json = matches!(body, ResponseBody::Json(_) | ResponseBody::Untyped);
    let empties_are_204 = cases
        .iter()
        .filter(|c| c.body == ResponseBody::Empty)
        .all(|c| c.status == StatusSpec::Code(204));
    (json && empties_are_204).then_some(body)
}

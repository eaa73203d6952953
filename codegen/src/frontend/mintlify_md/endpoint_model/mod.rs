//! Variant B: Mintlify's own endpoint model (`paths: {path, method, request, response, …}`),
//! mapped to OpenAPI (see the mapping in [`super`]'s module doc).
//!
//! [`model`] holds the mapping's state and the operation; [`security`], [`parameters`],
//! [`content`] (request body, responses, examples) and [`schema`] map their parts.

mod content;
mod model;
mod parameters;
mod schema;
mod security;

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use self::model::VariantB;
use super::page::Page;
use crate::frontend::recovered::Recovered;

/// Maps a variant B block (`root`) to the OpenAPI document of the operation `page` selects;
/// `locations` are the page lines of the block's nodes.
pub(super) fn recover(
    root: Map<String, Value>,
    page: &Page<'_>,
    locations: &BTreeMap<String, usize>,
) -> Recovered {
    VariantB::new(page, locations).run(root)
}

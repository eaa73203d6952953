//! Mintlify Markdown exports (docs/formats.md §5): a page whose `## OpenAPI` section holds a
//! four-backtick ```` ````yaml [SPEC-URL] METHOD /PATH ```` block.
//!
//! The fence's info string is the authoritative `(method, path)` selector. The block is either
//! **variant A**, the source OpenAPI document pruned to that operation (parsed as OpenAPI, other
//! operations dropped), or **variant B**, Mintlify's own endpoint model (`paths: {path, method,
//! request, response, …}`), which is mapped to OpenAPI here:
//!
//! * `request.parameters.{path,query,header,cookie}.NAME.schema[…]`: the first entry carries the
//!   parameter's `required`, `description` and `deprecated`; several entries become `oneOf`;
//! * `schemaArray` → schema (several → `oneOf`); `_mintlify/placeholder` → a response without
//!   content; `{allOf: [S]}` wrappers → `S`; `requiredProperties` → `required`; a top-level
//!   `required: true` on a body schema → `requestBody.required`; `refIdentifier` → the schema
//!   moves to `components.schemas` under that name and is `$ref`'d; `type: any` → `{}`;
//!   `type: enum<T>` → `type: T`; `type: file` → `string`/`binary`;
//! * `request.security` (one entry per alternative) → security requirements plus
//!   `components.securitySchemes` (oauth2, http, apiKey in header/query/cookie);
//! * generated examples holding `<string>`-style placeholders are dropped (with a warning).
//!
//! Scraper additions (front matter, `# Source:` lines, the `> ## Documentation Index` banner and
//! the llms.txt footer) are skipped; the page's `# TITLE` and first blockquote paragraph become
//! the operation's summary and description when the block carries none.
//!
//! The reader is split by job: `page` finds the title, the lede and the block with its
//! selector, `embedded_openapi` keeps the selected operation of a variant A block,
//! `endpoint_model` maps a variant B block; `selector` holds what both variants share.

mod embedded_openapi;
mod endpoint_model;
mod page;
mod selector;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use self::page::{shift, split_page};
use crate::diag::Diagnostic;
use crate::frontend::recovered::Recovered;
use crate::frontend::yaml;

/// Recovers the OpenAPI document from a Mintlify Markdown page.
pub fn recover(text: &str) -> Result<Recovered, Diagnostic> {
    let text = crate::vocab::strip_bom(text);
    let page = split_page(text)?;
    let shift_by = page.block_first_line.saturating_sub(1);
    let parsed = yaml::parse_with_locations(page.block).map_err(|d| shift(d, shift_by))?;
    let locations: BTreeMap<String, usize> = parsed
        .locations
        .into_iter()
        .map(|(k, v)| (k, v + shift_by))
        .collect();
    let warnings: Vec<Diagnostic> = parsed
        .warnings
        .into_iter()
        .map(|d| shift(d, shift_by))
        .collect();
    let Value::Object(root) = parsed.value else {
        return Err(Diagnostic::error(
            "mintlify_md.block-not-mapping",
            "the ````yaml block does not hold a YAML mapping: expected an OpenAPI document \
             (variant A) or Mintlify's endpoint model with a root `paths:` (variant B)",
        )
        .at(page.block_first_line, 1));
    };
    let mut out = if root.contains_key("openapi") {
        embedded_openapi::recover(root, &page, &locations)?
    } else if is_variant_b(&root) {
        endpoint_model::recover(root, &page, &locations)
    } else if root.contains_key("swagger") {
        return Err(Diagnostic::error(
            "mintlify_md.swagger2",
            "the block is a Swagger 2.0 document; expected OpenAPI 3.x (variant A) or Mintlify's \
             endpoint model (variant B)",
        )
        .at(page.block_first_line, 1));
    } else {
        return Err(Diagnostic::error(
            "mintlify_md.unknown-block",
            "unknown block content: expected a root `openapi:` key (variant A) or a root `paths:` \
             mapping holding `path:` and `method:` (variant B)",
        )
        .at(page.block_first_line, 1));
    };
    let mut diagnostics = warnings;
    diagnostics.append(&mut out.diagnostics);
    out.diagnostics = diagnostics;
    Ok(out)
}

/// True when the block's root `paths` is Mintlify's endpoint model (variant B): it holds
/// `path:` or `method:` strings.
fn is_variant_b(root: &Map<String, Value>) -> bool {
    matches!(root.get("paths"), Some(Value::Object(p))
        if p.get("path").is_some_and(Value::is_string) || p.get("method").is_some_and(Value::is_string))
}

//! Bump.sh Markdown operation pages (docs/formats.md §6, seed 003), with or without their line
//! breaks.
//!
//! The page is read by anchors, never by line structure, so a page whose every whitespace run a
//! crawler collapsed to one space reads the same as the original:
//!
//! * the footer `[Powered by Bump.sh](https://bump.sh)` ends the page;
//! * `**METHOD /path**` splits the title (before) from the descriptions (after);
//! * sections split **only at known labels** valid where they occur (`## Servers`,
//!   `## Authentication methods`, `## Parameters`, `### Path parameters`, `### Query parameters`,
//!   `### Headers`, `### Cookies`, `### Body:`, `## Responses`, `### CODE`, `#### Headers`,
//!   `#### Body:`); a label out of place is description text;
//! * items split only at `- **NAME** (` followed by a balanced group that parses as a type
//!   (`super::types`); bold prose is not an item.
//!
//! The format does not carry `required` (path parameters are required anyway; everything else
//! gets `x-cpaas-required-unknown`), enums, constraints, examples, the operationId or the type
//! of an authentication method (only its humanised name: the type comes from evidence, a curl
//! sample or an `Authorization` header in the descriptions, else a warning). On collapsed pages
//! nesting is lost too: fields come out flat.
//!
//! The reader is split by job: `labels` finds the sections, `operation` reads the method
//! line and turns the sections into the operation, `servers_auth` reads `## Servers` and
//! `## Authentication methods`, `items` splits a section into its `- **NAME** (TYPE)` items and
//! `schema` turns items into parameters and schemas; `page` holds the page being read.

mod items;
mod labels;
mod operation;
mod page;
mod schema;
mod servers_auth;
#[cfg(test)]
mod tests;

use crate::diag::Diagnostic;
use crate::frontend::recovered::Recovered;
use page::Page;

/// Recovers the one operation of a Bump.sh Markdown page as an OpenAPI 3.1 document.
pub fn recover(text: &str) -> Result<Recovered, Diagnostic> {
    let text = crate::vocab::strip_bom(text);
    Page::new(text).run()
}

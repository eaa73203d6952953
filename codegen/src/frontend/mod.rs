//! Frontends: one per input format, each recovering an OpenAPI 3.1 document (as JSON) from its
//! format's grammar. Frontends know nothing of Rust; lowering and emitting are shared.
//!
//! Contract for every frontend module: `pub fn recover(text: &str) -> Result<Recovered, Diagnostic>`.
//! * `doc` is an OpenAPI **3.1** document (`openapi: "3.1.0"`), JSON-valued; facts the page does
//!   not carry are left out, not invented. Where a page cannot say whether something is required,
//!   the frontend sets `"x-cpaas-required-unknown": true` on that parameter, or on an object
//!   schema whose `required` list was not rendered.
//! * `diagnostics` holds warnings (stable codes, JSON pointers, line/col of the page). An `Err`
//!   is a page the frontend cannot read, with the line and what it expected.
//! * `locations` maps JSON pointers of operations (`/paths/~1a~1{b}/post`) to their 1-based line
//!   in the page, so generated docs and diagnostics can point back at the source.

use crate::detect::{Detected, Format};
use crate::diag::Diagnostic;

pub mod bump;
pub mod collapsed_yaml;
pub mod fern_md;
pub mod html_httpdoc;
pub mod mintlify_md;
pub mod openapi;
mod recovered;
pub mod swagger2;
#[cfg(test)]
mod test_support;
pub mod yaml;

pub use recovered::{Outcome, Recovered};
#[cfg(test)]
pub(crate) use test_support::{read_shared, seed, shared_or_skip};

/// Recovers the OpenAPI document from `text`, choosing the frontend by content.
pub fn recover(text: &str) -> Result<(Detected, Outcome), Diagnostic> {
    let text = crate::vocab::strip_bom(text);
    let detected = crate::detect::detect(text);
    let out = match detected.format {
        Format::OpenApi => openapi::recover(text)?,
        Format::MintlifyMd => mintlify_md::recover(text)?,
        Format::HtmlHttpdoc => html_httpdoc::recover(text)?,
        Format::BumpMd => bump::md::recover(text)?,
        Format::TextDump => bump::text::recover(text)?,
        Format::FernMd => fern_md::recover(text)?,
        Format::EmbeddedOpenApiMd => fern_md::recover_embedded(text)?,
        Format::Swagger2 => swagger2::recover(text)?,
        Format::Unknown => {
            if let Some(d) = bump::text::lossy_refusal(text) {
                return Err(d);
            }
            return Err(Diagnostic::error(
                "detect.unknown",
                "no known format: expected an OpenAPI 3.x document (YAML or JSON), an httpdoc \
                 HTML page, a Mintlify/Fern/Bump.sh Markdown page or a Bump.sh text page",
            )
            .at(1, 1));
        }
    };
    Ok((detected, Outcome::Recovered(out)))
}

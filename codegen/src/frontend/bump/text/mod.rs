//! The plain text of a Bump.sh HTML operation page (docs/formats.md §7, seed 004).
//!
//! Section words are plain lines at column 0 (`Authentication methods`, `Headers`, `Path
//! parameters`, `Query parameters`, `Cookies`, `Body`, `Responses`); inside them, `•` bullets whose **indentation is the only
//! nesting signal**:
//!
//! ```text
//!   • NAME TYPE[ Required][ Deprecated]
//!
//!     DESCRIPTION
//!
//!     Values are a, b, or c.
//!
//!     Minimum length is 34, maximum length is 34. Format should match the following pattern: ^CR.*$.
//!
//!     Hide NAME attributes Show NAME attributes[ TYPE]
//!     • CHILD TYPE …
//! ```
//!
//! Responses are bullets `• CODE[ MEDIA-TYPE]` holding a description and `Hide headers
//! attributes …` / `Hide response attributes Show response attributes TYPE` groups. The page ends
//! with `METHOD /path`, a `curl \` command (server = its URL minus the path, `--user` = HTTP
//! basic auth, an `Authorization: Bearer` header bearer auth, a key header or query parameter
//! holding a placeholder an API key, as `bump::auth` reads them (an `Authorization` header of
//! another scheme is a `text_dump.auth-type-unknown` warning);
//! `Content-Type` header, `--data`), a `Request example` (JSON or a Ruby
//! `Hash#inspect`, `{"Type"=>"apn"}`) and `Response examples (CODE)` JSON.
//!
//! Unlike the Markdown reader ([`super::md`]), `required` is known here: within a rendered list a bullet without
//! `Required` is not required. Objects whose fields are not listed get
//! `x-cpaas-required-unknown`. Nameless bullets and repeated names (`StartTime<` and
//! `StartTime>` both read `StartTime`) are kept where possible and flagged. An `Authentication
//! methods` section names methods (`• NAME`); the curl command types them, and a name nothing
//! types is a `text_dump.auth-type-unknown` warning.
//!
//! Lossy extractions (names and types dropped, inline elements split onto their own lines) are
//! examined first by `lossy`: path parameter names are filled in from the template, anything
//! else missing is a `text_dump.lossy` error naming it.
//!
//! The reader is split by job: `state` holds the page being read, `lines` cuts the page into lines, `page` finds the method
//! line and the sections and assembles the operation, `list` reads a section's bullets,
//! `fields` turns bullets into parameters, properties and responses, `sentences` reads the
//! enum and constraint sentences under a bullet, `trailer` the curl command and `examples`
//! the example blocks after the sections.

mod examples;
mod fields;
mod lines;
mod list;
mod lossy;
mod page;
mod sentences;
mod state;
#[cfg(test)]
mod tests;
mod trailer;

use crate::diag::Diagnostic;
use crate::frontend::recovered::Recovered;
use lines::split_lines;
use lossy::Lossy;
use state::Page;

/// Recovers the one operation of a Bump.sh text page as an OpenAPI 3.1 document.
pub fn recover(text: &str) -> Result<Recovered, Diagnostic> {
    let text = crate::vocab::strip_bom(text);
    match lossy::examine(text) {
        Lossy::Intact => read(text),
        Lossy::Repaired(repaired, warnings) => {
            let mut r = read(&repaired)?;
            r.diagnostics.splice(0..0, warnings);
            Ok(r)
        }
        Lossy::Refused(d) => Err(d),
    }
}

/// For a page in which no format was detected: the `text_dump.lossy` error when it is the text
/// of a Bump.sh page an extraction made lossy (its markers, `•` bullets among them, dropped),
/// else `None`.
pub fn lossy_refusal(text: &str) -> Option<Diagnostic> {
    match lossy::examine(crate::vocab::strip_bom(text)) {
        Lossy::Refused(d) => Some(d),
        _ => None,
    }
}

/// Reads a page without losses.
fn read(text: &str) -> Result<Recovered, Diagnostic> {
    let lines = split_lines(text);
    Page {
        text,
        lines,
        diags: Vec::new(),
        op_ptr: String::new(),
    }
    .run()
}

//! Bump.sh operation pages, in the two shapes they reach us in: the page's Markdown
//! ([`md`], docs/formats.md §6) and the plain text of its HTML ([`text`], docs/formats.md §7).
//!
//! Both readers recover one operation as an OpenAPI 3.1 document (the frontend contract of
//! `frontend/mod.rs`). What they share lives in leaf modules beside them: `types`, the type
//! notation (`string(date-time) | null`, `array[object]`), `sections`, the section names
//! and the OpenAPI objects a section's entries become, `auth`, the evidence of an
//! authentication method's type (names are never evidence), and `shell`, the words of the `curl`
//! commands that evidence is read from.

mod auth;
pub mod md;
mod sections;
mod shell;
pub mod text;
pub(crate) mod types;

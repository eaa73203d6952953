//! # cpaas-codegen
//!
//! Recovers API descriptions from the shapes they reach users in (OpenAPI files, Markdown docs
//! pages with embedded OpenAPI, rendered HTML/Markdown/text reference pages) and generates typed
//! async Rust clients from them, for use in build scripts the way `prost-build` is used.
//!
//! The pipeline runs one way: [`detect`] the format by content, a [`frontend`] recovers an
//! OpenAPI document, [`lower`] turns it into the [`ir`], [`emit`] turns the IR into Rust.
#![warn(missing_docs)]

pub mod bundle;
pub mod config;
pub mod detect;
pub mod diag;
pub mod diff;
pub mod docs;
pub mod emit;
pub mod frontend;
pub mod ir;
pub mod lock;
pub mod lower;
pub mod mock;
pub mod naming;
pub mod normalize;
pub mod overlay;
pub mod select;
pub mod standalone;
mod vocab;

pub use config::{Config, Generated};
pub use diag::{Diagnostic, Severity};
pub use emit::CliTables;

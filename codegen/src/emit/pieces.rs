//! The generated file as a flat list of [`Piece`]s (module opens, items, closes), in order:
//! one module per provider holding its APIs' modules, then the registry. Each piece makes its
//! tokens when asked, so the formatter can make and print pieces on every core.
//!
//! Entry points: [`pieces`] for the whole file, [`assemble`] to nest the list into one token
//! tree.

use proc_macro2::TokenStream;
use quote::quote;

use super::builder::{BUILDER_DOC, api_builders};
use super::cli::{CLI_DOC, cli_head};
use super::client::{api_module_doc, api_top};
use super::errors::{ERRORS_DOC, emit_error_enums};
use super::models::{TYPES_DOC, api_types};
use super::options::{CliTables, EmitError, EmitOptions};
use super::plan::Prepared;
use super::registry::emit_registry;
use super::responses::success_enums;
use super::tokens::{ident, plain_doc};
use crate::ir::Api;

/// Models per formatting job, and builders (or CLI calls) per job: small enough to spread a
/// large API over every core, large enough that the per-job cost stays negligible.
const TYPES_PER_PIECE: usize = 64;
const BUILDERS_PER_PIECE: usize = 32;

/// Tokens made on the thread that uses them (`TokenStream` is not `Send`), or why they
/// cannot be made.
pub(super) type Make<'a> = Box<dyn Fn() -> Result<TokenStream, EmitError> + Sync + 'a>;

/// One part of the generated file. The module tree is this sequence: [`assemble`] nests it
/// into tokens, `format::format_pieces` prints each part on its own, on every core.
pub(super) enum Piece<'a> {
    /// Items of the innermost open module.
    Items(Make<'a>),
    /// `#attrs pub mod #name {`, closed by the matching [`Piece::Close`].
    Open { attrs: Make<'a>, name: String },
    /// The end of the innermost open module.
    Close,
}

/// `0..len` in consecutive ranges of `size`.
fn chunks(len: usize, size: usize) -> impl Iterator<Item = std::ops::Range<usize>> {
    (0..len)
        .step_by(size)
        .map(move |start| start..(start + size).min(len))
}

/// The module of one API.
fn api_pieces<'a>(p: &'a Prepared<'a>, opts: &'a EmitOptions, out: &mut Vec<Piece<'a>>) {
    let api = p.api;
    let module = |doc: &'static str, name: &str| Piece::Open {
        attrs: Box::new(move || Ok(quote!(#[doc = #doc]))),
        name: name.to_string(),
    };
    out.push(Piece::Open {
        attrs: Box::new(move || Ok(api_module_doc(api))),
        name: api.name.clone(),
    });
    out.push(Piece::Items(Box::new(move || api_top(p, opts))));
    out.push(module(TYPES_DOC, "types"));
    for range in chunks(api.types.len(), TYPES_PER_PIECE) {
        out.push(Piece::Items(Box::new(move || {
            Ok(api_types(p, range.clone()))
        })));
    }
    out.push(Piece::Items(Box::new(move || Ok(success_enums(p)))));
    out.push(Piece::Close);
    out.push(module(ERRORS_DOC, "errors"));
    out.push(Piece::Items(Box::new(move || {
        Ok(emit_error_enums(api, &p.plans))
    })));
    out.push(Piece::Close);
    out.push(module(BUILDER_DOC, "builder"));
    for range in chunks(p.plans.len(), BUILDERS_PER_PIECE) {
        out.push(Piece::Items(Box::new(move || {
            Ok(api_builders(p, opts, range.clone()))
        })));
    }
    out.push(Piece::Close);
    if opts.cli != CliTables::Off {
        out.push(Piece::Open {
            attrs: Box::new(move || {
                let cfg = opts.cli_cfg();
                Ok(quote!(#[doc = #CLI_DOC] #cfg #[doc(hidden)]))
            }),
            name: "cli".into(),
        });
        out.push(Piece::Items(Box::new(move || Ok(cli_head(api, &p.plans)))));
        out.push(Piece::Close);
    }
    out.push(Piece::Close);
}

/// The whole file: one module per provider holding its APIs, then the registry.
pub(super) fn pieces<'a>(prepared: &'a [Prepared<'a>], opts: &'a EmitOptions) -> Vec<Piece<'a>> {
    let (provider_docs, warnings) = (&opts.provider_docs, &opts.warnings);
    let mut out = Vec::new();
    let mut providers: Vec<&str> = prepared.iter().map(|p| p.api.provider.as_str()).collect();
    providers.dedup();
    for provider in providers {
        out.push(Piece::Open {
            attrs: Box::new(move || {
                Ok(
                    match provider_docs.iter().find(|(name, _)| name == provider) {
                        Some((_, text)) => plain_doc(text),
                        None => plain_doc(&format!("Generated clients for {provider}'s APIs.")),
                    },
                )
            }),
            name: provider.to_string(),
        });
        for p in prepared.iter().filter(|p| p.api.provider == provider) {
            api_pieces(p, opts, &mut out);
        }
        out.push(Piece::Close);
    }
    let apis: Vec<&Api> = prepared.iter().map(|p| p.api).collect();
    out.push(Piece::Items(Box::new(move || {
        emit_registry(&apis, opts, warnings)
    })));
    out
}

/// The pieces nested into one token tree.
pub(super) fn assemble(pieces: &[Piece]) -> Result<TokenStream, EmitError> {
    // The open modules, innermost last: head tokens and the body so far.
    let mut stack: Vec<(TokenStream, TokenStream)> = vec![(TokenStream::new(), TokenStream::new())];
    for piece in pieces {
        match piece {
            Piece::Items(make) => {
                if let Some((_, body)) = stack.last_mut() {
                    body.extend(make()?);
                }
            }
            Piece::Open { attrs, name } => {
                let attrs = attrs()?;
                let name = ident(name);
                stack.push((quote!(#attrs pub mod #name), TokenStream::new()));
            }
            Piece::Close => {
                if stack.len() > 1 {
                    if let (Some((head, body)), Some((_, parent))) = (stack.pop(), stack.last_mut())
                    {
                        parent.extend(quote!(#head { #body }));
                    }
                }
            }
        }
    }
    Ok(stack.swap_remove(0).1)
}

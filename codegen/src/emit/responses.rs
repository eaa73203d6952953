//! What an operation answers: the Rust type of its success answers (`T`, `Option<T>` or its
//! `<Op>Success` enum, printed in the `types` module), and its `decode` arms, which map each
//! status (and, for a success, each documented media type of the `Content-Type`) to that type
//! or to the operation's typed error. Lowering decided all of it ([`crate::ir::Success`]);
//! this file only prints it.
//!
//! Entry points: [`success_type`], [`success_enums`] and [`decode_arms`].

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::errors::status_variant;
use super::plan::Prepared;
use super::tokens::{doc_attr, ident, type_tokens};
use crate::ir::{Api, Operation, ResponseBody, StatusSpec, SuccessCase, SuccessShape};

/// The Rust type of a body.
fn body_type(api: &Api, body: &ResponseBody, in_types: bool) -> TokenStream {
    match body {
        ResponseBody::Empty => quote!(()),
        ResponseBody::Json(t) => type_tokens(api, t, in_types),
        ResponseBody::Text => quote!(::std::string::String),
        ResponseBody::SecretText => quote!(::cpaas_runtime::Secret),
        ResponseBody::Untyped => quote!(::cpaas_runtime::serde_json::Value),
        ResponseBody::Bytes => quote!(::std::vec::Vec<u8>),
    }
}

/// The type `send()` of `op` returns (inside `ResponseValue`), as seen from `builder`.
pub(super) fn success_type(api: &Api, op: &Operation) -> TokenStream {
    match &op.success.shape {
        SuccessShape::Single(body) => body_type(api, body, false),
        SuccessShape::Optional(body) => {
            let t = body_type(api, body, false);
            quote!(::std::option::Option<#t>)
        }
        SuccessShape::Enum { rust_name } => {
            let n = ident(rust_name);
            quote!(super::types::#n)
        }
    }
}

/// How a status is written in docs: `200`, `2XX`.
fn status_text(status: StatusSpec) -> String {
    match status {
        StatusSpec::Code(c) => c.to_string(),
        StatusSpec::Range(c) => format!("{c}XX"),
        StatusSpec::Default => "default".into(),
    }
}

/// The success enums of every operation of `p` that has one (items of the `types` module).
pub(super) fn success_enums(p: &Prepared) -> TokenStream {
    let api = p.api;
    let items = api.operations.iter().filter_map(|op| {
        let SuccessShape::Enum { rust_name } = &op.success.shape else {
            return None;
        };
        let name = ident(rust_name);
        let variants = op.success.cases.iter().map(|c| {
            let v = ident(c.variant.as_deref().unwrap_or("Other"));
            let what = match &c.media_type {
                Some(m) => format!("{} (`{m}`)", status_text(c.status)),
                None => format!("{} (no body)", status_text(c.status)),
            };
            let doc = doc_attr(&format!(
                "{what}: {}",
                c.description.as_deref().unwrap_or("documented success")
            ));
            match &c.body {
                ResponseBody::Empty => quote!(#doc #v,),
                body => {
                    let t = body_type(api, body, true);
                    quote!(#doc #v(#t),)
                }
            }
        });
        let doc = format!(
            " The success answers of [`super::Client::{}`], whose bodies differ: one variant \
             per documented status (and media type, where a status has several), holding \
             its decoded body. The status itself is on the `ResponseValue`.",
            op.rust_name
        );
        Some(quote! {
            #[doc = #doc]
            #[derive(Clone, Debug, PartialEq)]
            pub enum #name {
                #(#variants)*
            }
        })
    });
    quote!(#(#items)*)
}

/// The decoding of one success answer into the operation's success type.
fn decode_case(op: &Operation, c: &SuccessCase) -> TokenStream {
    let wrap = match &op.success.shape {
        SuccessShape::Single(_) => None,
        SuccessShape::Optional(_) => Some(match c.body {
            ResponseBody::Empty => quote!(None),
            _ => quote!(Some),
        }),
        SuccessShape::Enum { rust_name } => {
            let n = ident(rust_name);
            let v = ident(c.variant.as_deref().unwrap_or("Other"));
            Some(quote!(super::types::#n::#v))
        }
    };
    match (&c.body, wrap) {
        (ResponseBody::Empty, None) => quote!(response.empty()),
        (ResponseBody::Empty, Some(w)) => quote!(response.empty_as(#w)),
        (ResponseBody::Json(_) | ResponseBody::Untyped, None) => quote!(response.json()),
        (ResponseBody::Json(_) | ResponseBody::Untyped, Some(w)) => {
            quote!(response.json_into(#w))
        }
        (ResponseBody::Text, None) => quote!(response.text()),
        (ResponseBody::Text, Some(w)) => quote!(response.text_into(#w)),
        (ResponseBody::SecretText, None) => {
            quote!(response.text_into(::cpaas_runtime::Secret::from))
        }
        (ResponseBody::SecretText, Some(w)) => {
            quote!(response.text_into(|text| #w(::cpaas_runtime::Secret::from(text))))
        }
        (ResponseBody::Bytes, None) => quote!(response.bytes()),
        (ResponseBody::Bytes, Some(w)) => quote!(response.bytes_into(#w)),
    }
}

/// The decoding of one success status: by the `Content-Type` among its documented media
/// types (an undocumented one is `Error::UnexpectedContentType`), or as empty.
fn decode_status(op: &Operation, cases: &[&SuccessCase]) -> TokenStream {
    let media: Vec<&str> = cases
        .iter()
        .filter_map(|c| c.media_type.as_deref())
        .collect();
    if media.len() != cases.len() || media.is_empty() {
        // No body documented (a status is either with content or without).
        return cases
            .first()
            .map(|c| decode_case(op, c))
            .unwrap_or_else(|| quote!(response.empty()));
    }
    let exprs: Vec<TokenStream> = cases.iter().map(|c| decode_case(op, c)).collect();
    let all_same = exprs.iter().all(|e| e.to_string() == exprs[0].to_string());
    let pick = if all_same {
        let e = &exprs[0];
        quote!(|_| #e)
    } else {
        let last = exprs.len() - 1;
        let arms = exprs.iter().enumerate().map(|(i, e)| {
            if i == last {
                quote!(_ => #e,)
            } else {
                let i = Literal::usize_unsuffixed(i);
                quote!(#i => #e,)
            }
        });
        quote!(|media| match media { #(#arms)* })
    };
    quote!(response.media(&[#(#media),*]).and_then(#pick))
}

/// A `match` pattern for a status.
fn status_pattern(status: StatusSpec) -> TokenStream {
    match status {
        StatusSpec::Code(c) => {
            let c = Literal::u16_unsuffixed(c);
            quote!(#c)
        }
        StatusSpec::Range(c) => {
            let lo = Literal::u16_unsuffixed(c * 100);
            let hi = Literal::u16_unsuffixed(c * 100 + 99);
            quote!(#lo..=#hi)
        }
        StatusSpec::Default => quote!(_),
    }
}

/// The body of `decode`: a `match` on the status, the catch-all last (or, where no status is
/// documented, the catch-all's expression alone: no `match` of one arm): every success status,
/// every documented error status into `super::errors::<error>`, and `default` (or
/// `unexpected`) for the rest. Codes come before classes, so a `2XX` takes only the 2xx
/// statuses not listed on their own.
pub(super) fn decode_arms(op: &Operation, error: &str) -> TokenStream {
    let error = ident(error);
    let mut arms: Vec<(StatusSpec, TokenStream)> = op
        .success
        .by_status()
        .into_iter()
        .map(|(status, cases)| (status, decode_status(op, &cases)))
        .collect();
    let mut default = quote!(Err(response.unexpected()));
    for r in op.responses.iter().filter(|r| !r.is_success()) {
        let v = ident(&status_variant(r));
        let expr = match &r.body {
            ResponseBody::Json(_) | ResponseBody::Untyped => {
                quote!(Err(response.error_json(super::errors::#error::#v)))
            }
            _ => quote!(Err(response.error_text(super::errors::#error::#v))),
        };
        if r.status == StatusSpec::Default {
            default = expr;
        } else {
            arms.push((r.status, expr));
        }
    }
    // No status documented but `default` (or none at all): no `match` of one arm.
    if arms.is_empty() {
        return default;
    }
    arms.sort_by_key(|(status, _)| *status);
    let arms = arms.iter().map(|(status, expr)| {
        let pat = status_pattern(*status);
        quote!(#pat => #expr,)
    });
    quote! {
        match response.status().as_u16() {
            #(#arms)*
            _ => #default,
        }
    }
}

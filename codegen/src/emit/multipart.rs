//! `multipart/form-data` bodies in a request builder: the step of `request()` that lists the
//! parts, one per field set (one per item for an array), and sends them with
//! `cpaas_runtime::Body::multipart`. The encoding itself is the runtime's; generated code only
//! names each part and says whether it is text, a file or JSON.
//!
//! Contract: file fields ([`Arg::file`]) are given as `cpaas_runtime::Part` values and get the
//! `encoding` object's content type as a default; scalars (strings, numbers, booleans, string
//! enums and formats) are text parts; objects, maps, unions and untyped values are JSON parts
//! (`application/json`, OpenAPI's default for them); a required field left unset is a
//! validation error before anything is sent.

use proc_macro2::TokenStream;
use quote::quote;

use super::plan::{Arg, OpPlan};
use super::tokens::ident;
use crate::ir::{Api, RequestBody, TypeKind, TypeRef};

/// Whether values of `t` are sent as text parts (else JSON parts).
fn is_text(api: &Api, t: &TypeRef) -> bool {
    match t {
        TypeRef::Named(id) => match &api.types[*id].kind {
            TypeKind::Enum { .. } => true,
            TypeKind::Alias(t) => is_text(api, t),
            _ => false,
        },
        TypeRef::Nullable(t) => is_text(api, t),
        TypeRef::Any | TypeRef::Array(_) | TypeRef::Map(_) => false,
        _ => true,
    }
}

/// The part of one value `v` of `a`, with the `encoding` object's content type and headers.
fn part_expr(api: &Api, a: &Arg, b: &RequestBody, item: &TypeRef) -> TokenStream {
    let enc = b.parts.iter().find(|m| m.name == a.wire);
    let base = if a.file {
        quote!(v)
    } else if is_text(api, item) {
        quote!(::cpaas_runtime::Part::text(::cpaas_runtime::param_string(
            v
        )))
    } else {
        let wire = &a.wire;
        quote! {
            ::cpaas_runtime::Part::json(v).map_err(|e| ::cpaas_runtime::Error::InvalidRequest(
                format!("the multipart field {:?} does not serialize: {e}", #wire)))?
        }
    };
    let ct = enc
        .and_then(|m| m.content_type.as_deref())
        .map(|ct| quote!(.default_content_type(#ct)));
    let headers = enc
        .into_iter()
        .flat_map(|m| &m.headers)
        .map(|(n, v)| quote!(.header(#n, #v)));
    quote!(#base #ct #(#headers)*)
}

/// The `request()` step that sets a multipart body from the builder's body fields.
pub(super) fn multipart_step(api: &Api, p: &OpPlan, b: &RequestBody) -> TokenStream {
    let fields: Vec<TokenStream> = p
        .args
        .iter()
        .filter(|a| a.param.is_none())
        .map(|a| {
            let f = ident(&a.setter);
            let wire = &a.wire;
            let (inner, nullable) = a.ty.strip_nullable();
            let check = if a.required.is_required() && !nullable {
                quote! {
                    if self.#f.is_none() {
                        return Err(::cpaas_runtime::Error::validation(#wire, "a required body field is missing"));
                    }
                }
            } else {
                quote!()
            };
            // Files are moved into the form; other values are borrowed to be rendered.
            let (values, one) = if a.file {
                (quote!(self.#f.into_iter().flatten()), quote!(self.#f))
            } else {
                (quote!(self.#f.iter().flatten()), quote!(&self.#f))
            };
            let add = match inner {
                TypeRef::Array(item) => {
                    let part = part_expr(api, a, b, item);
                    quote!(for v in #values { form = form.part(#wire, #part); })
                }
                _ => {
                    let part = part_expr(api, a, b, inner);
                    quote!(if let Some(v) = #one { form = form.part(#wire, #part); })
                }
            };
            quote!(#check #add)
        })
        .collect();
    let form = if fields.is_empty() {
        quote!(let form = ::cpaas_runtime::Form::new();)
    } else {
        quote!(let mut form = ::cpaas_runtime::Form::new();)
    };
    quote! {
        #form
        #(#fields)*
        request = request.body(::cpaas_runtime::Body::multipart(form)?);
    }
}

//! Small token helpers every other file uses: identifiers, doc attributes, and the Rust type
//! (or the short description, enum values, string-likeness) of an IR type reference.
//! Nothing here knows about operations or modules.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::docs;
use crate::ir::{Api, TypeKind, TypeRef};

pub(super) fn ident(s: &str) -> Ident {
    if crate::naming::is_keyword(s) {
        Ident::new_raw(s, Span::call_site())
    } else {
        Ident::new(s, Span::call_site())
    }
}

pub(super) fn doc_attr(text: &str) -> TokenStream {
    let md = docs::markdown(text);
    let lines = md.lines().map(|l| {
        let l = format!(" {l}");
        quote!(#[doc = #l])
    });
    quote!(#(#lines)*)
}

pub(super) fn plain_doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| {
        let l = format!(" {l}");
        quote!(#[doc = #l])
    });
    quote!(#(#lines)*)
}

pub(super) fn type_tokens(api: &Api, t: &TypeRef, in_types: bool) -> TokenStream {
    match t {
        TypeRef::String => quote!(::std::string::String),
        TypeRef::Integer(32) => quote!(i32),
        TypeRef::Integer(_) => quote!(i64),
        TypeRef::Number => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::Uuid => quote!(::cpaas_runtime::types::Uuid),
        TypeRef::DateTime => quote!(::cpaas_runtime::types::DateTime),
        TypeRef::DateTimeRfc2822 => quote!(::cpaas_runtime::types::Rfc2822DateTime),
        TypeRef::Date => quote!(::cpaas_runtime::types::Date),
        TypeRef::Uri => quote!(::cpaas_runtime::types::Url),
        TypeRef::Any => quote!(::cpaas_runtime::serde_json::Value),
        TypeRef::Array(inner) => {
            let i = type_tokens(api, inner, in_types);
            quote!(::std::vec::Vec<#i>)
        }
        TypeRef::Map(inner) => {
            let i = type_tokens(api, inner, in_types);
            quote!(::std::collections::BTreeMap<::std::string::String, #i>)
        }
        TypeRef::Named(id) => {
            let n = ident(&api.types[*id].rust_name);
            if in_types {
                quote!(#n)
            } else {
                quote!(super::types::#n)
            }
        }
        TypeRef::Nullable(inner) => {
            let i = type_tokens(api, inner, in_types);
            quote!(::std::option::Option<#i>)
        }
    }
}

pub(super) fn type_desc(api: &Api, t: &TypeRef) -> String {
    match t {
        TypeRef::String => "string".into(),
        TypeRef::Integer(_) => "integer".into(),
        TypeRef::Number => "number".into(),
        TypeRef::Boolean => "boolean".into(),
        TypeRef::Uuid => "uuid".into(),
        TypeRef::DateTime => "date-time".into(),
        TypeRef::DateTimeRfc2822 => "date-time-rfc-2822".into(),
        TypeRef::Date => "date".into(),
        TypeRef::Uri => "uri".into(),
        TypeRef::Any => "json".into(),
        TypeRef::Array(i) => format!("array of {}", type_desc(api, i)),
        TypeRef::Map(i) => format!("map of {}", type_desc(api, i)),
        TypeRef::Named(id) => match &api.types[*id].kind {
            TypeKind::Enum { .. } => "string".into(),
            TypeKind::Alias(t) => type_desc(api, t),
            _ => format!("json ({})", api.types[*id].rust_name),
        },
        TypeRef::Nullable(i) => format!("{} or null", type_desc(api, i)),
    }
}

pub(super) fn enum_values(api: &Api, t: &TypeRef) -> Vec<String> {
    match t {
        TypeRef::Named(id) => match &api.types[*id].kind {
            TypeKind::Enum { values } => values.iter().map(|v| v.value.clone()).collect(),
            TypeKind::Alias(t) => enum_values(api, t),
            _ => Vec::new(),
        },
        TypeRef::Nullable(t) | TypeRef::Array(t) => enum_values(api, t),
        _ => Vec::new(),
    }
}

pub(super) fn is_stringish(api: &Api, t: &TypeRef) -> bool {
    match t {
        TypeRef::String => true,
        TypeRef::Named(id) => {
            matches!(&api.types[*id].kind, TypeKind::Alias(t) if is_stringish(api, t))
        }
        _ => false,
    }
}

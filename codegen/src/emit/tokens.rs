//! Small token helpers every other file uses: identifiers, doc attributes, and the Rust type
//! (or the short description, enum values, string-likeness, secretness) of an IR type
//! reference.
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
        TypeRef::Secret => quote!(::cpaas_runtime::Secret),
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
        TypeRef::Secret => crate::ir::SECRET_DESCRIPTION.into(),
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

/// What a field, argument or body of type `Secret` says in its documentation.
pub(super) const SECRET_NOTE: &str = "Held in `Secret`: a credential, so `Debug` and \
    `Display` print `[redacted]`; read it with `expose()`, it is sent and received as the \
    plain string.";

/// Whether `t` is a free string (`String` or `Secret`, through aliases): what length and
/// pattern checks apply to and what setters take by `Into`.
pub(super) fn is_stringish(api: &Api, t: &TypeRef) -> bool {
    match t {
        TypeRef::String | TypeRef::Secret => true,
        TypeRef::Named(id) => {
            matches!(&api.types[*id].kind, TypeKind::Alias(t) if is_stringish(api, t))
        }
        _ => false,
    }
}

/// How many aliases, lists and maps [`holds_secret`] and [`is_secret`] look through: an alias
/// may close a cycle (`A = Vec<A>`), which must not recurse for ever.
const SECRET_DEPTH: usize = 32;

/// Whether `t` holds a secret anywhere (a `Secret`, possibly nullable, in a list or map, or
/// behind an alias): what gets [`SECRET_NOTE`].
pub(super) fn holds_secret(api: &Api, t: &TypeRef) -> bool {
    fn walk(api: &Api, t: &TypeRef, depth: usize) -> bool {
        if depth > SECRET_DEPTH {
            return false;
        }
        match t {
            TypeRef::Secret => true,
            TypeRef::Nullable(i) | TypeRef::Array(i) | TypeRef::Map(i) => walk(api, i, depth + 1),
            TypeRef::Named(id) => {
                matches!(&api.types[*id].kind, TypeKind::Alias(t) if walk(api, t, depth + 1))
            }
            _ => false,
        }
    }
    walk(api, t, 0)
}

/// Whether the free string `t` ([`is_stringish`]) is a `Secret` (directly or by an alias).
pub(super) fn is_secret(api: &Api, t: &TypeRef) -> bool {
    let mut t = t;
    for _ in 0..SECRET_DEPTH {
        match t {
            TypeRef::Secret => return true,
            TypeRef::Named(id) => match &api.types[*id].kind {
                TypeKind::Alias(inner) => t = inner,
                _ => return false,
            },
            _ => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::TypeDef;

    #[test]
    fn secrets_are_found_through_aliases_and_alias_cycles_end() {
        let alias = |t: TypeRef| TypeDef {
            rust_name: "T".into(),
            source_name: None,
            kind: TypeKind::Alias(t),
            description: None,
        };
        let api = Api {
            types: vec![
                // `A = Vec<A>` and `B = C`, `C = B`: cycles a broken document can give.
                alias(TypeRef::Array(Box::new(TypeRef::Named(0)))),
                alias(TypeRef::Named(2)),
                alias(TypeRef::Named(1)),
                alias(TypeRef::Nullable(Box::new(TypeRef::Secret))),
            ],
            ..Api::default()
        };
        for id in 0..3 {
            assert!(!holds_secret(&api, &TypeRef::Named(id)));
            assert!(!is_secret(&api, &TypeRef::Named(id)));
        }
        assert!(holds_secret(
            &api,
            &TypeRef::Array(Box::new(TypeRef::Named(3)))
        ));
        assert!(is_secret(&api, &TypeRef::Secret));
        assert!(!is_secret(&api, &TypeRef::String));
    }
}

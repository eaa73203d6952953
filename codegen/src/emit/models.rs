//! The `types` module: one item per model of the type graph (structs with a written-out
//! `Deserialize`, string enums, untagged and tagged unions, aliases) and their fields, with
//! the serde traits the model needs.
//!
//! Entry point: [`api_types`].

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::plan::{Prepared, SerdeUse};
use super::tokens::{SECRET_NOTE, doc_attr, holds_secret, ident, type_desc, type_tokens};
use crate::ir::{Api, Constraints, Field, Required, TypeDef, TypeKind};

pub(super) const TYPES_DOC: &str = " Request and response models.";

/// The models of `types[range]`.
pub(super) fn api_types(p: &Prepared, range: std::ops::Range<usize>) -> TokenStream {
    let items = p.api.types[range.clone()]
        .iter()
        .zip(&p.uses[range])
        .map(|(t, u)| emit_type(p.api, t, *u));
    quote!(#(#items)*)
}

fn serde_derive(extra: TokenStream, u: SerdeUse) -> TokenStream {
    let ser = u.ser.then(|| quote!(::cpaas_runtime::serde::Serialize,));
    let de = u.de.then(|| quote!(::cpaas_runtime::serde::Deserialize,));
    // The `serde` attributes need a serde derive to read them.
    let krate = (u.ser || u.de).then(|| quote!(#[serde(crate = "::cpaas_runtime::serde")]));
    quote! {
        #[derive(Clone, Debug, PartialEq, #extra #ser #de)]
        #krate
    }
}

/// `Serialize`/`Deserialize` for a string enum through its wire value, as `u` needs them.
fn string_enum_serde(name: &Ident, u: SerdeUse) -> TokenStream {
    let ser = u.ser.then(|| {
        quote! {
            impl ::cpaas_runtime::serde::Serialize for #name {
                fn serialize<S: ::cpaas_runtime::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                    s.serialize_str(self.as_str())
                }
            }
        }
    });
    let de_impl = quote! {
        impl<'de> ::cpaas_runtime::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::cpaas_runtime::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                ::cpaas_runtime::de::from_str(d)
            }
        }
    };
    let de = de_where_needed(de_impl, u);
    quote!(#ser #de)
}

/// A written-out `Deserialize` impl where `u` needs it: when responses carry the model.
fn de_where_needed(de_impl: TokenStream, u: SerdeUse) -> TokenStream {
    if u.de { de_impl } else { quote!() }
}

fn emit_type(api: &Api, t: &TypeDef, u: SerdeUse) -> TokenStream {
    let name = ident(&t.rust_name);
    let mut doc = t.description.clone().unwrap_or_default();
    if let Some(src) = &t.source_name {
        if src != &t.rust_name {
            if !doc.is_empty() {
                doc.push_str("\n\n");
            }
            doc.push_str(&format!("Source schema: `{src}`."));
        }
    }
    if doc.is_empty() {
        doc = format!("`{}`.", t.rust_name);
    }
    let doc = doc_attr(&doc);
    match &t.kind {
        TypeKind::Struct { fields, .. } => {
            let all_optional = fields.iter().all(|f| !f.required.is_required());
            // Deserialize is written out (struct_deserialize), lighter than serde's derive.
            let derive_use = SerdeUse { de: false, ..u };
            let default = all_optional.then(|| quote!(Default,));
            let derive = serde_derive(quote!(#default), derive_use);
            let fs = fields.iter().map(|f| emit_field(api, f, true, u.ser));
            let de = de_where_needed(struct_deserialize(api, &name, fields), u);
            quote! {
                #doc
                #derive
                pub struct #name {
                    #(#fs)*
                }

                #de
            }
        }
        TypeKind::Enum { values } => {
            let serde = string_enum_serde(&name, u);
            let vs = values.iter().map(|v| {
                let vi = ident(&v.rust_name);
                let wire = &v.value;
                let d = match &v.description {
                    Some(text) => doc_attr(&format!("`{wire}`: {text}")),
                    None => {
                        let d = format!(" `{wire}`");
                        quote!(#[doc = #d])
                    }
                };
                quote!(#d #vi,)
            });
            let arms = values.iter().map(|v| {
                let vi = ident(&v.rust_name);
                let wire = &v.value;
                quote!(#name::#vi => #wire,)
            });
            let from_arms = values.iter().map(|v| {
                let vi = ident(&v.rust_name);
                let wire = &v.value;
                quote!(#wire => #name::#vi,)
            });
            quote! {
                #doc
                #[derive(Clone, Debug, PartialEq, Eq, Hash)]
                pub enum #name {
                    #(#vs)*
                    /// A value this version of the API description does not list.
                    Unknown(::std::string::String),
                }

                #serde

                impl #name {
                    /// The wire value.
                    #[inline]
                    pub fn as_str(&self) -> &str {
                        match self {
                            #(#arms)*
                            #name::Unknown(v) => v.as_str(),
                        }
                    }
                }

                impl ::std::fmt::Display for #name {
                    #[inline]
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(self.as_str())
                    }
                }

                impl ::std::str::FromStr for #name {
                    type Err = ::std::convert::Infallible;
                    #[inline]
                    fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                        Ok(match s {
                            #(#from_arms)*
                            other => #name::Unknown(other.to_string()),
                        })
                    }
                }
            }
        }
        TypeKind::Union { variants } => {
            let derive = serde_derive(quote!(), u);
            let vs = variants.iter().map(|v| {
                let vi = ident(&v.rust_name);
                let ty = type_tokens(api, &v.ty, true);
                let ty = if v.boxed {
                    quote!(::std::boxed::Box<#ty>)
                } else {
                    ty
                };
                let d = format!(" A `{}`.", type_desc(api, &v.ty));
                quote!(#[doc = #d] #vi(#ty),)
            });
            quote! {
                #doc
                #derive
                #[serde(untagged)]
                #[allow(clippy::large_enum_variant)]
                pub enum #name {
                    #(#vs)*
                }
            }
        }
        TypeKind::Tagged { tag, variants } => {
            let derive = serde_derive(quote!(), u);
            let vs = variants.iter().map(|v| {
                let vi = ident(&v.rust_name);
                let wire = &v.value;
                let d = match &v.description {
                    Some(text) => doc_attr(&format!("`{tag}: {wire}`: {text}")),
                    None => doc_attr(&format!("`{tag}: {wire}`.")),
                };
                let fs = v.fields.iter().map(|f| emit_field(api, f, false, true));
                quote!(#d #[serde(rename = #wire)] #vi { #(#fs)* },)
            });
            quote! {
                #doc
                #derive
                #[serde(tag = #tag)]
                #[allow(clippy::large_enum_variant)]
                pub enum #name {
                    #(#vs)*
                    /// A variant this version of the API description does not list (its fields
                    /// are dropped); it cannot be sent.
                    #[serde(other, skip_serializing)]
                    Unknown,
                }
            }
        }
        TypeKind::Alias(target) => {
            let ty = type_tokens(api, target, true);
            quote! {
                #doc
                pub type #name = #ty;
            }
        }
    }
}

/// A struct's `Deserialize`: one `visit_map` that matches wire names, keeps what it knows,
/// skips unknown members and names a missing required one. Optional and nullable members
/// read `null` and absence as `None`, as the derived impl does; unlike serde's derive there is
/// no sequence form and no per-struct field-identifier type, which makes it several times
/// smaller to compile.
fn struct_deserialize(api: &Api, name: &Ident, fields: &[Field]) -> TokenStream {
    let expecting = format!("an object ({name})");
    // One local `Option` per field, set by its member's value.
    let local = |f: &Field| ident(&format!("f_{}", f.rust_name));
    let locals = fields.iter().map(|f| {
        let (v, ty) = (local(f), field_value_type(api, f));
        quote!(let mut #v: ::std::option::Option<#ty> = None;)
    });
    let arms = fields.iter().map(|f| {
        let (v, wire) = (local(f), &f.name);
        if f.is_option() {
            quote!(#wire => #v = map.next_value()?,)
        } else {
            quote!(#wire => #v = Some(map.next_value()?),)
        }
    });
    let inits = fields.iter().map(|f| {
        let (field, v, wire) = (ident(&f.rust_name), local(f), &f.name);
        if f.is_option() {
            quote!(#field: #v,)
        } else {
            quote!(#field: ::cpaas_runtime::de::required(#v, #wire)?,)
        }
    });
    let body = if fields.is_empty() {
        quote! {
            while map.next_key::<::cpaas_runtime::serde::de::IgnoredAny>()?.is_some() {
                map.next_value::<::cpaas_runtime::serde::de::IgnoredAny>()?;
            }
        }
    } else {
        quote! {
            #(#locals)*
            while let Some(key) = map.next_key::<::cpaas_runtime::de::Key<'de>>()? {
                match key.as_str() {
                    #(#arms)*
                    _ => {
                        map.next_value::<::cpaas_runtime::serde::de::IgnoredAny>()?;
                    }
                }
            }
        }
    };
    quote! {
        #[allow(deprecated)]
        impl<'de> ::cpaas_runtime::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::cpaas_runtime::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                // A name camel-cased model names never take.
                struct __Visitor;
                impl<'de> ::cpaas_runtime::serde::de::Visitor<'de> for __Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: ::cpaas_runtime::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<#name, A::Error> {
                        #body
                        Ok(#name { #(#inits)* })
                    }
                }
                d.deserialize_map(__Visitor)
            }
        }
    }
}

fn field_doc(
    description: Option<&str>,
    required: Required,
    nullable: bool,
    c: &Constraints,
) -> String {
    let mut d = description.unwrap_or("").to_string();
    let mut notes = Vec::new();
    match required {
        Required::Yes => notes.push("required".to_string()),
        Required::No => {}
        Required::Unknown => notes.push("requiredness not stated by the source".to_string()),
    }
    if nullable {
        notes.push("may be `null`".into());
    }
    if let Some(n) = c.min_length {
        notes.push(format!("min length {n}"));
    }
    if let Some(n) = c.max_length {
        notes.push(format!("max length {n}"));
    }
    if let Some(p) = &c.pattern {
        notes.push(format!("pattern `{}`", p.replace('`', "'")));
    }
    if !notes.is_empty() {
        if !d.is_empty() {
            d.push_str("\n\n");
        }
        d.push('(');
        d.push_str(&notes.join("; "));
        d.push(')');
    }
    d
}

/// A field's value type: its type without `null`, boxed where it closes a cycle.
fn field_value_type(api: &Api, f: &Field) -> TokenStream {
    let ty = type_tokens(api, f.ty.strip_nullable().0, true);
    if f.boxed {
        quote!(::std::boxed::Box<#ty>)
    } else {
        ty
    }
}

/// A struct field (`public`) or an enum variant's field; `serde` attributes only where a serde
/// derive reads them.
fn emit_field(api: &Api, f: &Field, public: bool, serde: bool) -> TokenStream {
    let name = ident(&f.rust_name);
    let vis = public.then(|| quote!(pub));
    let wire = &f.name;
    let ty = field_value_type(api, f);
    let renamed = f.rust_name != *wire;
    let rename = renamed.then(|| quote!(rename = #wire,));
    let mut text = field_doc(
        f.description.as_deref(),
        f.required,
        f.ty.strip_nullable().1,
        &f.constraints,
    );
    if text.is_empty() {
        text = format!("`{wire}` (the source gives no description).");
    }
    if holds_secret(api, &f.ty) {
        text.push_str("\n\n");
        text.push_str(SECRET_NOTE);
    }
    let doc = doc_attr(&text);
    let dep = f.deprecated.then(|| quote!(#[deprecated]));
    let (ty, attr) = if !f.is_option() {
        (ty, renamed.then(|| quote!(#[serde(rename = #wire)])))
    } else if f.required.is_required() {
        // Required but nullable: always sent, `null` when `None`.
        (
            quote!(::std::option::Option<#ty>),
            Some(quote!(#[serde(#rename default)])),
        )
    } else {
        (
            quote!(::std::option::Option<#ty>),
            Some(quote!(#[serde(#rename default, skip_serializing_if = "Option::is_none")])),
        )
    };
    let attr = attr.filter(|_| serde);
    quote! { #doc #dep #attr #vis #name: #ty, }
}

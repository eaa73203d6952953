//! The `builder` module: one request builder per operation, with its setters, argument
//! validations, the path template filled in, the request built, and the answer decoded by
//! status (the arms come from `responses`); every builder takes the call's
//! `cpaas_runtime::RequestOptions` with `.options(…)`, and a streaming operation gets
//! `events()` (from `events`).
//!
//! Entry point: [`api_builders`].

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::events::events_method;
use super::multipart::multipart_step;
use super::options::EmitOptions;
use super::pagination::paging_methods;
use super::plan::{Arg, OpPlan, Prepared};
use super::responses::{decode_arms, success_type};
use super::tokens::{
    SECRET_NOTE, doc_attr, holds_secret, ident, is_secret, is_stringish, type_tokens,
};
use crate::ir::{Api, BodyEncoding, ParamLocation, PathSegment, Required, TypeKind, TypeRef};

pub(super) const BUILDER_DOC: &str = " Request builders: one per operation.";

/// The builders of `plans[range]`.
pub(super) fn api_builders(
    p: &Prepared,
    opts: &EmitOptions,
    range: std::ops::Range<usize>,
) -> TokenStream {
    let items = p.plans[range]
        .iter()
        .map(|pl| emit_builder(p.api, pl, opts));
    quote!(#(#items)*)
}

/// The setter's parameter type and how to store it.
fn setter_type(api: &Api, a: &Arg) -> (TokenStream, TokenStream) {
    let (inner, _) = a.ty.strip_nullable();
    if a.file {
        return (stored_type(api, a), quote!(value));
    }
    let ty = type_tokens(api, inner, false);
    if is_secret(api, inner) {
        (
            quote!(impl ::std::convert::Into<::cpaas_runtime::Secret>),
            quote!(value.into()),
        )
    } else if is_stringish(api, inner) {
        (
            quote!(impl ::std::convert::Into<::std::string::String>),
            quote!(value.into()),
        )
    } else if a.boxed {
        (ty, quote!(::std::boxed::Box::new(value)))
    } else {
        (ty, quote!(value))
    }
}

fn stored_type(api: &Api, a: &Arg) -> TokenStream {
    let (inner, _) = a.ty.strip_nullable();
    if a.file {
        return match inner {
            TypeRef::Array(_) => quote!(::std::vec::Vec<::cpaas_runtime::Part>),
            _ => quote!(::cpaas_runtime::Part),
        };
    }
    let ty = type_tokens(api, inner, false);
    if a.boxed {
        quote!(::std::boxed::Box<#ty>)
    } else {
        ty
    }
}

fn validations(api: &Api, a: &Arg, value: TokenStream) -> TokenStream {
    if a.file {
        return quote!();
    }
    let c = &a.constraints;
    let field = &a.wire;
    let (inner, _) = a.ty.strip_nullable();
    let mut checks = Vec::new();
    if is_stringish(api, inner) {
        // A secret is checked on its value; the checks' messages never print the value.
        let text = if is_secret(api, inner) {
            quote!(v.expose())
        } else {
            quote!(v)
        };
        if let Some(n) = c.min_length {
            checks.push(quote!(::cpaas_runtime::validate::min_length(#field, #text, #n)?;));
        }
        if let Some(n) = c.max_length {
            checks.push(quote!(::cpaas_runtime::validate::max_length(#field, #text, #n)?;));
        }
        if let Some(pat) = &c.pattern {
            checks.push(quote!(::cpaas_runtime::validate::pattern(#field, #text, #pat)?;));
        }
    }
    if matches!(inner, TypeRef::Integer(_) | TypeRef::Number) {
        if let Some((m, ex)) = c.minimum {
            let m = Literal::f64_suffixed(m);
            checks.push(quote!(::cpaas_runtime::validate::minimum(#field, *v as f64, #m, #ex)?;));
        }
        if let Some((m, ex)) = c.maximum {
            let m = Literal::f64_suffixed(m);
            checks.push(quote!(::cpaas_runtime::validate::maximum(#field, *v as f64, #m, #ex)?;));
        }
    }
    if matches!(inner, TypeRef::Array(_)) {
        if let Some(n) = c.min_items {
            checks.push(quote!(::cpaas_runtime::validate::min_items(#field, v.len(), #n)?;));
        }
        if let Some(n) = c.max_items {
            checks.push(quote!(::cpaas_runtime::validate::max_items(#field, v.len(), #n)?;));
        }
    }
    // A value the API does not list (the enum's fallback variant) is refused before sending.
    let enum_check = match inner {
        TypeRef::Named(id) if matches!(api.types[*id].kind, TypeKind::Enum { .. }) => {
            let n = ident(&api.types[*id].rust_name);
            quote! {
                if let Some(super::types::#n::Unknown(other)) = #value {
                    return Err(::cpaas_runtime::Error::validation(
                        #field,
                        format!("`{other}` is not one of the values the API lists"),
                    ));
                }
            }
        }
        _ => quote!(),
    };
    if checks.is_empty() {
        return enum_check;
    }
    quote! {
        if let Some(v) = #value {
            #(#checks)*
        }
        #enum_check
    }
}

fn emit_builder(api: &Api, p: &OpPlan, opts: &EmitOptions) -> TokenStream {
    let op = p.op;
    let name = ident(&p.builder);
    let error = ident(&p.error);
    let success = success_type(api, op);
    let fields = p.args.iter().map(|a| {
        let f = ident(&a.setter);
        let t = stored_type(api, a);
        quote!(#f: ::std::option::Option<#t>,)
    });
    let inits = p.args.iter().map(|a| {
        let f = ident(&a.setter);
        quote!(#f: None,)
    });
    let setters = p.args.iter().map(|a| {
        let f = ident(&a.setter);
        let (arg_ty, store) = setter_type(api, a);
        let mut d = a.description.clone().unwrap_or_default();
        let loc = if a.location == "body" {
            "body field".to_string()
        } else {
            format!("{} parameter", a.location)
        };
        if !d.is_empty() {
            d.push_str("\n\n");
        }
        d.push_str(&format!("`{}` ({loc}", a.wire));
        let client_filled = a.param == Some(ParamLocation::Path)
            && opts.is_client_path_param(&api.provider, &a.wire);
        match a.required {
            _ if client_filled => d.push_str(&format!(
                "): filled by the client from its configuration \
                 (`ClientBuilder::path_default(\"{}\", …)`, which the provider's credentials \
                 set) unless set here.",
                a.wire
            )),
            Required::Yes => d.push_str(", required)."),
            Required::No => d.push_str(", optional)."),
            Required::Unknown => d.push_str(", the source does not say whether it is required)."),
        }
        if holds_secret(api, &a.ty) {
            d.push_str("\n\n");
            d.push_str(SECRET_NOTE);
        }
        let doc = doc_attr(&d);
        quote! {
            #doc
            #[inline]
            pub fn #f(mut self, value: #arg_ty) -> Self {
                self.#f = Some(#store);
                self
            }
        }
    });

    // Body whole-value setter.
    // (A multipart body is only given field by field: its file fields are no struct fields.)
    let body_ty = op.body.as_ref().and_then(|b| match b.encoding {
        BodyEncoding::Bytes => Some(quote!(::std::vec::Vec<u8>)),
        BodyEncoding::Text => Some(quote!(::std::string::String)),
        BodyEncoding::Multipart => None,
        _ => Some(type_tokens(api, b.ty.strip_nullable().0, false)),
    });
    let body_field = body_ty
        .as_ref()
        .map(|t| quote!(body: ::std::option::Option<#t>,));
    let body_init = body_ty.as_ref().map(|_| quote!(body: None,));
    let body_setter = body_ty.as_ref().map(|t| {
        let extra = if p.body_struct.is_some() {
            " Fields set with their own setters are ignored when a whole body is given."
        } else {
            ""
        };
        let d = format!(
            " The whole request body (`{}`).{extra}",
            op.body
                .as_ref()
                .map(|b| b.content_type.as_str())
                .unwrap_or("")
        );
        quote! {
            #[doc = #d]
            #[inline]
            pub fn body(mut self, value: #t) -> Self {
                self.body = Some(value);
                self
            }
        }
    });

    // send(): checks, path, query, headers, body, execute, status mapping.
    let mut steps = Vec::new();
    for a in &p.args {
        let f = ident(&a.setter);
        let wire = &a.wire;
        let checks = validations(api, a, quote!(&self.#f));
        steps.push(checks);
        if a.param == Some(ParamLocation::Path) {
            steps.push(quote! {
                let #f = match self.#f {
                    Some(v) => ::cpaas_runtime::param_string(&v),
                    None => self
                        .client
                        .runtime
                        .path_default(#wire)
                        .map(str::to_string)
                        .ok_or_else(|| ::cpaas_runtime::Error::validation(#wire, "a required path parameter is missing"))?,
                };
            });
        } else if a.required.is_required() && a.param.is_some() {
            steps.push(quote! {
                if self.#f.is_none() {
                    return Err(::cpaas_runtime::Error::validation(#wire, "a required parameter is missing"));
                }
            });
        }
    }
    // Path.
    let mut fmt = String::new();
    let mut fmt_args = Vec::new();
    for segment in &op.template.segments {
        match segment {
            PathSegment::Literal(text) => fmt.push_str(&text.replace('{', "{{").replace('}', "}}")),
            PathSegment::Param(pname) => {
                if let Some(a) = p
                    .args
                    .iter()
                    .find(|a| a.param == Some(ParamLocation::Path) && &a.wire == pname)
                {
                    let f = ident(&a.setter);
                    fmt.push_str("{}");
                    fmt_args.push(quote!(::cpaas_runtime::encode_path(&#f)));
                } else {
                    fmt.push_str(&format!("{{{{{pname}}}}}"));
                }
            }
        }
    }
    let path_expr = if fmt_args.is_empty() {
        quote!(#fmt.to_string())
    } else {
        quote!(format!(#fmt, #(#fmt_args),*))
    };
    let op_name = &op.rust_name;
    let method = ident(&op.method);
    let template = &op.path;
    let mut req_steps = Vec::new();
    for a in &p.args {
        let f = ident(&a.setter);
        let wire = &a.wire;
        match a.param {
            Some(ParamLocation::Query) => {
                let array = matches!(a.ty.strip_nullable().0, TypeRef::Array(_));
                if let (true, Some(join)) = (array, a.join) {
                    let sep = join.to_string();
                    req_steps.push(quote! {
                        if let Some(items) = &self.#f {
                            let joined: ::std::vec::Vec<::std::string::String> =
                                items.iter().map(::cpaas_runtime::param_string).collect();
                            request = request.query(#wire, joined.join(#sep));
                        }
                    });
                } else if array {
                    req_steps.push(quote! {
                        for v in self.#f.iter().flatten() {
                            request = request.query(#wire, ::cpaas_runtime::param_string(v));
                        }
                    });
                } else {
                    req_steps.push(quote! {
                        if let Some(v) = &self.#f {
                            request = request.query(#wire, ::cpaas_runtime::param_string(v));
                        }
                    });
                }
            }
            Some(ParamLocation::Header) => req_steps.push(quote! {
                if let Some(v) = &self.#f {
                    request = request.header(#wire, ::cpaas_runtime::param_string(v));
                }
            }),
            Some(ParamLocation::Cookie) => req_steps.push(quote! {
                if let Some(v) = &self.#f {
                    request = request.header("Cookie", format!("{}={}", #wire, ::cpaas_runtime::param_string(v)));
                }
            }),
            _ => {}
        }
    }
    // Body.
    if let Some(b) = op
        .body
        .as_ref()
        .filter(|b| b.encoding == BodyEncoding::Multipart)
    {
        req_steps.push(multipart_step(api, p, b));
    } else if let Some(b) = &op.body {
        let body_value = if let Some(id) = p.body_struct {
            let ty = ident(&api.types[id].rust_name);
            let assigns = p.args.iter().filter(|a| a.param.is_none()).map(|a| {
                let f = ident(&a.setter);
                let field = match &api.types[id].kind {
                    TypeKind::Struct { fields, .. } => fields
                        .iter()
                        .find(|x| x.name == a.wire)
                        .map(|x| ident(&x.rust_name))
                        .unwrap_or_else(|| f.clone()),
                    _ => f.clone(),
                };
                let wire = &a.wire;
                let (_, nullable) = a.ty.strip_nullable();
                if a.required.is_required() && !nullable {
                    quote!(#field: self.#f.ok_or_else(|| ::cpaas_runtime::Error::validation(#wire, "a required body field is missing"))?,)
                } else {
                    quote!(#field: self.#f,)
                }
            });
            quote! {
                match self.body {
                    Some(body) => Some(body),
                    None => Some(super::types::#ty { #(#assigns)* }),
                }
            }
        } else {
            quote!(self.body)
        };
        let encode = match b.encoding {
            BodyEncoding::Json => quote!(::cpaas_runtime::Body::json(&body)?),
            BodyEncoding::Form => quote!(::cpaas_runtime::Body::form(&body)?),
            BodyEncoding::Text => quote!(::cpaas_runtime::Body::text(body)),
            BodyEncoding::Bytes | BodyEncoding::Multipart => {
                let ct = &b.content_type;
                quote!(::cpaas_runtime::Body::Bytes { content_type: #ct.to_string(), data: body })
            }
        };
        let ct = &b.content_type;
        let standard = matches!(
            b.content_type.to_ascii_lowercase().as_str(),
            "application/json" | "application/x-www-form-urlencoded" | "text/plain"
        ) || b.encoding == BodyEncoding::Bytes;
        let ct_header = if standard {
            quote!()
        } else {
            quote!(request = request.header("Content-Type", #ct);)
        };
        let missing = if b.required && p.body_struct.is_none() {
            quote!(else { return Err(::cpaas_runtime::Error::validation("body", "a request body is required")); })
        } else {
            quote!()
        };
        req_steps.push(quote! {
            let body = #body_value;
            if let Some(body) = body {
                request = request.body(#encode);
                #ct_header
            } #missing
        });
    }
    let decode_body = decode_arms(op, &p.error);
    let blocking = if opts.blocking {
        quote! {
            /// Sends the request and waits for the answer without an async runtime.
            #[cfg(feature = "blocking")]
            #[allow(clippy::result_large_err)]
            pub fn send_blocking(self) -> ::std::result::Result<::cpaas_runtime::ResponseValue<#success>, ::cpaas_runtime::Error<super::errors::#error>> {
                ::cpaas_runtime::blocking::block_on(self.send())
            }
        }
    } else {
        quote!()
    };
    let paging = paging_methods(api, op, &success, &quote!(super::errors::#error));
    let events = events_method(api, op, &error);
    let doc = format!(" Request builder for [`super::Client::{}`].", op.rust_name);
    let needs_mut = !req_steps.is_empty();
    let request_let = if needs_mut {
        quote!(let mut request)
    } else {
        quote!(let request)
    };
    quote! {
        #[doc = #doc]
        #[derive(Debug)]
        #[must_use = "a request builder does nothing until `send` is called"]
        pub struct #name<'a> {
            client: &'a super::Client,
            #(#fields)*
            #body_field
            options: ::cpaas_runtime::RequestOptions,
        }

        impl<'a> #name<'a> {
            /// A builder with nothing set.
            #[inline]
            pub fn new(client: &'a super::Client) -> Self {
                #name { client, #(#inits)* #body_init options: ::cpaas_runtime::RequestOptions::new() }
            }

            #(#setters)*
            #body_setter

            /// This call's options (timeout, retries, extra headers, idempotency key), which
            /// override the client's configuration.
            #[inline]
            pub fn options(mut self, options: ::cpaas_runtime::RequestOptions) -> Self {
                self.options = options;
                self
            }

            /// Validates the arguments and sends the request; await the answer, decoded by
            /// status into the success type or this operation's typed error.
            #[inline]
            pub fn send(self) -> ::cpaas_runtime::Call<'a, #success, super::errors::#error> {
                let runtime = &self.client.runtime;
                runtime.call(self.request(), Self::decode)
            }

            /// The request, or why it cannot be sent.
            #[allow(deprecated)]
            #[inline]
            fn request(self) -> ::std::result::Result<::cpaas_runtime::Request, ::cpaas_runtime::Error<super::errors::#error>> {
                #(#steps)*
                #request_let = ::cpaas_runtime::Request::new(
                    #op_name,
                    ::cpaas_runtime::http::Method::#method,
                    #template,
                    #path_expr,
                );
                #(#req_steps)*
                Ok(request.options(self.options))
            }

            /// The answer by status.
            #[inline]
            fn decode(response: ::cpaas_runtime::RawResponse) -> ::std::result::Result<::cpaas_runtime::ResponseValue<#success>, ::cpaas_runtime::Error<super::errors::#error>> {
                #decode_body
            }

            #events

            #blocking
            #paging
        }
    }
}

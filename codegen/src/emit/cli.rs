//! The `cli` module of an API, for the `cpaas` command line: the operation table (flags, mock
//! answers, auth) and one small `call_<op>` function per operation that parses flags into the
//! builder and sends it.
//!
//! Entry points: [`cli_head`] and [`cli_call_fns`].

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::plan::OpPlan;
use super::tokens::{enum_values, ident, type_desc, type_tokens};
use crate::ir::{Api, AuthKind, Operation, TypeRef};
use crate::naming::kebab;

fn mock_tokens(m: &crate::mock::MockBody) -> TokenStream {
    let (status, covers, ct, body, source) =
        (m.status, &m.covers, &m.content_type, &m.body, &m.source);
    quote!(::cpaas_runtime::cli::MockResponse {
        status: #status, covers: #covers, content_type: #ct, body: #body, source: #source,
    })
}

fn auth_tokens(api: &Api, scheme: &str) -> TokenStream {
    let kind = api
        .security_schemes
        .iter()
        .find(|s| s.name == scheme)
        .map(|s| &s.kind);
    let (kind, location, name) = match kind {
        Some(AuthKind::Basic) => ("basic", "header", "Authorization"),
        Some(AuthKind::Bearer) => ("bearer", "header", "Authorization"),
        Some(AuthKind::OAuth2) => ("oauth2", "header", "Authorization"),
        Some(AuthKind::ApiKey { location, name }) => ("api-key", location.as_str(), name.as_str()),
        Some(AuthKind::Unknown) | None => ("unknown", "header", "Authorization"),
    };
    quote!(::cpaas_runtime::cli::AuthInfo {
        scheme: #scheme, kind: #kind, location: #location, name: #name,
    })
}

pub(super) const CLI_DOC: &str = " Operation table and dispatch for the `cpaas` command line.";

/// The `cli` module's table and dispatcher: `OPERATIONS` and `call`.
pub(super) fn cli_head(api: &Api, plans: &[OpPlan]) -> TokenStream {
    let infos = plans.iter().map(|p| {
        let op = p.op;
        let name = kebab(&op.rust_name);
        let method = &op.method;
        let path = &op.path;
        let summary = op
            .summary
            .clone()
            .or_else(|| op.description.clone())
            .unwrap_or_default();
        let summary = summary.lines().next().unwrap_or("").to_string();
        let rust = format!("{}::{}::Client::{}", api.provider, api.name, op.rust_name);
        let source = if op.source.line > 0 {
            format!("{}:{}", op.source.file.display(), op.source.line)
        } else {
            op.source.file.display().to_string()
        };
        let format = api
            .sources
            .iter()
            .find(|s| s.path == op.source.file)
            .map(|s| s.format.clone())
            .unwrap_or_default();
        let flags = p.args.iter().map(|a| {
            let flag = &a.flag;
            let wire = &a.wire;
            let loc = a.location;
            let req = a.required.is_required();
            let repeated = matches!(a.ty.strip_nullable().0, TypeRef::Array(_));
            let ty = type_desc(api, &a.ty);
            let desc = a.description.clone().unwrap_or_default();
            let values = enum_values(api, &a.ty);
            let example = crate::mock::flag_example(api, &a.ty, &a.constraints, &a.wire);
            quote!(::cpaas_runtime::cli::FlagInfo {
                name: #flag, wire: #wire, location: #loc, required: #req, repeated: #repeated,
                ty: #ty, description: #desc, values: &[#(#values),*], example: #example,
            })
        });
        let mocks = crate::mock::operation_mock(api, op);
        let mock = mock_tokens(&mocks.success);
        let mock_errors = mocks.errors.iter().map(mock_tokens);
        let auth = op
            .scheme_names()
            .into_iter()
            .map(|name| auth_tokens(api, name));
        quote!(::cpaas_runtime::cli::OperationInfo {
            name: #name, method: #method, path: #path, summary: #summary, rust_path: #rust,
            source: #source, format: #format, flags: &[#(#flags),*],
            mock: #mock, mock_errors: &[#(#mock_errors),*], auth: &[#(#auth),*],
        })
    });
    let arms = plans.iter().map(|p| {
        let name = kebab(&p.op.rust_name);
        let f = cli_call_fn(p.op);
        quote!(#name => ::std::boxed::Box::pin(#f(client, args)),)
    });
    let dispatch = if plans.is_empty() {
        quote! {
            let _ = (client, operation, args);
            None
        }
    } else {
        quote! {
            Some(match operation {
                #(#arms)*
                _ => return None,
            })
        }
    };
    quote! {
        /// Every operation of this API with its flags.
        pub static OPERATIONS: &[::cpaas_runtime::cli::OperationInfo] = &[#(#infos),*];

        /// The call of `operation` (kebab-case) with flags from `args`; `None` for an
        /// unknown name.
        pub fn call<'a>(
            client: &'a super::Client,
            operation: &str,
            args: &'a ::cpaas_runtime::cli::Args,
        ) -> ::std::option::Option<::cpaas_runtime::cli::CallFuture<'a>> {
            #dispatch
        }
    }
}

/// The `cli` function calling `op` with flags.
fn cli_call_fn(op: &Operation) -> Ident {
    ident(&format!("call_{}", op.rust_name))
}

/// The `cli` module's per-operation calls of `plans`.
pub(super) fn cli_call_fns(api: &Api, plans: &[OpPlan]) -> TokenStream {
    let fns = plans.iter().map(|p| {
        let method = ident(&p.op.rust_name);
        let f = cli_call_fn(p.op);
        let sets = p.args.iter().map(|a| {
            let flag = &a.flag;
            let f = ident(&a.setter);
            let (inner, _) = a.ty.strip_nullable();
            let ty = type_tokens(api, inner, false);
            // A file part is read from `@PATH`, or is the flag's text.
            let parse = if a.file {
                quote!(::cpaas_runtime::cli::parse_file)
            } else {
                quote!(::cpaas_runtime::cli::parse_arg)
            };
            let one = if a.file {
                quote!(#parse(#flag, v)?)
            } else {
                quote!(#parse::<#ty>(#flag, v)?)
            };
            if let TypeRef::Array(item) = inner {
                let item_ty = if a.file {
                    quote!(::cpaas_runtime::Part)
                } else {
                    type_tokens(api, item, false)
                };
                quote! {
                    let values = args.get_all(#flag);
                    if !values.is_empty() {
                        let parsed: ::std::vec::Vec<#item_ty> = values
                            .iter()
                            .map(|v| #parse(#flag, v))
                            .collect::<::std::result::Result<_, _>>()?;
                        b = b.#f(parsed);
                    }
                }
            } else {
                quote! {
                    if let Some(v) = args.get(#flag) {
                        b = b.#f(#one);
                    }
                }
            }
        });
        let (b, args) = if p.args.is_empty() {
            (quote!(let b = client.#method();), quote!(_args))
        } else {
            (quote!(let mut b = client.#method();), quote!(args))
        };
        quote! {
            #[allow(deprecated)]
            async fn #f(client: &super::Client, #args: &::cpaas_runtime::cli::Args) -> ::cpaas_runtime::cli::CallResult {
                #b
                #(#sets)*
                ::cpaas_runtime::cli::finish(b.send().await)
            }
        }
    });
    quote!(#(#fns)*)
}

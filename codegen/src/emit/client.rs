//! The top of an API module: its documentation, `API` (what the runtime needs to know), the
//! `Client` with its constructors, and one method per operation with the operation's docs and
//! a doctest example.
//!
//! Entry points: [`api_module_doc`] and [`api_top`].

use proc_macro2::TokenStream;
use quote::quote;

use super::auth_doc::auth_paragraph;
use super::options::{EmitError, EmitOptions};
use super::pagination::pagination_doc;
use super::plan::{Arg, OpPlan, Prepared};
use super::tokens::{doc_attr, ident, is_secret, is_stringish, plain_doc};
use crate::ir::{Api, AuthKind, ParamLocation, TypeKind, TypeRef};

/// How many optional body fields an operation's doc example sets, after its required arguments.
const EXAMPLE_OPTIONAL_FIELDS: usize = 3;

/// The API module's documentation.
pub(super) fn api_module_doc(api: &Api) -> TokenStream {
    let base_url = api
        .servers
        .first()
        .map(|s| s.url.clone())
        .unwrap_or_default();
    let mut module_doc = format!(
        "`{}` API of {}{}.\n\nServer: `{}`.\n\nGenerated from:\n",
        api.name,
        api.provider,
        api.title
            .as_ref()
            .map(|t| format!(" ({t})"))
            .unwrap_or_default(),
        if base_url.is_empty() {
            "(none given)"
        } else {
            &base_url
        },
    );
    for s in &api.sources {
        module_doc.push_str(&format!("- `{}` ({})\n", s.path.display(), s.format));
    }
    plain_doc(&module_doc)
}

/// The items at the top of an API module: `API`, `Client` and its methods.
pub(super) fn api_top(p: &Prepared, opts: &EmitOptions) -> Result<TokenStream, EmitError> {
    let api = p.api;
    let provider = &api.provider;
    let api_name = &api.name;
    let server = api.servers.first();
    let base_url = server.map(|s| s.url.clone()).unwrap_or_default();
    let vars = server
        .map(|s| {
            s.variables
                .iter()
                .map(|v| {
                    let n = &v.name;
                    let d = match &v.default {
                        Some(d) => quote!(Some(#d)),
                        None => quote!(None),
                    };
                    let env = format!(
                        "{}_{}",
                        provider.to_ascii_uppercase(),
                        crate::naming::snake(&v.name).to_ascii_uppercase()
                    );
                    quote!(::cpaas_runtime::ServerVariable { name: #n, default: #d, env: Some(#env) })
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let methods = p.plans.iter().map(|pl| emit_method(api, pl, opts));
    let from_env = opts.env_hook_path()?.map(|hook| {
        quote! {
            /// A client configured from the provider's environment variables (credentials,
            /// server variables, `<PROVIDER>_BASE_URL`).
            pub fn from_env() -> ::std::result::Result<Self, ::cpaas_runtime::ConfigError> {
                let builder = #hook(::cpaas_runtime::Client::builder(&API), &API)?;
                Ok(Self::new(builder.build()?))
            }
        }
    });
    let client_doc = plain_doc(&client_doc_text(
        api,
        &base_url,
        opts.env_hook_path()?.is_some(),
    ));
    Ok(quote! {
        /// What the runtime needs to know of this API: provider, name, server URL template.
        pub static API: ::cpaas_runtime::ApiInfo = ::cpaas_runtime::ApiInfo {
            provider: #provider,
            api: #api_name,
            base_url: #base_url,
            server_variables: &[#(#vars),*],
        };

        #client_doc
        #[derive(Clone, Debug)]
        pub struct Client {
            runtime: ::cpaas_runtime::Client,
        }

        impl ::std::convert::From<::cpaas_runtime::Client> for Client {
            fn from(runtime: ::cpaas_runtime::Client) -> Self {
                Client { runtime }
            }
        }

        impl Client {
            /// Wraps a configured runtime client (one built with
            /// `cpaas_runtime::Client::builder(&API)`).
            pub fn new(runtime: ::cpaas_runtime::Client) -> Self {
                Client { runtime }
            }

            /// A builder preset with this API's server URL; its `build()` gives this client.
            pub fn builder() -> ::cpaas_runtime::ClientBuilder<Self> {
                ::cpaas_runtime::ClientBuilder::new(&API)
            }

            /// The runtime client (configuration, base URL).
            pub fn runtime(&self) -> &::cpaas_runtime::Client {
                &self.runtime
            }

            #from_env

            #(#methods)*
        }
    })
}

/// The documentation of an API's `Client`: how to build one, and what the base URL means.
fn client_doc_text(api: &Api, server_url: &str, from_env: bool) -> String {
    let mut d = format!(
        "Client for the `{}` API of {}: one method per operation.\n\n\
         Build one with [`Client::builder`] (set the credentials and, where needed, the base \
         URL, then `build()`)",
        api.name, api.provider
    );
    if from_env {
        d.push_str(" or [`Client::from_env`]");
    }
    d.push_str(", then call an operation method, set its arguments and `send()` it.\n\n");
    if server_url.is_empty() {
        d.push_str(
            "**Base URL.** The source states no server URL: set one with \
             `ClientBuilder::base_url`; operation paths are appended to it.",
        );
        return d;
    }
    let prefix = server_prefix(server_url);
    d.push_str(&format!(
        "**Base URL.** `ClientBuilder::base_url` replaces the whole server URL `{server_url}`, \
         including its path prefix: operation paths are appended to the value as given. "
    ));
    if prefix.is_empty() {
        d.push_str(
            "This server URL has no path prefix, so a mock or proxy is given as a bare host \
             (`http://127.0.0.1:8080`).",
        );
    } else {
        d.push_str(&format!(
            "Operation paths do not repeat `{prefix}`, so a mock or proxy URL must carry it \
             (`http://127.0.0.1:8080{prefix}`)."
        ));
    }
    d
}

/// The path part of a server URL (`/v2` of `https://api.telnyx.com/v2`), without a trailing
/// `/`; empty for a bare host.
fn server_prefix(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.find('/')
        .map_or("", |i| rest[i..].trim_end_matches('/'))
}

fn api_path(api: &Api, opts: &EmitOptions) -> String {
    let mut p = opts.crate_name.clone();
    if !opts.module_prefix.is_empty() {
        p.push_str("::");
        p.push_str(&opts.module_prefix);
    }
    format!("{p}::{}::{}", api.provider, api.name)
}

/// An operation method's documentation: summary, description, method and path, source, the
/// arguments the client fills, and an example that compiles as a doctest.
fn op_doc(api: &Api, p: &OpPlan, opts: &EmitOptions) -> TokenStream {
    let op = p.op;
    let mut d = String::new();
    if let Some(s) = &op.summary {
        d.push_str(s);
        d.push_str("\n\n");
    }
    if let Some(desc) = &op.description {
        if op.summary.as_deref() != Some(desc.as_str()) {
            d.push_str(desc);
            d.push_str("\n\n");
        }
    }
    let mut out = doc_attr(d.trim_end());
    let line = if op.source.line > 0 {
        format!(", line {}", op.source.line)
    } else {
        String::new()
    };
    let mut tail = format!(
        "\n`{} {}`\n\nSource: `{}`{line}.\n",
        op.method,
        op.path,
        op.source.file.display()
    );
    if op.deprecated {
        tail.push_str("\nDeprecated by the provider.\n");
    }
    if let Some(pg) = &op.pagination {
        tail.push_str(&pagination_doc(pg));
    }
    for s in api
        .security_schemes
        .iter()
        .filter(|s| s.kind == AuthKind::Unknown && op.scheme_names().contains(&s.name.as_str()))
    {
        tail.push_str(&format!(
            "\nAuthentication: `{}`, whose type the source does not state: the client derives \
             nothing from it and sends only the credentials set with \
             `ClientBuilder::auth` (`Auth::Basic`, `Auth::Bearer`, `Auth::ApiKeyHeader`, …).\n",
            s.name
        ));
    }
    tail.push_str(&auth_paragraph(api, op));
    let client_filled = |a: &Arg| {
        a.param == Some(ParamLocation::Path) && opts.is_client_path_param(&api.provider, &a.wire)
    };
    for a in p.args.iter().filter(|a| client_filled(a)) {
        tail.push_str(&format!(
            "\n`{}` is filled by the client from its configuration (the provider's \
             credentials) unless set with `.{}(…)`.\n",
            a.wire, a.setter
        ));
    }
    // A `no_run` example that compiles as a doctest: every required argument the client does
    // not fill, then the first optional body fields (the request's substance: a token's
    // `Ttl`, a key's `FriendlyName`).
    let required = p
        .args
        .iter()
        .filter(|a| a.required.is_required() && !client_filled(a));
    let optional_body = p
        .args
        .iter()
        .filter(|a| a.location == "body" && !a.required.is_required())
        .take(EXAMPLE_OPTIONAL_FIELDS);
    let mut chain = String::new();
    for a in required.chain(optional_body) {
        chain.push_str(&format!(
            "\n    .{}({})",
            a.setter,
            example_value(api, &a.ty)
        ));
    }
    let module = api_path(api, opts);
    tail.push_str(&format!(
        "\n# Example\n\n```no_run\n# async fn example(client: &{module}::Client) -> Result<(), Box<dyn std::error::Error>> {{\nlet response = client\n    .{}(){}\n    .send()\n    .await?;\n# let _ = response;\n# Ok(())\n# }}\n```",
        op.rust_name, chain
    ));
    let tail_doc = plain_doc(&tail);
    out.extend(tail_doc);
    out
}

/// A Rust expression of the given type, for doc examples.
fn example_value(api: &Api, t: &TypeRef) -> String {
    match t {
        TypeRef::String | TypeRef::Secret => "\"example\"".into(),
        TypeRef::Integer(_) => "60".into(),
        TypeRef::Number => "1.0".into(),
        TypeRef::Boolean => "true".into(),
        TypeRef::Nullable(t) => format!("Some({})", example_value(api, t)),
        TypeRef::Array(t) if is_secret(api, t) => "vec![\"example\".into()]".into(),
        TypeRef::Array(t) if is_stringish(api, t) => "vec![\"example\".to_string()]".into(),
        TypeRef::Array(t) => format!("vec![{}]", example_value(api, t)),
        TypeRef::Named(id) => {
            let ty = &api.types[*id];
            match &ty.kind {
                TypeKind::Enum { values } if !values.is_empty() => {
                    format!("\"{}\".parse()?", values[0].value)
                }
                TypeKind::Alias(t) => example_value(api, t),
                _ => "Default::default()".into(),
            }
        }
        TypeRef::Uuid => "\"00000000-0000-0000-0000-000000000000\".parse()?".into(),
        TypeRef::Uri => "\"https://example.com\".parse()?".into(),
        _ => "Default::default()".into(),
    }
}

fn emit_method(api: &Api, p: &OpPlan, opts: &EmitOptions) -> TokenStream {
    let name = ident(&p.op.rust_name);
    let builder = ident(&p.builder);
    let doc = op_doc(api, p, opts);
    let dep = if p.op.deprecated {
        quote!(#[deprecated])
    } else {
        quote!()
    };
    quote! {
        #doc
        #dep
        #[inline]
        pub fn #name(&self) -> builder::#builder<'_> {
            builder::#builder::new(self)
        }
    }
}

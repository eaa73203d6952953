//! The `cli` module of an API, for command lines: one static table row per operation (method,
//! path template, flags with their location, wire name and kind, body media type, documented
//! statuses, mock answers, auth). Data only: the runtime's one `cli::call` builds and sends
//! every operation's request from its row, so the tables cost no per-operation code.
//!
//! Entry point: [`cli_head`]. Flags are the builder's arguments ([`OpPlan::args`]) less
//! `readOnly` body fields.

use proc_macro2::TokenStream;
use quote::quote;

use super::errors::status_variant;
use super::plan::{Arg, OpPlan};
use super::tokens::{enum_values, type_desc};
use crate::ir::{Api, AuthKind, BodyEncoding, Operation, StatusSpec, TypeKind, TypeRef};
use crate::naming::kebab;

/// The `cpaas_runtime::cli::FlagKind` of values of `t` (items, for an array).
fn flag_kind(api: &Api, t: &TypeRef, file: bool) -> TokenStream {
    fn kind(api: &Api, t: &TypeRef) -> &'static str {
        match t {
            TypeRef::Nullable(i) => kind(api, i),
            TypeRef::Integer(_) => "Integer",
            TypeRef::Number => "Number",
            TypeRef::Boolean => "Boolean",
            TypeRef::Any | TypeRef::Array(_) | TypeRef::Map(_) => "Json",
            TypeRef::Named(id) => match &api.types[*id].kind {
                TypeKind::Enum { .. } => "String",
                TypeKind::Alias(t) => kind(api, t),
                _ => "Json",
            },
            _ => "String",
        }
    }
    let name = if file {
        "File"
    } else {
        match t.strip_nullable().0 {
            TypeRef::Array(item) => kind(api, item),
            t => kind(api, t),
        }
    };
    let name = super::tokens::ident(name);
    quote!(::cpaas_runtime::cli::FlagKind::#name)
}

/// The human type of a flag: a file part says how to give one.
fn flag_type(api: &Api, a: &Arg) -> String {
    if !a.file {
        return type_desc(api, &a.ty);
    }
    match a.ty.strip_nullable().0 {
        TypeRef::Array(_) => "array of file (@PATH)".into(),
        _ => "file (@PATH)".into(),
    }
}

/// The row of one flag.
fn flag_tokens(api: &Api, op: &Operation, a: &Arg) -> TokenStream {
    let flag = &a.flag;
    let wire = &a.wire;
    let loc = a.location;
    let req = a.required.is_required();
    let repeated = matches!(a.ty.strip_nullable().0, TypeRef::Array(_));
    let ty = flag_type(api, a);
    let desc = a.description.clone().unwrap_or_default();
    let values = enum_values(api, &a.ty);
    let example = crate::mock::flag_example(api, &a.ty, &a.constraints, &a.wire);
    let kind = flag_kind(api, &a.ty, a.file);
    let join = a.join.map(String::from).unwrap_or_default();
    let enc = op
        .body
        .as_ref()
        .filter(|_| a.param.is_none())
        .and_then(|b| b.parts.iter().find(|m| m.name == a.wire));
    let part_ct = enc.and_then(|m| m.content_type.clone()).unwrap_or_default();
    let headers = enc
        .into_iter()
        .flat_map(|m| &m.headers)
        .map(|(n, v)| quote!((#n, #v)));
    quote!(::cpaas_runtime::cli::FlagInfo {
        name: #flag, wire: #wire, location: #loc, required: #req, repeated: #repeated,
        ty: #ty, description: #desc, values: &[#(#values),*], example: #example,
        kind: #kind, join: #join, part_content_type: #part_ct, part_headers: &[#(#headers),*],
    })
}

/// The body row of `p`'s operation, or `None`.
fn body_tokens(p: &OpPlan) -> TokenStream {
    let Some(b) = &p.op.body else {
        return quote!(None);
    };
    let kind = super::tokens::ident(match b.encoding {
        BodyEncoding::Json => "Json",
        BodyEncoding::Form => "Form",
        BodyEncoding::Multipart => "Multipart",
        BodyEncoding::Text | BodyEncoding::Bytes => "Other",
    });
    let ct = &b.content_type;
    let fields = p.body_struct.is_some() || b.encoding == BodyEncoding::Multipart;
    let required = b.required;
    quote!(Some(::cpaas_runtime::cli::BodyInfo {
        content_type: #ct, kind: ::cpaas_runtime::cli::BodyKind::#kind, fields: #fields,
        required: #required,
    }))
}

/// The documented statuses of `op`: successes (empty variant), then errors by variant.
fn responses_tokens(op: &Operation) -> TokenStream {
    let text = |s: StatusSpec| match s {
        StatusSpec::Code(c) => c.to_string(),
        StatusSpec::Range(c) => format!("{c}XX"),
        StatusSpec::Default => "default".into(),
    };
    let success = op.success.by_status().into_iter().map(|(s, _)| {
        let status = text(s);
        quote!(::cpaas_runtime::cli::ResponseInfo { status: #status, variant: "" })
    });
    let errors = op.responses.iter().filter(|r| !r.is_success()).map(|r| {
        let status = text(r.status);
        let variant = status_variant(r);
        quote!(::cpaas_runtime::cli::ResponseInfo { status: #status, variant: #variant })
    });
    quote!(&[#(#success,)* #(#errors),*])
}

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

/// The `cli` module's table: `OPERATIONS`.
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
        let flags = p
            .args
            .iter()
            .filter(|a| !a.read_only)
            .map(|a| flag_tokens(api, op, a));
        let id = &op.rust_name;
        let body = body_tokens(p);
        let responses = responses_tokens(op);
        let mocks = crate::mock::operation_mock(api, op);
        let mock = mock_tokens(&mocks.success);
        let mock_errors = mocks.errors.iter().map(mock_tokens);
        let auth = op
            .scheme_names()
            .into_iter()
            .map(|name| auth_tokens(api, name));
        let pagination = match &op.pagination {
            Some(pg) => {
                let d = super::pagination::descriptor(pg);
                quote!(::std::option::Option::Some(&#d))
            }
            None => quote!(::std::option::Option::None),
        };
        let events = op.events.is_some();
        quote!(::cpaas_runtime::cli::OperationInfo {
            name: #name, method: #method, path: #path, summary: #summary, rust_path: #rust,
            source: #source, format: #format, flags: &[#(#flags),*],
            mock: #mock, mock_errors: &[#(#mock_errors),*], auth: &[#(#auth),*],
            id: #id, body: #body, responses: #responses, pagination: #pagination,
            events: #events,
        })
    });
    quote! {
        /// Every operation of this API with its flags, as `cpaas_runtime::cli::call` reads
        /// them.
        pub static OPERATIONS: &[::cpaas_runtime::cli::OperationInfo] = &[#(#infos),*];
    }
}

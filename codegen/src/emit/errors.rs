//! The `errors` module: one enum per distinct set of documented error statuses, aliases for
//! the operations that share one, and the variant name of each status.
//!
//! Entry point: [`emit_error_enums`].

use proc_macro2::TokenStream;
use quote::quote;

use super::plan::OpPlan;
use super::tokens::{doc_attr, ident, type_tokens};
use crate::ir::{Api, Operation, Response, ResponseBody, StatusSpec};

pub(super) const ERRORS_DOC: &str =
    " Typed errors: one enum per operation, one variant per documented error status.";

pub(super) fn status_variant(r: &Response) -> String {
    match r.status {
        StatusSpec::Default => "Default".into(),
        StatusSpec::Range(c) => crate::naming::status_variant(None, Some(c)),
        StatusSpec::Code(c) => crate::naming::status_variant(Some(c), None),
    }
}

fn error_payload(api: &Api, r: &Response) -> TokenStream {
    match &r.body {
        ResponseBody::Json(t) => type_tokens(api, t, false),
        ResponseBody::Untyped => quote!(::cpaas_runtime::serde_json::Value),
        _ => quote!(::std::string::String),
    }
}

fn error_responses(op: &Operation) -> impl Iterator<Item = &Response> {
    op.responses.iter().filter(|r| !r.is_success())
}

/// One error enum per distinct set of documented error statuses and bodies; an operation whose
/// set another one already has gets its name as an alias of that enum (most APIs answer every
/// operation's errors with one `Error` schema, so this saves compiling hundreds of copies).
pub(super) fn emit_error_enums(api: &Api, plans: &[OpPlan]) -> TokenStream {
    let shape = |p: &OpPlan| -> String {
        error_responses(p.op)
            .map(|r| format!("{}({})", status_variant(r), error_payload(api, r)))
            .collect::<Vec<_>>()
            .join(",")
    };
    let shapes: Vec<String> = plans.iter().map(shape).collect();
    let mut first: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut users: Vec<usize> = vec![0; plans.len()];
    for (i, s) in shapes.iter().enumerate() {
        let f = *first.entry(s.as_str()).or_insert(i);
        users[f] += 1;
    }
    let items = plans.iter().zip(&shapes).enumerate().map(|(i, (p, s))| {
        let f = first[s.as_str()];
        if f == i {
            emit_error_enum(api, p, users[i])
        } else {
            let name = ident(&p.error);
            let target = ident(&plans[f].error);
            let doc = format!(
                " Documented error statuses of [`super::Client::{}`]: the same as [`{}`].",
                p.op.rust_name, plans[f].error
            );
            quote!(#[doc = #doc] pub type #name = #target;)
        }
    });
    quote!(#(#items)*)
}

fn emit_error_enum(api: &Api, p: &OpPlan, users: usize) -> TokenStream {
    let name = ident(&p.error);
    let variants = error_responses(p.op).map(|r| {
        let v = ident(&status_variant(r));
        let payload = error_payload(api, r);
        let status = match r.status {
            StatusSpec::Code(c) => c.to_string(),
            StatusSpec::Range(c) => format!("{c}XX"),
            StatusSpec::Default => "any other status (default)".into(),
        };
        let kind = match &r.body {
            ResponseBody::Json(_) => "",
            ResponseBody::Untyped => " The source gives no schema: untyped JSON.",
            _ => " The body as text.",
        };
        let doc = doc_attr(&format!(
            "{status}: {}{kind}",
            r.description.as_deref().unwrap_or("documented error")
        ));
        quote!(#doc #v(#payload),)
    });
    let doc = if users > 1 {
        format!(
            " Documented error statuses of [`super::Client::{}`], and of {} other operations \
             with the same statuses and bodies (their error types are aliases of this one).",
            p.op.rust_name,
            users - 1
        )
    } else {
        format!(
            " Documented error statuses of [`super::Client::{}`].",
            p.op.rust_name
        )
    };
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #(#variants)*
        }
    }
}

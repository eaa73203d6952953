//! Lowering: OpenAPI documents (3.0 or 3.1, as JSON) into one [`ir::Api`].
//!
//! Both dialects are read into one meaning: 3.0 `nullable`, 3.1 type arrays with `null`,
//! `oneOf`/`anyOf` with a `null` branch; `const`; `examples` arrays; `$ref` with siblings;
//! `unevaluatedProperties` like `additionalProperties`. Unknown `format`s degrade to the base type.
//! Every Rust name is decided here, stable and collision-free.
//!
//! [`lower`] is the entry point. The work is one `Lowerer` (in `state`) whose methods are
//! spread by what they make: `document` (documents, servers, security schemes), `operation`
//! (operations, parameters, bodies, responses), `pagination` (whether and how a list
//! operation pages), `success` (the type of an operation's success
//! answers and how each decodes), `events` (`text/event-stream` answers: each event's data),
//! `schema` (schemas to types), `union`
//! (`oneOf`/`anyOf`/`allOf`), `secret` (the one rule deciding which strings are credentials),
//! `cycles` (`$ref` chains and boxing recursive types); `helpers`
//! holds the small free functions several of them read JSON with.
//!
//! [`ir::Api`]: crate::ir::Api

mod cycles;
mod document;
mod events;
mod helpers;
mod multipart;
mod operation;
mod pagination;
mod schema;
pub(crate) mod secret;
mod state;
mod success;
mod union;

pub use state::Input;

use std::collections::HashMap;

use crate::diag::Diagnostic;
use crate::ir::{Api, Source};
use crate::naming::Namespace;

use cycles::box_cycles;
use state::Lowerer;

/// Lowers the documents of one API (`provider`/`name`) into the IR. Warnings are returned
/// beside the API; an error stops the API.
pub fn lower(
    provider: &str,
    name: &str,
    inputs: &[Input],
) -> Result<(Api, Vec<Diagnostic>), Diagnostic> {
    let mut l = Lowerer {
        api: Api {
            provider: provider.to_string(),
            name: name.to_string(),
            ..Default::default()
        },
        types_ns: Namespace::new(),
        ops_ns: Namespace::new(),
        diags: Vec::new(),
        refs: HashMap::new(),
        shared: HashMap::new(),
        doc_index: 0,
    };
    for reserved in [
        "Client", "Error", "Result", "Option", "Vec", "String", "Box",
    ] {
        l.types_ns.reserve(reserved);
    }
    for reserved in ["new", "builder", "runtime", "from_env", "api"] {
        l.ops_ns.reserve(reserved);
    }
    for (i, input) in inputs.iter().enumerate() {
        l.doc_index = i;
        l.api.sources.push(Source {
            path: input.path.clone(),
            format: input.format.clone(),
        });
        l.document(input)?;
    }
    l.name_success_enums();
    box_cycles(&mut l.api);
    Ok((l.api, l.diags))
}

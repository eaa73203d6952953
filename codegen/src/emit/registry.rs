//! The `registry` module at the end of the generated file: the run's warnings, and (where the
//! command-line tables are generated) every API's operation table and a dispatcher by name.
//!
//! Entry point: [`emit_registry`].

use proc_macro2::TokenStream;
use quote::quote;

use super::options::{CliTables, EmitError, EmitOptions};
use super::tokens::ident;
use crate::ir::Api;

/// A table of every API and a dispatcher by name, for command-line tools.
pub(super) fn emit_registry(
    apis: &[&Api],
    opts: &EmitOptions,
    warnings: &[(String, String)],
) -> Result<TokenStream, EmitError> {
    let prefix: TokenStream = opts.module_path()?;
    let entries = apis.iter().map(|a| {
        let p = ident(&a.provider);
        let n = ident(&a.name);
        quote!(::cpaas_runtime::cli::ApiEntry { info: &#prefix::#p::#n::API, operations: #prefix::#p::#n::cli::OPERATIONS })
    });
    let warn_files = warnings.iter().map(|(f, _)| f);
    let warn_msgs = warnings.iter().map(|(_, m)| m);
    let cfg = opts.cli_cfg();
    let dispatch = (opts.cli != CliTables::Off).then(|| {
        quote! {
            /// Every generated API with its operations.
            #cfg
            pub static APIS: &[::cpaas_runtime::cli::ApiEntry] = &[#(#entries),*];

            /// Calls `operation` of API `provider`/`api` from its table row (through
            /// `cpaas_runtime::cli::call`, one function for every operation). `None` when
            /// there is no such API or operation.
            #cfg
            pub async fn call(
                provider: &str,
                api: &str,
                operation: &str,
                runtime: ::cpaas_runtime::Client,
                args: &::cpaas_runtime::cli::Args,
            ) -> ::std::option::Option<::cpaas_runtime::cli::CallResult> {
                let entry = APIS.iter().find(|e| e.info.provider == provider && e.info.api == api)?;
                let op = entry.operations.iter().find(|o| o.name == operation)?;
                Some(::cpaas_runtime::cli::call(&runtime, op, args).await)
            }
        }
    });
    Ok(quote! {
        /// Every generated API, and a dispatcher by name (used by the `cpaas` command line).
        #[doc(hidden)]
        pub mod registry {
            /// The generation run's warnings: `(input file, message)`.
            pub static WARNINGS: &[(&str, &str)] = &[#((#warn_files, #warn_msgs)),*];

            #dispatch
        }
    })
}

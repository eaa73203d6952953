//! What the emitter is asked to do, and how it fails: [`EmitOptions`] (with [`CliTables`]) in,
//! [`EmitError`] out.
//!
//! The options that name Rust paths (`module_prefix`, `env_hook`) are turned into tokens here,
//! and only here: `EmitOptions::module_path` and `EmitOptions::env_hook_path` say what was
//! expected when the text is not such a path; `EmitOptions::check` runs both before anything is
//! emitted, so a bad path fails the run even where it would go unused.

use std::fmt;

use proc_macro2::TokenStream;
use quote::quote;

/// Options of the emitter.
#[derive(Debug, Clone)]
pub struct EmitOptions {
    /// The crate the generated code is compiled in, for doc examples (`cpaas_tokens`).
    pub crate_name: String,
    /// Rust path prefix of the generated module tree inside that crate (empty: the crate root).
    pub module_prefix: String,
    /// Emit `send_blocking` behind `#[cfg(feature = "blocking")]`.
    pub blocking: bool,
    /// Path of a function `fn(ClientBuilder, &'static ApiInfo) -> Result<ClientBuilder,
    /// ConfigError>` that applies credentials from the environment; when set, every `Client`
    /// gets a `from_env()` constructor calling it.
    pub env_hook: Option<String>,
    /// Path parameters the client fills from its configuration, as `(provider, wire name)`
    /// pairs (`("twilio", "AccountSid")`): the credentials glue sets them with
    /// `ClientBuilder::path_default`. Their setters are documented as overrides, and doc
    /// examples never set them.
    pub client_path_params: Vec<(String, String)>,
    /// Whether the command-line tables (`cli` modules, `registry::APIS`, `registry::call`)
    /// are generated, and under which condition.
    pub cli: CliTables,
    /// Derive both `Serialize` and `Deserialize` on every model. Off by default: a model
    /// derives `Serialize` when it can be sent and `Deserialize` when it can be received,
    /// which roughly halves what the generated crate costs to compile.
    pub full_serde: bool,
    /// Module documentation per provider, as `(provider, markdown)` pairs; a provider without
    /// one gets "Generated clients for PROVIDER's APIs.".
    pub provider_docs: Vec<(String, String)>,
    /// The generation run's warnings as `(file, message)` pairs, emitted as
    /// `registry::WARNINGS`.
    pub warnings: Vec<(String, String)>,
}

/// Whether and how the command-line tables are generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CliTables {
    /// Not generated (the default for build scripts): no `cli` modules, no registry dispatch.
    Off,
    /// Always compiled.
    Always,
    /// Compiled only with the including crate's feature of this name (`cli` in crates written
    /// by `cpaas generate`).
    Feature(String),
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            crate_name: "cpaas_tokens".into(),
            module_prefix: String::new(),
            blocking: false,
            env_hook: None,
            client_path_params: Vec::new(),
            cli: CliTables::Off,
            full_serde: false,
            provider_docs: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

impl EmitOptions {
    /// Whether the client of `provider`'s APIs fills the path parameter `wire` from its
    /// configuration.
    pub(super) fn is_client_path_param(&self, provider: &str, wire: &str) -> bool {
        self.client_path_params
            .iter()
            .any(|(p, w)| p == provider && w == wire)
    }

    /// The attribute gating command-line code: empty when it is always compiled.
    pub(super) fn cli_cfg(&self) -> TokenStream {
        match &self.cli {
            CliTables::Feature(f) => quote!(#[cfg(feature = #f)]),
            _ => quote!(),
        }
    }

    /// Both path options checked, before anything is emitted.
    pub(super) fn check(&self) -> Result<(), EmitError> {
        self.module_path()?;
        self.env_hook_path()?;
        Ok(())
    }

    /// Where the generated tree stands inside its crate: `crate`, or `crate::` and
    /// `module_prefix` (a module path such as `generated` or `api::clients`).
    pub(super) fn module_path(&self) -> Result<TokenStream, EmitError> {
        if self.module_prefix.is_empty() {
            return Ok(quote!(crate));
        }
        let bad = |reason: String| EmitError::ModulePrefix {
            prefix: self.module_prefix.clone(),
            reason,
        };
        let path =
            syn::parse_str::<syn::Path>(&self.module_prefix).map_err(|e| bad(e.to_string()))?;
        if path.leading_colon.is_some() {
            return Err(bad(
                "it starts with `::`; the prefix is relative to `crate`".into(),
            ));
        }
        if path.segments.iter().any(|s| !s.arguments.is_none()) {
            return Err(bad("a module path has no generic arguments".into()));
        }
        Ok(quote!(crate::#path))
    }

    /// The function `from_env()` constructors call, when one is set.
    pub(super) fn env_hook_path(&self) -> Result<Option<syn::Path>, EmitError> {
        let Some(hook) = self.env_hook.as_deref() else {
            return Ok(None);
        };
        syn::parse_str::<syn::Path>(hook)
            .map(Some)
            .map_err(|e| EmitError::EnvHook {
                hook: hook.to_string(),
                reason: e.to_string(),
            })
    }
}

/// Why emitting failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EmitError {
    /// [`EmitOptions::module_prefix`] is not a Rust module path.
    ModulePrefix {
        /// The prefix as given.
        prefix: String,
        /// What the parser found instead.
        reason: String,
    },
    /// [`EmitOptions::env_hook`] is not a Rust path.
    EnvHook {
        /// The hook as given.
        hook: String,
        /// What the parser found instead.
        reason: String,
    },
    /// The emitter made code that does not parse or could not be printed: a bug in the
    /// emitter, whatever the input.
    Internal(String),
}

impl EmitError {
    /// The diagnostic code this error is reported under: `emit.options` for a bad option,
    /// `emit.internal` for a bug.
    pub fn code(&self) -> &'static str {
        match self {
            EmitError::ModulePrefix { .. } | EmitError::EnvHook { .. } => "emit.options",
            EmitError::Internal(_) => "emit.internal",
        }
    }
}

impl fmt::Display for EmitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmitError::ModulePrefix { prefix, reason } => write!(
                f,
                "module prefix `{prefix}`: expected a Rust module path relative to the crate                  root, such as `generated` or `api::clients` (empty for the crate root): {reason}"
            ),
            EmitError::EnvHook { hook, reason } => write!(
                f,
                "env hook `{hook}`: expected the Rust path of a function `fn(ClientBuilder,                  &'static ApiInfo) -> Result<ClientBuilder, ConfigError>`, such as                  `crate::auth::configure_from_env`: {reason}"
            ),
            EmitError::Internal(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for EmitError {}

//! The emitter: IR into Rust tokens (quote), then source text (prettyplease).
//!
//! Generated code stays thin: models (serde), one builder per operation that fills a
//! `cpaas_runtime::Request` and maps statuses to types, and a small dispatch table for the CLI.
//! Sending, auth, retries and errors live in `cpaas-runtime`, written once by hand.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::docs;
use crate::ir::*;
use crate::naming::{Namespace, camel, kebab};

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
    /// Whether the command-line tables (`cli` modules, `registry::APIS`, `registry::call`)
    /// are generated, and under which condition.
    pub cli: CliTables,
    /// Derive both `Serialize` and `Deserialize` on every model. Off by default: a model
    /// derives `Serialize` when it can be sent and `Deserialize` when it can be received,
    /// which roughly halves what the generated crate costs to compile.
    pub full_serde: bool,
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
            cli: CliTables::Off,
            full_serde: false,
        }
    }
}

impl EmitOptions {
    /// The attribute gating command-line code: empty when it is always compiled.
    fn cli_cfg(&self) -> TokenStream {
        match &self.cli {
            CliTables::Feature(f) => quote!(#[cfg(feature = #f)]),
            _ => quote!(),
        }
    }
}

/// Which serde traits a model needs.
#[derive(Debug, Clone, Copy, Default)]
struct SerdeUse {
    /// It can be sent: `Serialize`.
    ser: bool,
    /// It can be received: `Deserialize`.
    de: bool,
    /// A command-line flag can be parsed into it: `Deserialize` where the CLI is compiled.
    cli_de: bool,
}

/// Marks `t` and every type it reaches with `set`, stopping where the mark is already set.
fn mark_use(api: &Api, t: &TypeRef, uses: &mut [SerdeUse], set: fn(&mut SerdeUse) -> &mut bool) {
    let mut stack = vec![t];
    while let Some(t) = stack.pop() {
        match t {
            TypeRef::Array(i) | TypeRef::Map(i) | TypeRef::Nullable(i) => stack.push(i),
            TypeRef::Named(id) => {
                let Some(u) = uses.get_mut(*id) else {
                    continue;
                };
                if *set(u) {
                    continue;
                }
                *set(u) = true;
                stack.extend(api.types[*id].kind.member_types());
            }
            _ => {}
        }
    }
}

/// The serde traits each model of `api` needs: `Serialize` for what requests carry,
/// `Deserialize` for what responses carry (and, where the CLI is compiled, for what flags are
/// parsed into). Models no operation uses get both.
fn serde_uses(api: &Api, plans: &[OpPlan], opts: &EmitOptions) -> Vec<SerdeUse> {
    let mut uses = vec![SerdeUse::default(); api.types.len()];
    if opts.full_serde {
        uses.fill(SerdeUse {
            ser: true,
            de: true,
            cli_de: false,
        });
        return uses;
    }
    for op in &api.operations {
        for p in &op.params {
            mark_use(api, &p.ty, &mut uses, |u| &mut u.ser);
        }
        if let Some(b) = &op.body {
            mark_use(api, &b.ty, &mut uses, |u| &mut u.ser);
        }
        for r in &op.responses {
            if let ResponseBody::Json(t) = &r.body {
                mark_use(api, t, &mut uses, |u| &mut u.de);
            }
        }
    }
    if opts.cli != CliTables::Off {
        for p in plans {
            for a in &p.args {
                mark_use(api, &a.ty, &mut uses, |u| &mut u.cli_de);
            }
        }
    }
    for u in &mut uses {
        if opts.cli == CliTables::Always && u.cli_de {
            u.de = true;
        }
        if !u.ser && !u.de {
            // Not reachable from any operation (or only from CLI flags): both, as a user
            // building or reading it by hand would expect.
            u.ser = true;
            u.de = true;
        }
    }
    uses
}

fn ident(s: &str) -> Ident {
    if crate::naming::is_keyword(s) {
        Ident::new_raw(s, Span::call_site())
    } else {
        Ident::new(s, Span::call_site())
    }
}

fn doc_attr(text: &str) -> TokenStream {
    let md = docs::markdown(text);
    let lines = md.lines().map(|l| {
        let l = format!(" {l}");
        quote!(#[doc = #l])
    });
    quote!(#(#lines)*)
}

fn plain_doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| {
        let l = format!(" {l}");
        quote!(#[doc = #l])
    });
    quote!(#(#lines)*)
}

/// Emits the whole module tree for `apis` (grouped by provider) as formatted Rust source.
pub fn emit_file(apis: &[Api], opts: &EmitOptions) -> Result<String, String> {
    emit_file_with_docs(apis, opts, &[])
}

/// Like [`emit_file`], with module documentation per provider (`(provider, markdown)`).
pub fn emit_file_with_docs(
    apis: &[Api],
    opts: &EmitOptions,
    provider_docs: &[(String, String)],
) -> Result<String, String> {
    emit_file_with_warnings(apis, opts, provider_docs, &[])
}

/// Like [`emit_file_with_docs`], with the generation run's warnings as `(file, message)` pairs,
/// emitted as `registry::WARNINGS`.
pub fn emit_file_with_warnings(
    apis: &[Api],
    opts: &EmitOptions,
    provider_docs: &[(String, String)],
    warnings: &[(String, String)],
) -> Result<String, String> {
    let prepared: Vec<Prepared> = apis.iter().map(|a| prepare(a, opts)).collect();
    let pieces = pieces(&prepared, opts, provider_docs, warnings);
    format_pieces(&pieces)
}

/// Models per formatting job, and builders (or CLI calls) per job: small enough to spread a
/// large API over every core, large enough that the per-job cost stays negligible.
const TYPES_PER_PIECE: usize = 64;
const BUILDERS_PER_PIECE: usize = 32;

/// Tokens made on the thread that uses them (`TokenStream` is not `Send`).
type Make<'a> = Box<dyn Fn() -> TokenStream + Sync + 'a>;

/// One part of the generated file. The module tree is this sequence: [`assemble`] nests it
/// into tokens, [`format_pieces`] prints each part on its own, on every core.
enum Piece<'a> {
    /// Items of the innermost open module.
    Items(Make<'a>),
    /// `#attrs pub mod #name {`, closed by the matching [`Piece::Close`].
    Open { attrs: Make<'a>, name: String },
    /// The end of the innermost open module.
    Close,
}

/// `0..len` in consecutive ranges of `size`.
fn chunks(len: usize, size: usize) -> impl Iterator<Item = std::ops::Range<usize>> {
    (0..len)
        .step_by(size)
        .map(move |start| start..(start + size).min(len))
}

/// The module of one API.
fn api_pieces<'a>(p: &'a Prepared<'a>, opts: &'a EmitOptions, out: &mut Vec<Piece<'a>>) {
    let api = p.api;
    let module = |doc: &'static str, name: &str| Piece::Open {
        attrs: Box::new(move || quote!(#[doc = #doc])),
        name: name.to_string(),
    };
    out.push(Piece::Open {
        attrs: Box::new(move || api_module_doc(api)),
        name: api.name.clone(),
    });
    out.push(Piece::Items(Box::new(move || api_top(p, opts))));
    out.push(module(TYPES_DOC, "types"));
    for range in chunks(api.types.len(), TYPES_PER_PIECE) {
        out.push(Piece::Items(Box::new(move || {
            api_types(p, opts, range.clone())
        })));
    }
    out.push(Piece::Close);
    out.push(module(ERRORS_DOC, "errors"));
    out.push(Piece::Items(Box::new(move || {
        emit_error_enums(api, &p.plans)
    })));
    out.push(Piece::Close);
    out.push(module(BUILDER_DOC, "builder"));
    for range in chunks(p.plans.len(), BUILDERS_PER_PIECE) {
        out.push(Piece::Items(Box::new(move || {
            api_builders(p, opts, range.clone())
        })));
    }
    out.push(Piece::Close);
    if opts.cli != CliTables::Off {
        out.push(Piece::Open {
            attrs: Box::new(move || {
                let cfg = opts.cli_cfg();
                quote!(#[doc = #CLI_DOC] #cfg #[doc(hidden)])
            }),
            name: "cli".into(),
        });
        out.push(Piece::Items(Box::new(move || cli_head(api, &p.plans))));
        for range in chunks(p.plans.len(), BUILDERS_PER_PIECE) {
            out.push(Piece::Items(Box::new(move || {
                cli_call_fns(api, &p.plans[range.clone()])
            })));
        }
        out.push(Piece::Close);
    }
    out.push(Piece::Close);
}

/// The whole file: one module per provider holding its APIs, then the registry.
fn pieces<'a>(
    prepared: &'a [Prepared<'a>],
    opts: &'a EmitOptions,
    provider_docs: &'a [(String, String)],
    warnings: &'a [(String, String)],
) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    let mut providers: Vec<&str> = prepared.iter().map(|p| p.api.provider.as_str()).collect();
    providers.dedup();
    for provider in providers {
        out.push(Piece::Open {
            attrs: Box::new(move || {
                match provider_docs.iter().find(|(name, _)| name == provider) {
                    Some((_, text)) => plain_doc(text),
                    None => plain_doc(&format!("Generated clients for {provider}'s APIs.")),
                }
            }),
            name: provider.to_string(),
        });
        for p in prepared.iter().filter(|p| p.api.provider == provider) {
            api_pieces(p, opts, &mut out);
        }
        out.push(Piece::Close);
    }
    let apis: Vec<&Api> = prepared.iter().map(|p| p.api).collect();
    out.push(Piece::Items(Box::new(move || {
        emit_registry(&apis, opts, warnings)
    })));
    out
}

/// The pieces nested into one token tree.
fn assemble(pieces: &[Piece]) -> TokenStream {
    // The open modules, innermost last: head tokens and the body so far.
    let mut stack: Vec<(TokenStream, TokenStream)> = vec![(TokenStream::new(), TokenStream::new())];
    for piece in pieces {
        match piece {
            Piece::Items(make) => {
                if let Some((_, body)) = stack.last_mut() {
                    body.extend(make());
                }
            }
            Piece::Open { attrs, name } => {
                let attrs = attrs();
                let name = ident(name);
                stack.push((quote!(#attrs pub mod #name), TokenStream::new()));
            }
            Piece::Close => {
                if stack.len() > 1 {
                    if let (Some((head, body)), Some((_, parent))) = (stack.pop(), stack.last_mut())
                    {
                        parent.extend(quote!(#head { #body }));
                    }
                }
            }
        }
    }
    stack.swap_remove(0).1
}

/// `items` as prettyplease prints them `depth` modules deep (same indentation, so the same
/// line breaks as printing the whole file at once).
fn format_in(depth: usize, items: TokenStream) -> Result<String, String> {
    if items.is_empty() {
        return Ok(String::new());
    }
    let mut tokens = items;
    for _ in 0..depth {
        tokens = quote!(mod m { #tokens });
    }
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("internal: generated code does not parse: {e}"))?;
    let text = prettyplease::unparse(&file);
    let lines: Vec<&str> = text.lines().collect();
    let inner = lines
        .get(depth..lines.len().saturating_sub(depth))
        .unwrap_or_default();
    let mut out = inner.join("\n");
    out.push('\n');
    Ok(out)
}

impl Piece<'_> {
    /// The piece's text, `depth` modules deep.
    fn format(&self, depth: usize) -> Result<String, String> {
        match self {
            Piece::Items(make) => format_in(depth, make()),
            Piece::Open { attrs, name } => {
                let (attrs, name) = (attrs(), ident(name));
                let text = format_in(depth, quote!(#attrs pub mod #name {}))?;
                match text.trim_end().strip_suffix("{}") {
                    Some(head) => Ok(format!("{head}{{\n")),
                    None => Err(format!("internal: unexpected module head: {text}")),
                }
            }
            Piece::Close => Ok(format!("{}}}\n", "    ".repeat(depth))),
        }
    }
}

/// Prints every piece, on as many threads as there are cores, and joins them in order: the
/// bytes prettyplease gives for [`assemble`]'s tree.
fn format_pieces(pieces: &[Piece]) -> Result<String, String> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    // How many modules deep each piece stands (a `Close` at its module's own depth).
    let mut open = 0usize;
    let depths: Vec<usize> = pieces
        .iter()
        .map(|piece| match piece {
            Piece::Open { .. } => {
                open += 1;
                open - 1
            }
            Piece::Close => {
                open = open.saturating_sub(1);
                open
            }
            Piece::Items(_) => open,
        })
        .collect();
    let results: Vec<Mutex<Option<Result<String, String>>>> =
        pieces.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let (Some(piece), Some(depth)) = (pieces.get(i), depths.get(i)) else {
                break;
            };
            let r = piece.format(*depth);
            if let Ok(mut slot) = results[i].lock() {
                *slot = Some(r);
            }
        }
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(pieces.len());
    std::thread::scope(|scope| {
        for _ in 1..workers {
            // A thread that cannot be started leaves its share to the others.
            let _ = std::thread::Builder::new().spawn_scoped(scope, work);
        }
        work();
    });
    let mut out = String::new();
    // Where each open module's body starts: a module left empty prints as `mod name {}`.
    let mut opened: Vec<usize> = Vec::new();
    for (piece, r) in pieces.iter().zip(results) {
        let text = match r.into_inner() {
            Ok(Some(Ok(text))) => text,
            Ok(Some(Err(e))) => return Err(e),
            _ => return Err("internal: a part of the generated file was not formatted".into()),
        };
        match piece {
            Piece::Open { .. } => {
                out.push_str(&text);
                opened.push(out.len());
            }
            Piece::Close if opened.pop() == Some(out.len()) => {
                out.truncate(out.len() - "{\n".len());
                out.push_str("{}\n");
            }
            _ => out.push_str(&text),
        }
    }
    Ok(out)
}

/// The module tree as tokens: `pub mod provider { pub mod api { … } }`.
pub fn emit_tree(
    apis: &[Api],
    opts: &EmitOptions,
    provider_docs: &[(String, String)],
) -> TokenStream {
    emit_tree_with_warnings(apis, opts, provider_docs, &[])
}

/// [`emit_tree`] with `registry::WARNINGS` holding `warnings` (`(file, message)`).
pub fn emit_tree_with_warnings(
    apis: &[Api],
    opts: &EmitOptions,
    provider_docs: &[(String, String)],
    warnings: &[(String, String)],
) -> TokenStream {
    let prepared: Vec<Prepared> = apis.iter().map(|a| prepare(a, opts)).collect();
    assemble(&pieces(&prepared, opts, provider_docs, warnings))
}

/// A table of every API and a dispatcher by name, for command-line tools.
fn emit_registry(apis: &[&Api], opts: &EmitOptions, warnings: &[(String, String)]) -> TokenStream {
    let prefix: TokenStream = if opts.module_prefix.is_empty() {
        quote!(crate)
    } else {
        let p: TokenStream = opts.module_prefix.parse().unwrap_or_default();
        quote!(crate::#p)
    };
    let entries = apis.iter().map(|a| {
        let p = ident(&a.provider);
        let n = ident(&a.name);
        quote!(::cpaas_runtime::cli::ApiEntry { info: &#prefix::#p::#n::API, operations: #prefix::#p::#n::cli::OPERATIONS })
    });
    let arms = apis.iter().map(|a| {
        let p = ident(&a.provider);
        let n = ident(&a.name);
        let (ps, ns) = (&a.provider, &a.name);
        quote! {
            (#ps, #ns) => {
                let client = #prefix::#p::#n::Client::new(runtime);
                let call = #prefix::#p::#n::cli::call(&client, operation, args);
                match call {
                    Some(call) => Some(call.await),
                    None => None,
                }
            }
        }
    });
    let warn_files = warnings.iter().map(|(f, _)| f);
    let warn_msgs = warnings.iter().map(|(_, m)| m);
    let cfg = opts.cli_cfg();
    let dispatch = (opts.cli != CliTables::Off).then(|| {
        quote! {
            /// Every generated API with its operations.
            #cfg
            pub static APIS: &[::cpaas_runtime::cli::ApiEntry] = &[#(#entries),*];

            /// Calls `operation` of API `provider`/`api` through its generated client.
            /// `None` when there is no such API or operation.
            #cfg
            pub async fn call(
                provider: &str,
                api: &str,
                operation: &str,
                runtime: ::cpaas_runtime::Client,
                args: &::cpaas_runtime::cli::Args,
            ) -> ::std::option::Option<::cpaas_runtime::cli::CallResult> {
                let _ = (&operation, &args, &runtime);
                match (provider, api) {
                    #(#arms)*
                    _ => None,
                }
            }
        }
    });
    quote! {
        /// Every generated API, and a dispatcher by name (used by the `cpaas` command line).
        #[doc(hidden)]
        pub mod registry {
            /// The generation run's warnings: `(input file, message)`.
            pub static WARNINGS: &[(&str, &str)] = &[#((#warn_files, #warn_msgs)),*];

            #dispatch
        }
    }
}

fn api_path(api: &Api, opts: &EmitOptions) -> String {
    let mut p = opts.crate_name.clone();
    if !opts.module_prefix.is_empty() {
        p.push_str("::");
        p.push_str(&opts.module_prefix);
    }
    format!("{p}::{}::{}", api.provider, api.name)
}

/// What emitting one API needs computed once: its operation plans and serde needs.
struct Prepared<'a> {
    api: &'a Api,
    plans: Vec<OpPlan<'a>>,
    uses: Vec<SerdeUse>,
}

fn prepare<'a>(api: &'a Api, opts: &EmitOptions) -> Prepared<'a> {
    let mut builder_ns = Namespace::new();
    let plans: Vec<OpPlan> = api
        .operations
        .iter()
        .map(|op| OpPlan::new(api, op, &mut builder_ns))
        .collect();
    let uses = serde_uses(api, &plans, opts);
    Prepared { api, plans, uses }
}

/// The API module's documentation.
fn api_module_doc(api: &Api) -> TokenStream {
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
fn api_top(p: &Prepared, opts: &EmitOptions) -> TokenStream {
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
    let from_env = opts
        .env_hook
        .as_deref()
        .and_then(|h| syn::parse_str::<syn::Path>(h).ok())
        .map(|hook| {
            quote! {
                /// A client configured from the provider's environment variables (credentials,
                /// server variables, `<PROVIDER>_BASE_URL`).
                pub fn from_env() -> ::std::result::Result<Self, ::cpaas_runtime::ConfigError> {
                    let builder = #hook(Self::builder(), &API)?;
                    Ok(Self::new(builder.build()?))
                }
            }
        });
    let client_doc = plain_doc(&format!(
        "Client for the `{}` API of {}: one method per operation.\n\n\
         Build one with [`Client::builder`] (or the provider's `from_env` glue), then call an \
         operation method, set its arguments and `send()` it.",
        api.name, api.provider
    ));
    quote! {
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

        impl Client {
            /// Wraps a configured runtime client.
            pub fn new(runtime: ::cpaas_runtime::Client) -> Self {
                Client { runtime }
            }

            /// A builder preset with this API's server URL.
            pub fn builder() -> ::cpaas_runtime::ClientBuilder {
                ::cpaas_runtime::Client::builder(&API)
            }

            /// The runtime client (configuration, base URL).
            pub fn runtime(&self) -> &::cpaas_runtime::Client {
                &self.runtime
            }

            #from_env

            #(#methods)*
        }
    }
}

/// The models of `types[range]`.
fn api_types(p: &Prepared, opts: &EmitOptions, range: std::ops::Range<usize>) -> TokenStream {
    let items = p.api.types[range.clone()]
        .iter()
        .zip(&p.uses[range])
        .map(|(t, u)| emit_type(p.api, t, *u, opts));
    quote!(#(#items)*)
}

/// The builders of `plans[range]`.
fn api_builders(p: &Prepared, opts: &EmitOptions, range: std::ops::Range<usize>) -> TokenStream {
    let items = p.plans[range]
        .iter()
        .map(|pl| emit_builder(p.api, pl, opts));
    quote!(#(#items)*)
}

const TYPES_DOC: &str = " Request and response models.";
const ERRORS_DOC: &str =
    " Typed errors: one enum per operation, one variant per documented error status.";
const BUILDER_DOC: &str = " Request builders: one per operation.";

/// The module of one API, as tokens.
pub fn emit_api(api: &Api, opts: &EmitOptions) -> TokenStream {
    let p = prepare(api, opts);
    let mut pieces = Vec::new();
    api_pieces(&p, opts, &mut pieces);
    assemble(&pieces)
}

// ---------------------------------------------------------------------------------------------
// Types

fn type_tokens(api: &Api, t: &TypeRef, in_types: bool) -> TokenStream {
    match t {
        TypeRef::String => quote!(::std::string::String),
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

fn type_desc(api: &Api, t: &TypeRef) -> String {
    match t {
        TypeRef::String => "string".into(),
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

fn enum_values(api: &Api, t: &TypeRef) -> Vec<String> {
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

fn is_stringish(api: &Api, t: &TypeRef) -> bool {
    match t {
        TypeRef::String => true,
        TypeRef::Named(id) => {
            matches!(&api.types[*id].kind, TypeKind::Alias(t) if is_stringish(api, t))
        }
        _ => false,
    }
}

fn serde_derive(extra: TokenStream, u: SerdeUse, opts: &EmitOptions) -> TokenStream {
    let ser = u.ser.then(|| quote!(::cpaas_runtime::serde::Serialize,));
    let de = u.de.then(|| quote!(::cpaas_runtime::serde::Deserialize,));
    let cli_de = match &opts.cli {
        CliTables::Feature(f) if u.cli_de && !u.de => quote! {
            #[cfg_attr(feature = #f, derive(::cpaas_runtime::serde::Deserialize))]
        },
        _ => quote!(),
    };
    // The `serde` attributes need a serde derive to read them.
    let krate = (u.ser || u.de || !cli_de.is_empty())
        .then(|| quote!(#[serde(crate = "::cpaas_runtime::serde")]));
    quote! {
        #[derive(Clone, Debug, PartialEq, #extra #ser #de)]
        #cli_de
        #krate
    }
}

/// `Serialize`/`Deserialize` for a string enum through its wire value, as `u` needs them.
fn string_enum_serde(name: &Ident, u: SerdeUse, opts: &EmitOptions) -> TokenStream {
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
    let de = de_where_needed(de_impl, u, opts);
    quote!(#ser #de)
}

/// A written-out `Deserialize` impl where `u` needs it: always when responses carry the model,
/// behind the CLI feature when only command-line flags are parsed into it, else nowhere.
fn de_where_needed(de_impl: TokenStream, u: SerdeUse, opts: &EmitOptions) -> TokenStream {
    if u.de {
        return de_impl;
    }
    match &opts.cli {
        CliTables::Feature(f) if u.cli_de => quote!(#[cfg(feature = #f)] #de_impl),
        _ => quote!(),
    }
}

fn emit_type(api: &Api, t: &TypeDef, u: SerdeUse, opts: &EmitOptions) -> TokenStream {
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
            let derive_use = SerdeUse {
                de: false,
                cli_de: false,
                ..u
            };
            let default = all_optional.then(|| quote!(Default,));
            let derive = serde_derive(quote!(#default), derive_use, opts);
            let fs = fields.iter().map(|f| emit_field(api, f, true, u.ser));
            let de = de_where_needed(struct_deserialize(api, &name, fields), u, opts);
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
            let serde = string_enum_serde(&name, u, opts);
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
            let derive = serde_derive(quote!(), u, opts);
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
            let derive = serde_derive(quote!(), u, opts);
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

// ---------------------------------------------------------------------------------------------
// Operations

/// One argument of an operation builder: a parameter or a top-level body field.
struct Arg {
    wire: String,
    setter: String,
    flag: String,
    location: &'static str,
    ty: TypeRef,
    required: Required,
    description: Option<String>,
    constraints: Constraints,
    boxed: bool,
    param: Option<ParamLocation>,
}

struct OpPlan<'a> {
    op: &'a Operation,
    builder: String,
    error: String,
    args: Vec<Arg>,
    /// The body struct when its fields are builder arguments.
    body_struct: Option<TypeId>,
    success: Option<&'a Response>,
}

impl<'a> OpPlan<'a> {
    fn new(api: &'a Api, op: &'a Operation, ns: &mut Namespace) -> Self {
        let builder = ns.claim(&camel(&op.rust_name));
        let error = format!("{builder}Error");
        let mut setters = Namespace::new();
        for r in [
            "send",
            "body",
            "new",
            "client",
            "send_blocking",
            "request",
            "decode",
        ] {
            setters.reserve(r);
        }
        let mut flags = Namespace::new();
        let mut args = Vec::new();
        for p in &op.params {
            args.push(Arg {
                wire: p.name.clone(),
                setter: setters.claim(&p.rust_name),
                flag: flags.claim(&kebab(&p.name)),
                location: p.location.as_str(),
                ty: p.ty.clone(),
                required: p.required,
                description: p.description.clone(),
                constraints: p.constraints.clone(),
                boxed: false,
                param: Some(p.location),
            });
        }
        let mut body_struct = None;
        if let Some(b) = &op.body {
            if let TypeRef::Named(id) = b.ty.strip_nullable().0 {
                if let TypeKind::Struct { fields, .. } = &api.types[*id].kind {
                    if b.encoding != BodyEncoding::Bytes {
                        body_struct = Some(*id);
                        for f in fields {
                            let setter = setters.claim(&f.rust_name);
                            args.push(Arg {
                                wire: f.name.clone(),
                                setter,
                                flag: flags.claim(&kebab(&f.name)),
                                location: "body",
                                ty: f.ty.clone(),
                                required: f.required,
                                description: f.description.clone(),
                                constraints: f.constraints.clone(),
                                boxed: f.boxed,
                                param: None,
                            });
                        }
                    }
                }
            }
        }
        let success = op.responses.iter().find(|r| r.is_success());
        OpPlan {
            op,
            builder,
            error,
            args,
            body_struct,
            success,
        }
    }

    fn success_type(&self, api: &Api) -> TokenStream {
        match self.success.map(|r| &r.body) {
            None | Some(ResponseBody::Empty) => quote!(()),
            Some(ResponseBody::Json(t)) => type_tokens(api, t, false),
            Some(ResponseBody::Text) => quote!(::std::string::String),
            Some(ResponseBody::Untyped) => quote!(::cpaas_runtime::serde_json::Value),
            Some(ResponseBody::Bytes) => quote!(::std::vec::Vec<u8>),
        }
    }
}

fn status_variant(r: &Response) -> String {
    match r.status {
        StatusSpec::Default => "Default".into(),
        StatusSpec::Range(c) => format!("Status{c}xx"),
        StatusSpec::Code(c) => match c {
            400 => "BadRequest".into(),
            401 => "Unauthorized".into(),
            402 => "PaymentRequired".into(),
            403 => "Forbidden".into(),
            404 => "NotFound".into(),
            405 => "MethodNotAllowed".into(),
            406 => "NotAcceptable".into(),
            408 => "RequestTimeout".into(),
            409 => "Conflict".into(),
            410 => "Gone".into(),
            412 => "PreconditionFailed".into(),
            413 => "PayloadTooLarge".into(),
            415 => "UnsupportedMediaType".into(),
            422 => "UnprocessableEntity".into(),
            429 => "TooManyRequests".into(),
            500 => "InternalServerError".into(),
            501 => "NotImplemented".into(),
            502 => "BadGateway".into(),
            503 => "ServiceUnavailable".into(),
            504 => "GatewayTimeout".into(),
            c if (300..400).contains(&c) => format!("Redirect{c}"),
            c => format!("Status{c}"),
        },
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
fn emit_error_enums(api: &Api, plans: &[OpPlan]) -> TokenStream {
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
    // A `no_run` example that compiles as a doctest.
    let mut chain = String::new();
    for a in p.args.iter().filter(|a| a.required.is_required()) {
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
        TypeRef::String => "\"example\"".into(),
        TypeRef::Integer(_) => "60".into(),
        TypeRef::Number => "1.0".into(),
        TypeRef::Boolean => "true".into(),
        TypeRef::Nullable(t) => format!("Some({})", example_value(api, t)),
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

/// The setter's parameter type and how to store it.
fn setter_type(api: &Api, a: &Arg) -> (TokenStream, TokenStream) {
    let (inner, _) = a.ty.strip_nullable();
    let ty = type_tokens(api, inner, false);
    if is_stringish(api, inner) {
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
    let ty = type_tokens(api, inner, false);
    if a.boxed {
        quote!(::std::boxed::Box<#ty>)
    } else {
        ty
    }
}

fn validations(api: &Api, a: &Arg, value: TokenStream) -> TokenStream {
    let c = &a.constraints;
    let field = &a.wire;
    let (inner, _) = a.ty.strip_nullable();
    let mut checks = Vec::new();
    if is_stringish(api, inner) {
        if let Some(n) = c.min_length {
            checks.push(quote!(::cpaas_runtime::validate::min_length(#field, v, #n)?;));
        }
        if let Some(n) = c.max_length {
            checks.push(quote!(::cpaas_runtime::validate::max_length(#field, v, #n)?;));
        }
        if let Some(pat) = &c.pattern {
            checks.push(quote!(::cpaas_runtime::validate::pattern(#field, v, #pat)?;));
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
    let success = p.success_type(api);
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
        match a.required {
            Required::Yes => d.push_str(", required)."),
            Required::No => d.push_str(", optional)."),
            Required::Unknown => d.push_str(", the source does not say whether it is required)."),
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
    let body_ty = op.body.as_ref().map(|b| match b.encoding {
        BodyEncoding::Bytes => quote!(::std::vec::Vec<u8>),
        BodyEncoding::Text => quote!(::std::string::String),
        _ => type_tokens(api, b.ty.strip_nullable().0, false),
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
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        fmt.push_str(&rest[..start].replace('{', "{{").replace('}', "}}"));
        let pname = &rest[start + 1..start + len];
        if let Some(a) = p
            .args
            .iter()
            .find(|a| a.param == Some(ParamLocation::Path) && a.wire == pname)
        {
            let f = ident(&a.setter);
            fmt.push_str("{}");
            fmt_args.push(quote!(::cpaas_runtime::encode_path(&#f)));
        } else {
            fmt.push_str(&format!("{{{{{pname}}}}}"));
        }
        rest = &rest[start + len + 1..];
    }
    fmt.push_str(&rest.replace('{', "{{").replace('}', "}}"));
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
                if matches!(a.ty.strip_nullable().0, TypeRef::Array(_)) {
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
    if let Some(b) = &op.body {
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
            BodyEncoding::Bytes => {
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
    // Status mapping.
    let mut arms = Vec::new();
    let mut default_arm = quote!(_ => Err(response.unexpected()),);
    for r in &p.op.responses {
        let pat = match r.status {
            StatusSpec::Code(c) => {
                let c = Literal::u16_unsuffixed(c);
                quote!(#c)
            }
            StatusSpec::Range(c) => {
                let lo = Literal::u16_unsuffixed(c * 100);
                let hi = Literal::u16_unsuffixed(c * 100 + 99);
                quote!(#lo..=#hi)
            }
            StatusSpec::Default => quote!(_),
        };
        let expr = if r.is_success() {
            match &r.body {
                ResponseBody::Empty => quote!(response.empty()),
                ResponseBody::Text => quote!(response.text()),
                ResponseBody::Bytes => quote!(response.bytes()),
                ResponseBody::Json(_) | ResponseBody::Untyped => quote!(response.json()),
            }
        } else {
            let v = ident(&status_variant(r));
            match &r.body {
                ResponseBody::Json(_) | ResponseBody::Untyped => {
                    quote!(Err(response.error_json(super::errors::#error::#v)))
                }
                _ => quote!(Err(response.error_text(super::errors::#error::#v))),
            }
        };
        if r.status == StatusSpec::Default {
            default_arm = quote!(_ => #expr,);
        } else {
            arms.push(quote!(#pat => #expr,));
        }
    }
    // Only the first success type is typed; other 2xx with a different body decode as JSON too.
    let _ = &success;
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
        }

        impl<'a> #name<'a> {
            /// A builder with nothing set.
            #[inline]
            pub fn new(client: &'a super::Client) -> Self {
                #name { client, #(#inits)* #body_init }
            }

            #(#setters)*
            #body_setter

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
                Ok(request)
            }

            /// The answer by status.
            #[inline]
            fn decode(response: ::cpaas_runtime::RawResponse) -> ::std::result::Result<::cpaas_runtime::ResponseValue<#success>, ::cpaas_runtime::Error<super::errors::#error>> {
                match response.status().as_u16() {
                    #(#arms)*
                    #default_arm
                }
            }

            #blocking
        }
    }
}

// ---------------------------------------------------------------------------------------------
// CLI dispatch

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

const CLI_DOC: &str = " Operation table and dispatch for the `cpaas` command line.";

/// The `cli` module's table and dispatcher: `OPERATIONS` and `call`.
fn cli_head(api: &Api, plans: &[OpPlan]) -> TokenStream {
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
        let auth = op.security.iter().map(|name| auth_tokens(api, name));
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
fn cli_call_fns(api: &Api, plans: &[OpPlan]) -> TokenStream {
    let fns = plans.iter().map(|p| {
        let method = ident(&p.op.rust_name);
        let f = cli_call_fn(p.op);
        let sets = p.args.iter().map(|a| {
            let flag = &a.flag;
            let f = ident(&a.setter);
            let (inner, _) = a.ty.strip_nullable();
            let ty = type_tokens(api, inner, false);
            if let TypeRef::Array(item) = inner {
                let item_ty = type_tokens(api, item, false);
                quote! {
                    let values = args.get_all(#flag);
                    if !values.is_empty() {
                        let parsed: ::std::vec::Vec<#item_ty> = values
                            .iter()
                            .map(|v| ::cpaas_runtime::cli::parse_arg(#flag, v))
                            .collect::<::std::result::Result<_, _>>()?;
                        b = b.#f(parsed);
                    }
                }
            } else {
                quote! {
                    if let Some(v) = args.get(#flag) {
                        b = b.#f(::cpaas_runtime::cli::parse_arg::<#ty>(#flag, v)?);
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

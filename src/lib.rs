//! # cpaas-tokens
//!
//! Typed async clients for the credential endpoints of CPaaS providers, generated at build time
//! from the providers' own API documents vendored under `specs/`:
//!
//! | module | operation | source format |
//! |---|---|---|
//! | [`twilio::api_v2010`] | `create_token` (ICE servers), `create_new_key` | HTML and Bump.sh Markdown pages |
//! | [`twilio::ip_messaging_v2`] | `create_credential` (Chat push) | Bump.sh text page |
//! | `signalwire::compatibility` | `create_token` | Fern Markdown with embedded OpenAPI |
//! | [`telnyx::v2`] | `create_telephony_credential_token` (WebRTC JWT) | Mintlify Markdown with embedded OpenAPI |
//!
//! Every client is built the same way: `Client::from_env()` (credentials from the provider's
//! usual environment variables) or `Client::builder().credentials(…).build()?` with the
//! provider's credentials from [`auth`] (one call each); each operation is a
//! method returning a request builder whose `send()` gives the typed response or a typed
//! [`Error`]. Timeouts, retries, tracing and secrets are handled by
//! [`cpaas_runtime`]; see its documentation for exactly what is retried.
//!
//! ## Quickstart: Telnyx
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = cpaas_tokens::telnyx::v2::Client::from_env()?; // TELNYX_API_KEY
//! let jwt = client.create_telephony_credential_token().id("credential-id").send().await?;
//! println!("{}", *jwt);
//! # Ok(()) }
//! ```
//!
//! ## Quickstart: Twilio
//! ```no_run
//! use cpaas_tokens::auth::TwilioCredentials;
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! // Explicit credentials (or `Client::from_env()`: TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN).
//! // The Account SID also fills `{AccountSid}`; `.base_url(…)` would replace the bare host.
//! let client = cpaas_tokens::twilio::api_v2010::Client::builder()
//!     .credentials(TwilioCredentials::api_key("AC…", "SK…", "key secret"))
//!     .build()?;
//! let ice = client.create_token().ttl(600).send().await?;
//! for server in ice.ice_servers.as_deref().unwrap_or_default() {
//!     println!("{:?} {:?}", server.urls, server.username);
//! }
//! let key = client.create_new_key().friendly_name("backend").send().await?;
//! # let _ = key; Ok(()) }
//! ```
//!
//! ## Quickstart: SignalWire
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! // SIGNALWIRE_PROJECT_ID + SIGNALWIRE_API_TOKEN + SIGNALWIRE_SPACE
//! let client = cpaas_tokens::signalwire::compatibility::Client::from_env()?;
//! let token = client.create_token().name("ci").permissions(vec!["calling".into()]).send().await?;
//! # let _ = token; Ok(()) }
//! ```
//!
//! ## What the runtime provides
//!
//! The runtime is [`runtime`] (the `cpaas-runtime` crate). What users name of it is re-exported
//! here: [`Error`], [`ResponseValue`] (the typed body with status, headers and request id),
//! [`ClientBuilder`] (what `Client::builder()` returns), [`Auth`], [`Secret`] (credentials that
//! never show in `Debug`), [`RetryPolicy`], [`ConfigError`] (what `from_env()` and `build()` fail
//! with) and [`Call`] (the future `send()` returns).
#![warn(missing_docs)]

pub mod auth;

include!(concat!(env!("OUT_DIR"), "/cpaas_generated.rs"));

pub use cpaas_runtime as runtime;
pub use cpaas_runtime::{
    Auth, Call, ClientBuilder, ConfigError, Error, ResponseValue, RetryPolicy, Secret,
};

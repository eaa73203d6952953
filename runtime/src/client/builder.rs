//! Configuring a client: the defaults, [`ClientBuilder`] and its setters, and
//! [`ClientBuilder::build`], which resolves the server URL, builds the HTTP client and the
//! default headers (accept, user agent, auth). Contract: `build` either returns a ready
//! client or a [`ConfigError`] that says what to fix; no credential is ever printed.
//!
//! The builder is generic over the client it builds (`T`, default [`Client`]): a generated
//! API's `Client::builder()` returns a `ClientBuilder<ThatClient>` whose `build()` gives the
//! typed client, through its `From<Client>` impl. Everything else is written once, here; the
//! only generic code is the conversion at the end of `build`. [`Credentials`] is what
//! provider glue implements so that [`ClientBuilder::credentials`] takes a provider's
//! credentials in one call.

use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use http::header::{self, HeaderMap, HeaderName, HeaderValue};

use super::base_url::{redact_userinfo, resolve_base_url};
use super::retry::RetryPolicy;
use super::send::{Client, Inner, describe};
use crate::config::{ApiInfo, ConfigError};
use crate::secret::{Auth, base64};

/// The default `User-Agent`: `cpaas-tokens/<version of this crate>`.
pub const DEFAULT_USER_AGENT: &str = concat!("cpaas-tokens/", env!("CARGO_PKG_VERSION"));
/// The default per-attempt timeout (connect, send, and reading the whole body).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// The default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default number of retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// The default largest response body read (64 MiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

/// Builds a client: the runtime [`Client`] (start with [`Client::builder`]), or, as
/// `ClientBuilder<T>`, a generated API's typed client `T` (start with that client's
/// `builder()`).
pub struct ClientBuilder<T = Client> {
    api: &'static ApiInfo,
    base_url: Option<String>,
    server_variables: HashMap<String, String>,
    auth: Auth,
    path_defaults: HashMap<String, String>,
    timeout: Duration,
    connect_timeout: Duration,
    max_retries: u32,
    policy: RetryPolicy,
    user_agent: Option<String>,
    http_client: Option<reqwest::Client>,
    proxies: Vec<reqwest::Proxy>,
    max_response_bytes: usize,
    target: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for ClientBuilder<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("provider", &self.api.provider)
            .field("api", &self.api.api)
            .field("base_url", &self.base_url.as_deref().map(redact_userinfo))
            .field("server_variables", &self.server_variables)
            .field("auth", &self.auth)
            .field("path_defaults", &self.path_defaults)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_retries", &self.max_retries)
            .field("retry_policy", &self.policy)
            .field("user_agent", &self.user_agent)
            .field(
                "http_client",
                &self.http_client.as_ref().map(|_| "[custom]"),
            )
            .field("proxies", &self.proxies.len())
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

impl<T> ClientBuilder<T> {
    /// A builder for `api` with every setting at its default, building a `T`.
    pub fn new(api: &'static ApiInfo) -> Self {
        ClientBuilder {
            api,
            base_url: None,
            server_variables: HashMap::new(),
            auth: Auth::None,
            path_defaults: HashMap::new(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_retries: DEFAULT_MAX_RETRIES,
            policy: RetryPolicy::default(),
            user_agent: None,
            http_client: None,
            proxies: Vec::new(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            target: PhantomData,
        }
    }

    /// The API this builder configures a client for.
    pub fn api(&self) -> &'static ApiInfo {
        self.api
    }

    /// The same settings, building a `U` instead.
    pub fn retarget<U>(self) -> ClientBuilder<U> {
        ClientBuilder {
            api: self.api,
            base_url: self.base_url,
            server_variables: self.server_variables,
            auth: self.auth,
            path_defaults: self.path_defaults,
            timeout: self.timeout,
            connect_timeout: self.connect_timeout,
            max_retries: self.max_retries,
            policy: self.policy,
            user_agent: self.user_agent,
            http_client: self.http_client,
            proxies: self.proxies,
            max_response_bytes: self.max_response_bytes,
            target: PhantomData,
        }
    }

    /// Replaces the server URL, **including its path prefix**: the value stands for the whole
    /// server URL of the API description (`https://api.twilio.com` for Twilio, whose paths
    /// start with `/2010-04-01`; `https://api.telnyx.com/v2` for Telnyx, whose paths do not
    /// repeat `/v2`), so a mock or proxy URL needs the same prefix
    /// (`http://127.0.0.1:8080/v2`). `{var}` placeholders in it are substituted like those of
    /// the default URL.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Sets a `{name}` of the server URL; takes precedence over its environment variable
    /// and its default.
    pub fn server_variable(mut self, name: &str, value: impl Into<String>) -> Self {
        self.server_variables.insert(name.to_owned(), value.into());
        self
    }

    /// Sets the credentials (default [`Auth::None`]).
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = auth;
        self
    }

    /// Applies a provider's credentials in one call: the auth they send and whatever else
    /// they configure (Twilio's Account SID as the `AccountSid` path default, SignalWire's
    /// space). See [`Credentials`].
    pub fn credentials(self, credentials: impl Credentials) -> Self {
        credentials.configure(self.retarget()).retarget()
    }

    /// A client-scoped path parameter value (Twilio's `AccountSid`), used by the generated
    /// code when the caller does not pass one.
    pub fn path_default(mut self, name: &str, value: impl Into<String>) -> Self {
        self.path_defaults.insert(name.to_owned(), value.into());
        self
    }

    /// The total time one attempt may take: connecting, sending, and reading the whole
    /// response body (default 60 s).
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
        self
    }

    /// The time a TCP+TLS connect may take (default 10 s). Ignored with
    /// [`http_client`](Self::http_client).
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }

    /// Retries after the first attempt (default 2, so at most 3 attempts; 0 disables).
    pub fn max_retries(mut self, n: u32) -> Self {
        self.max_retries = n;
        self
    }

    /// Replaces the whole retry policy, including `retry_non_idempotent`.
    pub fn retry_policy(mut self, p: RetryPolicy) -> Self {
        self.policy = p;
        self
    }

    /// Allows retrying non-idempotent requests where the server may have acted on them.
    pub fn retry_non_idempotent(mut self, yes: bool) -> Self {
        self.policy.retry_non_idempotent = yes;
        self
    }

    /// Replaces the `User-Agent` (default [`DEFAULT_USER_AGENT`]).
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = Some(ua.into());
        self
    }

    /// Uses this `reqwest::Client` (your proxies, TLS roots, pool settings). Then
    /// [`connect_timeout`](Self::connect_timeout) and [`proxy`](Self::proxy) are yours to set
    /// on it; [`timeout`](Self::timeout) still applies per attempt. Its redirect policy is
    /// yours too: the default client follows no redirects, so that no credential is ever
    /// sent to another host.
    pub fn http_client(mut self, c: reqwest::Client) -> Self {
        self.http_client = Some(c);
        self
    }

    /// Adds a proxy to the default HTTP client (can be called repeatedly). Without it,
    /// `reqwest` uses the `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` environment variables.
    pub fn proxy(mut self, p: reqwest::Proxy) -> Self {
        self.proxies.push(p);
        self
    }

    /// The largest response body read (default 64 MiB); a longer one fails the call with
    /// [`Error::Transport`](crate::Error::Transport) (not retried) instead of exhausting memory.
    pub fn max_response_bytes(mut self, n: usize) -> Self {
        self.max_response_bytes = n;
        self
    }

    /// Resolves the server URL and builds the client.
    ///
    /// Fails with [`ConfigError::MissingServerVariable`] (naming the variable and its
    /// environment variable) when a `{var}` has no value, [`ConfigError::InvalidBaseUrl`]
    /// when the result is not an absolute `http(s)` URL without user info, query or
    /// fragment, and [`ConfigError::Http`] when a credential or the user agent cannot be
    /// sent as a header or the HTTP client cannot be built.
    pub fn build(self) -> Result<T, ConfigError>
    where
        T: From<Client>,
    {
        self.retarget::<Client>().build_runtime().map(T::from)
    }
}

impl ClientBuilder<Client> {
    /// [`ClientBuilder::build`], compiled once for every target.
    fn build_runtime(self) -> Result<Client, ConfigError> {
        let template = self.base_url.as_deref().unwrap_or(self.api.base_url);
        let base_url = resolve_base_url(template, self.api, &self.server_variables)?;

        let http = match self.http_client {
            Some(c) => {
                if !self.proxies.is_empty() {
                    return Err(ConfigError::Http(
                        "proxy() has no effect with http_client(): configure the proxy on that client"
                            .into(),
                    ));
                }
                c
            }
            None => {
                let mut b = reqwest::Client::builder()
                    .connect_timeout(self.connect_timeout)
                    .redirect(reqwest::redirect::Policy::none());
                for p in self.proxies {
                    b = b.proxy(p);
                }
                b.build().map_err(|e| ConfigError::Http(describe(e)))?
            }
        };

        let mut default_headers = HeaderMap::new();
        default_headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        let ua = self.user_agent.as_deref().unwrap_or(DEFAULT_USER_AGENT);
        let ua = HeaderValue::from_str(ua).map_err(|_| {
            ConfigError::Http("the user agent contains characters not allowed in a header".into())
        })?;
        default_headers.insert(header::USER_AGENT, ua);
        let bad_credential = || {
            ConfigError::Http(
                "the credential contains characters not allowed in an HTTP header \
                 (a newline or another control character?)"
                    .into(),
            )
        };
        let secret_header = |text: String| {
            HeaderValue::try_from(text).map(|mut v| {
                v.set_sensitive(true);
                v
            })
        };
        let mut auth_query = None;
        let auth_kind = match &self.auth {
            Auth::None => "none",
            Auth::Basic { username, password } => {
                let token = base64(format!("{username}:{}", password.expose()).as_bytes());
                let v = secret_header(format!("Basic {token}")).map_err(|_| bad_credential())?;
                default_headers.insert(header::AUTHORIZATION, v);
                "basic"
            }
            Auth::Bearer(token) => {
                let v = secret_header(format!("Bearer {}", token.expose()))
                    .map_err(|_| bad_credential())?;
                default_headers.insert(header::AUTHORIZATION, v);
                "bearer"
            }
            Auth::ApiKeyHeader { name, value } => {
                let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                    ConfigError::Http(format!("{name:?} is not a valid header name"))
                })?;
                let v = secret_header(value.expose().to_owned()).map_err(|_| bad_credential())?;
                default_headers.insert(name, v);
                "api_key_header"
            }
            Auth::ApiKeyQuery { name, value } => {
                auth_query = Some((*name, value.clone()));
                "api_key_query"
            }
            Auth::ApiKeyCookie { name, value } => {
                let v = secret_header(format!("{name}={}", value.expose()))
                    .map_err(|_| bad_credential())?;
                default_headers.insert(header::COOKIE, v);
                "api_key_cookie"
            }
        };

        Ok(Client {
            inner: Arc::new(Inner {
                api: self.api,
                base_url,
                path_defaults: self.path_defaults,
                http,
                default_headers,
                auth_kind,
                auth_query,
                timeout: self.timeout,
                max_retries: self.max_retries,
                policy: self.policy,
                max_response_bytes: self.max_response_bytes,
            }),
        })
    }
}

impl Client {
    /// Starts configuring a client for `api`.
    pub fn builder(api: &'static ApiInfo) -> ClientBuilder {
        ClientBuilder::new(api)
    }
}

/// Something that configures a client's credentials: implemented by the provider glue
/// (`TwilioCredentials`, …) and by [`Auth`] itself. Pass it to
/// [`ClientBuilder::credentials`].
pub trait Credentials {
    /// Applies these credentials to `builder`: the auth they send, and whatever else they
    /// imply (client-scoped path parameters, server variables).
    fn configure(&self, builder: ClientBuilder) -> ClientBuilder;
}

impl<C: Credentials + ?Sized> Credentials for &C {
    fn configure(&self, builder: ClientBuilder) -> ClientBuilder {
        (**self).configure(builder)
    }
}

impl Credentials for Auth {
    fn configure(&self, builder: ClientBuilder) -> ClientBuilder {
        builder.auth(self.clone())
    }
}
